package cli

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"
	"github.com/vbosched/vbosched/internal/serve"
	"github.com/vbosched/vbosched/ui"
)

// serveFlags are vbosched serve's own flags; the connection to the one
// Veeam server is the usual connection's.
type serveFlags struct {
	listen, hostKey, authorizedKeys, readOnlyKeys string
	idle, max, shutdownWait                       time.Duration
}

func newServeCommand(conn *connection) *cobra.Command {
	var f serveFlags
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the editor over SSH to the keys in --authorized-keys",
		Long: `serve makes the editor an SSH endpoint: ssh -p 2222 HOST opens the job list.
It logs in to the configured Veeam server once (--server, a profile, the
environment, or --demo); SSH users never see its password or token.

Only public keys are accepted, those in --authorized-keys (OpenSSH format,
read again at every login); keys in --read-only-keys may browse and
review but not save, and while that file cannot be read in full nobody
gets in. A key line with options (from=, restrict, command=, …) is
refused: vbosched does not enforce them. serve refuses key files or a
host key that group or others may write, and a host key they may read. The host key is made at --host-key on the first start
(mode 0600) and reused. Every session start and end and every save is logged
to standard error with the key's fingerprint, its comment and the remote
address, and the audit log names the key's fingerprint as who saved.
SIGTERM or SIGHUP tells every session, writes their drafts and exits 0.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runServe(cmd.Context(), conn, f) },
	}
	fl := cmd.Flags()
	fl.StringVar(&f.listen, "listen", "127.0.0.1:2222", "address to listen on (host:port; :2222 for every interface)")
	fl.StringVar(&f.hostKey, "host-key", "", "the server's SSH host key, made there on the first start (default $XDG_STATE_HOME/vbosched/ssh_host_ed25519_key)")
	fl.StringVar(&f.authorizedKeys, "authorized-keys", "", "file of the public keys that may connect, OpenSSH authorized_keys format (required)")
	fl.StringVar(&f.readOnlyKeys, "read-only-keys", "", "file of public keys that may browse and review but not save")
	fl.DurationVar(&f.idle, "idle-timeout", 15*time.Minute, "end a connection with no traffic for this long (0: never)")
	fl.DurationVar(&f.max, "max-timeout", 8*time.Hour, "end any connection after this long (0: never)")
	fl.DurationVar(&f.shutdownWait, "shutdown-timeout", 10*time.Second, "on SIGTERM, how long sessions get to write their drafts and end")
	return cmd
}

func runServe(ctx context.Context, conn *connection, f serveFlags) error {
	env := conn.env
	if f.authorizedKeys == "" {
		return usagef("no --authorized-keys FILE: serve accepts only the public keys listed there (OpenSSH authorized_keys format)")
	}
	hostKey, err := f.hostKeyPath(env.Getenv)
	if err != nil {
		return err
	}
	log := slog.New(slog.NewTextHandler(env.Err, nil))
	// SIGHUP (the shell serve was started from went away, or an admin's
	// "reload") stops serve as SIGTERM does: by default it would kill the
	// process with the sessions' terminals left in the alternate screen and
	// their drafts unwritten. There is nothing to reload: the key files are
	// read on every login. Caught from here on, so one that comes while
	// logging in to Veeam is acted on once serving.
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	// The keys and the host key are checked before logging in to Veeam:
	// a server nobody may reach must not hold a session open there.
	var sess *session
	var draftRoot string
	srv, err := serve.New(serve.Config{
		HostKeyPath: hostKey, AuthorizedKeys: f.authorizedKeys, ReadOnlyKeys: f.readOnlyKeys,
		IdleTimeout: f.idle, MaxTimeout: f.max, Log: log,
		Session: func(u serve.User) (ui.Options, error) {
			return ui.Options{
				Backend: sess.store.WithUser(u.Who()).Hosted(), Mouse: true, Insecure: sess.insecure,
				Drafts: newKeyDraftStore(draftRoot, noteKey(keyDraftsDir(filepath.Join(draftRoot, "serve"), u), u, log), u, sess),
			}, nil
		},
	})
	if err != nil {
		return usage(err)
	}
	if sess, err = conn.open(ctx); err != nil {
		return err
	}
	defer sess.close()
	// Every save is audited as the key that made it: a log serve cannot
	// write stops it here, where the admin reads the error, rather than in
	// each operator's save, naming paths on a host they cannot reach.
	if err := sess.store.CheckAudit(); err != nil {
		return usagef("serve cannot record saves: %v", err)
	}
	draftRoot, cleanup, err := serveDraftsDir(sess, env)
	if err != nil {
		return err
	}
	defer cleanup()
	ln, err := net.Listen("tcp", f.listen)
	if err != nil {
		return usage(fmt.Errorf("listening on %s: %w", f.listen, err))
	}
	log.Info("serving", "listen", ln.Addr().String(), "server", sess.store.Label(), "hostKey", hostKey,
		"authorizedKeys", f.authorizedKeys, "readOnlyKeys", f.readOnlyKeys)
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return failed("serving SSH on %s: %w", f.listen, err)
	case <-ctx.Done():
	case <-hup:
		log.Info("SIGHUP: stopping as for SIGTERM (the key files are read on every login; no reload is needed)")
	}
	// SIGTERM, SIGHUP or ctrl+c: the sessions are told and write their drafts.
	// That is how serve is meant to stop, so it is a clean exit (0).
	log.Info("shutting down: telling the sessions")
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), f.shutdownWait)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		log.Warn("shutdown", "error", err)
	}
	<-served
	log.Info("stopped")
	return nil
}

// hostKeyPath is --host-key, or a file in the state directory.
func (f serveFlags) hostKeyPath(get func(string) string) (string, error) {
	if f.hostKey != "" {
		return f.hostKey, nil
	}
	state := get("XDG_STATE_HOME")
	if !filepath.IsAbs(state) {
		home := get("HOME")
		if !filepath.IsAbs(home) {
			return "", usagef("no place for the host key: pass --host-key PATH, or set XDG_STATE_HOME or HOME")
		}
		state = filepath.Join(home, ".local", "state")
	}
	return filepath.Join(state, "vbosched", "ssh_host_ed25519_key"), nil
}

// serveDraftsDir is the drafts directory of the sessions: their drafts go
// in a folder per key under its "serve" folder, so an operator whose
// connection dropped finds their own draft, and nobody else's; their
// locks go in it, beside the local editor's, so every editor of a job on
// this host is told of the others (newKeyDraftStore). The demo's server
// is new on every run, so its drafts live in a temporary folder removed at
// the end.
func serveDraftsDir(sess *session, env Env) (dir string, cleanup func(), err error) {
	if sess.demo {
		dir, err := os.MkdirTemp("", "vbosched-serve-drafts-")
		if err != nil {
			return "", nil, fmt.Errorf("a folder for the demo's drafts: %w", err)
		}
		return dir, func() { os.RemoveAll(dir) }, nil
	}
	root, err := draftsDir(env.Getenv)
	if err != nil {
		return "", nil, err
	}
	return root, func() {}, nil
}

// keyNoteFile, in a key's drafts folder, names the key as serve's log and
// the audit log do (the folder's name cannot: a fingerprint's characters
// are made safe for a file name), for `vbosched drafts` to show.
const keyNoteFile = ".key"

// noteKey writes dir's key note and returns dir. The note only labels the
// folder: failing to write it is logged, and the session goes on.
func noteKey(dir string, u serve.User, log *slog.Logger) string {
	err := os.MkdirAll(dir, 0o700)
	if err == nil {
		err = os.WriteFile(filepath.Join(dir, keyNoteFile), []byte(u.Who()+"\n"), 0o600)
	}
	if err != nil {
		log.Warn("drafts folder not labelled with its key", "dir", dir, "error", err)
	}
	return dir
}

// keyDraftsDir is a key's own drafts folder, named by its fingerprint made
// safe for a file name ("SHA256:ab/c+d" → "SHA256-ab_c-d").
func keyDraftsDir(root string, u serve.User) string {
	return filepath.Join(root, strings.NewReplacer(":", "-", "/", "_", "+", "-").Replace(u.Fingerprint))
}
