package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/term"
)

// password finds the password: --password-stdin, --password-file,
// VBO_PASSWORD, then a hidden prompt on a terminal. Never a flag's value:
// it would show in ps.
func (c *connection) password(ctx context.Context, s settings) (string, error) {
	switch {
	case c.passwordStdin:
		return firstLine(c.env.In)
	case s.profile.PasswordFile != "":
		f, err := os.Open(s.profile.PasswordFile)
		if err != nil {
			return "", usage(fmt.Errorf("password file: %w", err))
		}
		defer f.Close()
		warnReadableByOthers(c.env.Err, f)
		return firstLine(f)
	case c.env.Getenv("VBO_PASSWORD") != "":
		return c.env.Getenv("VBO_PASSWORD"), nil
	}
	in, ok := c.env.In.(*os.File)
	if !ok || !term.IsTerminal(in.Fd()) {
		return "", usagef("no password: set VBO_PASSWORD, or use --password-file or --password-stdin")
	}
	if c.promptMu != nil {
		c.promptMu.Lock()
		defer c.promptMu.Unlock()
	}
	fmt.Fprintf(c.env.Err, "Password for %s at %s: ", s.profile.Username, s.profile.Server)
	return promptPassword(ctx, in, c.env.Err)
}

// promptPassword reads a password from the terminal in raw mode, so that
// ctrl+c and ctrl+d arrive as keys: with the terminal's own line editing
// ctrl+c was a SIGINT that main's signal handler caught while the read
// went on waiting for Enter, and ctrl+d ended the line as if it were
// Enter. The terminal is restored however the prompt ends.
func promptPassword(ctx context.Context, in *os.File, errw io.Writer) (string, error) {
	state, err := term.MakeRaw(in.Fd())
	if err != nil {
		return "", fmt.Errorf("reading the password: %w", err)
	}
	type answer struct {
		pw  string
		err error
	}
	done := make(chan answer, 1)
	go func() {
		pw, err := readSecret(in)
		done <- answer{pw, err}
	}()
	var a answer
	select {
	case a = <-done:
	case <-ctx.Done(): // SIGTERM; the read is left to end with the process
		a.err = errInterruptedPrompt
	}
	_ = term.Restore(in.Fd(), state)
	fmt.Fprint(errw, "\r\n") // raw mode did not echo the Enter
	return a.pw, a.err
}

var errInterruptedPrompt = &ExitError{Code: ExitInterrupted, Err: errors.New("interrupted at the password prompt: nothing was sent")}

// readSecret reads one line of a password typed on a raw terminal: Enter
// ends it, backspace and ctrl+u edit it, ctrl+c interrupts (exit 130),
// ctrl+d aborts. An empty password is refused: a server answers it only
// with a failed login.
func readSecret(r io.Reader) (string, error) {
	var pw []byte
	var b [1]byte
	for {
		n, err := r.Read(b[:])
		if n == 0 {
			if err == nil {
				continue
			}
			return "", usagef("no password: the input ended (ctrl+d) before Enter; nothing was sent")
		}
		switch c := b[0]; c {
		case '\r', '\n':
			if len(pw) == 0 {
				return "", usagef("the password is empty: nothing was sent; type it, or set VBO_PASSWORD, --password-file or --password-stdin")
			}
			return string(pw), nil
		case 0x03: // ctrl+c
			return "", errInterruptedPrompt
		case 0x04: // ctrl+d
			return "", usagef("no password: the prompt was ended with ctrl+d; nothing was sent")
		case 0x7f, 0x08: // backspace: a whole rune, since a password may hold é
			if len(pw) > 0 {
				_, size := utf8.DecodeLastRune(pw)
				pw = pw[:len(pw)-size]
			}
		case 0x15: // ctrl+u
			pw = pw[:0]
		default:
			pw = append(pw, c)
		}
	}
}

// warnReadableByOthers warns when a password file's mode lets group or
// others read it: the password is then as good as shared. (Windows has no
// such bits; its ACLs are out of reach here.)
func warnReadableByOthers(w io.Writer, f *os.File) {
	info, err := f.Stat()
	if err != nil || runtime.GOOS == "windows" || info.Mode().Perm()&0o077 == 0 {
		return
	}
	fmt.Fprintf(w, "vbosched: warning: password file %s is readable by group or others (mode %04o): run chmod 600 %s\n",
		f.Name(), info.Mode().Perm(), f.Name())
}

func firstLine(r io.Reader) (string, error) {
	line, err := bufio.NewReader(r).ReadString('\n')
	if err != nil && err != io.EOF {
		return "", err
	}
	line = strings.TrimRight(line, "\r\n")
	if line == "" {
		return "", usagef("the password read is empty")
	}
	return line, nil
}
