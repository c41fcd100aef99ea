package main

import (
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"
)

// cutCount splits "l*14" into "l" and 14.
func cutCount(k string) (string, int, bool) {
	name, count, ok := strings.Cut(k, "*")
	if !ok || name == "" {
		return k, 1, false
	}
	n, err := strconv.Atoi(count)
	return name, n, err == nil
}

// keyPress is the message Bubble Tea sends for a key, named as in help.
func keyPress(k string) tea.KeyPressMsg {
	switch k {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "ctrl+s":
		return tea.KeyPressMsg{Code: 's', Mod: tea.ModCtrl}
	case "ctrl+u":
		return tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl}
	}
	r := []rune(k)[0]
	return tea.KeyPressMsg{Code: r, Text: k}
}
