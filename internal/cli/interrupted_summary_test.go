package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/vbosched/vbosched/model"
)

// An interrupted bulk set counts each job by what is known of it: saved,
// answered but not read back, sent without an answer, never sent; only a
// refusal by the server is "failed". Each advice names the job's id, so
// the command printed can be run as it is (G9, G11).
func TestSummary_InterruptedSaveCountsEachJobByWhatIsKnown(t *testing.T) {
	job := &model.Job{ID: "6b2f1a4e-0000-0000-0000-000000000001", Name: "Mailbox batch 500"}
	copyJob := &model.CopyJob{ID: "46582ee2-00ae-7b8f-4e20-d28267cd57e5", Name: "SharePoint – archive"}
	cancelled := fmt.Errorf("GET …: %w", context.Canceled)
	tests := []struct {
		name       string
		err        error
		wantStatus string
		wantLine   string // in the job's line
		wantCount  string // in the summary
	}{
		{"answered, not read back",
			&model.NotReadBackError{Label: job.Label(), Noun: "job", Err: cancelled, Unknown: &model.UnknownOutcomeError{Job: job, Err: cancelled}},
			"not read back", "the server accepted the change", "1 answered but not read back"},
		{"no answer",
			&model.UnknownOutcomeError{Job: job, Err: cancelled},
			"unknown", "`vbosched show " + job.ID + "`", "1 unknown"},
		{"a copy job with no answer",
			&model.CopyUnknownOutcomeError{Job: copyJob, Err: cancelled},
			"unknown", "`vbosched show --kind copy " + copyJob.ID + "`", "1 unknown"},
		{"never sent",
			&model.NotSentError{Err: fmt.Errorf("saving %s: %w", job.Label(), context.Canceled)},
			"not sent", "nothing was sent", "1 not sent"},
		{"refused by the server",
			errors.New("saving job: 400 Bad Request; nothing was saved"),
			"failed", "400 Bad Request", "0 changed, 0 unchanged, 1 failed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			plans := []plan{{job: job, changes: []model.FieldChange{{Field: "retryNumber", Old: "3", New: "6"}}}}
			var out bytes.Buffer
			err := summarizeResults(&out, plans, []result{{err: tt.err}})
			var ee *ExitError
			if !errors.As(err, &ee) || ee.Code != ExitFailed {
				t.Errorf("exit %v, want code %d", err, ExitFailed)
			}
			text := out.String()
			if !strings.Contains(text, "\n"+tt.wantStatus+" ") || !strings.Contains(text, tt.wantLine) || !strings.Contains(text, tt.wantCount) {
				t.Errorf("output:\n%s\nwant status %q, %q and %q", text, tt.wantStatus, tt.wantLine, tt.wantCount)
			}
			if tt.wantStatus != "failed" && strings.Contains(text, "1 failed") {
				t.Errorf("output:\n%s\ncounts a %s job as failed", text, tt.wantStatus)
			}
		})
	}
}
