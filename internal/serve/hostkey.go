package serve

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"

	gossh "golang.org/x/crypto/ssh"
)

// loadHostKey reads the host key at path, or makes an Ed25519 key there
// (mode 0600) when there is none, so clients see the same host key on
// every start and ssh never warns that it changed. created says which.
func loadHostKey(path string) (signer gossh.Signer, created bool, err error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		signer, err = createHostKey(path)
		return signer, err == nil, err
	}
	if err != nil {
		return nil, false, fmt.Errorf("host key %s: %w", path, err)
	}
	if err := checkHostKeyMode(path); err != nil {
		return nil, false, err
	}
	signer, err = gossh.ParsePrivateKey(data)
	if err != nil {
		return nil, false, fmt.Errorf("host key %s: %w (an OpenSSH private key without a passphrase is needed; move the file away to have a new one made)", path, err)
	}
	return signer, false, nil
}

func createHostKey(path string) (gossh.Signer, error) {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, err
	}
	block, err := gossh.MarshalPrivateKey(priv, "vbosched serve host key")
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("host key %s: %w", path, err)
	}
	// O_EXCL: two servers started at once must not each write their own
	// key over the other's.
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, fmt.Errorf("host key %s: %w", path, err)
	}
	if _, err := f.Write(pem.EncodeToMemory(block)); err != nil {
		f.Close()
		os.Remove(path)
		return nil, fmt.Errorf("host key %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		os.Remove(path)
		return nil, fmt.Errorf("host key %s: %w", path, err)
	}
	return gossh.NewSignerFromKey(priv)
}

// checkHostKeyMode refuses a host key others could copy (to pose as this
// server) or replace, as OpenSSH's StrictModes does.
func checkHostKeyMode(path string) error {
	info, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("host key %s: %w", path, err)
	}
	if err := checkNotWritableByOthers(path, info, "anyone who can write it can replace the server's identity"); err != nil {
		return err
	}
	if runtime.GOOS != "windows" && info.Mode().Perm()&0o044 != 0 {
		return fmt.Errorf("host key %s is readable by group or others (mode %04o): anyone who copies it can pose as this server; run chmod 600 %s (and, if others may have read it, move it away to have a new one made)",
			path, info.Mode().Perm(), path)
	}
	return nil
}

// checkNotWritableByOthers refuses a file group or others may write: a key
// file anyone may append a key to, or a host key anyone may replace, hands
// the Veeam service account to every local user. Windows has no such bits.
func checkNotWritableByOthers(path string, info fs.FileInfo, risk string) error {
	if runtime.GOOS == "windows" || info.Mode().Perm()&0o022 == 0 {
		return nil
	}
	return fmt.Errorf("%s is writable by group or others (mode %04o): %s; run chmod go-w %s",
		path, info.Mode().Perm(), risk, path)
}
