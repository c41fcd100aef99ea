package model

import (
	"fmt"
	"strings"
)

// PlanGrouping is what a plan is split by: one map per organization, per
// backup repository or per backup proxy. A job document names its
// organization and repository; its proxy is its repository's proxy, which
// only the repositories list says, so grouping takes PlanNames.
type PlanGrouping int

// The groupings, in the order the plan screen cycles through them after
// the whole fleet (GroupNone).
const (
	GroupNone PlanGrouping = iota
	GroupOrganization
	GroupRepository
	GroupProxy
)

// PlanGroupings lists the groupings a plan can be split by, in order.
var PlanGroupings = []PlanGrouping{GroupOrganization, GroupRepository, GroupProxy}

// String is the grouping's word, as `plan --by` takes it ("" for none).
func (g PlanGrouping) String() string {
	switch g {
	case GroupOrganization:
		return "organization"
	case GroupRepository:
		return "repository"
	case GroupProxy:
		return "proxy"
	}
	return ""
}

// ParsePlanGrouping reads a grouping's word, case-insensitively.
func ParsePlanGrouping(s string) (PlanGrouping, error) {
	var words []string
	for _, g := range PlanGroupings {
		if strings.EqualFold(s, g.String()) {
			return g, nil
		}
		words = append(words, g.String())
	}
	return GroupNone, fmt.Errorf("grouping %q: use one of %s", s, strings.Join(words, ", "))
}

// PlanNames resolves the ids grouping meets, keyed by lower-case id (ids
// are GUIDs, compared case-insensitively). A missing map or entry shows
// the id instead of a name.
type PlanNames struct {
	Organizations map[string]string
	Repositories  map[string]PlanRepository
	Proxies       map[string]string // host names
}

// PlanRepository is what grouping needs of a backup repository.
type PlanRepository struct {
	Name    string
	ProxyID string
}

// Group names for jobs whose proxy cannot be told.
const (
	// UnknownRepositoryGroup holds jobs whose repository the server did
	// not list (removed since, or no rights to read it).
	UnknownRepositoryGroup = "(repository not listed)"
	// NoProxyGroup holds jobs whose repository names no proxy (v8: a
	// repository served by a proxy pool).
	NoProxyGroup = "(no proxy)"
)

// UnknownSourceGroup holds copy jobs grouped by proxy whose source backup
// job is not in the input: a copy job's proxy is its source job's.
const UnknownSourceGroup = "(proxy unknown: source job not listed)"

// GroupPlanJobs splits jobs by g (GroupJobs' order), each group named from
// names. Names are server text: callers make them safe for a terminal.
func GroupPlanJobs(jobs []*Job, g PlanGrouping, names PlanNames) []JobGroup {
	return GroupPlanInput(PlanInput{Jobs: jobs}, g, names)
}

// GroupPlanInput splits in by g, groups in order of their first job (backup
// jobs first, then copy jobs), each group named from names; Input gives a
// group's plan input. A copy job's organization is its own (v8) or its
// source job's, its repository its own, its proxy its source job's (the
// source job's repository's), UnknownSourceGroup when the source is not in
// the input. Names are server text: callers make them safe for a terminal.
func GroupPlanInput(in PlanInput, g PlanGrouping, names PlanNames) []JobGroup {
	source := in.sourceOf()
	proxyOf := func(repositoryID string) string {
		r, ok := names.Repositories[strings.ToLower(repositoryID)]
		switch {
		case !ok:
			return UnknownRepositoryGroup
		case r.ProxyID == "":
			return NoProxyGroup
		}
		return r.ProxyID
	}
	// key is the id of j's (or c's) group as the server spells it, or a
	// group name that is not an id.
	var key func(j *Job, c *CopyJob) string
	var name func(key string) string
	switch g {
	case GroupOrganization:
		key = func(j *Job, c *CopyJob) string {
			if c != nil {
				return copyOrganization(c, source(c))
			}
			return j.OrganizationID
		}
		name = func(k string) string { return nameOr(names.Organizations, k) }
	case GroupRepository:
		key = func(j *Job, c *CopyJob) string {
			id := c.repositoryOr(j)
			if _, ok := names.Repositories[strings.ToLower(id)]; !ok && id != "" {
				return UnknownRepositoryGroup // as grouping by proxy says it
			}
			return id
		}
		name = func(k string) string {
			if r, ok := names.Repositories[k]; ok && r.Name != "" {
				return r.Name
			}
			return k
		}
	case GroupProxy:
		// The keys of jobs without a proxy are not ids, so they cannot
		// meet a proxy's.
		key = func(j *Job, c *CopyJob) string {
			if c != nil {
				if j = source(c); j == nil {
					return UnknownSourceGroup
				}
			}
			return proxyOf(j.RepositoryID)
		}
		name = func(k string) string { return nameOr(names.Proxies, k) }
	default:
		return []JobGroup{{Name: "all jobs", Jobs: in.Jobs, CopyJobs: in.CopyJobs, sources: in.sources()}}
	}
	var out []JobGroup
	at := map[string]int{}
	group := func(j *Job, c *CopyJob) *JobGroup {
		spelled := key(j, c)
		k := strings.ToLower(spelled) // ids are GUIDs, compared case-insensitively
		i, ok := at[k]
		if !ok {
			i = len(out)
			at[k] = i
			gr := JobGroup{Key: spelled, Name: name(k), sources: in.sources()}
			switch spelled {
			case "":
				gr.Name = "(none)"
			case UnknownRepositoryGroup, NoProxyGroup, UnknownSourceGroup:
				gr.Key, gr.Name = "", spelled // not an id: JSON output must not pass it for one
			}
			if g == GroupProxy && gr.Key != "" {
				gr.Key = k
			}
			out = append(out, gr)
		}
		return &out[i]
	}
	for _, j := range in.Jobs {
		gr := group(j, nil)
		gr.Jobs = append(gr.Jobs, j)
	}
	for _, c := range in.CopyJobs {
		gr := group(nil, c)
		gr.CopyJobs = append(gr.CopyJobs, c)
	}
	return out
}

// sources is where in finds copy jobs' source jobs.
func (in PlanInput) sources() []*Job {
	if in.Sources == nil {
		return in.Jobs
	}
	return in.Sources
}

// Input is the group's plan input: its jobs and copy jobs, with the source
// jobs of the input it was split from.
func (g JobGroup) Input() PlanInput {
	return PlanInput{Jobs: g.Jobs, CopyJobs: g.CopyJobs, Sources: g.sources}
}

func nameOr(names map[string]string, key string) string {
	if n := names[key]; n != "" {
		return n
	}
	return key
}

// repositoryOr is the copy job's repository, or j's when c is nil.
func (c *CopyJob) repositoryOr(j *Job) string {
	if c != nil {
		return c.RepositoryID
	}
	return j.RepositoryID
}
