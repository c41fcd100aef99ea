package ui

import (
	"errors"
	"strings"
	"testing"
)

// The finding G12: a job opened from a list read minutes ago is read again
// by id, so the editor shows the server's job "as on the server"; until
// that answer comes the title says "as listed", and edits made meanwhile
// are kept.
func TestEditor_OpeningFromTheListReadsTheJobAgain(t *testing.T) {
	tests := []struct {
		name        string
		before      []string // keys after enter, before the answer comes
		wantServers bool     // the editor holds the server's job afterwards
		wantDirty   bool
		wantMessage string
	}{
		{"no edits: the server's job replaces the list's", nil, true, false, ""},
		{"edited meanwhile: edits kept, the change said", []string{"space"}, false, true, "changed on the server since the list was read"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, b := loaded(t, "v8", 120, 40)
			id := m.list.Selected().ID
			changed := serverChanges(t, b, id, func(doc map[string]any) { doc["description"] = "changed after the list was read" })
			next, cmd := m.Update(keyMsg("enter"))
			m = next.(Model)
			if v := view(m); !strings.Contains(v, "· as listed") || strings.Contains(v, "as on the server") {
				t.Errorf("before the job is read again the title claims the server's copy:\n%s", v)
			}
			m = press(t, m, tt.before...)
			m = run(t, m, cmd) // the answers: the draft (none) and the job read again
			if got := m.editor.job == changed; got != tt.wantServers {
				t.Errorf("editor holds the server's job: %v, want %v", got, tt.wantServers)
			}
			if m.editor.dirty() != tt.wantDirty {
				t.Errorf("dirty = %v, want %v", m.editor.dirty(), tt.wantDirty)
			}
			if !strings.Contains(m.editor.message, tt.wantMessage) {
				t.Errorf("message %q, want %q", m.editor.message, tt.wantMessage)
			}
			if v := view(m); strings.Contains(v, "as listed") {
				t.Errorf("after the answer the title still says as listed:\n%s", v)
			}
			if tt.wantServers && m.list.Selected() != changed {
				t.Error("the list's row is still the old copy")
			}
		})
	}
}

// A failed re-read keeps the list's copy and says so, "as listed".
func TestEditor_AFailedRereadSaysTheJobIsAsListed(t *testing.T) {
	m, _ := loaded(t, "v8", 120, 40)
	next, _ := m.Update(keyMsg("enter"))
	m = next.(Model)
	next, _ = m.Update(jobRereadMsg{id: m.editor.job.ID, err: errors.New("connection refused")})
	m = next.(Model)
	if v := view(m); !strings.Contains(v, "as listed") || !strings.Contains(v, "reading the job again failed") {
		t.Errorf("a failed re-read:\n%s", v)
	}
}
