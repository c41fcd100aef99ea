package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"
	"github.com/vbosched/vbosched/internal/drafts"
	"github.com/vbosched/vbosched/internal/serve"
	"github.com/vbosched/vbosched/model"
	"github.com/vbosched/vbosched/ui"
)

// draftStore is the editor's Drafts on disk, keyed by the server's URL and
// the job's id, and its DraftLocker: a job's draft belongs to the session
// that opened the job (drafts.Store.Lock).
type draftStore struct {
	store       *drafts.Store
	server, url string
	owner       drafts.Owner
	// readOnly: the session may not save (a read-only key of vbosched
	// serve), so it may not take a job from a session that may.
	readOnly bool

	mu    sync.Mutex // the ui calls from its commands' goroutines
	locks map[string]*drafts.Lock
}

func openDraftStore(sess *session, env Env) (ui.Drafts, error) {
	if sess.demo {
		// The demo server is new on every run, at a new address, with jobs
		// made afresh: a draft of it could never be offered again.
		return nil, nil
	}
	dir, err := draftsDir(env.Getenv)
	if err != nil {
		return nil, err
	}
	return newDraftStore(dir, sess), nil
}

// newDraftStore keeps the drafts of sess's server in dir, owned (locked)
// by this editor session. The lock files are in dir too, where vbosched
// serve's sessions look for them (newKeyDraftStore).
func newDraftStore(dir string, sess *session) *draftStore {
	owner := drafts.Me(time.Now())
	owner.Drafts = dir
	return &draftStore{store: drafts.Open(dir), server: sess.store.Label(), url: sess.url,
		owner: owner, locks: map[string]*drafts.Lock{}}
}

// newKeyDraftStore is a vbosched serve session's draft store: its drafts
// in its key's own folder keyDir, private to the key, and its locks in
// root, the local editor's drafts folder, shared by every key and the
// local editor: whether a job is being edited is one question per server
// and job, so two operators are told of each other whichever keys they
// use, or one of them the local editor.
func newKeyDraftStore(root, keyDir string, u serve.User, sess *session) *draftStore {
	d := newDraftStore(keyDir, sess)
	d.store = d.store.WithLocks(root)
	d.owner.Who = "vbosched serve, key " + u.Who()
	if u.ReadOnly {
		d.owner.Who = "vbosched serve, read-only key " + u.Who()
	}
	d.readOnly = u.ReadOnly
	return d
}

// SaveDraft writes the draft unless another session took it over, which
// it then says: the edits are only in this session's memory.
func (d *draftStore) SaveDraft(base *model.Job, edit model.Settings) error {
	if err := d.owned(base.ID); err != nil {
		return err
	}
	return d.store.Save(drafts.New(d.server, d.url, base, edit))
}

// SaveCopyDraft is SaveDraft for a backup copy job (ui.CopyDrafts): the
// stored draft says its kind.
func (d *draftStore) SaveCopyDraft(base *model.CopyJob, edit model.CopySettings) error {
	if err := d.owned(base.ID); err != nil {
		return err
	}
	return d.store.Save(drafts.NewCopy(d.server, d.url, base, edit))
}

func (d *draftStore) owned(jobID string) error {
	d.mu.Lock()
	d.locks[jobID].Check() // after a take-over: the flock, once the first session let go
	d.mu.Unlock()
	var inUse *drafts.InUseError
	if err := d.store.CheckOwner(d.url, jobID, d.owner); errors.As(err, &inUse) {
		return fmt.Errorf("another vbosched session took this job's draft over (%s); this session's edits are no longer kept", inUse.Owner)
	} else if err != nil {
		return err
	}
	return nil
}

func (d *draftStore) LockDraft(jobID string) error {
	l, err := d.store.Lock(d.url, jobID, d.owner)
	var inUse *drafts.InUseError
	if errors.As(err, &inUse) {
		return &ui.DraftInUseError{By: inUse.Owner.String()}
	}
	if err != nil {
		return err
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	d.locks[jobID] = l
	return nil
}

// TakeDraft takes the job's draft from the session that has it. The
// returned lock keeps it this session's after that session quits, until
// UnlockDraft. A read-only session takes it only if no one has it: it must
// not stop another session's drafts of edits it could never save itself.
func (d *draftStore) TakeDraft(jobID string) error {
	if d.readOnly {
		err := d.LockDraft(jobID)
		var inUse *ui.DraftInUseError
		if errors.As(err, &inUse) {
			inUse.By += "; this key is read-only here: it may open the job read-only, not take it over"
		}
		return err
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	l, err := d.store.TakeOver(d.url, jobID, d.owner)
	if err != nil {
		return err
	}
	d.locks[jobID] = l
	return nil
}

func (d *draftStore) UnlockDraft(jobID string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.locks[jobID].Release() // a nil Lock (never locked) releases nothing
	delete(d.locks, jobID)
}

// vbosched serve releases a session's locks through io.Closer at its end.
var _ io.Closer = (*draftStore)(nil)

// Close releases every draft lock this session holds. The standalone
// editor's are released by its process ending; a vbosched serve session
// ends inside a process that goes on, so without this its locks would
// outlive it and its own operator, reconnecting, would be told the job is
// being edited elsewhere until serve restarts.
func (d *draftStore) Close() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	var errs []error
	for id, l := range d.locks {
		if err := l.Release(); err != nil {
			errs = append(errs, fmt.Errorf("releasing the draft lock of job %s: %w", id, err))
		}
		delete(d.locks, id)
	}
	return errors.Join(errs...)
}

func (d *draftStore) LoadDraft(jobID string) (*ui.StoredDraft, error) {
	dr, err := d.store.Load(d.url, jobID)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if dr.Kind == drafts.KindCopy {
		base, err := dr.BaseCopyJob()
		if err != nil {
			return nil, err
		}
		return &ui.StoredDraft{CopyBase: base, CopyEdit: *dr.CopyEdit, Saved: dr.Saved}, nil
	}
	base, err := dr.BaseJob()
	if err != nil {
		return nil, err
	}
	return &ui.StoredDraft{Base: base, Edit: dr.Edit, Saved: dr.Saved}, nil
}

// DeleteDraft removes the draft unless another session took it over: the
// draft is theirs then.
func (d *draftStore) DeleteDraft(jobID string) error {
	if err := d.owned(jobID); err != nil {
		return err
	}
	return d.store.Delete(d.url, jobID)
}

// draftsDir is drafts.DefaultDir read from the command's environment, so
// in-process runs (tests) keep their drafts where their Env says.
func draftsDir(get func(string) string) (string, error) {
	if state := get("XDG_STATE_HOME"); filepath.IsAbs(state) {
		return filepath.Join(state, "vbosched", "drafts"), nil
	}
	if home := get("HOME"); filepath.IsAbs(home) {
		return filepath.Join(home, ".local", "state", "vbosched", "drafts"), nil
	}
	return drafts.DefaultDir()
}

func newDraftsCommand(env Env) *cobra.Command {
	var clear, force, withServe bool
	cmd := &cobra.Command{
		Use:   "drafts",
		Short: "List the unsaved edits kept from the editor (--clear removes them)",
		Long: `Every edit in the editor is kept as a draft until it is saved or discarded,
per server and job, in $XDG_STATE_HOME/vbosched/drafts (~/.local/state/vbosched/drafts).
Opening the job again offers to restore it. This lists them, or removes them all
(--clear), except the drafts of jobs open in an editor now (--force removes those too).
The drafts of vbosched serve sessions, one folder per SSH key under drafts/serve, are
listed by key; --clear keeps them unless --serve is given.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			dir, err := draftsDir(env.Getenv)
			if err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			keys, err := serveKeyFolders(dir)
			if err != nil {
				return failed("the drafts of vbosched serve sessions in %s: %w", filepath.Join(dir, "serve"), err)
			}
			if clear {
				return clearDrafts(out, dir, keys, force, withServe)
			}
			if force || withServe {
				return usagef("--force and --serve go with --clear")
			}
			list, err := drafts.Open(dir).List()
			var errs []error
			if err != nil {
				errs = append(errs, err)
			}
			shown := len(list)
			if shown > 0 {
				printDrafts(out, list)
			}
			for _, k := range keys {
				list, err := drafts.Open(k.dir).List()
				if err != nil {
					errs = append(errs, err)
				}
				if len(list) > 0 {
					if shown > 0 {
						fmt.Fprintln(out)
					}
					fmt.Fprintf(out, "vbosched serve, key %s:\n", model.SafeText(k.name))
					printDrafts(out, list)
					shown += len(list)
				}
			}
			if shown == 0 {
				printDrafts(out, nil) // "no drafts"
			}
			if err := errors.Join(errs...); err != nil {
				return failed("some drafts in %s could not be read (vbosched drafts --clear removes them): %w", dir, err)
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&clear, "clear", false, "remove every draft not open in an editor")
	cmd.Flags().BoolVar(&force, "force", false, "with --clear: remove the drafts of jobs open in an editor too")
	cmd.Flags().BoolVar(&withServe, "serve", false, "with --clear: remove the drafts of vbosched serve sessions (every key's) too")
	return cmd
}

// keyFolder is one key's drafts folder of vbosched serve (serveDraftsDir).
type keyFolder struct{ name, dir string }

// serveKeyFolders lists the per-key drafts folders vbosched serve keeps
// under dir/serve; none when serve never ran here.
func serveKeyFolders(dir string) ([]keyFolder, error) {
	entries, err := os.ReadDir(filepath.Join(dir, "serve"))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var keys []keyFolder
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		k := keyFolder{e.Name(), filepath.Join(dir, "serve", e.Name())}
		if note, err := os.ReadFile(filepath.Join(k.dir, keyNoteFile)); err == nil && len(bytes.TrimSpace(note)) > 0 {
			k.name = string(bytes.TrimSpace(note)) // as serve logs it: SHA256:… (comment)
		}
		keys = append(keys, k)
	}
	return keys, nil
}

// clearDrafts removes the drafts in dir, and with withServe those of every
// serve key too; serve's are operators' own edits, so without it they are
// counted and kept.
func clearDrafts(out io.Writer, dir string, keys []keyFolder, force, withServe bool) error {
	var errs []error
	clearOne := func(s *drafts.Store) int {
		n, inUse, err := s.Clear(force)
		for _, u := range inUse {
			fmt.Fprintf(out, "kept %s: its job is open in another vbosched session (%s); --force removes it\n",
				model.SafeText(u.Path), model.SafeText(u.Owner.String()))
		}
		if err != nil {
			errs = append(errs, err)
		}
		return n
	}
	fmt.Fprintf(out, "removed %d draft(s) from %s\n", clearOne(drafts.Open(dir)), dir)
	kept := 0
	for _, k := range keys {
		if withServe {
			// A key's drafts are locked in dir, beside the local editor's
			// (newKeyDraftStore).
			if n := clearOne(drafts.Open(k.dir).WithLocks(dir)); n > 0 {
				fmt.Fprintf(out, "removed %d draft(s) of vbosched serve, key %s\n", n, model.SafeText(k.name))
			}
			continue
		}
		list, _ := drafts.Open(k.dir).List()
		kept += len(list)
	}
	if kept > 0 {
		fmt.Fprintf(out, "kept %d draft(s) of vbosched serve sessions in %s: --serve removes them too\n", kept, filepath.Join(dir, "serve"))
	}
	if err := errors.Join(errs...); err != nil {
		return failed("some drafts in %s could not be removed: %w", dir, err)
	}
	return nil
}

// printDrafts lists drafts: server, job, when, and what the edit changes.
// Every name came from a server, so it goes through SafeText.
func printDrafts(w io.Writer, list []drafts.Draft) {
	if len(list) == 0 {
		fmt.Fprintln(w, "no drafts")
		return
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "SERVER\tJOB\tSAVED\tCHANGES")
	for _, d := range list {
		changes := "(base unreadable)"
		if cs, err := d.Changes(); err == nil {
			var parts []string
			for _, c := range cs {
				parts = append(parts, c.String())
			}
			changes = strings.Join(parts, "; ")
			if changes == "" {
				changes = "none"
			}
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", model.SafeText(d.ServerURL), model.SafeText(d.JobName),
			d.Saved.Local().Format("2006-01-02 15:04"), model.SafeText(changes))
	}
	tw.Flush()
}
