package ui

import (
	"context"
	"errors"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/vbosched/vbosched/model"
)

// presentBackend serves fixed jobs: these tests are about what the UI
// shows of them, not about HTTP.
type presentBackend struct{ jobs []*model.Job }

func (b presentBackend) ListJobs(context.Context) ([]*model.Job, error) { return b.jobs, nil }
func (b presentBackend) GetJob(_ context.Context, id string) (*model.Job, error) {
	return model.FindJob(b.jobs, id)
}
func (b presentBackend) SaveJob(_ context.Context, j *model.Job, _ model.Settings) (*model.Job, error) {
	return j, nil
}
func (presentBackend) StartJob(context.Context, string) error               { return nil }
func (presentBackend) APIVersion() model.APIVersion                         { return 8 }
func (presentBackend) Label() string                                        { return "TEST" }
func (presentBackend) OrganizationName(_ context.Context, id string) string { return id }

func presentJob(t *testing.T, id, name string) *model.Job {
	t.Helper()
	j, err := model.DecodeJob([]byte(`{"id":"` + id + `","name":"` + name + `","isEnabled":true,"schedulePolicy":{"type":"Daily","dailyType":"Everyday","dailyTime":"22:00:00"}}`))
	if err != nil {
		t.Fatal(err)
	}
	return j
}

func openedWith(t *testing.T, ref string, jobs ...*model.Job) Model {
	t.Helper()
	m := New(Options{Backend: presentBackend{jobs}, JobRef: ref})
	next, _ := m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	return run(t, next.(Model), m.loadJobs())
}

func TestJobRef_SharedNameOpensNoEditor(t *testing.T) {
	a, b := presentJob(t, "a1", "Teams"), presentJob(t, "b2", "Teams")
	tests := []struct {
		name, ref  string
		wantScreen screen
		wantJob    string
	}{
		{"a shared name stays on the list and says why", "Teams", screenList, ""},
		{"an id opens that job", "b2", screenEditor, "b2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := openedWith(t, tt.ref, a, b)
			if m.screen != tt.wantScreen {
				t.Fatalf("screen %d, want %d", m.screen, tt.wantScreen)
			}
			if tt.wantJob != "" {
				if m.editor.job.ID != tt.wantJob {
					t.Errorf("opened %s, want %s", m.editor.job.ID, tt.wantJob)
				}
				return
			}
			var amb *model.AmbiguousJobError
			if !errors.As(m.loadErr, &amb) {
				t.Fatalf("loadErr %v, want *model.AmbiguousJobError", m.loadErr)
			}
			if v := view(m); !strings.Contains(v, `2 jobs are named "Teams"`) {
				t.Errorf("the list does not say the name is shared:\n%s", v)
			}
		})
	}
}

func TestViews_EscapeControlCharactersInServerText(t *testing.T) {
	const evil = `evil\u001b]0;pwned\u0007\u001b[2J`
	list := openedWith(t, "", presentJob(t, "e1", evil))
	editor := press(t, list, "enter")
	renamed := press(t, editor, "tab")
	renamed.editor.draft.Name = "calm"
	review := press(t, renamed, "ctrl+s")
	if review.screen != screenReview {
		t.Fatalf("ctrl+s led to screen %d, not the review", review.screen)
	}
	for _, tt := range []struct {
		name string
		m    Model
	}{{"list", list}, {"editor", editor}, {"review", review}} {
		t.Run(tt.name, func(t *testing.T) {
			raw := tt.m.View().Content
			if strings.Contains(raw, "\x1b]0;") || strings.Contains(raw, "\a") || strings.Contains(raw, "\x1b[2J") {
				t.Errorf("the job name reached the terminal unescaped:\n%q", raw)
			}
			if !strings.Contains(raw, `evil\x1b]0;pwned`) {
				t.Errorf("the job name is not shown escaped:\n%s", view(tt.m))
			}
		})
	}
}
