package model

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// The text form of a window, both ways, in the manner of time.Parse and
// Time.Format. The grammar (case-insensitive):
//
//	window  = "always" | "never" | clause { (";" | ",") clause }
//	clause  = DAYS [ HOURS ]
//	DAYS    = day | day "-" day | "everyday" | "workdays" | "weekends"
//	HOURS   = HH ":00-" HH ":00" | HH "-" HH
//
// The window is the union of its clauses. A day range may wrap (Fri-Mon).
// Hours are whole (minutes must be 00), the end is exclusive and 24:00 is
// allowed; an end at or before the start runs past midnight into the next
// day, so "Mon-Fri 20:00-06:00" allows Mon 20:00 → Tue 06:00 … Fri 20:00 →
// Sat 06:00. A clause without hours allows the whole day.

// ParseError reports a window spec that does not parse: Token is the piece
// that is wrong and Reason why.
type ParseError struct {
	Token  string
	Reason string
}

func (e *ParseError) Error() string { return fmt.Sprintf("%q: %s", e.Token, e.Reason) }

var dayNames = map[string]time.Weekday{
	"sun": time.Sunday, "sunday": time.Sunday,
	"mon": time.Monday, "monday": time.Monday,
	"tue": time.Tuesday, "tues": time.Tuesday, "tuesday": time.Tuesday,
	"wed": time.Wednesday, "wednesday": time.Wednesday,
	"thu": time.Thursday, "thur": time.Thursday, "thurs": time.Thursday, "thursday": time.Thursday,
	"fri": time.Friday, "friday": time.Friday,
	"sat": time.Saturday, "saturday": time.Saturday,
}

func shortDay(d time.Weekday) string { return d.String()[:3] }

// ParseWeekday reads a day name: "Mon", "monday", "TUE", …
func ParseWeekday(s string) (time.Weekday, error) {
	if d, ok := dayNames[strings.ToLower(s)]; ok {
		return d, nil
	}
	return 0, &ParseError{Token: s, Reason: "unknown day (want Sun, Mon, Tue, Wed, Thu, Fri, Sat or their full names)"}
}

// ParseWindow reads the text form of a window; see the grammar above.
func ParseWindow(spec string) (Window, error) {
	var w Window
	trimmed := strings.TrimSpace(spec)
	switch strings.ToLower(trimmed) {
	case "":
		return w, &ParseError{Token: spec, Reason: `empty window (use "never" for no hours)`}
	case "always":
		return AllowAll(), nil
	case "never":
		return w, nil
	}
	clauses := strings.FieldsFunc(trimmed, func(r rune) bool { return r == ';' || r == ',' })
	if len(clauses) == 0 {
		return w, &ParseError{Token: spec, Reason: "no clause"}
	}
	for _, clause := range clauses {
		if err := parseClause(&w, strings.TrimSpace(clause)); err != nil {
			return Window{}, err
		}
	}
	return w, nil
}

func parseClause(w *Window, clause string) error {
	fields := strings.Fields(clause)
	switch len(fields) {
	case 1, 2:
	case 0:
		return &ParseError{Token: clause, Reason: "empty clause"}
	default:
		return &ParseError{Token: clause, Reason: `want DAYS [HOURS], e.g. "Mon-Fri 20:00-06:00"`}
	}
	if l := strings.ToLower(fields[0]); l == "always" || l == "never" {
		return &ParseError{Token: clause, Reason: fmt.Sprintf("%q stands alone, not in a clause", l)}
	}
	days, err := parseDays(fields[0])
	if err != nil {
		return err
	}
	start, length := 0, HoursPerDay
	if len(fields) == 2 {
		if start, length, err = parseHours(fields[1]); err != nil {
			return err
		}
	}
	for _, d := range days {
		for h := start; h < start+length; h++ {
			w[mod(int(d)*HoursPerDay+h, WindowHours)] = true
		}
	}
	return nil
}

func parseDays(s string) ([]time.Weekday, error) {
	switch strings.ToLower(s) {
	case "everyday", "daily":
		return dayRange(time.Sunday, time.Saturday), nil
	case "workdays", "weekdays":
		return dayRange(time.Monday, time.Friday), nil
	case "weekends", "weekend":
		return dayRange(time.Saturday, time.Sunday), nil
	}
	from, to, isRange := strings.Cut(s, "-")
	first, err := ParseWeekday(from)
	if err != nil {
		return nil, dayError(s, from)
	}
	if !isRange {
		return []time.Weekday{first}, nil
	}
	last, err := ParseWeekday(to)
	if err != nil {
		return nil, dayError(s, to)
	}
	return dayRange(first, last), nil
}

func dayError(token, day string) error {
	if day == "" {
		return &ParseError{Token: token, Reason: "missing day in range (want e.g. Mon-Fri)"}
	}
	return &ParseError{Token: token, Reason: fmt.Sprintf("unknown day %q (want Sun…Sat, a range like Mon-Fri, everyday, workdays or weekends)", day)}
}

// dayRange lists the days from first to last, wrapping past Saturday.
func dayRange(first, last time.Weekday) []time.Weekday {
	var days []time.Weekday
	for d := first; ; d = (d + 1) % Days {
		days = append(days, d)
		if d == last {
			return days
		}
	}
}

// parseHours reads "HH:MM-HH:MM" or "HH-HH" into a start hour and a length
// of 1–24 hours.
func parseHours(s string) (start, length int, err error) {
	from, to, ok := strings.Cut(s, "-")
	if !ok {
		return 0, 0, &ParseError{Token: s, Reason: "want hours as HH:MM-HH:MM or HH-HH, e.g. 20:00-06:00"}
	}
	if start, err = parseHour(s, from, 23); err != nil {
		return 0, 0, err
	}
	end, err := parseHour(s, to, 24)
	if err != nil {
		return 0, 0, err
	}
	length = end - start
	if length <= 0 {
		length += HoursPerDay // the end is on the following day
	}
	return start, length, nil
}

func parseHour(token, s string, max int) (int, error) {
	hh, mm, hasMinutes := strings.Cut(s, ":")
	h, err := strconv.Atoi(hh)
	if err != nil || hh == "" || len(hh) > 2 || strings.ContainsAny(hh, "+-") {
		return 0, &ParseError{Token: token, Reason: fmt.Sprintf("bad hour %q (want 00–%02d)", s, max)}
	}
	if h < 0 || h > max {
		return 0, &ParseError{Token: token, Reason: fmt.Sprintf("hour %d is out of range 00–%02d", h, max)}
	}
	if hasMinutes && mm != "00" {
		return 0, &ParseError{Token: token, Reason: fmt.Sprintf("%q: the window has whole hours, so minutes must be 00", s)}
	}
	return h, nil
}

// String returns the short form this package writes for the window: runs of
// hours are merged, days with the same hours are grouped into day ranges, and
// a run past midnight is one wrapping clause. The result is deterministic and
// ParseWindow of it always equals w.
func (w Window) String() string {
	switch w.Count() {
	case 0:
		return "never"
	case WindowHours:
		return "always"
	}
	var whole [Days]bool
	for d := range whole {
		whole[d] = true
		for h := 0; h < HoursPerDay; h++ {
			whole[d] = whole[d] && w[d*HoursPerDay+h]
		}
	}
	pieces := w.partialPieces(whole)
	pieces = extendIntoWholeDays(pieces, whole)

	type clause struct {
		order int
		text  string
	}
	var clauses []clause
	for _, dr := range dayRuns(whole) {
		clauses = append(clauses, clause{dr.first * HoursPerDay, dr.text})
	}
	groups := map[hourSpan]*[Days]bool{}
	for _, p := range pieces {
		if groups[p.span] == nil {
			groups[p.span] = new([Days]bool)
		}
		groups[p.span][p.day] = true
	}
	for span, days := range groups {
		for _, dr := range dayRuns(*days) {
			text := fmt.Sprintf("%s %02d:00-%02d:00", dr.text, span.start, (span.start+span.length)%HoursPerDay)
			clauses = append(clauses, clause{dr.first*HoursPerDay + span.start, text})
		}
	}
	sort.Slice(clauses, func(i, j int) bool {
		if clauses[i].order != clauses[j].order {
			return clauses[i].order < clauses[j].order
		}
		return clauses[i].text < clauses[j].text
	})
	parts := make([]string, len(clauses))
	for i, c := range clauses {
		parts[i] = c.text
	}
	return strings.Join(parts, ", ")
}

// hourSpan is the hours of one clause: from start, length hours (1–24),
// possibly past midnight.
type hourSpan struct{ start, length int }

type piece struct {
	day  int
	span hourSpan
}

// partialPieces lists the allowed hours outside whole days as pieces of at
// most 24 hours, each starting on a day.
func (w Window) partialPieces(whole [Days]bool) []piece {
	var rest Window
	for i, v := range w {
		rest[i] = v && !whole[i/HoursPerDay]
	}
	if rest.Count() == 0 {
		return nil
	}
	var pieces []piece
	for _, r := range rest.runs() {
		day, hour := r.start/HoursPerDay, r.start%HoursPerDay
		if r.length > HoursPerDay { // two partial days in a row: cut at midnight
			pieces = append(pieces, piece{day, hourSpan{hour, HoursPerDay - hour}})
			pieces = append(pieces, piece{(day + 1) % Days, hourSpan{0, r.length - (HoursPerDay - hour)}})
			continue
		}
		pieces = append(pieces, piece{day, hourSpan{hour, r.length}})
	}
	return pieces
}

// extendIntoWholeDays lets a piece that touches a whole day grow into it when
// that gives it the same hours as other pieces, so "Mon-Thu 18:00-08:00, Fri
// 18:00-00:00, Sat-Sun" is written "Mon-Fri 18:00-08:00, Sat-Sun". The
// overlap is harmless: the window is the union of its clauses.
func extendIntoWholeDays(pieces []piece, whole [Days]bool) []piece {
	count := map[hourSpan]int{}
	for _, p := range pieces {
		count[p.span]++
	}
	out := make([]piece, len(pieces))
	for i, p := range pieces {
		out[i] = p
		best, bestN := p, 0
		end := p.span.start + p.span.length
		for span, n := range count {
			if span.length <= p.span.length || n <= bestN && !(n == bestN && lessSpan(span, best.span)) {
				continue
			}
			switch {
			case end == HoursPerDay && whole[(p.day+1)%Days] && span.start == p.span.start:
				best, bestN = piece{p.day, span}, n // forward into the next day
			case p.span.start == 0 && whole[mod(p.day-1, Days)] && (span.start+span.length)%HoursPerDay == end%HoursPerDay && span.start > 0:
				best, bestN = piece{mod(p.day-1, Days), span}, n // back into the day before
			}
		}
		out[i] = best
	}
	return out
}

func lessSpan(a, b hourSpan) bool {
	if a.start != b.start {
		return a.start < b.start
	}
	return a.length < b.length
}

type run struct{ start, length int }

// runs lists the maximal runs of allowed hours around the circular week.
// It must not be called on a full or empty window.
func (w Window) runs() []run {
	// Start scanning just after a denied hour so no run is cut in two.
	origin := 0
	for w[origin] {
		origin++
	}
	var runs []run
	for i := 1; i <= WindowHours; i++ {
		idx := (origin + i) % WindowHours
		if !w[idx] {
			continue
		}
		if n := len(runs); n > 0 && (runs[n-1].start+runs[n-1].length)%WindowHours == idx {
			runs[n-1].length++
		} else {
			runs = append(runs, run{start: idx, length: 1})
		}
	}
	return runs
}

type dayRun struct {
	first int
	text  string
}

// dayRuns writes a set of days as day ranges, wrapping past Saturday.
func dayRuns(days [Days]bool) []dayRun {
	all := true
	for _, d := range days {
		all = all && d
	}
	if all {
		return []dayRun{{0, "everyday"}}
	}
	var out []dayRun
	for d := 0; d < Days; d++ {
		if !days[d] || days[mod(d-1, Days)] {
			continue // not the first day of a run
		}
		last := d
		for days[(last+1)%Days] {
			last = (last + 1) % Days
		}
		text := shortDay(time.Weekday(d))
		if last != d {
			text += "-" + shortDay(time.Weekday(last))
		}
		out = append(out, dayRun{d, text})
	}
	return out
}
