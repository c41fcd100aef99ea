// Package drafts keeps the unsaved edits of jobs on disk, one file per server
// and job, so that an edit survives a crash, a lost connection or a save the
// server refused, and can later be merged with the job as the server has it
// then. A draft holds the job document as read when the edit began (the base
// of that three-way merge) and the edited settings.
//
// Files live in $XDG_STATE_HOME/vbosched/drafts (by default
// ~/.local/state/vbosched/drafts), the directory 0700 and each file 0600: a
// draft names servers and jobs. Every write goes to a temporary file in the
// same directory, is synced and then renamed over the old draft, so a reader
// sees the old draft or the new one, never a mix.
package drafts

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/vbosched/vbosched/model"
)

// formatVersion is written in every file; a file of another version is
// reported rather than half read.
const formatVersion = 1

// Draft is the unsaved edit of one job on one server.
type Draft struct {
	Server    string          `json:"server"`    // the server's label for people ("DEMO", a host)
	ServerURL string          `json:"serverUrl"` // the base URL; with JobID it identifies the draft
	JobID     string          `json:"jobId"`
	JobName   string          `json:"jobName"`
	Base      json.RawMessage `json:"base"` // the job document as read when the edit began
	Edit      model.Settings  `json:"edit"`
	Saved     time.Time       `json:"saved"` // set by Store.Save
	// Kind is KindCopy for a backup copy job's draft, whose edit is
	// CopyEdit and whose base a copy job document; "" is a backup job's.
	Kind     string              `json:"kind,omitempty"`
	CopyEdit *model.CopySettings `json:"copyEdit,omitempty"`
}

// KindCopy is the Kind of a backup copy job's draft.
const KindCopy = "copy"

// NewCopy starts a draft of a backup copy job's edit, made to job as read.
func NewCopy(server, serverURL string, job *model.CopyJob, edit model.CopySettings) Draft {
	return Draft{Server: server, ServerURL: serverURL, JobID: job.ID, JobName: job.Name, Base: job.Raw(),
		Kind: KindCopy, CopyEdit: &edit}
}

// BaseCopyJob decodes a copy job's draft's base, as BaseJob does a job's.
func (d Draft) BaseCopyJob() (*model.CopyJob, error) {
	if d.Kind != KindCopy || d.CopyEdit == nil {
		return nil, fmt.Errorf("draft of job %s on %s: a backup job's draft, not a backup copy job's", d.JobID, d.ServerURL)
	}
	j, err := model.DecodeCopyJob(d.Base)
	if err != nil {
		return nil, fmt.Errorf("draft of copy job %s on %s: base: %w", d.JobID, d.ServerURL, err)
	}
	return j, nil
}

// Changes is what the draft's edit changes, of either kind.
func (d Draft) Changes() ([]model.FieldChange, error) {
	if d.Kind == KindCopy {
		base, err := d.BaseCopyJob()
		if err != nil {
			return nil, err
		}
		return model.CopyChanges(base.Settings(), *d.CopyEdit), nil
	}
	base, err := d.BaseJob()
	if err != nil {
		return nil, err
	}
	return model.Changes(base.Settings(), d.Edit), nil
}

// New starts a draft of edit, made to job as read from the server.
func New(server, serverURL string, job *model.Job, edit model.Settings) Draft {
	return Draft{Server: server, ServerURL: serverURL, JobID: job.ID, JobName: job.Name, Base: job.Raw(), Edit: edit}
}

// BaseJob decodes the job as read when the edit began: the base of a merge
// with the server's current job, and the document PutBody starts from.
func (d Draft) BaseJob() (*model.Job, error) {
	if d.Kind != "" {
		return nil, fmt.Errorf("draft of job %s on %s: a backup copy job's draft, not a backup job's", d.JobID, d.ServerURL)
	}
	j, err := model.DecodeJob(d.Base)
	if err != nil {
		return nil, fmt.Errorf("draft of job %s on %s: base: %w", d.JobID, d.ServerURL, err)
	}
	return j, nil
}

type fileDoc struct {
	Version int `json:"version"`
	Draft
}

// Store is a directory of drafts.
type Store struct {
	dir string
	// locks is where the drafts' lock files are, when not in dir (WithLocks).
	locks string
	// Now stamps saved drafts; nil means time.Now.
	Now func() time.Time
	// Alive tells whether a session that took a draft over still runs;
	// nil means its process is looked up on this host (tests set it).
	Alive func(Owner) bool
}

// Open returns the store in dir. The directory is made on the first Save.
func Open(dir string) *Store { return &Store{dir: dir} }

// DefaultDir is $XDG_STATE_HOME/vbosched/drafts, or
// ~/.local/state/vbosched/drafts when XDG_STATE_HOME is unset or, as the XDG
// specification says to treat it, not an absolute path.
func DefaultDir() (string, error) {
	state := os.Getenv("XDG_STATE_HOME")
	if !filepath.IsAbs(state) {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("drafts: no state directory: set XDG_STATE_HOME or HOME (%w)", err)
		}
		state = filepath.Join(home, ".local", "state")
	}
	return filepath.Join(state, "vbosched", "drafts"), nil
}

// WithLocks is the store with its lock files in dir, which other stores
// share: vbosched serve keeps each SSH key's drafts in a folder of its own,
// private to that key, but whether a job is open in an editor is one
// question per server and job, for every key and the local editor alike.
// The drafts stay in the store's own directory.
func (s *Store) WithLocks(dir string) *Store {
	c := *s
	c.locks = dir
	return &c
}

// lockDir is where the store's lock files are.
func (s *Store) lockDir() string {
	if s.locks != "" {
		return s.locks
	}
	return s.dir
}

// Dir is the store's directory.
func (s *Store) Dir() string { return s.dir }

// fileName is a hash of the server and job, so that any URL or id makes a
// safe, fixed-length file name. A trailing slash does not make another server.
func fileName(serverURL, jobID string) string {
	sum := sha256.Sum256([]byte(strings.TrimRight(serverURL, "/") + "\n" + jobID))
	return hex.EncodeToString(sum[:16]) + ".json"
}

func (s *Store) path(serverURL, jobID string) string {
	return filepath.Join(s.dir, fileName(serverURL, jobID))
}

// Save writes the draft, replacing any earlier draft of the same job on the
// same server, and stamps it with the time.
func (s *Store) Save(d Draft) error {
	if d.ServerURL == "" || d.JobID == "" {
		return fmt.Errorf("drafts: a draft needs a server URL and a job id (got %q, %q)", d.ServerURL, d.JobID)
	}
	if _, err := d.Changes(); err != nil { // its base decodes as its kind of job
		return fmt.Errorf("drafts: not saving a draft that could not be restored: %w", err)
	}
	d.Saved = s.now().UTC()
	data, err := json.MarshalIndent(fileDoc{formatVersion, d}, "", "  ")
	if err != nil {
		return fmt.Errorf("drafts: draft of job %s on %s: %w", d.JobID, d.ServerURL, err)
	}
	// Server text as \uXXXX where it could drive a terminal (C1 controls,
	// bidi overrides), as in the audit log: `cat` of a draft is safe too.
	data = model.SafeJSON(data)
	if err := os.MkdirAll(s.dir, 0o700); err != nil {
		return fmt.Errorf("drafts: %w", err)
	}
	// MkdirAll leaves an existing directory's mode alone; drafts are private.
	if err := os.Chmod(s.dir, 0o700); err != nil {
		return fmt.Errorf("drafts: %w", err)
	}
	if err := writeAtomic(s.dir, s.path(d.ServerURL, d.JobID), data); err != nil {
		return fmt.Errorf("drafts: saving the draft of job %s on %s: %w", d.JobID, d.ServerURL, err)
	}
	return nil
}

func (s *Store) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// Load reads the draft of a job on a server. Without one, the error matches
// fs.ErrNotExist (errors.Is).
func (s *Store) Load(serverURL, jobID string) (Draft, error) {
	path := s.path(serverURL, jobID)
	d, err := readDraft(path)
	// ENOTDIR: a file stands where the directory should be, so no draft can
	// be there; writing one then fails, and the editor says so.
	if errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR) {
		return Draft{}, fmt.Errorf("drafts: no draft of job %s on %s: %w", jobID, serverURL, fs.ErrNotExist)
	}
	if err != nil {
		return Draft{}, err
	}
	if fileName(d.ServerURL, d.JobID) != filepath.Base(path) {
		return Draft{}, fmt.Errorf("drafts: %s holds the draft of job %s on %s, not of job %s on %s; delete the file",
			path, d.JobID, d.ServerURL, jobID, serverURL)
	}
	return d, nil
}

func readDraft(path string) (Draft, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return Draft{}, err
	}
	var doc fileDoc
	if err := json.Unmarshal(data, &doc); err != nil {
		return Draft{}, fmt.Errorf("drafts: %s is not a readable draft (%v); delete it to discard it", path, err)
	}
	if doc.Version != formatVersion {
		return Draft{}, fmt.Errorf("drafts: %s is a draft of format %d, this vbosched reads format %d; delete it or use the vbosched that wrote it",
			path, doc.Version, formatVersion)
	}
	return keepBaseEnabled(doc.Draft, data), nil
}

// keepBaseEnabled gives a draft written before vbosched edited a job's
// on/off switch (its edit has no isEnabled) the switch of the job it was
// made to: such a draft must not turn the job off when restored.
func keepBaseEnabled(d Draft, data []byte) Draft {
	if d.Kind != "" {
		return d // copy jobs' drafts were written with their switch
	}
	var raw struct {
		Edit map[string]json.RawMessage `json:"edit"`
	}
	if json.Unmarshal(data, &raw) != nil {
		return d
	}
	if _, ok := raw.Edit["isEnabled"]; ok {
		return d
	}
	if base, err := d.BaseJob(); err == nil {
		d.Edit.IsEnabled = base.IsEnabled
	}
	return d
}

// Delete removes the draft of a job on a server; deleting a draft that is
// not there is not an error.
func (s *Store) Delete(serverURL, jobID string) error {
	err := os.Remove(s.path(serverURL, jobID))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("drafts: %w", err)
	}
	return nil
}

// List returns every draft, newest first (then by server, job name and job
// id). Files that do not read are left out and reported together in the
// error, each naming its file; the drafts that did read are still returned.
func (s *Store) List() ([]Draft, error) {
	names, err := s.draftFiles()
	if err != nil {
		return nil, err
	}
	var out []Draft
	var errs []error
	for _, name := range names {
		d, err := readDraft(filepath.Join(s.dir, name))
		if err != nil {
			errs = append(errs, err)
			continue
		}
		out = append(out, d)
	}
	slices.SortFunc(out, func(a, b Draft) int {
		return cmp.Or(b.Saved.Compare(a.Saved), cmp.Compare(a.Server, b.Server),
			cmp.Compare(a.JobName, b.JobName), cmp.Compare(a.JobID, b.JobID))
	})
	return out, errors.Join(errs...)
}

// Clear removes every draft, unreadable ones and temporary files left by an
// interrupted save included, and returns how many drafts it removed. A
// draft whose job is open in a live editor session is left, and returned in
// inUse, unless force is set.
func (s *Store) Clear(force bool) (removed int, inUse []*InUseError, err error) {
	entries, err := os.ReadDir(s.dir)
	if errors.Is(err, fs.ErrNotExist) {
		return 0, nil, nil
	}
	if err != nil {
		return 0, nil, fmt.Errorf("drafts: %w", err)
	}
	var errs []error
	for _, e := range entries {
		draft, temp := isDraftFile(e), isTempFile(e)
		if !draft && !temp {
			continue
		}
		path := filepath.Join(s.dir, e.Name())
		if draft && !force {
			owner, release, err := s.lockedBy(e.Name())
			if err != nil {
				errs = append(errs, fmt.Errorf("drafts: %s: %w", path, err))
				continue
			}
			if owner != nil {
				inUse = append(inUse, &InUseError{Owner: *owner, Path: path})
				continue
			}
			defer release()
		}
		if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, fmt.Errorf("drafts: %w", err))
			continue
		}
		if draft {
			removed++
		}
	}
	return removed, inUse, errors.Join(errs...)
}

func (s *Store) draftFiles() ([]string, error) {
	entries, err := os.ReadDir(s.dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("drafts: %w", err)
	}
	var names []string
	for _, e := range entries {
		if isDraftFile(e) {
			names = append(names, e.Name())
		}
	}
	return names, nil
}

const tempPattern = ".draft-*.tmp"

func isDraftFile(e fs.DirEntry) bool {
	return e.Type().IsRegular() && !strings.HasPrefix(e.Name(), ".") && strings.HasSuffix(e.Name(), ".json")
}

func isTempFile(e fs.DirEntry) bool {
	return e.Type().IsRegular() && strings.HasPrefix(e.Name(), ".draft-") && strings.HasSuffix(e.Name(), ".tmp")
}

// writeAtomic writes data to path through a synced temporary file in dir
// renamed over path. os.CreateTemp makes the file 0600.
func writeAtomic(dir, path string, data []byte) (err error) {
	f, err := os.CreateTemp(dir, tempPattern)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if _, err = f.Write(data); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	if err = os.Rename(f.Name(), path); err != nil {
		return err
	}
	syncDir(dir)
	return nil
}

// syncDir makes the rename durable where the system allows syncing a
// directory; where it does not (Windows), the rename is still atomic.
func syncDir(dir string) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	_ = d.Sync()
	d.Close()
}
