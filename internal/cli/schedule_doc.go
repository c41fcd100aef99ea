package cli

import (
	"encoding/json"
	"io"
	"strings"

	"github.com/vbosched/vbosched/model"
)

// scheduleDoc is a job's schedule in a form people can read and edit: the
// format of `export`, `apply -f` and the schedule part of `show --json`.
// Windows are in the ParseWindow grammar. In a file given to apply, a field
// left out is left as it is on each job.
type scheduleDoc struct {
	// Kind is "backup" in what export writes; files from before copy jobs
	// have none, and mean the same.
	Kind string `json:"kind,omitempty"`
	// IsEnabled switches each job on or off. export leaves it out, so a
	// schedule applied to many jobs never enables or disables them; a person
	// adds it to a file on purpose.
	IsEnabled             *bool   `json:"isEnabled,omitempty"`
	Type                  *string `json:"type,omitempty"`
	DailyType             *string `json:"dailyType,omitempty"`
	DailyTime             *string `json:"dailyTime,omitempty"`
	PeriodicallyEvery     *string `json:"periodicallyEvery,omitempty"`
	OffsetMinutes         *int    `json:"periodicallyOffsetMinutes,omitempty"`
	BackupWindowEnabled   *bool   `json:"backupWindowEnabled,omitempty"`
	BackupWindow          *string `json:"backupWindow,omitempty"`
	PeriodicWindowEnabled *bool   `json:"periodicallyWindowEnabled,omitempty"`
	PeriodicWindow        *string `json:"periodicallyWindow,omitempty"`
	RetryEnabled          *bool   `json:"retryEnabled,omitempty"`
	RetryNumber           *int    `json:"retryNumber,omitempty"`
	RetryWaitMinutes      *int    `json:"retryWaitInterval,omitempty"`
	// ExportedFrom is the job export read, as far as a PUT carries it. apply
	// compares it with the job now when it applies the file to that same
	// job, so an edit of the file never overwrites a change made since.
	ExportedFrom json.RawMessage `json:"exportedFrom,omitempty"`
	// ExportedFromServer is the server export read it from: the same job
	// id on another server (a lab with the production's ids, a restored
	// copy) is another job, and apply treats it as one. Files from before
	// this field are checked as if from the server they are applied to.
	ExportedFromServer string `json:"exportedFromServer,omitempty"`
}

func ptr[T any](v T) *T { return &v }

// docFromPolicy writes every field of the policy that applies to the
// version. Values vbosched could not read (an unknown enum value, a
// misshapen window) are left out rather than written as something they
// are not: applied elsewhere, "never" for an unreadable window would
// switch another job's window off.
func docFromPolicy(p model.SchedulePolicy, v model.APIVersion) scheduleDoc {
	d := scheduleDoc{
		BackupWindowEnabled: ptr(p.BackupWindowEnabled),
		RetryEnabled:        ptr(p.RetryEnabled),
		RetryNumber:         ptr(p.RetryNumber),
		RetryWaitMinutes:    ptr(p.RetryWaitMinutes),
	}
	if p.Type != model.ScheduleTypeUnknown {
		d.Type = ptr(p.Type.String())
	}
	if p.BackupWindow.Problem == "" {
		d.BackupWindow = ptr(p.BackupWindow.Hours.String())
	}
	if p.DailyType > model.DailyUnset {
		d.DailyType = ptr(p.DailyType.String())
	}
	d.DailyTime = ptr(p.DailyTime.String())
	if p.Every > model.IntervalUnset {
		d.PeriodicallyEvery = ptr(p.Every.String())
	}
	if v.HasOffsetMinutes() {
		d.OffsetMinutes = ptr(p.OffsetMinutes)
	}
	if p.HasPeriodicWindow {
		if p.PeriodicWindow.Problem == "" {
			d.PeriodicWindow = ptr(p.PeriodicWindow.Hours.String())
		}
		if v.HasPeriodicWindowSwitch() {
			d.PeriodicWindowEnabled = ptr(p.PeriodicWindowEnabled)
		}
	}
	return d
}

func readScheduleDoc(r io.Reader, name string) (scheduleDoc, error) {
	var d scheduleDoc
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&d); err != nil {
		return d, usagef("%s: %v", name, err)
	}
	return d, nil
}

// edits turns the document into the edits it stands for, checking every
// value first.
func (d scheduleDoc) edits() ([]edit, error) {
	var out []edit
	add := func(e edit, err error) error {
		if err != nil {
			return err
		}
		out = append(out, e)
		return nil
	}
	steps := []func() error{
		func() error { return ifSet(d.IsEnabled, func(b bool) error { return add(enabledEdit(b), nil) }) },
		func() error { return ifSet(d.Type, func(s string) error { return add(typeEdit(s)) }) },
		func() error { return ifSet(d.DailyType, func(s string) error { return add(dailyTypeEdit(s)) }) },
		func() error { return ifSet(d.DailyTime, func(s string) error { return add(dailyTimeEdit(s)) }) },
		func() error { return ifSet(d.PeriodicallyEvery, func(s string) error { return add(everyEdit(s)) }) },
		func() error { return ifSet(d.OffsetMinutes, func(n int) error { return add(offsetEdit(n)) }) },
		func() error {
			return ifSet(d.BackupWindowEnabled, func(b bool) error { return add(windowEnabledEdit(model.BackupWindowKind, b), nil) })
		},
		func() error {
			return ifSet(d.BackupWindow, func(s string) error { return add(windowEdit(model.BackupWindowKind, replaceHours, s)) })
		},
		func() error {
			return ifSet(d.PeriodicWindowEnabled, func(b bool) error { return add(windowEnabledEdit(model.PeriodicWindowKind, b), nil) })
		},
		func() error {
			return ifSet(d.PeriodicWindow, func(s string) error { return add(windowEdit(model.PeriodicWindowKind, replaceHours, s)) })
		},
		func() error {
			return ifSet(d.RetryEnabled, func(b bool) error { return add(retryEnabledEdit(b), nil) })
		},
		func() error { return ifSet(d.RetryNumber, func(n int) error { return add(retryNumberEdit(n)) }) },
		func() error { return ifSet(d.RetryWaitMinutes, func(n int) error { return add(retryWaitEdit(n)) }) },
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return nil, err
		}
	}
	if len(out) == 0 {
		return nil, usagef("the schedule file sets nothing")
	}
	return out, nil
}

func ifSet[T any](p *T, f func(T) error) error {
	if p == nil {
		return nil
	}
	return f(*p)
}

func (d scheduleDoc) String() string {
	var b strings.Builder
	_ = writeJSON(&b, d) // a scheduleDoc has nothing that fails to encode
	return b.String()
}
