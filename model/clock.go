package model

import (
	"fmt"
	"strconv"
	"strings"
)

// Clock is a time of day, in seconds after midnight, as the API's dailyTime
// ("08:00:00") carries it.
type Clock int

// ParseClock reads "HH:MM" or "HH:MM:SS", from 00:00 to 23:59:59.
func ParseClock(s string) (Clock, error) {
	parts := strings.Split(strings.TrimSpace(s), ":")
	if len(parts) < 2 || len(parts) > 3 {
		return 0, fmt.Errorf("time %q is not HH:MM (00:00–23:59)", s)
	}
	limits := []int{23, 59, 59}
	total := 0
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil || len(p) == 0 || len(p) > 2 || strings.ContainsAny(p, "+-") {
			return 0, fmt.Errorf("time %q is not HH:MM (00:00–23:59)", s)
		}
		if n > limits[i] {
			return 0, fmt.Errorf("time %q is out of range 00:00–23:59", s)
		}
		total = total*60 + n
	}
	if len(parts) == 2 {
		total *= 60
	}
	return Clock(total), nil
}

// String is "HH:MM", or "HH:MM:SS" when the seconds are not zero.
func (c Clock) String() string {
	if c%60 != 0 {
		return c.APIString()
	}
	return fmt.Sprintf("%02d:%02d", c/3600, c/60%60)
}

// APIString is the API's "HH:MM:SS".
func (c Clock) APIString() string {
	return fmt.Sprintf("%02d:%02d:%02d", c/3600, c/60%60, c%60)
}
