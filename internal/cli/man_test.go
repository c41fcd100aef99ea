package cli

import (
	"strings"
	"testing"
)

func TestMan_PageIsWellFormedAndListed(t *testing.T) {
	r := vboschedEnv(t, map[string]string{}, "man")
	if r.code != ExitOK {
		t.Fatalf("man: exit %d\n%s", r.code, r.err)
	}
	tests := []struct {
		name     string
		want     string
		unwanted string
	}{
		{"a short flag is written once, with its long form", `\fB-f, --file\fP`, "--f --file"},
		{"a wrapped paragraph stays one paragraph", "Veeam Backup for Microsoft 365 backup jobs through the REST API", "Veeam Backup for\n.PP\nMicrosoft"},
		{"every command is there", `\fBrevert\fP`, ""},
		{"exit codes are documented", "130 interrupted", ""},
		{"help's own flag is left out", "--job", `\fB--help\fP`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(r.out, tt.want) {
				t.Errorf("the man page lacks %q", tt.want)
			}
			if tt.unwanted != "" && strings.Contains(r.out, tt.unwanted) {
				t.Errorf("the man page holds %q", tt.unwanted)
			}
		})
	}
	help := vboschedEnv(t, map[string]string{}, "--help")
	if !strings.Contains(help.out, "man ") {
		t.Errorf("help's command list lacks man:\n%s", help.out)
	}
}
