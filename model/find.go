package model

import (
	"fmt"
	"strings"
)

// NoJobError says no job has the id or name a user gave.
type NoJobError struct{ Ref string }

func (e *NoJobError) Error() string {
	return fmt.Sprintf("no job has the id or name %q: run `vbosched jobs` to list the ids and names", e.Ref)
}

// AmbiguousJobError says several jobs share the name a user gave, so only
// an id can pick one of them.
type AmbiguousJobError struct {
	Ref  string
	Jobs []*Job
}

func (e *AmbiguousJobError) Error() string {
	lines := make([]string, len(e.Jobs))
	for i, j := range e.Jobs {
		lines[i] = fmt.Sprintf("  %s  %s", j.ID, j.Name)
	}
	return fmt.Sprintf("%d jobs are named %q; name one by its id:\n%s", len(e.Jobs), e.Ref, strings.Join(lines, "\n"))
}

// FindJob resolves ref among jobs: an id (case-insensitive), else a name.
// A name that matches exactly wins over one that matches in another case,
// so "Exchange" and "exchange" can both be named. Several jobs with the
// name are an *AmbiguousJobError and none a *NoJobError: it never guesses,
// because the job it picks is the one a command changes.
func FindJob(jobs []*Job, ref string) (*Job, error) {
	var exact, folded []*Job
	for _, j := range jobs {
		switch {
		case strings.EqualFold(j.ID, ref):
			return j, nil
		case j.Name == ref:
			exact = append(exact, j)
		case strings.EqualFold(j.Name, ref):
			folded = append(folded, j)
		}
	}
	for _, byName := range [][]*Job{exact, folded} {
		switch len(byName) {
		case 0:
			continue
		case 1:
			return byName[0], nil
		}
		return nil, &AmbiguousJobError{Ref: ref, Jobs: byName}
	}
	return nil, &NoJobError{Ref: ref}
}
