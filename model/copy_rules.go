package model

import "fmt"

// The field rules of a backup copy job, in rules.go's words: the same
// ranges and messages as backup jobs where the field is the same field.

// ValidateCopyType checks that a copy job's schedule type is set.
func ValidateCopyType(t CopyScheduleType) error {
	if t == CopyScheduleUnset {
		return FieldError{FieldType, "", "is missing (want one of " + accepted(copyScheduleTypes) + ")"}
	}
	return nil
}

// Validate checks a copy policy on its own: what its type needs, and an
// enabled copy window that allows some hour.
func (p CopyPolicy) Validate() error {
	var errs ValidationError
	errs.add(ValidateCopyType(p.Type))
	switch p.Type {
	case CopyPeriodically:
		errs.add(ValidateInterval(p.Every))
	case DailyAtTime:
		errs.add(ValidateDailyType(p.DailyType))
		errs.add(ValidateDailyTime(p.DailyTime))
	}
	if p.Window.Problem == "" && p.WindowEnabled && p.Window.Hours.Count() == 0 {
		errs = append(errs, FieldError{FieldCopyWindow, "", "allows no hour, so the copy job could never run (allow some hours or turn the window off)"})
	}
	return errs.orNil()
}

// Validate checks edited settings for the copy job on version v: the
// policy's rules, what the version holds, and no edit of a window or enum
// value that was read in a shape vbosched does not know.
func (j *CopyJob) Validate(edit CopySettings, v APIVersion) error {
	var errs ValidationError
	if !v.HasCopyJobs() {
		return ValidationError{{"copy jobs", "", fmt.Sprintf("need API v6 or later (this server speaks %s)", v)}}
	}
	if err := edit.Policy.Validate(); err != nil {
		errs = append(errs, err.(ValidationError)...)
	}
	p, orig := edit.Policy, j.Policy
	if p.Type == CopyPeriodically && p.Every == Hours12 && p.Every != orig.Every && !v.HasHours12() {
		errs = append(errs, FieldError{FieldEvery, "Hours12", fmt.Sprintf("needs API v8 or later (this server speaks %s)", v)})
	}
	if orig.Window.Problem != "" && p.Window != orig.Window {
		errs = append(errs, FieldError{FieldCopyWindow, "", fmt.Sprintf("cannot be edited here: the server's hours %s; fix the window on the server (Veeam console), then edit it here", orig.Window.Problem)})
	}
	return errs.orNil()
}

// HasCopyJobs: /vN/CopyJobs exists from v6 on.
func (v APIVersion) HasCopyJobs() bool { return v >= 6 }
