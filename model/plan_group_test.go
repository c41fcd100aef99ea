package model

import (
	"slices"
	"testing"
	"time"
)

// TestGroupPlanJobs_ByProxyThroughTheRepositories groups planFleet's jobs by
// the proxy of their repository. By hand: nightly (repo-a) and held
// (REPO-B, its id in another case) sit behind proxy p1 and start Mon 22
// and Mon 23; periodic (repo-c) behind p2 starts Mon 08; manual (repo-d,
// no proxy: a v8 proxy pool) starts never; off's repository is not
// listed. The groups keep the jobs' order.
func TestGroupPlanJobs_ByProxyThroughTheRepositories(t *testing.T) {
	jobs := planFleet(t)
	for _, j := range jobs {
		j.RepositoryID = map[string]string{"nightly": "repo-a", "held": "REPO-B", "periodic": "repo-c",
			"manual": "repo-d", "off": "repo-gone"}[j.ID]
	}
	names := PlanNames{
		Repositories: map[string]PlanRepository{
			"repo-a": {Name: "Main", ProxyID: "P1"}, "repo-b": {Name: "Second", ProxyID: "p1"},
			"repo-c": {Name: "Zürich", ProxyID: "p2"}, "repo-d": {Name: "Pooled"},
		},
		Proxies: map[string]string{"p1": "vbo01.corp.example", "p2": "zrh.corp.example"},
	}
	type want struct {
		name                string
		jobs                []string
		mon08, mon22, mon23 int // enabled jobs starting then
	}
	wants := []want{
		{"vbo01.corp.example", []string{"nightly", "held"}, 0, 1, 1},
		{"zrh.corp.example", []string{"periodic"}, 1, 0, 0},
		{NoProxyGroup, []string{"manual"}, 0, 0, 0},
		{UnknownRepositoryGroup, []string{"off"}, 0, 0, 0},
	}
	groups := GroupPlanJobs(jobs, GroupProxy, names)
	if len(groups) != len(wants) {
		t.Fatalf("%d groups %+v, want %d", len(groups), groups, len(wants))
	}
	for i, w := range wants {
		g := groups[i]
		var ids []string
		for _, j := range g.Jobs {
			ids = append(ids, j.ID)
		}
		plan := PlanJobs(g.Jobs, 8)
		got := want{g.Name, ids, plan.StartsAt(Cell{Day: time.Monday, Hour: 8}),
			plan.StartsAt(Cell{Day: time.Monday, Hour: 22}), plan.StartsAt(Cell{Day: time.Monday, Hour: 23})}
		if got.name != w.name || !slices.Equal(got.jobs, w.jobs) || got.mon08 != w.mon08 || got.mon22 != w.mon22 || got.mon23 != w.mon23 {
			t.Errorf("group %d = %+v, want %+v", i, got, w)
		}
	}
}

func TestGroupPlanJobs_NamesEachGroupingsKeys(t *testing.T) {
	jobs := []*Job{
		{ID: "1", OrganizationID: "ORG-A", RepositoryID: "repo-a"},
		{ID: "2", OrganizationID: "org-b", RepositoryID: "repo-x"},
		{ID: "3"},
	}
	names := PlanNames{
		Organizations: map[string]string{"org-a": "contoso"},
		Repositories:  map[string]PlanRepository{"repo-a": {Name: "Main", ProxyID: "p1"}},
	}
	tests := []struct {
		by   PlanGrouping
		want []string
	}{
		{GroupNone, []string{"all jobs"}},
		// Unknown organization ids show as themselves; a job without one
		// as (none). A repository the server does not list is "not listed".
		{GroupOrganization, []string{"contoso", "org-b", "(none)"}},
		{GroupRepository, []string{"Main", UnknownRepositoryGroup, "(none)"}},
		// A proxy the proxies list lacks shows its id.
		{GroupProxy, []string{"p1", UnknownRepositoryGroup}},
	}
	for _, tt := range tests {
		t.Run(tt.by.String(), func(t *testing.T) {
			var got []string
			for _, g := range GroupPlanJobs(jobs, tt.by, names) {
				got = append(got, g.Name)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("groups %q, want %q", got, tt.want)
			}
			if tt.by == GroupOrganization {
				var keys []string
				for _, g := range GroupPlanJobs(jobs, tt.by, names) {
					keys = append(keys, g.Key)
				}
				// Ids match case-insensitively but keep the server's spelling.
				if want := []string{"ORG-A", "org-b", ""}; !slices.Equal(keys, want) {
					t.Errorf("keys %q, want %q", keys, want)
				}
			}
		})
	}
}

func TestParsePlanGrouping_ListsTheWordsItTakes(t *testing.T) {
	for _, g := range PlanGroupings {
		if got, err := ParsePlanGrouping(g.String()); err != nil || got != g {
			t.Errorf("ParsePlanGrouping(%q) = %v, %v", g, got, err)
		}
	}
	if got, _ := ParsePlanGrouping("Proxy"); got != GroupProxy {
		t.Errorf("ParsePlanGrouping is case-sensitive: %v", got)
	}
	_, err := ParsePlanGrouping("host")
	if err == nil || err.Error() != `grouping "host": use one of organization, repository, proxy` {
		t.Errorf("ParsePlanGrouping(host) error = %v", err)
	}
}
