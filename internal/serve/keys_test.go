package serve

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// keyLine is key's authorized_keys line, without a newline or comment.
func keyLine(key gossh.Signer) string {
	return strings.TrimSpace(string(gossh.MarshalAuthorizedKey(key.PublicKey())))
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
}

// A key in both files is read-only. While the read-only file cannot be
// read in full, that key must not fall through to the authorized keys
// and get write access: nobody gets in.
func TestServe_ReadOnlyFileUnusableNeverUpgradesAKey(t *testing.T) {
	tests := []struct {
		name  string
		spoil func(t *testing.T, path string, key gossh.Signer)
		log   string
	}{
		{"file removed", func(t *testing.T, path string, _ gossh.Signer) {
			if err := os.Remove(path); err != nil {
				t.Fatal(err)
			}
		}, "read-only keys unreadable"},
		{"key line broken in two", func(t *testing.T, path string, key gossh.Signer) {
			line := keyLine(key)
			writeFile(t, path, line[:40]+"\n"+line[40:]+"\n")
		}, "read-only keys file has lines that are not keys"},
		{"file made a folder", func(t *testing.T, path string, _ gossh.Signer) {
			if err := os.Remove(path); err != nil {
				t.Fatal(err)
			}
			if err := os.Mkdir(path, 0o700); err != nil {
				t.Fatal(err)
			}
		}, "read-only keys unreadable"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newRig(t)
			key := newKey(t)
			writeKeys(t, r.authKeys, key)
			writeKeys(t, r.roKeys, key)
			tt.spoil(t, r.roKeys, key)
			if c, err := r.dial(key); err == nil {
				c.Close()
				t.Fatal("a key of both files got in while the read-only file could not be read; it would have write access")
			}
			if !strings.Contains(r.logs.String(), tt.log) {
				t.Errorf("the server's log lacks %q:\n%s", tt.log, r.logs.String())
			}
		})
	}
}

func TestServe_ReadOnlyFileWithBrokenLineNoStart(t *testing.T) {
	dir := t.TempDir()
	key := newKey(t)
	ak, ro := filepath.Join(dir, "ak"), filepath.Join(dir, "ro")
	writeKeys(t, ak, key)
	line := keyLine(key)
	writeFile(t, ro, line[:40]+"\n"+line[40:]+"\n")
	_, err := New(Config{HostKeyPath: filepath.Join(dir, "hk"), AuthorizedKeys: ak, ReadOnlyKeys: ro})
	if err == nil || !strings.Contains(err.Error(), "--read-only-keys") || !strings.Contains(err.Error(), "line 1") {
		t.Errorf("New = %v, want a refusal naming --read-only-keys and the broken line", err)
	}
}

// Options restrict a key (from=, expiry-time=, …); vbosched enforces none,
// so it refuses the key rather than let it in unrestricted.
func TestServe_KeyWithOptionsRefusedAndLogged(t *testing.T) {
	tests := []struct{ name, options string }{
		{"from", `from="10.9.9.9"`},
		{"expiry-time", `expiry-time="20200101"`},
		{"restrict", `restrict`},
		{"command", `command="/bin/true"`},
		{"several", `from="10.9.9.9",expiry-time="20200101"`},
	}
	for _, tt := range tests {
		for _, file := range []string{"authorized", "read-only"} {
			t.Run(tt.name+" in "+file, func(t *testing.T) {
				r := newRig(t)
				key := newKey(t)
				writeKeys(t, r.authKeys, key)
				path := r.authKeys
				if file == "read-only" {
					path = r.roKeys
				}
				writeFile(t, path, tt.options+" "+keyLine(key)+" carol@test\n")
				if c, err := r.dial(key); err == nil {
					c.Close()
					t.Fatalf("a key with %s in the %s file got in", tt.options, file)
				}
				fp := gossh.FingerprintSHA256(key.PublicKey())
				first, _, _ := strings.Cut(strings.SplitN(tt.options, ",", 2)[0], "=") // the first option's name
				for _, want := range []string{"its line has options", fp, first} {
					if !strings.Contains(r.logs.String(), want) {
						t.Errorf("the server's log lacks %q:\n%s", want, r.logs.String())
					}
				}
			})
		}
	}
}

// cp -p, rsync -a and tar x keep the modification time; a commented-out
// line keeps the size. The key must still be refused from then on.
func TestServe_RemovedKeyRefusedWhenSizeAndMtimeKept(t *testing.T) {
	r := newRig(t)
	goes, stays := newKey(t), newKey(t)
	before := keyLine(goes) + " alice@test\n" + keyLine(stays) + " bob@test\n"
	writeFile(t, r.authKeys, before)
	mtime := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	if err := os.Chtimes(r.authKeys, mtime, mtime); err != nil {
		t.Fatal(err)
	}
	c, err := r.dial(goes)
	if err != nil {
		t.Fatalf("before removal: %v", err)
	}
	c.Close()
	after := "#" + before[1:]
	if len(after) != len(before) {
		t.Fatal("the rewrite must keep the size")
	}
	writeFile(t, r.authKeys, after)
	if err := os.Chtimes(r.authKeys, mtime, mtime); err != nil {
		t.Fatal(err)
	}
	if c, err := r.dial(goes); err == nil {
		c.Close()
		t.Fatal("a key commented out (same size, same mtime) was still let in")
	}
	if c, err := r.dial(stays); err != nil {
		t.Fatalf("the key still in the file was refused: %v", err)
	} else {
		c.Close()
	}
}

// A file others may write lets any local user add a key; a host key others
// may read lets them pose as the server. OpenSSH refuses both; so does New.
func TestServe_LooseFileModesNoStart(t *testing.T) {
	tests := []struct {
		name            string
		ak, ro, hk      os.FileMode
		wantIn, wantErr string
	}{
		{"authorized keys world-writable", 0o666, 0o600, 0o600, "ak", "writable by group or others"},
		{"authorized keys group-writable", 0o620, 0o600, 0o600, "ak", "writable by group or others"},
		{"read-only keys world-writable", 0o600, 0o602, 0o600, "ro", "writable by group or others"},
		{"host key world-readable", 0o600, 0o600, 0o644, "hk", "readable by group or others"},
		{"host key group-readable", 0o600, 0o600, 0o640, "hk", "readable by group or others"},
		{"host key group-writable", 0o600, 0o600, 0o620, "hk", "writable by group or others"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			key := newKey(t)
			ak, ro, hk := filepath.Join(dir, "ak"), filepath.Join(dir, "ro"), filepath.Join(dir, "hk")
			writeKeys(t, ak, key)
			writeKeys(t, ro)
			if _, err := New(Config{HostKeyPath: hk, AuthorizedKeys: ak, ReadOnlyKeys: ro}); err != nil {
				t.Fatalf("with mode 0600 files: %v", err)
			}
			for path, mode := range map[string]os.FileMode{ak: tt.ak, ro: tt.ro, hk: tt.hk} {
				if err := os.Chmod(path, mode); err != nil {
					t.Fatal(err)
				}
			}
			_, err := New(Config{HostKeyPath: hk, AuthorizedKeys: ak, ReadOnlyKeys: ro})
			if err == nil || !strings.Contains(err.Error(), filepath.Join(dir, tt.wantIn)) || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("New = %v, want a refusal naming %s and %q", err, tt.wantIn, tt.wantErr)
			}
		})
	}
}

// A key file made writable by others while serving refuses logins from the
// next attempt on, rather than trusting what anyone may have added.
func TestServe_KeyFileMadeWritableByOthersRefusesLogins(t *testing.T) {
	r := newRig(t)
	key := newKey(t)
	writeKeys(t, r.authKeys, key)
	if err := os.Chmod(r.authKeys, 0o666); err != nil {
		t.Fatal(err)
	}
	if c, err := r.dial(key); err == nil {
		c.Close()
		t.Fatal("a key of a world-writable authorized-keys file got in")
	}
	r.waitLog("writable by group or others")
}
