// Package serve is vbosched's editor as an SSH endpoint (vbosched serve):
// every SSH session with an authorized public key and a terminal runs its
// own Bubble Tea program of package ui, sized and coloured for the
// client's terminal, over a backend the caller builds for that key. It
// knows nothing of Veeam: Config.Session wires each user to the server.
package serve

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"strings"
	"sync"
	"time"

	"charm.land/ssh"
	"charm.land/wish/v2"
	"github.com/vbosched/vbosched/ui"
	gossh "golang.org/x/crypto/ssh"
)

// Config is what a Server needs.
type Config struct {
	// HostKeyPath is the server's private key, made there (0600) on the
	// first start.
	HostKeyPath string
	// AuthorizedKeys lists the keys that may connect (OpenSSH format);
	// the server refuses to start without it.
	AuthorizedKeys string
	// ReadOnlyKeys lists keys that may connect to browse and review but
	// not save; "" means none.
	ReadOnlyKeys string
	// IdleTimeout ends a connection with no traffic for this long;
	// MaxTimeout ends any connection after this long. 0 is no limit.
	IdleTimeout, MaxTimeout time.Duration
	// Log receives session starts and ends, saves and refusals.
	Log *slog.Logger
	// Session builds the program of one session's user: its backend (whose
	// saves the audit log must attribute to user.Who()), drafts and
	// marks. ReadOnly is set by the server.
	Session func(user User) (ui.Options, error)
}

// Server serves the editor over SSH.
type Server struct {
	cfg      Config
	ssh      *ssh.Server
	hostKey  gossh.PublicKey
	keys     *keyFile
	readOnly *keyFile // nil: no read-only keys

	mu        sync.Mutex
	closing   bool
	listeners []net.Listener
	sessions  map[*liveSession]struct{}
	wg        sync.WaitGroup // one per running session handler
}

// New checks the configuration, loads or makes the host key and reads the
// key files. It refuses to start without an authorized-keys file: a
// server open to every key would hand the service account to anyone.
func New(cfg Config) (*Server, error) {
	if cfg.AuthorizedKeys == "" {
		return nil, errors.New("no authorized keys: pass --authorized-keys FILE (OpenSSH format) listing the keys that may connect")
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	s := &Server{cfg: cfg, keys: newKeyFile(cfg.AuthorizedKeys), sessions: map[*liveSession]struct{}{}}
	if err := s.checkKeyFile(s.keys, "--authorized-keys"); err != nil {
		return nil, err
	}
	if cfg.ReadOnlyKeys != "" {
		s.readOnly = newKeyFile(cfg.ReadOnlyKeys)
		if err := s.checkKeyFile(s.readOnly, "--read-only-keys"); err != nil {
			return nil, err
		}
	}
	signer, created, err := loadHostKey(cfg.HostKeyPath)
	if err != nil {
		return nil, err
	}
	s.hostKey = signer.PublicKey()
	if created {
		cfg.Log.Info("host key created", "path", cfg.HostKeyPath, "fingerprint", gossh.FingerprintSHA256(s.hostKey))
	}
	s.ssh, err = wish.NewServer(
		func(srv *ssh.Server) error { srv.AddHostKey(signer); return nil },
		wish.WithPublicKeyAuth(s.authorize),
		wish.WithIdleTimeout(cfg.IdleTimeout),
		wish.WithMaxTimeout(cfg.MaxTimeout),
		// A real PTY, so the program gets a terminal in raw mode with the
		// client's size, as it has locally.
		ssh.AllocatePty(),
		func(srv *ssh.Server) error { srv.Handler = s.handle; return nil },
		// Window changes reach the program through the session's feed
		// (window.go), not the library's channel, which has two readers.
		func(srv *ssh.Server) error {
			srv.ChannelHandlers = map[string]ssh.ChannelHandler{}
			for k, v := range ssh.DefaultChannelHandlers {
				srv.ChannelHandlers[k] = v
			}
			srv.ChannelHandlers["session"] = tapSessions
			return nil
		},
	)
	if err != nil {
		return nil, fmt.Errorf("setting up the SSH server: %w", err)
	}
	return s, nil
}

func (s *Server) checkKeyFile(f *keyFile, flag string) error {
	l, err := f.read()
	if err != nil {
		return fmt.Errorf("%s: %w", flag, err)
	}
	s.logProblems(f, l)
	// A broken line of the read-only file may be a key that must stay
	// read-only; see lookup.
	if f == s.readOnly && len(l.skipped) > 0 {
		return fmt.Errorf("%s %s: %s: fix or remove the line (a key on a broken line would get write access from --authorized-keys)", flag, f.path, strings.Join(l.skipped, "; "))
	}
	if len(l.keys) == 0 {
		s.cfg.Log.Warn("no keys yet: nobody can connect until keys are added", "file", f.path)
	}
	return nil
}

// logProblems logs a key file's skipped lines and refused keys, once per
// change of its content.
func (s *Server) logProblems(f *keyFile, l keyList) {
	if !l.changed {
		return
	}
	for _, line := range l.skipped {
		s.cfg.Log.Warn("not a key: skipped", "file", f.path, "line", line)
	}
	for fp, k := range l.optioned {
		s.cfg.Log.Warn("key refused: its line has options, which vbosched does not enforce; remove them to let the key in",
			"file", f.path, "fingerprint", fp, "comment", k.comment, "options", strings.Join(k.options, ","))
	}
}

// HostKey is the server's public host key, for a known_hosts line.
func (s *Server) HostKey() gossh.PublicKey { return s.hostKey }

// Serve accepts connections on ln until Shutdown; it then returns nil.
func (s *Server) Serve(ln net.Listener) error {
	// The listener is kept here too: a Shutdown that comes before the SSH
	// server has taken it over must still close it, or Serve never returns.
	s.mu.Lock()
	if s.closing {
		s.mu.Unlock()
		ln.Close()
		return nil
	}
	s.listeners = append(s.listeners, ln)
	s.mu.Unlock()
	err := s.ssh.Serve(ln)
	s.mu.Lock()
	closing := s.closing
	s.mu.Unlock()
	if closing || errors.Is(err, ssh.ErrServerClosed) {
		return nil
	}
	return err
}

// Shutdown stops accepting connections, tells every session the server is
// stopping, lets each program write its draft and end, then closes the
// connections. Sessions still running when ctx ends are killed (their
// terminals are restored; the draft of an edit since the last keypress's
// write may be lost).
func (s *Server) Shutdown(ctx context.Context) error {
	s.mu.Lock()
	s.closing = true
	for _, ln := range s.listeners {
		ln.Close()
	}
	live := make([]*liveSession, 0, len(s.sessions))
	for l := range s.sessions {
		live = append(live, l)
	}
	s.mu.Unlock()
	for _, l := range live {
		l.stop("the server is shutting down")
	}
	done := make(chan struct{})
	go func() { s.wg.Wait(); close(done) }()
	var err error
	select {
	case <-done:
	case <-ctx.Done():
		for _, l := range live {
			l.program.Kill()
		}
		err = fmt.Errorf("sessions still running at shutdown were killed: %w", ctx.Err())
	}
	return errors.Join(err, s.ssh.Close())
}

// authorize is the public key check: the key must be in the authorized
// keys or the read-only keys as they are now.
func (s *Server) authorize(ctx ssh.Context, key ssh.PublicKey) bool {
	_, ok := s.lookup(key)
	if !ok {
		s.cfg.Log.Warn("key refused", "fingerprint", gossh.FingerprintSHA256(key), "remote", ctx.RemoteAddr().String(), "user", ctx.User())
	}
	return ok
}

// lookup finds key in the read-only keys, then the authorized keys. A key
// in both is read-only: the narrower list wins. So the read-only file
// fails closed: while it cannot be read in full (gone, unreadable, a line
// that is not a key) nobody gets in, since any key might be one it demotes.
func (s *Server) lookup(key gossh.PublicKey) (User, bool) {
	fp := gossh.FingerprintSHA256(key)
	u := User{Fingerprint: fp}
	if s.readOnly != nil {
		ro, err := s.readOnly.read()
		if err != nil {
			s.cfg.Log.Error("read-only keys unreadable: refusing every key until the file can be read", "error", err)
			return u, false
		}
		s.logProblems(s.readOnly, ro)
		if len(ro.skipped) > 0 {
			s.cfg.Log.Error("read-only keys file has lines that are not keys: refusing every key until they are fixed",
				"file", s.readOnly.path, "lines", strings.Join(ro.skipped, "; "))
			return u, false
		}
		if _, ok := ro.optioned[fp]; ok {
			return u, false
		}
		if comment, ok := ro.keys[fp]; ok {
			u.Comment, u.ReadOnly = comment, true
			return u, true
		}
	}
	ak, err := s.keys.read()
	if err != nil {
		s.cfg.Log.Error("authorized keys unreadable: refusing every key", "error", err)
		return u, false
	}
	s.logProblems(s.keys, ak)
	comment, ok := ak.keys[fp]
	u.Comment = comment
	return u, ok
}

func (s *Server) track(l *liveSession) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closing {
		return false
	}
	s.sessions[l] = struct{}{}
	s.wg.Add(1)
	return true
}

func (s *Server) untrack(l *liveSession) {
	s.mu.Lock()
	delete(s.sessions, l)
	s.mu.Unlock()
	s.wg.Done()
}
