package ui

import (
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/vbosched/vbosched/internal/fakevbo"
	"github.com/vbosched/vbosched/internal/jobstore"
	"github.com/vbosched/vbosched/model"
)

var _ NamingBackend = (*jobstore.Store)(nil) // so the plan names proxies against real servers

// TestPlanScreen_GroupingCyclesThroughProxies drives b over HTTP: the demo's
// jobs sit in two repositories behind two proxies (Müller's in Zürich),
// read once when the cycle first needs them.
func TestPlanScreen_GroupingCyclesThroughProxies(t *testing.T) {
	m, srv := loadedOverHTTP(t, "v8", 120, 40)
	steps := []struct {
		grouping model.PlanGrouping
		title    string
		groups   []string
	}{
		{groupOrganization, "Plan: contoso.onmicrosoft.com (organization 1 of 3)",
			[]string{"contoso.onmicrosoft.com", "fabrikam.onmicrosoft.com", "Müller & Söhne GmbH"}},
		{groupRepository, "Plan: Default Backup Repository (repository 1 of 2)",
			[]string{"Default Backup Repository", "Zürich Objektspeicher"}},
		{groupProxy, "Plan: vbo01.corp.example (proxy 1 of 2)",
			[]string{"vbo01.corp.example", "vbo-proxy-zrh.corp.example"}},
		{groupNone, "Plan of 8 jobs", []string{"all jobs"}},
	}
	m = press(t, m, "K", "P") // backup jobs only: the list shows copy jobs too
	for _, st := range steps {
		m = press(t, m, "b")
		var names []string
		for _, g := range m.plan.groups {
			names = append(names, g.name)
		}
		if m.plan.grouping != st.grouping || strings.Join(names, "|") != strings.Join(st.groups, "|") {
			t.Errorf("after b: grouping %v, groups %q; want %v, %q", m.plan.grouping, names, st.grouping, st.groups)
		}
		if v := view(m); !strings.Contains(v, st.title) {
			t.Errorf("view lacks %q:\n%s", st.title, v)
		}
	}
	// The Zürich proxy's map: Archiv Geschäftsführung alone, starting
	// Mon 08:15 (four-hourly at :15 in its Mon–Fri 08–18 window).
	m = press(t, m, "b", "b", "b", "]", "h*14")
	if v := view(m); !strings.Contains(v, "Mon 08:00  1 start · 1 may run") || !strings.Contains(v, "starts   Archiv Geschäftsführung") {
		t.Errorf("the Zürich proxy's Mon 08:00:\n%s", v)
	}
	for _, path := range []string{"/BackupRepositories", "/Proxies"} {
		if n := len(srv.RequestsFor(http.MethodGet, path)); n != 1 {
			t.Errorf("%d GET %s over two cycles, want 1", n, path)
		}
	}
}

// TestPlanScreen_ProxiesThatCannotBeReadAreSaid: each cycle into the
// repository or proxy grouping asks again while the lists cannot be read
// (here twice: repositories by id, then the proxy grouping shows every
// job under the reason); once they answer, the proxies show.
func TestPlanScreen_ProxiesThatCannotBeReadAreSaid(t *testing.T) {
	m, srv := loadedOverHTTP(t, "v8", 120, 40)
	srv.InjectFault(fakevbo.Fault{Method: http.MethodGet, Path: "/BackupRepositories", Status: http.StatusForbidden, Times: 2})
	m = press(t, m, "K", "P", "b", "b", "b") // K: backup jobs only
	if m.plan.grouping != groupProxy || len(m.plan.groups) != 1 || len(m.plan.groups[0].plan.Jobs) != 7 {
		t.Fatalf("grouping %v, %d groups; want the proxy grouping's one group of the 7 planned jobs", m.plan.grouping, len(m.plan.groups))
	}
	if v := view(m); !strings.Contains(v, "proxies unknown: reading the backup repositories") {
		t.Errorf("view does not say why:\n%s", v)
	}
	m = press(t, m, "b", "b", "b", "b")
	if len(m.plan.groups) != 2 {
		t.Errorf("after the server answers: %d proxy groups, want 2", len(m.plan.groups))
	}
}

// TestPlanScreen_NamesArrivingLateKeepTheGroupShown: names that arrive
// after the user has cycled on to the organizations leave the group shown
// alone (regrouping would jump back to the first).
func TestPlanScreen_NamesArrivingLateKeepTheGroupShown(t *testing.T) {
	m, _ := loaded(t, "v8", 80, 24)
	m = press(t, m, "P", "b", "]")
	m.plan.NamesLoaded(model.PlanNames{}, errors.New("x"))
	if m.plan.grouping != groupOrganization || m.plan.group != 1 {
		t.Errorf("grouping %v at group %d, want the organizations at 1", m.plan.grouping, m.plan.group)
	}
}

// TestPlanScreen_NoProxiesWithoutANamingBackend: a Backend that cannot read
// proxies cycles organization → repository (ids) → all jobs.
func TestPlanScreen_NoProxiesWithoutANamingBackend(t *testing.T) {
	m, _ := loaded(t, "v8", 80, 24)
	m = press(t, m, "P", "b", "b", "b")
	if m.plan.grouping != groupNone {
		t.Errorf("grouping %v after three b, want all jobs: proxies cannot be told", m.plan.grouping)
	}
}
