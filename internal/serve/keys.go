package serve

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"

	gossh "golang.org/x/crypto/ssh"
)

// User is who an SSH session is: the key it authenticated with, as its
// authorized-keys line names it, and where it connected from.
type User struct {
	// Fingerprint is the key's SHA-256 fingerprint as ssh-keygen -l shows
	// it ("SHA256:…").
	Fingerprint string
	// Comment is the comment of the key's authorized-keys line (often
	// user@host); it may be empty.
	Comment string
	// ReadOnly is set for keys of the read-only keys file.
	ReadOnly   bool
	RemoteAddr string
}

// Who names the user in the audit log and the server's log: the
// fingerprint, which nobody can forge, and the comment, which people read.
func (u User) Who() string {
	if u.Comment == "" {
		return u.Fingerprint
	}
	return u.Fingerprint + " (" + u.Comment + ")"
}

// keyFile is an authorized-keys file (OpenSSH format), read again on every
// look: the files are small, and a check by size and modification time
// misses a rewrite that keeps both (cp -p, rsync -a, a same-size key
// rotation), which would keep a removed key authorized.
type keyFile struct {
	path string

	mu   sync.Mutex
	last [sha256.Size]byte // content hash of the last read, to log its problems once per change
	seen bool
}

func newKeyFile(path string) *keyFile { return &keyFile{path: path} }

// keyList is a key file as read: the plain keys, the keys refused because
// their line has options, and the lines that are not keys.
type keyList struct {
	keys map[string]string // fingerprint → comment
	// optioned are keys whose line carries options (from=, restrict,
	// command=, …). vbosched enforces none of them, so such a key is
	// refused rather than let in without the restriction its line asks.
	optioned map[string]optionedKey
	skipped  []string // "line N: why", for the log
	// changed is set when the content differs from the last read, so the
	// caller logs the file's problems once per change, not per login.
	changed bool
}

type optionedKey struct {
	comment string
	options []string
}

// read reads the file now. An error (the file is gone or unreadable)
// refuses every key: an operator who removes the file means nobody.
func (f *keyFile) read() (keyList, error) {
	file, err := os.Open(f.path)
	if err != nil {
		return keyList{}, fmt.Errorf("key file %s: %w", f.path, err)
	}
	defer file.Close()
	// The mode of the file read, not of the path looked at before: a
	// rename between the two must not slip a writable file past the check.
	info, err := file.Stat()
	if err != nil {
		return keyList{}, fmt.Errorf("key file %s: %w", f.path, err)
	}
	if err := checkNotWritableByOthers(f.path, info, "anyone who can write it can let any key in"); err != nil {
		return keyList{}, err
	}
	data, err := io.ReadAll(file)
	if err != nil {
		return keyList{}, fmt.Errorf("key file %s: %w", f.path, err)
	}
	l := parseAuthorizedKeys(data)
	f.mu.Lock()
	sum := sha256.Sum256(data)
	l.changed = !f.seen || sum != f.last
	f.last, f.seen = sum, true
	f.mu.Unlock()
	return l, nil
}

// parseAuthorizedKeys reads every key of an authorized_keys file. A line
// that is not a key is skipped and named, rather than refusing everyone
// because of one typo; a key with options is kept apart (see optioned).
func parseAuthorizedKeys(data []byte) keyList {
	l := keyList{keys: map[string]string{}, optioned: map[string]optionedKey{}}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20) // an RSA key line is longer than bufio's default token
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		key, comment, options, _, err := gossh.ParseAuthorizedKey([]byte(line))
		if err != nil {
			l.skipped = append(l.skipped, fmt.Sprintf("line %d: %v", n, err))
			continue
		}
		fp := gossh.FingerprintSHA256(key)
		if len(options) > 0 {
			l.optioned[fp] = optionedKey{comment: comment, options: options}
			continue
		}
		l.keys[fp] = comment
	}
	if err := sc.Err(); err != nil {
		l.skipped = append(l.skipped, fmt.Sprintf("reading stopped: %v", err))
	}
	return l
}
