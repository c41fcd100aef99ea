package cli

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"sync"

	"github.com/vbosched/vbosched/internal/audit"
	"github.com/vbosched/vbosched/internal/jobstore"
	"github.com/vbosched/vbosched/model"
)

// auditPath picks the audit log: --audit-log, VBOSCHED_AUDIT_LOG, the
// profile's auditLog, then $XDG_STATE_HOME/vbosched/audit.jsonl (see
// audit.DefaultPath). It reads the environment through Env, so tests never
// touch the real state directory.
func (c *connection) auditPath(p Profile) (string, error) {
	get := c.env.Getenv
	if path := firstNonEmpty(c.auditLog, get("VBOSCHED_AUDIT_LOG"), p.AuditLog); path != "" {
		return path, nil
	}
	state := get("XDG_STATE_HOME")
	if !filepath.IsAbs(state) {
		home := get("HOME")
		if home == "" {
			return "", usagef("no place for the audit log: set XDG_STATE_HOME or HOME, or pass --audit-log PATH")
		}
		state = filepath.Join(home, ".local", "state")
	}
	return filepath.Join(state, "vbosched", "audit.jsonl"), nil
}

// auditWarnings collects audit writes that failed, to print once the
// command (or the TUI, which owns the screen meanwhile) is done: the saves
// themselves stood, and the operator must still learn the log misses them.
type auditWarnings struct {
	mu   sync.Mutex
	errs []error
	// unrecorded counts saves sent whose outcome the log lacks: the
	// command then exits 1 (see unrecordedError).
	unrecorded int
}

func (w *auditWarnings) add(err error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.errs = append(w.errs, err)
	var ue *jobstore.UnrecordedError
	if errors.As(err, &ue) {
		w.unrecorded++
	}
}

// unrecordedError is the exit 1 of a command whose saves happened but are
// missing from the audit log; nil when there are none (or no log is kept).
func (s *session) unrecordedError() error {
	if s.warnings == nil {
		return nil
	}
	s.warnings.mu.Lock()
	n := s.warnings.unrecorded
	s.warnings.mu.Unlock()
	if n == 0 {
		return nil
	}
	return &ExitError{Code: ExitFailed, Err: fmt.Errorf("%d save(s) were sent to the server but their outcome is not in the audit log (see the warnings): check the job with `vbosched show`, and the log's file", n)}
}

func (w *auditWarnings) print(out io.Writer) {
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, err := range w.errs {
		fmt.Fprintf(out, "vbosched: warning: %s\n", model.SafeText(err.Error()))
	}
	w.errs = nil
}

// auditOption wires the audit log into a store of a real server.
func (c *connection) auditOption(p Profile, warnings *auditWarnings) jobstore.Option {
	if c.noAudit {
		return jobstore.WithAudit(nil, p.Username, nil) // no log, no warning: the operator chose it
	}
	path, err := c.auditPath(p)
	if err != nil {
		// Reading jobs needs no log; a save made without one says so.
		return jobstore.WithAudit(nil, p.Username, func(e error) { warnings.add(fmt.Errorf("%w: %w", e, err)) })
	}
	return jobstore.WithAudit(audit.Open(path), p.Username, warnings.add)
}
