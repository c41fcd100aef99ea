package cli

import (
	"errors"
	"strings"
	"testing"
)

func TestReadSecret_KeysAtTheRawPrompt(t *testing.T) {
	tests := []struct {
		name, typed string
		want        string
		code        int // 0: the password comes back
		msg         string
	}{
		{"enter ends the password", "hunter2\r", "hunter2", 0, ""},
		{"a newline ends it too", "hunter2\n", "hunter2", 0, ""},
		{"backspace removes a whole rune", "pé\x7f\x7fw\r", "w", 0, ""},
		{"ctrl+u starts again", "wrong\x15right\r", "right", 0, ""},
		{"ctrl+c interrupts at once", "hunter\x03more\r", "", ExitInterrupted, "interrupted at the password prompt"},
		{"ctrl+d aborts", "hunter\x04\r", "", ExitUsage, "ended with ctrl+d"},
		{"an empty password is refused", "\r", "", ExitUsage, "the password is empty: nothing was sent"},
		{"the input ending before enter aborts", "hunter", "", ExitUsage, "the input ended"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := readSecret(strings.NewReader(tt.typed))
			if tt.code == 0 {
				if err != nil || got != tt.want {
					t.Errorf("readSecret(%q) = %q, %v; want %q", tt.typed, got, err, tt.want)
				}
				return
			}
			var ee *ExitError
			if !errors.As(err, &ee) || ee.Code != tt.code || !strings.Contains(err.Error(), tt.msg) || got != "" {
				t.Errorf("readSecret(%q) = %q, %v; want exit %d with %q", tt.typed, got, err, tt.code, tt.msg)
			}
		})
	}
}
