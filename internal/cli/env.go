package cli

import (
	"fmt"
	"slices"
	"strings"

	"github.com/vbosched/vbosched/model"
)

// envFamilies are the prefixes of the variables vbosched reads: VBO_ for
// the connection, VBOSCHED_ for vbosched's own files and profiles.
var envFamilies = []string{"VBOSCHED_", "VBO_"}

// envNames are the variables vbosched reads.
var envNames = []string{"VBO_SERVER", "VBO_USERNAME", "VBO_PASSWORD", "VBO_API_VERSION",
	"VBO_CA_FILE", "VBO_PIN_SHA256", "VBO_INSECURE",
	"VBOSCHED_PROFILE", "VBOSCHED_CONFIG", "VBOSCHED_AUDIT_LOG"}

// notOurs are names in vbosched's families that vbosched itself does not
// read but the project's CI does: set there, they are no typo.
var notOurs = []string{"VBOSCHED_REQUIRE_TMUX"}

// unknownEnv lists, one "NAME: unknown; did you mean KNOWN?" each, the
// variables of vbosched's families it does not read: a typo (VBO_SEVER,
// VBOSCHED_PROFLE) would otherwise leave a setting silently unused, and an
// unused server or profile means running against another server.
func unknownEnv(env Env) []string {
	if env.Environ == nil {
		return nil
	}
	var out []string
	for _, kv := range env.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		// Case counts on Unix: vbo_server is not read, and is as much a
		// typo as VBO_SEVER.
		upper := strings.ToUpper(name)
		if envFamily(upper) == "" || slices.Contains(envNames, name) || slices.Contains(notOurs, upper) {
			continue
		}
		out = append(out, fmt.Sprintf("%s: unknown; did you mean %s?", model.SafeText(name), nearestEnvName(upper)))
	}
	slices.Sort(out) // the environment's order is the shell's, not the reader's
	return out
}

// emptyEnv lists vbosched's connection variables that are set but empty.
// `export VBO_SERVER=$PROD_URL` with the source misspelt or unset leaves
// one: the operator meant a server, and reading it as "no server" would
// open the demo instead.
func emptyEnv(env Env) []string {
	if env.Environ == nil {
		return nil
	}
	var out []string
	for _, kv := range env.Environ() {
		name, value, _ := strings.Cut(kv, "=")
		if value == "" && slices.Contains(envNames, name) && !slices.Contains(notConnection, name) {
			out = append(out, name+" (empty)")
		}
	}
	slices.Sort(out)
	return out
}

// notConnection are the variables vbosched reads that do not point at a
// real server: the demo honours them, so they alone never refuse it.
var notConnection = []string{"VBO_API_VERSION", "VBOSCHED_CONFIG", "VBOSCHED_AUDIT_LOG"}

// warnUnknownEnv prints unknownEnv's warnings.
func warnUnknownEnv(env Env) {
	for _, w := range unknownEnv(env) {
		fmt.Fprintf(env.Err, "vbosched: %s\n", w)
	}
}

func envFamily(name string) string {
	for _, f := range envFamilies {
		if strings.HasPrefix(name, f) {
			return f
		}
	}
	return ""
}

// nearestEnvName is the known variable name nearest to name. The part
// after the prefix counts first, so that a setting under the other
// family's prefix finds its own name (VBO_PROFILE → VBOSCHED_PROFILE, not
// VBO_CA_FILE, which is fewer letters away); the whole name breaks ties.
func nearestEnvName(name string) string {
	rest := strings.TrimPrefix(name, envFamily(name))
	best, bestRest, bestFull := "", -1, -1
	for _, c := range envNames {
		dr := editDistance(rest, strings.TrimPrefix(c, envFamily(c)))
		df := editDistance(name, c)
		if bestRest < 0 || dr < bestRest || dr == bestRest && df < bestFull {
			best, bestRest, bestFull = c, dr, df
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}

// insecureEnv reads VBO_INSECURE. A value other than 1/true or 0/false is
// refused rather than read as false: VBO_INSECURE=yes means the operator
// expects the certificate not to be checked, and silence would hide that
// it is.
func insecureEnv(v string) (bool, error) {
	switch strings.ToLower(v) {
	case "1", "true":
		return true, nil
	case "", "0", "false":
		return false, nil
	}
	return false, usagef("VBO_INSECURE=%q: want 1 or true (or 0, false, or unset it)", model.SafeText(v))
}

// refuseHiddenWarnings stops the bare vbosched before its full screen
// would hide what the operator must see: a misspelt variable (it may be
// the server or the profile), and, without a server, any connection
// setting at all, since the demo would quietly ignore it and look like a
// real server.
func (c *connection) refuseHiddenWarnings(s settings) error {
	typos := unknownEnv(c.env)
	if s.profile.Server == "" && !c.demo {
		set := c.connectionSettings()
		for _, t := range typos {
			name, _, _ := strings.Cut(t, ":")
			set = append(set, name)
		}
		if len(set) == 0 {
			return nil
		}
		msg := fmt.Sprintf("no server is set, but %s %s: the built-in demo would ignore them and look like a real server.\n"+
			"Name the server with --server or VBO_SERVER (or a profile in %s), or run the demo on purpose with --demo",
			strings.Join(set, ", "), isOrAre(len(set)), configPath(c.env.Getenv))
		if len(typos) > 0 {
			msg += "\n" + strings.Join(typos, "\n")
		}
		return usagef("%s", msg)
	}
	if len(typos) > 0 {
		return usagef("%s\nvbosched reads none of these, and the editor's screen would hide this warning: correct or unset them first", strings.Join(typos, "\n"))
	}
	return nil
}

// connectionSettings names the settings, flags and variables, that are
// for a real server: with none of them, no server means the demo.
// --api-version is not one: the demo honours it.
func (c *connection) connectionSettings() []string {
	var set []string
	flags := []struct {
		name string
		on   bool
	}{
		{"--username", c.username != ""}, {"--ca-file", c.caFile != ""}, {"--pin-sha256", c.pin != ""},
		{"--insecure", c.insecure}, {"--insecure-http", c.insecureHTTP}, {"--profile", c.profile != ""},
		{"--password-file", c.passwordFile != ""}, {"--password-stdin", c.passwordStdin},
	}
	for _, f := range flags {
		if f.on {
			set = append(set, f.name)
		}
	}
	for _, name := range envNames {
		if !slices.Contains(notConnection, name) && c.env.Getenv(name) != "" {
			set = append(set, name)
		}
	}
	return append(set, emptyEnv(c.env)...)
}

func isOrAre(n int) string {
	if n == 1 {
		return "is set"
	}
	return "are set"
}
