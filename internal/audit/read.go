package audit

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
)

// IDLength is the length of an entry's id in hex digits.
const IDLength = 8

// MinIDPrefix is the shortest prefix of an id Find accepts.
const MinIDPrefix = 4

// Record is an entry as read from the log.
type Record struct {
	// ID is the first IDLength hex digits of the SHA-256 of the line: stable
	// for as long as the line is in the file, whatever is appended after it.
	ID   string
	Line int // 1-based line number in the file
	Entry
}

// Warning is a line that is not an entry, skipped so the rest of the log
// still reads.
type Warning struct {
	Line   int
	Reason string
}

func (w Warning) String() string { return fmt.Sprintf("line %d: %s", w.Line, w.Reason) }

func lineID(line []byte) string {
	sum := sha256.Sum256(line)
	return hex.EncodeToString(sum[:])[:IDLength]
}

// Read reads every entry of the log, oldest first. A missing file is an
// empty log. Lines that are not entries (a torn last line after a crash,
// a line someone edited) are returned as warnings, not errors.
func (l *Log) Read() ([]Record, []Warning, error) {
	// Stat before opening: opening a FIFO blocks until someone writes to it.
	if fi, err := os.Stat(l.path); err == nil && !fi.Mode().IsRegular() {
		return nil, nil, notRegular(l.path, fi.Mode())
	}
	f, err := os.Open(l.path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("audit: %w", err)
	}
	defer f.Close()
	if err := regularFile(f); err != nil {
		return nil, nil, err
	}
	recs, warns, err := Decode(f)
	if err != nil {
		return recs, warns, fmt.Errorf("audit: reading %s: %w", l.path, err)
	}
	return recs, warns, nil
}

// regularFile refuses what is not a plain file once it is open (it may have
// been swapped after the Stat): /dev/zero or /dev/full never end, and a log
// is never a device.
func regularFile(f *os.File) error {
	fi, err := f.Stat()
	if err != nil {
		return fmt.Errorf("audit: %w", err)
	}
	if !fi.Mode().IsRegular() {
		return notRegular(f.Name(), fi.Mode())
	}
	return nil
}

func notRegular(path string, mode fs.FileMode) error {
	what := "a special file"
	switch {
	case mode.IsDir():
		what = "a directory"
	case mode&fs.ModeNamedPipe != 0:
		what = "a FIFO"
	case mode&fs.ModeDevice != 0:
		what = "a device"
	case mode&fs.ModeSocket != 0:
		what = "a socket"
	}
	return fmt.Errorf("audit: %s is not a regular file but %s: an audit log is a plain file; give another path with --audit-log or VBOSCHED_AUDIT_LOG", path, what)
}

// MaxLineBytes bounds one line of the log. An entry is a few kilobytes; a
// longer line is a NUL block left by a crash or a file that is not a log,
// and reading it whole could take all the memory there is.
const MaxLineBytes = 1 << 20

// Decode reads a log from r; see Log.Read. A line longer than MaxLineBytes
// is skipped with a warning, without holding more than that in memory.
func Decode(r io.Reader) ([]Record, []Warning, error) {
	br := bufio.NewReader(r)
	var recs []Record
	var warns []Warning
	for n := 1; ; n++ {
		line, tooLong, err := readLine(br, MaxLineBytes)
		if err != nil && err != io.EOF {
			return recs, warns, err
		}
		if tooLong {
			warns = append(warns, Warning{n, fmt.Sprintf("longer than %d bytes (not an audit entry: a block left by a crash?), skipped", MaxLineBytes)})
			line = nil
		}
		complete := bytes.HasSuffix(line, []byte("\n"))
		line = bytes.TrimRight(line, "\r\n")
		if len(bytes.TrimSpace(line)) > 0 {
			rec, reason := decodeLine(line, complete)
			if reason != "" {
				warns = append(warns, Warning{n, reason})
			} else {
				rec.Line = n
				recs = append(recs, rec)
			}
		}
		if err == io.EOF {
			return pair(recs), warns, nil
		}
	}
}

// readLine reads up to and including the next newline. A line longer than
// max is read to its end and dropped (tooLong), keeping at most max bytes.
func readLine(br *bufio.Reader, max int) (line []byte, tooLong bool, err error) {
	for {
		chunk, err := br.ReadSlice('\n')
		if !tooLong {
			line = append(line, chunk...)
			if len(line) > max {
				tooLong, line = true, nil
			}
		}
		if err != bufio.ErrBufferFull {
			return line, tooLong, err
		}
	}
}

// NoOutcome is the Detail Read gives a save whose intent line no outcome
// line followed.
const NoOutcome = "no outcome was recorded: vbosched ended (killed, crashed, or still running) while the PUT was in flight; the job may or may not have changed"

// pair folds each outcome line into its save's intent line (same SaveID):
// the record keeps the intent's id, line and time, and takes the outcome.
// An intent left alone reads as Unknown; an outcome whose intent is gone
// (edited out, torn) stays a record of its own.
func pair(recs []Record) []Record {
	intents := map[string]int{}
	out := recs[:0:0]
	for _, r := range recs {
		r.JobBefore = withPolicy(r.JobBefore, r.PolicyBefore)
		if r.SaveID == "" {
			out = append(out, r)
			continue
		}
		if r.Outcome == Sending {
			intents[r.SaveID] = len(out)
			r.Outcome, r.Detail = Unknown, NoOutcome
			out = append(out, r)
			continue
		}
		i, ok := intents[r.SaveID]
		if !ok {
			out = append(out, r)
			continue
		}
		delete(intents, r.SaveID) // a second outcome line is a record of its own
		in := &out[i]
		in.Outcome, in.Detail, in.ETagAfter, in.JobAfter = r.Outcome, r.Detail, r.ETagAfter, r.JobAfter
		if len(r.JobAfterPatch) > 0 && len(in.JobBefore) > 0 {
			if after, err := applyMergePatch(in.JobBefore, r.JobAfterPatch); err == nil {
				in.JobAfter = after
			}
		}
	}
	return out
}

func decodeLine(line []byte, complete bool) (Record, string) {
	var e Entry
	if err := json.Unmarshal(line, &e); err != nil {
		if !complete {
			return Record{}, "torn last line (a write was interrupted), skipped"
		}
		return Record{}, "not an audit entry (torn by an interrupted write, or edited), skipped: " + err.Error()
	}
	return Record{ID: lineID(line), Entry: e}, ""
}

// Filter returns the records of one job: those whose job id is job, or whose
// job name (as it was at the save) is job, ignoring case.
func Filter(recs []Record, job string) []Record {
	var out []Record
	for _, r := range recs {
		if r.JobID == job || strings.EqualFold(r.JobName, job) {
			out = append(out, r)
		}
	}
	return out
}

// Find returns the record whose id is id or starts with it (at least
// MinIDPrefix hex digits, case ignored).
func Find(recs []Record, id string) (Record, error) {
	id = strings.ToLower(strings.TrimSpace(id))
	if len(id) < MinIDPrefix || len(id) > IDLength {
		return Record{}, fmt.Errorf("audit: entry id %q should be %d to %d hex digits", id, MinIDPrefix, IDLength)
	}
	var found []Record
	for _, r := range recs {
		if strings.HasPrefix(r.ID, id) {
			found = append(found, r)
		}
	}
	switch len(found) {
	case 0:
		return Record{}, fmt.Errorf("audit: no entry with id %s", id)
	case 1:
		return found[0], nil
	}
	ids := make([]string, len(found))
	for i, r := range found {
		ids[i] = r.ID
	}
	return Record{}, fmt.Errorf("audit: id %s is ambiguous (%s); give more digits", id, strings.Join(ids, ", "))
}
