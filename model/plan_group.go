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

// GroupPlanJobs splits jobs by g (GroupJobs' order), each group named from
// names. Names are server text: callers make them safe for a terminal.
func GroupPlanJobs(jobs []*Job, g PlanGrouping, names PlanNames) []JobGroup {
	var key func(*Job) string
	var name func(key string) string
	switch g {
	case GroupOrganization:
		key = func(j *Job) string { return strings.ToLower(j.OrganizationID) }
		name = func(k string) string { return nameOr(names.Organizations, k) }
	case GroupRepository:
		key = func(j *Job) string { return strings.ToLower(j.RepositoryID) }
		name = func(k string) string {
			if r, ok := names.Repositories[k]; ok && r.Name != "" {
				return r.Name
			}
			return k
		}
	case GroupProxy:
		// The keys of jobs without a proxy are not ids, so they cannot
		// meet a proxy's.
		key = func(j *Job) string {
			r, ok := names.Repositories[strings.ToLower(j.RepositoryID)]
			switch {
			case !ok:
				return UnknownRepositoryGroup
			case r.ProxyID == "":
				return NoProxyGroup
			}
			return strings.ToLower(r.ProxyID)
		}
		name = func(k string) string { return nameOr(names.Proxies, k) }
	default:
		return []JobGroup{{Name: "all jobs", Jobs: jobs}}
	}
	groups := GroupJobs(jobs, key)
	for i := range groups {
		gr := &groups[i]
		gr.Name = name(gr.Key)
		switch {
		case gr.Key == "":
			gr.Name = "(none)"
		case gr.Key == UnknownRepositoryGroup || gr.Key == NoProxyGroup:
			gr.Key = "" // not an id: JSON output must not pass it for one
		case g == GroupOrganization:
			gr.Key = gr.Jobs[0].OrganizationID // the id as the server spells it
		case g == GroupRepository:
			gr.Key = gr.Jobs[0].RepositoryID
		}
	}
	return groups
}

func nameOr(names map[string]string, key string) string {
	if n := names[key]; n != "" {
		return n
	}
	return key
}
