package model

// HourChange is what an edit does to one hour of a window, as both front
// ends draw it in a before/after grid.
type HourChange int

const (
	HourDenied  HourChange = iota // denied before and after
	HourAllowed                   // allowed before and after
	HourAdded                     // denied before, allowed after
	HourRemoved                   // allowed before, denied after
)

// CompareHour says what happened to hour c going from old to new.
func CompareHour(old, new Window, c Cell) HourChange {
	switch a, b := old.At(c), new.At(c); {
	case !a && b:
		return HourAdded
	case a && !b:
		return HourRemoved
	case b:
		return HourAllowed
	}
	return HourDenied
}

// WindowDiff is the hours an edit adds to a window and takes from it, in
// week order.
type WindowDiff struct {
	Added, Removed []Cell
}

// DiffWindows compares a window before (old) and after (new) an edit.
func DiffWindows(old, new Window) WindowDiff {
	var d WindowDiff
	for _, c := range old.Diff(new) {
		if new.At(c) {
			d.Added = append(d.Added, c)
		} else {
			d.Removed = append(d.Removed, c)
		}
	}
	return d
}

// Empty reports whether the edit left the window as it was.
func (d WindowDiff) Empty() bool { return len(d.Added) == 0 && len(d.Removed) == 0 }
