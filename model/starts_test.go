package model

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

// win reads a window spec or fails the test.
func win(t *testing.T, spec string) Window {
	t.Helper()
	w, err := ParseWindow(spec)
	if err != nil {
		t.Fatalf("window %q: %v", spec, err)
	}
	return w
}

func daily(days DailyType, at string) SchedulePolicy {
	c, err := ParseClock(at)
	if err != nil {
		panic(err)
	}
	return SchedulePolicy{Type: Daily, DailyType: days, DailyTime: c}
}

func every(iv Interval, offset int) SchedulePolicy {
	return SchedulePolicy{Type: Periodically, Every: iv, OffsetMinutes: offset}
}

func withBackupWindow(p SchedulePolicy, w Window) SchedulePolicy {
	p.BackupWindowEnabled, p.BackupWindow.Hours = true, w
	return p
}

func withPeriodicWindow(p SchedulePolicy, w Window, on bool) SchedulePolicy {
	p.HasPeriodicWindow, p.PeriodicWindowEnabled, p.PeriodicWindow.Hours = true, on, w
	return p
}

// 2026-11-29 is a Sunday.
func at(day, hour, minute int) time.Time {
	return time.Date(2026, time.November, 29+day, hour, minute, 0, 0, time.UTC)
}

func TestStartHours_WhereTheScheduleStarts(t *testing.T) {
	allBut22 := win(t, "everyday 23-22")
	tests := []struct {
		name   string
		p      SchedulePolicy
		v      APIVersion
		total  int
		counts map[Cell]int // a few hours checked by hand
		denied int
	}{
		{"daily on workdays at 22:00 marks Mon-Fri 22:00, denied by the window",
			withBackupWindow(daily(Workdays, "22:00"), allBut22), 8, 5,
			map[Cell]int{{time.Monday, 22}: 1, {time.Friday, 22}: 1, {time.Saturday, 22}: 0, {time.Monday, 23}: 0}, 5},
		{"daily on weekends marks Sun and Sat",
			daily(Weekends, "06:30"), 8, 2, map[Cell]int{{time.Sunday, 6}: 1, {time.Saturday, 6}: 1, {time.Monday, 6}: 0}, 0},
		{"daily on one weekday marks that day only",
			daily(Thursday, "00:00"), 8, 1, map[Cell]int{{time.Thursday, 0}: 1, {time.Wednesday, 0}: 0}, 0},
		{"every 5 minutes starts 12 times in every hour",
			every(Minutes5, 0), 8, 12 * WindowHours, map[Cell]int{{time.Sunday, 0}: 12, {time.Saturday, 23}: 12}, 0},
		{"every 15 minutes ignores the periodic window",
			withPeriodicWindow(every(Minutes15, 0), win(t, "Mon 08-10"), true), 8, 4 * WindowHours,
			map[Cell]int{{time.Sunday, 3}: 4}, 0},
		{"every 4 hours at :15 inside a periodic window of 08-20",
			withPeriodicWindow(every(Hours4, 15), win(t, "everyday 08-20"), true), 8, 3 * Days,
			map[Cell]int{{time.Tuesday, 0}: 0, {time.Tuesday, 8}: 1, {time.Tuesday, 12}: 1, {time.Tuesday, 16}: 1, {time.Tuesday, 20}: 0}, 0},
		{"a periodic window switched off on v7 does not limit the starts",
			withPeriodicWindow(every(Hours4, 15), win(t, "everyday 08-20"), false), 7, 6 * Days,
			map[Cell]int{{time.Tuesday, 0}: 1}, 0},
		{"v6 has no switch, so its periodic window limits the starts",
			withPeriodicWindow(every(Hours4, 15), win(t, "everyday 08-20"), false), 6, 3 * Days,
			map[Cell]int{{time.Tuesday, 0}: 0}, 0},
		{"every 12 hours inside a window that denies the night marks only noon",
			withBackupWindow(every(Hours12, 0), win(t, "everyday 06-18")), 8, 14,
			map[Cell]int{{time.Sunday, 0}: 1, {time.Sunday, 12}: 1}, 7},
		{"manual only starts nothing", SchedulePolicy{Type: ManualOnly}, 8, 0, nil, 0},
		{"a daily schedule without days starts nothing", daily(DailyUnset, "22:00"), 8, 0, nil, 0},
	}
	for _, tt := range tests {
		s := StartHours(tt.p, tt.v)
		if got := s.Total(); got != tt.total {
			t.Errorf("%s: %d starts a week, want %d", tt.name, got, tt.total)
		}
		for c, want := range tt.counts {
			if got := s.At(c); got != want {
				t.Errorf("%s: %d starts at %s, want %d", tt.name, got, c, want)
			}
			if got := s.Hours().At(c); got != (want > 0) {
				t.Errorf("%s: Hours at %s = %v, want %v", tt.name, c, got, want > 0)
			}
		}
		if got := s.Denied.Count(); got != tt.denied {
			t.Errorf("%s: %d hours with a denied start, want %d", tt.name, got, tt.denied)
		}
	}
}

func TestNextRuns_HandComputed(t *testing.T) {
	allBut22 := win(t, "everyday 23-22")
	type run struct{ at, scheduled time.Time }
	tests := []struct {
		name string
		p    SchedulePolicy
		v    APIVersion
		now  time.Time
		n    int
		want []run
	}{
		{"daily 22:00 on workdays waits for the window to open at 23:00",
			withBackupWindow(daily(Workdays, "22:00"), allBut22), 8, at(0, 12, 0), 3,
			[]run{{at(1, 23, 0), at(1, 22, 0)}, {at(2, 23, 0), at(2, 22, 0)}, {at(3, 23, 0), at(3, 22, 0)}}},
		{"a start waiting right now is the next run",
			withBackupWindow(daily(Workdays, "22:00"), allBut22), 8, at(1, 22, 30), 1,
			[]run{{at(1, 23, 0), at(1, 22, 0)}}},
		{"daily Friday start skips the weekend to Monday",
			withBackupWindow(daily(Workdays, "22:00"), allBut22), 8, at(5, 23, 30), 1,
			[]run{{at(8, 23, 0), at(8, 22, 0)}}},
		{"every 4 hours at :15 in a periodic window 08-20",
			withPeriodicWindow(every(Hours4, 15), win(t, "everyday 08-20"), true), 8, at(0, 10, 0), 4,
			[]run{{at(0, 12, 15), at(0, 12, 15)}, {at(0, 16, 15), at(0, 16, 15)}, {at(1, 8, 15), at(1, 8, 15)}, {at(1, 12, 15), at(1, 12, 15)}}},
		{"every 30 minutes in a window of 08-10: the night's starts make one run at 08:00",
			withBackupWindow(every(Minutes30, 0), win(t, "everyday 08-10")), 8, at(0, 7, 0), 6,
			[]run{{at(0, 8, 0), at(-1, 10, 0)}, {at(0, 8, 30), at(0, 8, 30)}, {at(0, 9, 0), at(0, 9, 0)},
				{at(0, 9, 30), at(0, 9, 30)}, {at(1, 8, 0), at(0, 10, 0)}, {at(1, 8, 30), at(1, 8, 30)}}},
		{"week wrap: a Saturday 23:30 start waits until Sunday 01:00",
			withBackupWindow(daily(Saturday, "23:30"), win(t, "Sun 01-24; Mon-Fri; Sat 00-23")), 8, at(-1, 12, 0), 2,
			[]run{{at(0, 1, 0), at(-1, 23, 30)}, {at(7, 1, 0), at(6, 23, 30)}}},
		{"week wrap without a window: Saturday night to Sunday 00:30",
			daily(Everyday, "00:30"), 8, at(-1, 23, 0), 2,
			[]run{{at(0, 0, 30), at(0, 0, 30)}, {at(1, 0, 30), at(1, 0, 30)}}},
		{"a start exactly at now is not next",
			daily(Everyday, "12:00"), 8, at(0, 12, 0), 1,
			[]run{{at(1, 12, 0), at(1, 12, 0)}}},
		{"an offset on a minute interval is ignored",
			every(Minutes10, 7), 8, at(0, 12, 1), 2,
			[]run{{at(0, 12, 10), at(0, 12, 10)}, {at(0, 12, 20), at(0, 12, 20)}}},
		{"a window that allows nothing: no runs",
			withBackupWindow(daily(Everyday, "22:00"), Window{}), 8, at(0, 12, 0), 5, nil},
		{"manual only: no runs", SchedulePolicy{Type: ManualOnly}, 8, at(0, 12, 0), 5, nil},
	}
	for _, tt := range tests {
		got := NextRuns(tt.p, tt.v, tt.now, tt.n)
		if len(got) != len(tt.want) {
			t.Errorf("%s: %d runs %v, want %d", tt.name, len(got), got, len(tt.want))
			continue
		}
		for i, w := range tt.want {
			if !got[i].At.Equal(w.at) || !got[i].Scheduled.Equal(w.scheduled) {
				t.Errorf("%s: run %d = %s from %s, want %s from %s", tt.name, i,
					got[i].At.Format(time.DateTime), got[i].Scheduled.Format(time.DateTime),
					w.at.Format(time.DateTime), w.scheduled.Format(time.DateTime))
			}
			if got[i].Delayed() != w.at.After(w.scheduled) {
				t.Errorf("%s: run %d Delayed = %v", tt.name, i, got[i].Delayed())
			}
		}
	}
}

func TestNextRuns_KeepsTheServerZone(t *testing.T) {
	zone := time.FixedZone("UTC+02:00", 2*3600)
	now := time.Date(2026, time.November, 30, 21, 0, 0, 0, zone) // Mon 21:00 on the server's clock
	got := NextRuns(daily(Workdays, "22:00"), 8, now, 1)
	if len(got) != 1 || got[0].At.Location() != zone || got[0].At.Hour() != 22 || got[0].At.Day() != 30 {
		t.Fatalf("next run = %v, want Mon 30 Nov 22:00 in the server's zone", got)
	}
}

func TestRun_StringSaysWhenItWaited(t *testing.T) {
	tests := []struct {
		name string
		r    Run
		want string
	}{
		{"on time", Run{At: at(1, 22, 0), Scheduled: at(1, 22, 0)}, "Mon 22:00"},
		{"held by the window", Run{At: at(1, 23, 0), Scheduled: at(1, 22, 0)}, "Mon 23:00 (waited from Mon 22:00)"},
	}
	for _, tt := range tests {
		if got := tt.r.String(); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestWhyNoRuns_SaysWhy(t *testing.T) {
	tests := []struct {
		name string
		p    SchedulePolicy
		v    APIVersion
		want string // a part of the reason; "" when the job runs
	}{
		{"runs", daily(Everyday, "22:00"), 8, ""},
		{"manual only", SchedulePolicy{Type: ManualOnly}, 8, "manual only"},
		{"no type", SchedulePolicy{}, 8, "no schedule type"},
		{"no days", daily(DailyUnset, "22:00"), 8, "names no days"},
		{"no interval", every(IntervalUnset, 0), 8, "no interval"},
		{"backup window allows nothing", withBackupWindow(daily(Everyday, "22:00"), Window{}), 8, "the backup window allows no hour"},
		{"periodic window allows nothing",
			withPeriodicWindow(every(Hours2, 0), Window{}, true), 8, "the periodic window allows no hour"},
		{"periodic window misses every start",
			withPeriodicWindow(every(Hours4, 0), win(t, "everyday 01-04"), true), 8,
			"allows none of the hours the job starts in (every 4 hours)"},
		{"empty periodic window switched off on v7 does not matter",
			withPeriodicWindow(every(Hours2, 0), Window{}, false), 7, ""},
	}
	for _, tt := range tests {
		got := WhyNoRuns(tt.p, tt.v)
		if (tt.want == "") != (got == "") || !strings.Contains(got, tt.want) {
			t.Errorf("%s: %q, want it to say %q", tt.name, got, tt.want)
		}
		if runs := NextRuns(tt.p, tt.v, at(0, 0, 0), 1); (len(runs) == 0) != (tt.want != "") {
			t.Errorf("%s: NextRuns gave %v while WhyNoRuns says %q", tt.name, runs, got)
		}
	}
}

// TestNextRuns_Invariants checks, on random schedules and windows, what
// every preview must hold: runs after now and in order, each in an hour the
// backup window allows, each coming from an hour StartHours marks, a held
// run starting on the hour, and none only when WhyNoRuns says why.
func TestNextRuns_Invariants(t *testing.T) {
	rng := rand.New(rand.NewPCG(10, 14))
	randomWindow := func() Window {
		var w Window
		density := rng.Float64()
		for i := range w {
			w[i] = rng.Float64() < density
		}
		return w
	}
	for i := range 2000 {
		p := SchedulePolicy{
			Type:                  ScheduleType(1 + rng.IntN(3)),
			DailyType:             DailyType(1 + rng.IntN(10)),
			DailyTime:             Clock(rng.IntN(daySeconds)),
			Every:                 Interval(1 + rng.IntN(9)),
			OffsetMinutes:         rng.IntN(60),
			BackupWindowEnabled:   rng.IntN(2) == 0,
			BackupWindow:          WindowSettings{Hours: randomWindow()},
			PeriodicWindowEnabled: rng.IntN(2) == 0,
			PeriodicWindow:        WindowSettings{Hours: randomWindow()},
			HasPeriodicWindow:     rng.IntN(2) == 0,
		}
		v := APIVersion(6 + rng.IntN(3))
		now := at(rng.IntN(14)-7, rng.IntN(24), rng.IntN(60))
		n := 1 + rng.IntN(12)
		runs := NextRuns(p, v, now, n)
		why := WhyNoRuns(p, v)
		if (why == "") != (len(runs) == n) || (why != "" && len(runs) != 0) {
			t.Fatalf("case %d: %d of %d runs, WhyNoRuns %q, policy %+v", i, len(runs), n, why, p)
		}
		starts := StartHours(p, v)
		prev := now
		for _, r := range runs {
			if !r.At.After(prev) {
				t.Fatalf("case %d: run %s is not after %s", i, r, prev.Format(time.DateTime))
			}
			prev = r.At
			if c := cellOf(r.At); p.BackupWindowEnabled && !p.BackupWindow.Hours.At(c) {
				t.Fatalf("case %d: run %s in an hour the backup window denies", i, r)
			}
			if starts.At(cellOf(r.Scheduled)) == 0 {
				t.Fatalf("case %d: run %s comes from an hour StartHours does not mark", i, r)
			}
			if r.At.Before(r.Scheduled) || (r.Delayed() && (r.At.Minute() != 0 || r.At.Second() != 0)) {
				t.Fatalf("case %d: run %s is not the top of an hour at or after its start", i, r)
			}
		}
	}
}

func cellOf(t time.Time) Cell { return Cell{Day: t.Weekday(), Hour: t.Hour()} }
