package cli

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/vbosched/vbosched/internal/jobstore"
	"github.com/vbosched/vbosched/model"
)

// Backup copy jobs in set's selections (--all, --organization, --match):
// from v6 on they are selected with the backup jobs unless --kind backup
// says otherwise (--kind copy selects them alone). Each flag is applied
// where the job has the setting and skipped, with a line saying so, where
// it does not.

// copyFlags are the edit flags a backup copy job takes (copyEdit).
var copyFlags = []string{"type", "every", "daily-type", "daily-time", "window", "allow", "deny", "window-enabled", "enabled"}

// copyTakes says whether backup copy jobs have the setting flag edits.
func copyTakes(flag string) bool { return slices.Contains(copyFlags, flag) }

// copyTakesUse says whether backup copy jobs take the flag with its value:
// a schedule type only backup jobs have (--type Daily) is skipped for copy
// jobs as a copy job's (--type Immediate) is for backup jobs.
func copyTakesUse(u flagUse) bool {
	if u.name == "type" {
		_, err := model.ParseCopyScheduleType(u.value)
		return err == nil
	}
	return copyTakes(u.name)
}

// notForCopies and notForBackups are the skip notes of a flag; a value only
// the other kind takes is named with what this kind takes instead.
func notForCopies(flag string) string { return "--" + flag + " does not apply to backup copy jobs" }
func notForBackups(flag string) string {
	if strings.HasPrefix(flag, "--type ") {
		return flag + " is not a backup job's type (they take " + orList(enumNames(model.ScheduleTypes())) + ")"
	}
	return flag + " does not apply to backup jobs"
}
func copyTypeNotTaken(u flagUse) string {
	return "--type " + u.value + " is not a backup copy job's type (they take " + orList(enumNames(model.CopyScheduleTypes())) + ")"
}

// copySelection is what the selection holds of the backup copy jobs.
type copySelection struct {
	jobs       []*model.CopyJob
	unreadable []plan
	listed     int // how many copy jobs the server listed, for the bulk read-back
}

// selectCopyJobs picks the copy jobs the selection takes. A copy job's
// organization is its own on v8 (organizationId), and its source backup
// job's before; jobs are the backup jobs as listed, unreadable those that
// did not decode. A copy job whose organization or name cannot be known
// may be in the selection: it is counted in as failed, as for backup jobs.
func selectCopyJobs(ctx context.Context, store *jobstore.Store, sel selection, jobs []*model.Job, unreadable error) (copySelection, error) {
	var cs copySelection
	if !store.APIVersion().HasCopyJobs() {
		return cs, nil
	}
	copies, err := store.ListCopyJobs(ctx)
	bad := decodeErrors(err)
	if err != nil && len(bad) == 0 {
		return cs, err
	}
	cs.listed = len(copies) + len(bad)
	var re *regexp.Regexp
	if sel.match != "" {
		if re, err = regexp.Compile(sel.match); err != nil {
			return cs, usagef("--match: %v", err)
		}
	}
	orgOfSource := map[string]string{}
	for _, j := range jobs {
		orgOfSource[strings.ToLower(j.ID)] = j.OrganizationID
	}
	for _, de := range decodeErrors(unreadable) {
		if de.ID != "" {
			orgOfSource[strings.ToLower(de.ID)] = de.OrganizationID
		}
	}
	for _, cj := range copies {
		if re != nil && !re.MatchString(cj.Name) {
			continue
		}
		if sel.organization != "" {
			org := cj.OrganizationID
			if org == "" {
				org = orgOfSource[strings.ToLower(cj.BackupJobID)]
			}
			if org == "" {
				p := copyPlan(cj)
				p.err = fmt.Errorf("its organization is not known: its source backup job %s could not be read", model.SafeText(cj.BackupJobID))
				p.unreadable = p.err
				cs.unreadable = append(cs.unreadable, p)
				continue
			}
			if !strings.EqualFold(org, sel.organization) && !strings.EqualFold(store.OrganizationName(ctx, org), sel.organization) {
				continue
			}
		}
		cs.jobs = append(cs.jobs, cj)
	}
	for _, de := range bad {
		if sel.mayHold(ctx, store, re, de) {
			p := unreadablePlan(de)
			p.copyJob = &model.CopyJob{ID: de.ID, Name: p.job.Name}
			cs.unreadable = append(cs.unreadable, p)
		}
	}
	return cs, nil
}

// copyPlan is a plan for a copy job; job names it for the lines every plan
// prints.
func copyPlan(cj *model.CopyJob) plan {
	return plan{job: &model.Job{ID: cj.ID, Name: cj.Name}, copyJob: cj}
}

// makeCopyPlans applies each flag use a copy job takes, and notes the ones
// it does not. A value a copy job cannot take makes the plan invalid.
func makeCopyPlans(copies []*model.CopyJob, uses []flagUse, v model.APIVersion) []plan {
	plans := make([]plan, len(copies))
	for i, cj := range copies {
		p := copyPlan(cj)
		st := cj.Settings()
		for _, u := range uses {
			if !copyTakes(u.name) {
				p.skip(notForCopies(u.name))
				continue
			}
			if !copyTakesUse(u) {
				p.skip(copyTypeNotTaken(u))
				continue
			}
			p.tookAny = true
			if err := copyEdit(u, &st); err != nil && p.err == nil {
				p.err = err
			}
		}
		p.copyEdit = st
		p.changes = model.CopyChanges(cj.Settings(), st)
		p.noteIdle()
		if p.err == nil && len(p.changes) > 0 {
			p.body, p.err = cj.PutBody(st, v)
		}
		plans[i] = p
	}
	return plans
}

// skip notes a flag the plan's job does not take, once.
func (p *plan) skip(note string) {
	if !slices.Contains(p.skipped, note) {
		p.skipped = append(p.skipped, note)
	}
}

// skippedAll says the job takes none of the flags given: nothing is sent
// for it, and it is reported as skipped.
func (p plan) skippedAll() bool {
	return p.unreadable == nil && p.err == nil && len(p.changes) == 0 && len(p.skipped) > 0 && !p.tookAny
}

// refuseUnusedFlags makes a flag that no selected job takes a usage error
// naming it: a selection that would skip a flag everywhere is a slip. uses
// are the edits as typed, one for each of edits.
func refuseUnusedFlags(plans []plan, edits []edit, uses []flagUse) error {
	var backups, copies int // an unreadable job may take it: counted in
	for _, p := range plans {
		if p.copyJob != nil {
			copies++
		} else {
			backups++
		}
	}
	for i, e := range edits {
		if i >= len(uses) {
			break
		}
		name := uses[i].name
		if backups > 0 && e.apply != nil || copies > 0 && copyTakesUse(uses[i]) {
			continue
		}
		if name == "type" {
			return usagef("--type %s applies to none of the selected jobs (backup jobs take %s; backup copy jobs %s): change the value, or the selection (--kind backup|copy, --organization, --match)",
				uses[i].value, orList(enumNames(model.ScheduleTypes())), orList(enumNames(model.CopyScheduleTypes())))
		}
		var why []string
		if backups > 0 {
			why = append(why, fmt.Sprintf("%d backup job(s), which do not have it", backups))
		}
		if copies > 0 {
			why = append(why, fmt.Sprintf("%d backup copy job(s), which do not have it", copies))
		}
		return usagef("--%s applies to none of the selected jobs (%s): leave it out, or change the selection (--kind backup|copy, --organization, --match)",
			name, strings.Join(why, ", "))
	}
	return nil
}

// selectWithCopies is set's selection when it may hold backup copy jobs:
// the backup jobs it takes (none with --kind copy) and the copy jobs (none
// with --kind backup, or before v6), the copy jobs planned. copyListed is
// how many copy jobs the server listed.
func selectWithCopies(ctx context.Context, store *jobstore.Store, sel selection, opts changeOptions, jobs []*model.Job, decodeErrs error) (
	targets []*model.Job, unreadable, copyPlans []plan, copyListed int, err error) {
	if opts.kind != kindCopy {
		if targets, unreadable, err = sel.pick(ctx, store, jobs, decodeErrs, nil); err != nil {
			return nil, nil, nil, 0, err
		}
	}
	cs, err := selectCopyJobs(ctx, store, sel, jobs, decodeErrs)
	if err != nil {
		return nil, nil, nil, 0, err
	}
	copyPlans = append(makeCopyPlans(cs.jobs, opts.uses, store.APIVersion()), cs.unreadable...)
	if len(targets)+len(unreadable)+len(copyPlans) == 0 {
		if opts.kind == kindCopy && !store.APIVersion().HasCopyJobs() {
			return nil, nil, nil, 0, usagef("--kind copy: this server's API (%s) has no backup copy jobs; they come with v6", store.APIVersion())
		}
		return nil, nil, nil, 0, errNoMatch
	}
	return targets, unreadable, copyPlans, cs.listed, nil
}

func countUnreadable(plans []plan) int {
	n := 0
	for _, p := range plans {
		if p.unreadable != nil {
			n++
		}
	}
	return n
}
