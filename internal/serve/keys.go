package serve

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"strings"
	"sync"
	"time"

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

// keyFile is an authorized-keys file (OpenSSH format), read again whenever
// its size or modification time changed since the last look, so that a key
// removed from it is refused from the next attempt on, without a restart.
type keyFile struct {
	path string

	mu      sync.Mutex
	modTime time.Time
	size    int64
	loaded  bool
	keys    map[string]string // fingerprint → comment
	skipped []string          // lines that are not keys, for the log
}

func newKeyFile(path string) *keyFile { return &keyFile{path: path} }

// lookup says whether key is in the file and with what comment. An error
// (the file is gone or unreadable) refuses every key: an operator who
// removes the file means nobody.
func (f *keyFile) lookup(key gossh.PublicKey) (comment string, ok bool, err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.refresh(); err != nil {
		return "", false, err
	}
	comment, ok = f.keys[gossh.FingerprintSHA256(key)]
	return comment, ok, nil
}

// load reads the file now, for the check at start: how many keys, and the
// lines that were skipped.
func (f *keyFile) load() (keys int, skipped []string, err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.refresh(); err != nil {
		return 0, nil, err
	}
	return len(f.keys), f.skipped, nil
}

func (f *keyFile) refresh() error {
	info, err := os.Stat(f.path)
	if err != nil {
		f.loaded, f.keys = false, nil
		return fmt.Errorf("authorized keys %s: %w", f.path, err)
	}
	if f.loaded && info.ModTime().Equal(f.modTime) && info.Size() == f.size {
		return nil
	}
	data, err := os.ReadFile(f.path)
	if err != nil {
		f.loaded, f.keys = false, nil
		return fmt.Errorf("authorized keys %s: %w", f.path, err)
	}
	f.keys, f.skipped = parseAuthorizedKeys(data)
	f.modTime, f.size, f.loaded = info.ModTime(), info.Size(), true
	return nil
}

// parseAuthorizedKeys reads every key of an authorized_keys file. Options
// before a key (restrict, from=…) are not enforced here: the file is a
// list of who may connect. A line that is not a key is skipped and named,
// rather than refusing everyone because of one typo.
func parseAuthorizedKeys(data []byte) (keys map[string]string, skipped []string) {
	keys = map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		key, comment, _, _, err := gossh.ParseAuthorizedKey([]byte(line))
		if err != nil {
			skipped = append(skipped, fmt.Sprintf("line %d: %v", n, err))
			continue
		}
		keys[gossh.FingerprintSHA256(key)] = comment
	}
	return keys, skipped
}
