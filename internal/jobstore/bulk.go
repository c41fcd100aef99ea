package jobstore

import (
	"context"
	"strings"
	"sync"

	"github.com/vbosched/vbosched/model"
)

// Bulk says how SaveJobs and SaveCopyJobs carry out many saves.
type Bulk struct {
	// Parallel is how many saves are in flight at once (at least 1).
	Parallel int
	// Listed is how many jobs of the kind the server holds, when the caller
	// listed them (0: not known). With it, on v8, the saves the server
	// accepted are read back with list pages instead of one GET each,
	// where the pages are fewer than half the GETs they replace.
	Listed int
}

// JobSave is one edit for SaveJobs: edit, made to base.
type JobSave struct {
	Base *model.Job
	Edit model.Settings
}

// CopyJobSave is one edit for SaveCopyJobs.
type CopyJobSave struct {
	Base *model.CopyJob
	Edit model.CopySettings
}

// SaveJobs saves many edits, each with SaveJob's checks and audit lines,
// and returns each one's error (nil when saved) in the order given. One
// failure never stops the rest. Each job is read again and compared before
// its PUT, as SaveJob does; what differs is the read-back after a PUT the
// server accepted: on v8, when b.Listed says it pays off, the jobs are read
// back with the list's pages once every PUT has been answered, and each is
// compared as SaveJob compares it (model.Unapplied). A job the list does not
// hold, or the list failing, falls back to reading that job back alone. A
// PUT that got an error answer or none is settled at once, as by SaveJob.
func (s *Store) SaveJobs(ctx context.Context, saves []JobSave, b Bulk) []error {
	v := s.APIVersion()
	return saveAll(ctx, s, backupKind, len(saves), v, b, func(i int) (*saving[*model.Job], error) {
		return s.jobSaving(saves[i].Base, saves[i].Edit, v)
	})
}

// SaveCopyJobs is SaveJobs for backup copy jobs, with SaveCopyJob's checks.
func (s *Store) SaveCopyJobs(ctx context.Context, saves []CopyJobSave, b Bulk) []error {
	v := s.APIVersion()
	return saveAll(ctx, s, copyKind, len(saves), v, b, func(i int) (*saving[*model.CopyJob], error) {
		cs := saves[i]
		body, err := cs.Base.PutBody(cs.Edit, v)
		if err != nil {
			return nil, err
		}
		return &saving[*model.CopyJob]{base: cs.Base, body: body, entry: copyEntry(s, cs.Base, cs.Edit, v)}, nil
	})
}

// saveAll prepares n saves (a body that cannot be built is that save's
// error, and nothing is sent for it), runs them with saveMany and returns
// each one's error.
func saveAll[J savable](ctx context.Context, s *Store, k *kind[J], n int, v model.APIVersion, b Bulk, prepare func(i int) (*saving[J], error)) []error {
	svs := make([]*saving[J], n)
	errs := make([]error, n)
	for i := range n {
		svs[i], errs[i] = prepare(i)
	}
	saveMany(ctx, s, k, svs, v, b)
	for i, sv := range svs {
		if sv != nil {
			errs[i] = sv.err
		}
	}
	return errs
}

// bulkReadBack says whether reading accepted saves back with list pages
// pays off: only v8 lists in pages as large as the client asks (up to
// 10,000); before it a list is one answer of every job, and a selection of
// a few among many is cheaper read back one by one.
func (s *Store) bulkReadBack(v model.APIVersion, accepted int, b Bulk) bool {
	if v < 8 || b.Listed <= 0 {
		return false
	}
	size := s.client.PageSize()
	pages := (b.Listed + size - 1) / size
	return 2*pages <= accepted
}

// saveMany runs the flow of saveOne for many saves (nil entries are
// skipped), at most b.Parallel at a time, reading back in bulk where that
// pays off. Each save's audit outcome line is written as soon as its
// outcome is known.
func saveMany[J savable](ctx context.Context, s *Store, k *kind[J], svs []*saving[J], v model.APIVersion, b Bulk) {
	accepted := make([]bool, len(svs))
	parallel(len(svs), b.Parallel, func(i int) {
		if svs[i] == nil {
			return
		}
		if accepted[i] = k.send(ctx, s, svs[i], v); !accepted[i] {
			k.finish(s, svs[i], v)
		}
	})
	var pending []int
	for i, ok := range accepted {
		if ok {
			pending = append(pending, i)
		}
	}
	// Every PUT pending here was answered: read them back even when ctx
	// was cancelled meanwhile (within settleGrace).
	ctx, done := settleContext(ctx)
	defer done()
	listed := map[string]J{}
	if len(pending) > 0 && s.bulkReadBack(v, len(pending), b) {
		wanted := make(map[string]bool, len(pending))
		for _, i := range pending {
			wanted[strings.ToLower(k.id(svs[i].base))] = true
		}
		// A failed listing leaves the jobs not yet seen to be read alone.
		_ = k.pages(ctx, s, func(jobs []J) error {
			for _, j := range jobs {
				if id := strings.ToLower(k.id(j)); wanted[id] {
					listed[id] = j
				}
			}
			return nil
		})
	}
	parallel(len(pending), b.Parallel, func(n int) {
		sv := svs[pending[n]]
		after, ok := listed[strings.ToLower(k.id(sv.base))]
		var err error
		if !ok {
			after, err = k.get(ctx, s, k.id(sv.base))
		}
		k.confirm(sv, after, err)
		k.finish(s, sv, v)
	})
}

// parallel calls f(0) … f(n-1), at most limit at a time (at least one),
// and returns when every call has.
func parallel(n, limit int, f func(i int)) {
	limit = max(1, min(limit, n))
	var wg sync.WaitGroup
	next := make(chan int)
	for range limit {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f(i)
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}
