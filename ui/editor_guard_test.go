package ui

import (
	"errors"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/vbosched/vbosched/model"
)

// unreadableDrafts is a Drafts holding one draft this vbosched cannot read.
type unreadableDrafts struct{ *memDrafts }

func (unreadableDrafts) LoadDraft(string) (*StoredDraft, error) {
	return nil, errors.New("drafts: /state/vbosched/drafts/0a1b.json is a draft of format 2, this vbosched reads format 1")
}

func TestDrafts_AnUnreadableDraftIsNeverDeleted(t *testing.T) {
	for _, tt := range []struct {
		name        string
		keys        []string
		wantDeletes int
		wantEditor  bool
	}{
		{"opening the job", nil, 0, false},
		{"going back", []string{"esc"}, 0, false},
		{"opening the job without it", []string{"y"}, 0, true},
		{"opening without it and moving around", []string{"y", "l", "j", "tab"}, 0, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d := unreadableDrafts{newMemDrafts()}
			m := New(Options{Backend: newMemBackend(t, "v8"), Drafts: d})
			next, _ := m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
			m, _ = drive(t, next.(Model), m.loadJobs())
			m, _ = keys(t, m, "enter")
			v := view(m)
			for _, want := range []string{"cannot be read", "0a1b.json", "vbosched drafts --clear", "y: open the job without it"} {
				if !strings.Contains(v, want) {
					t.Fatalf("the editor does not say %q:\n%s", want, v)
				}
			}
			m, _ = keys(t, m, tt.keys...)
			if d.deletes != tt.wantDeletes || d.writes != 0 {
				t.Errorf("%d deletes, %d writes of the unreadable draft, want none", d.deletes, d.writes)
			}
			if got := m.screen == screenEditor && m.editor.unreadable == ""; got != tt.wantEditor {
				t.Errorf("editing %v, want %v (screen %v)", got, tt.wantEditor, m.screen)
			}
		})
	}
	t.Run("an edit replaces it, as the screen said", func(t *testing.T) {
		d := unreadableDrafts{newMemDrafts()}
		m := withDraftsOn(t, newMemBackend(t, "v8"), d.memDrafts)
		m.opts.Drafts = d
		m, _ = keys(t, m, "enter", "y", "space")
		if d.writes != 1 {
			t.Errorf("%d writes after an edit, want 1", d.writes)
		}
	})
}

// While "terminal too small" is all there is on screen, no key edits or
// saves; ctrl+c and a resize still work.
func TestEditor_TooSmallIgnoresEveryKeyButQuit(t *testing.T) {
	m, b := loaded(t, "v8", 80, 24)
	m, _ = keys(t, m, "enter")
	before := m.editor.draft
	next, _ := m.Update(tea.WindowSizeMsg{Width: 40, Height: 10})
	m = next.(Model)
	if !strings.Contains(view(m), "terminal too small") {
		t.Fatalf("not too small:\n%s", view(m))
	}
	m, _ = keys(t, m, "space", "p", "3", "ctrl+s", "y", "y")
	next, _ = m.Update(tea.PasteMsg{Content: "pasted"})
	m = next.(Model)
	if m.editor.draft != before || m.screen != screenEditor || m.saving || len(b.saves()) != 0 {
		t.Errorf("keys acted behind the too-small screen: screen %v, saving %v, %d saves, draft changed %v",
			m.screen, m.saving, len(b.saves()), m.editor.draft != before)
	}
	next, _ = m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	m, _ = keys(t, next.(Model), "space")
	if m.editor.draft == before {
		t.Error("after the resize a key does not edit")
	}
	if _, quit := keys(t, m, "ctrl+c", "ctrl+c"); !quit {
		t.Error("ctrl+c does not quit")
	}
}

func TestForm_PasteInsertsSanitisedText(t *testing.T) {
	for _, tt := range []struct {
		name  string
		field string
		paste string
		want  func(model.Settings) string
		wantV string
	}{
		{"into the name", "Name", "Legal\u202e hold\x1b[31m\u009b", func(s model.Settings) string { return s.Name }, "Exchange nightlyLegal hold[31m"},
		{"into the name, a line break", "Name", "a\r\nb", func(s model.Settings) string { return s.Name }, "Exchange nightlya b"},
		{"into the description, line breaks kept", "Description", "one\r\ntwo\x07", func(s model.Settings) string { return s.Description }, "All mailboxesone\ntwo"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			m, _ := loaded(t, "v8", 120, 40)
			m, _ = keys(t, m, "enter", "tab")
			for i := 0; i < 20 && m.editor.form.fields[m.editor.form.focus].label != tt.field; i++ {
				m, _ = keys(t, m, "down")
			}
			m, _ = keys(t, m, "enter")
			if !m.editor.form.editing {
				t.Fatalf("%s is not being edited", tt.field)
			}
			next, cmd := m.Update(tea.PasteMsg{Content: tt.paste})
			m, _ = drive(t, next.(Model), cmd)
			m, _ = keys(t, m, "enter")
			if got := tt.want(m.editor.draft.Settings); got != tt.wantV {
				t.Errorf("%s = %q, want %q", tt.field, got, tt.wantV)
			}
		})
	}
}
