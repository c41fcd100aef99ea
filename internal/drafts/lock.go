package drafts

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// A draft belongs to the editor session that edits it. The session holds
// an advisory lock (flock) on a ".lock" file beside the draft for as long as
// the job is open, and writes in it who it is, so a second session is told
// who has the job (ErrInUse) and the lock goes with the process however it
// ends. A session may take a draft over explicitly (TakeOver): it then
// writes itself in the lock file, and the first session, which checks the
// file before every write (CheckOwner), stops writing the draft and says so.
//
// The taker cannot have the flock while the first session holds it, so its
// record says it took the draft over: once the first session has quit and
// the flock is free, Lock and Clear still treat the draft as the taker's
// while that process lives, and the taker takes the flock as soon as it can
// (Lock.Check) and clears its record when it lets go (Release).
//
// Stores may share their lock files (WithLocks): then a session of one
// store is told of another's, though neither sees the other's drafts.

// Owner is the editor session a draft belongs to.
type Owner struct {
	PID   int       `json:"pid"`
	Host  string    `json:"host"`
	Since time.Time `json:"since"`
	// TookOver marks a record written by TakeOver: it holds even when no
	// one holds the flock, as long as its process lives.
	TookOver bool `json:"tookOver,omitempty"`
	// Who names the session's user where the process serves several
	// (vbosched serve: the SSH key); "" for a local editor.
	Who string `json:"who,omitempty"`
	// Drafts is the directory of the session's drafts, for Clear to tell
	// the holder of a shared lock file apart from the owner of a draft;
	// "" (a record from before) counts as every store's.
	Drafts string `json:"drafts,omitempty"`
}

func (o Owner) String() string {
	s := fmt.Sprintf("pid %d on %s, since %s", o.PID, o.Host, o.Since.Local().Format("2006-01-02 15:04"))
	if o.Who != "" {
		s = o.Who + ", " + s
	}
	return s
}

// keeps reports whether the session o holds drafts of the store in dir.
func (o Owner) keeps(dir string) bool {
	return o.Drafts == "" || filepath.Clean(o.Drafts) == filepath.Clean(dir)
}

// Me is this process as an owner, from now.
func Me(now time.Time) Owner {
	host, err := os.Hostname()
	if err != nil {
		host = "an unnamed host"
	}
	return Owner{PID: os.Getpid(), Host: host, Since: now.UTC()}
}

// same is the same session: the process on the host, and when the session
// began, since one process (vbosched serve) runs many sessions.
func (o Owner) same(p Owner) bool {
	return o.PID == p.PID && o.Host == p.Host && o.Since.Equal(p.Since)
}

// InUseError says a draft belongs to another session; errors.Is matches
// ErrInUse.
type InUseError struct {
	Owner Owner
	Path  string // the lock file
}

// ErrInUse matches an InUseError.
var ErrInUse = errors.New("drafts: the draft is in use by another session")

func (e *InUseError) Error() string {
	return fmt.Sprintf("drafts: the job is being edited in another vbosched session (%s; lock %s)", e.Owner, e.Path)
}

func (e *InUseError) Is(target error) bool { return target == ErrInUse }

// Lock is a session's hold on a job's draft, until Release.
type Lock struct {
	f     *os.File
	owner Owner
	held  bool // the flock is ours; false after a take-over until Check gets it
}

func (s *Store) lockPath(serverURL, jobID string) string {
	return filepath.Join(s.lockDir(), strings.TrimSuffix(fileName(serverURL, jobID), ".json")+".lock")
}

// Lock takes the draft of a job on a server for owner, or returns an
// *InUseError naming the live session that has it.
func (s *Store) Lock(serverURL, jobID string, owner Owner) (*Lock, error) {
	if err := os.MkdirAll(s.lockDir(), 0o700); err != nil {
		return nil, fmt.Errorf("drafts: %w", err)
	}
	path := s.lockPath(serverURL, jobID)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("drafts: %w", err)
	}
	held, err := tryLock(f)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("drafts: locking %s: %w", path, err)
	}
	if !held {
		other, _ := readOwner(f)
		f.Close()
		return nil, &InUseError{Owner: other, Path: path}
	}
	if other, ok := s.takenOverBy(f, owner); ok {
		f.Close() // the flock is free, but the taker still edits the job
		return nil, &InUseError{Owner: other, Path: path}
	}
	if err := writeOwner(f, owner); err != nil {
		f.Close()
		return nil, fmt.Errorf("drafts: %s: %w", path, err)
	}
	return &Lock{f: f, owner: owner, held: true}, nil
}

// takenOverBy reports the live session a draft was taken over by, read
// from the lock file f whose flock the caller holds. A record of a process
// that has ended, or of the caller itself, names no one.
func (s *Store) takenOverBy(f *os.File, caller Owner) (Owner, bool) {
	other, err := readOwner(f)
	if err != nil || !other.TookOver || other.same(caller) {
		return other, false
	}
	alive := s.Alive
	if alive == nil {
		alive = processAlive
	}
	return other, alive(other)
}

// TakeOver makes owner the draft's owner although another session holds
// its lock: that session's next CheckOwner fails, and until the returned
// Lock is released no other session may Lock the draft, whether or not the
// first session still runs. The caller has asked the user, who was told
// who had it.
func (s *Store) TakeOver(serverURL, jobID string, owner Owner) (*Lock, error) {
	if err := os.MkdirAll(s.lockDir(), 0o700); err != nil {
		return nil, fmt.Errorf("drafts: %w", err)
	}
	path := s.lockPath(serverURL, jobID)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("drafts: %w", err)
	}
	owner.TookOver = true
	if err := writeOwner(f, owner); err != nil {
		f.Close()
		return nil, fmt.Errorf("drafts: %s: %w", path, err)
	}
	l := &Lock{f: f, owner: owner}
	l.Check() // the first session may be gone already
	return l, nil
}

// Check takes the flock for a session that took the draft over, once the
// first session has let it go, so the draft is locked as if Lock had
// taken it. It reports whether the flock is held.
func (l *Lock) Check() bool {
	if l == nil || l.f == nil || l.held {
		return l != nil && l.held
	}
	held, err := tryLock(l.f)
	l.held = err == nil && held
	return l.held
}

// CheckOwner returns an *InUseError if the draft's lock file names another
// session than owner (it was taken over); a missing lock file is no one's.
func (s *Store) CheckOwner(serverURL, jobID string, owner Owner) error {
	path := s.lockPath(serverURL, jobID)
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR) {
		return nil // no lock file can be there: Save says why it cannot write
	}
	if err != nil {
		return fmt.Errorf("drafts: %w", err)
	}
	defer f.Close()
	other, err := readOwner(f)
	if err != nil || other.same(owner) {
		return nil // an unreadable record names no one else
	}
	return &InUseError{Owner: other, Path: path}
}

// Release gives the draft up. The lock file stays: removing it could let
// two sessions lock two files of the same name.
func (l *Lock) Release() error {
	if l == nil || l.f == nil {
		return nil
	}
	// A take-over record outlives the flock (takenOverBy): this session's
	// own one must not keep the draft after it has let go. A record naming
	// another session (it took the draft from this one) stays.
	if o, err := readOwner(l.f); err == nil && o.same(l.owner) {
		_ = l.f.Truncate(0) // at worst the record stays until this process ends
	}
	err := l.f.Close() // closing drops the flock
	l.f = nil
	return err
}

// lockedBy reports the live session of this store holding the lock of a
// draft file, or nil; Clear holds the lock (until release) while it
// removes the draft, so no session opens the job in between. A shared
// lock held by a session of another store (another SSH key, the local
// editor) does not keep this store's draft: that session never reads it.
func (s *Store) lockedBy(draftName string) (owner *Owner, release func(), err error) {
	path := filepath.Join(s.lockDir(), strings.TrimSuffix(draftName, ".json")+".lock")
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, func() {}, nil
	}
	if err != nil {
		return nil, nil, err
	}
	held, err := tryLock(f)
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	if !held {
		o, _ := readOwner(f)
		f.Close()
		if !o.keeps(s.dir) {
			return nil, func() {}, nil
		}
		return &o, nil, nil
	}
	if o, ok := s.takenOverBy(f, Owner{}); ok && o.keeps(s.dir) {
		f.Close()
		return &o, nil, nil
	}
	return nil, func() { f.Close() }, nil
}

func readOwner(f *os.File) (Owner, error) {
	var o Owner
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return o, err
	}
	data, err := io.ReadAll(io.LimitReader(f, 4096))
	if err != nil {
		return o, err
	}
	return o, json.Unmarshal(data, &o)
}

func writeOwner(f *os.File, o Owner) error {
	data, err := json.Marshal(o)
	if err != nil {
		return err
	}
	if err := f.Truncate(0); err != nil {
		return err
	}
	if _, err := f.WriteAt(data, 0); err != nil {
		return err
	}
	return f.Sync()
}
