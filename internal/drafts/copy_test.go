package drafts

import (
	"strings"
	"testing"

	"github.com/vbosched/vbosched/model"
)

const copyJSON = `{"id":"c1","name":"Exchange nightly – archive","isEnabled":true,"backupJobId":"j1",
 "repositoryId":"r2","schedulePolicy":{"type":"DailyAtTime","dailyType":"Workdays","dailyTime":"23:00:00",
  "backupCopyWindowEnabled":false,"futureField":1}}`

func TestSaveLoad_ACopyJobsDraftSaysItsKind(t *testing.T) {
	s := testStore(t)
	cj, err := model.DecodeCopyJob([]byte(copyJSON))
	if err != nil {
		t.Fatal(err)
	}
	edit := cj.Settings()
	edit.Policy.Type, edit.Policy.Every = model.CopyPeriodically, model.Hours4
	if err := s.Save(NewCopy("VBO", server, cj, edit)); err != nil {
		t.Fatal(err)
	}
	d, err := s.Load(server, "c1")
	if err != nil {
		t.Fatal(err)
	}
	if d.Kind != KindCopy || d.CopyEdit == nil || *d.CopyEdit != edit {
		t.Fatalf("draft = %+v", d)
	}
	base, err := d.BaseCopyJob()
	if err != nil {
		t.Fatal(err)
	}
	want, _ := cj.PutBody(edit, 8)
	if got, err := base.PutBody(*d.CopyEdit, 8); err != nil || string(got) != string(want) {
		t.Errorf("PUT from the restored draft differs:\n got %s\nwant %s (%v)", got, want, err)
	}
	// Never read as the other kind.
	if _, err := d.BaseJob(); err == nil || !strings.Contains(err.Error(), "copy job's draft") {
		t.Errorf("a copy job's draft read as a backup job's: %v", err)
	}
	cs, err := d.Changes()
	if err != nil || len(cs) != 2 {
		t.Errorf("changes %v, %v; want the type and the interval", cs, err)
	}
}
