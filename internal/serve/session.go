package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	"charm.land/wish/v2/bubbletea"
	"github.com/vbosched/vbosched/model"
	"github.com/vbosched/vbosched/ui"
)

// hangupGrace is how long a program told to end (the connection dropped,
// the server stopping) has to write its draft and quit before it is
// killed; a write to a terminal nobody reads can block.
const hangupGrace = 3 * time.Second

// liveSession is a running program, for Shutdown to reach.
type liveSession struct {
	program *tea.Program

	once sync.Once
	mu   sync.Mutex
	why  string // why it was told to end; "" when the user quit
}

// reason is why the program was told to end, or "" when it was not.
func (l *liveSession) reason() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.why
}

// stop tells the program to end as soon as its draft is written (ui's
// HangupMsg) and kills it if that takes too long. The first reason given
// is kept, for the log and the user.
func (l *liveSession) stop(why string) {
	l.once.Do(func() {
		l.mu.Lock()
		l.why = why
		l.mu.Unlock()
		time.AfterFunc(hangupGrace, l.program.Kill)
		l.program.Send(ui.HangupMsg{})
	})
}

// handle runs one SSH session: the user's program on the session's
// terminal, until the user quits, the connection ends or the server stops.
func (s *Server) handle(sess ssh.Session) {
	user, ok := s.sessionUser(sess)
	log := s.cfg.Log.With("fingerprint", user.Fingerprint, "comment", user.Comment, "remote", user.RemoteAddr)
	if !ok {
		// The key was removed between the handshake and the session.
		log.Warn("session refused: key no longer authorized")
		refuse(sess, "your key is no longer authorized here")
		return
	}
	pty, _, isPty := sess.Pty()
	if !isPty || sess.RawCommand() != "" {
		// A command is refused with a terminal too: a script running
		// `ssh -t HOST jobs --json` must fail, not hang in the editor.
		log.Info("session refused: no terminal or a command", "terminal", isPty, "command", sess.RawCommand())
		refuse(sess, "the editor needs a terminal and runs no commands: connect with ssh -t HOST (no command)")
		return
	}
	opts, err := s.cfg.Session(user)
	if err != nil {
		log.Error("session refused: could not set it up", "error", err)
		refuse(sess, "the session could not be set up; the server's log says why")
		return
	}
	opts.ReadOnly = user.ReadOnly
	opts.Backend = logSaves(opts.Backend, log, user.ReadOnly)
	model := sizedModel{Model: ui.New(opts), sized: make(chan struct{})}
	l := &liveSession{program: tea.NewProgram(model, programOptions(sess)...)}
	if !s.track(l) {
		refuse(sess, "the server is shutting down; connect again once it is back")
		return
	}
	defer s.untrack(l)
	start := time.Now()
	log.Info("session start", "readOnly", user.ReadOnly, "term", pty.Term, "width", pty.Window.Width, "height", pty.Window.Height)
	ended := make(chan struct{})
	var windows <-chan ssh.Window // nil, never ready, without a feed
	if feed := sessionFeed(sess); feed != nil {
		windows = feed.latest
	}
	go followSession(sess, l, model.sized, windows, ended, s.connectionEnded(start))
	final, err := l.program.Run()
	close(ended)
	// The session's draft locks end with it, as a standalone editor's end
	// with its process, so the same operator reconnecting resumes the
	// draft instead of being told another session has it.
	if c, ok := opts.Drafts.(io.Closer); ok {
		if err := c.Close(); err != nil {
			log.Warn("draft locks not released", "error", err)
		}
	}
	log.Info("session end", "duration", time.Since(start).Round(time.Second).String(), "reason", endReason(l, err))
	if note := exitNote(l.reason(), final); note != "" {
		fmt.Fprint(sess.Stderr(), "vbosched: "+note+"\r\n")
	}
	_ = sess.Exit(0)
}

// sessionUser looks the session's key up again: the handshake may have
// been long ago, and the files may have changed since.
func (s *Server) sessionUser(sess ssh.Session) (User, bool) {
	key := sess.PublicKey()
	if key == nil {
		return User{RemoteAddr: sess.RemoteAddr().String()}, false
	}
	u, ok := s.lookup(key)
	u.RemoteAddr = sess.RemoteAddr().String()
	return u, ok
}

// followSession passes the client's window changes (the session's feed,
// see windowFeed: its only reader) to the program and
// tells it to end when the connection does, so its draft is written
// before it quits (wish's middleware would quit it at once).
func followSession(sess ssh.Session, l *liveSession, sized <-chan struct{}, windows <-chan ssh.Window, ended <-chan struct{}, why func() string) {
	select { // a change waits in the feed until the program has its first size
	case <-sized:
	case <-ended:
		return
	case <-sess.Context().Done():
		l.stop(why())
		return
	}
	for {
		select {
		case <-ended:
			return
		case <-sess.Context().Done():
			l.stop(why())
			return
		case w := <-windows:
			l.program.Send(tea.WindowSizeMsg{Width: w.Width, Height: w.Height})
		}
	}
}

// programOptions run the program on the session's terminal, with the
// client's TERM, environment, size and colour profile (wish's
// MakeOptions, which also keeps ctrl+z from suspending a server's
// program). Bubble Tea's signal handler is off: signals are the server's,
// and SIGTERM reaches every session through Shutdown. No other
// tea.WithFilter may be added after MakeOptions: filters replace each
// other, and wish's would be lost; compose them instead. The output is
// the session's channel, not the PTY (sessionOutput), so the program's
// teardown reaches the client before the session closes.
func programOptions(sess ssh.Session) []tea.ProgramOption {
	opts := append(bubbletea.MakeOptions(sess), tea.WithoutSignalHandler())
	return append(opts, sessionOutput(sess)...)
}

// exitNote is the one line a session's user gets after the program ended:
// why it was ended (the server stopping), then what the program has to
// say of a save or unsaved edits; either may be missing.
func exitNote(why string, final tea.Model) string {
	var note string
	if m, ok := unwrapModel(final).(ui.Model); ok {
		note = m.ExitNote()
	}
	switch {
	case why == "":
		return note
	case note == "":
		return why
	}
	return why + "; " + note
}

// connectionEnded names why a connection went away, for the log: wish
// closes it at --max-timeout and after --idle-timeout without traffic,
// which look to the session like the client leaving. The max timeout is
// told by the session's age; an idle timeout cannot be told apart from
// the client leaving, so the reason names both when one is set.
func (s *Server) connectionEnded(start time.Time) func() string {
	return func() string {
		max, idle := s.cfg.MaxTimeout, s.cfg.IdleTimeout
		switch {
		case max > 0 && time.Since(start) >= max-time.Second:
			return fmt.Sprintf("the session reached its time limit (--max-timeout %s)", max)
		case idle > 0:
			return fmt.Sprintf("the connection ended (the client left, or nothing was typed or drawn for --idle-timeout %s)", idle)
		}
		return "the connection ended"
	}
}

func endReason(l *liveSession, err error) string {
	switch {
	case err != nil:
		return err.Error()
	case l.reason() != "":
		return l.reason()
	}
	return "quit"
}

// refuse ends a session with one line on its error stream and exit code 1.
func refuse(sess ssh.Session, why string) {
	fmt.Fprint(sess.Stderr(), "vbosched serve: "+why+"\r\n")
	_ = sess.Exit(1)
}

// savesLogged is a Backend whose saves are logged with who made them;
// for a read-only key it refuses them too, whatever the UI lets through.
type savesLogged struct {
	ui.Backend
	log      *slog.Logger
	readOnly bool
}

// pagedSavesLogged keeps a backend's paged listing (ui.PagedBackend)
// visible through the wrapper, so the list still shows its first page at
// once.
type pagedSavesLogged struct {
	savesLogged
	pages ui.PagedBackend
}

func logSaves(b ui.Backend, log *slog.Logger, readOnly bool) ui.Backend {
	l := savesLogged{Backend: b, log: log, readOnly: readOnly}
	if pb, ok := b.(ui.PagedBackend); ok {
		if nb, ok := b.(ui.NamingBackend); ok {
			return namingPagedSavesLogged{pagedSavesLogged{savesLogged: l, pages: pb}, nb}
		}
		return pagedSavesLogged{savesLogged: l, pages: pb}
	}
	return l
}

// namingPagedSavesLogged keeps the plan's repository and proxy names
// (ui.NamingBackend) visible through the wrapper too.
type namingPagedSavesLogged struct {
	pagedSavesLogged
	names ui.NamingBackend
}

func (b namingPagedSavesLogged) PlanNames(ctx context.Context, g model.PlanGrouping) (model.PlanNames, error) {
	return b.names.PlanNames(ctx, g)
}

func (b pagedSavesLogged) ListJobPages(ctx context.Context, each func([]*model.Job, error) error) error {
	return b.pages.ListJobPages(ctx, each)
}

func (b savesLogged) SaveJob(ctx context.Context, job *model.Job, edit model.Settings) (*model.Job, error) {
	if b.readOnly {
		b.log.Warn("save refused: read-only key", "job", job.ID)
		return nil, errReadOnly
	}
	saved, err := b.Backend.SaveJob(ctx, job, edit)
	outcome := saveOutcome(err)
	b.log.Info("save", "job", job.ID, "name", model.SafeText(job.Name), "outcome", outcome)
	return saved, err
}

// The copy jobs are seen through the wrapper too (ui.CopyBackend), their
// saves logged and, for a read-only key, refused like a backup job's. A
// backend without copy jobs lists none.

func (b savesLogged) ListCopyJobs(ctx context.Context) ([]*model.CopyJob, error) {
	if cb, ok := b.Backend.(ui.CopyBackend); ok {
		return cb.ListCopyJobs(ctx)
	}
	return nil, nil
}

func (b savesLogged) GetCopyJob(ctx context.Context, id string) (*model.CopyJob, error) {
	if cb, ok := b.Backend.(ui.CopyBackend); ok {
		return cb.GetCopyJob(ctx, id)
	}
	return nil, errNoCopyJobs
}

func (b savesLogged) SaveCopyJob(ctx context.Context, job *model.CopyJob, edit model.CopySettings) (*model.CopyJob, error) {
	if b.readOnly {
		b.log.Warn("save refused: read-only key", "copyJob", job.ID)
		return nil, errReadOnly
	}
	cb, ok := b.Backend.(ui.CopyBackend)
	if !ok {
		return nil, errNoCopyJobs
	}
	saved, err := cb.SaveCopyJob(ctx, job, edit)
	outcome := saveOutcome(err)
	b.log.Info("save", "copyJob", job.ID, "name", model.SafeText(job.Name), "outcome", outcome)
	return saved, err
}

var errNoCopyJobs = errors.New("this server's backend serves no backup copy jobs; nothing was sent")

var errReadOnly = errors.New("this key is read-only here: it may browse and review, not save; nothing was sent")

// saveOutcome is a save's outcome for serve's log: the whole error, with
// what the operator is not told (an audit log's file and cause).
func saveOutcome(err error) string {
	var host interface{ HostDetail() string }
	switch {
	case err == nil:
		return "saved"
	case errors.As(err, &host):
		return host.HostDetail()
	}
	return err.Error()
}
