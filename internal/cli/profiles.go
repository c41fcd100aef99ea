package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"sync"

	"github.com/spf13/pflag"
	"github.com/vbosched/vbosched/model"
)

// Service providers run one VB365 server per region or tenant group:
// `jobs`, `plan` and `lint` take --profile a,b or --all-profiles and ask
// each server, a few at a time. A server that fails is reported and the
// others still answer; the command then exits 1.

// maxLogins bounds the servers asked at once: enough to hide one slow
// server behind the others, few enough not to flood a shared proxy.
const maxLogins = 4

// allProfilesFlag adds --all-profiles to a command that reads many servers.
func allProfilesFlag(fs *pflag.FlagSet, all *bool) {
	fs.BoolVar(all, "all-profiles", false, "ask every profile of the config file, each row labelled with its profile")
}

// profileNames lists the profiles to ask, or nil for one server as usual.
func (c *connection) profileNames(all bool) ([]string, error) {
	var names []string
	for _, n := range strings.Split(c.profile, ",") {
		if n = strings.TrimSpace(n); n != "" && !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	if all {
		if c.profile != "" {
			return nil, usagef("--all-profiles and --profile %s: give one of them", c.profile)
		}
		cfg, err := loadConfig(configPath(c.env.Getenv))
		if err != nil {
			return nil, usage(err)
		}
		names = slices.Sorted(maps.Keys(cfg.Profiles))
		if len(names) == 0 {
			return nil, usagef("--all-profiles: %s has no profiles", configPath(c.env.Getenv))
		}
	}
	if !all && len(names) <= 1 {
		if len(names) == 1 {
			c.profile = names[0] // "a,a" and " a" name profile a
		}
		return nil, nil
	}
	if c.server != "" || c.demo {
		return nil, usagef("--server and --demo name one server; with several profiles each profile names its own")
	}
	return names, nil
}

// profileSession is one profile's connection, or why it failed.
type profileSession struct {
	name string
	sess *session
	err  error
}

// openProfiles logs in to each profile's server, at most maxLogins at
// once, and returns them in the order named.
func (c *connection) openProfiles(ctx context.Context, names []string) []profileSession {
	out := make([]profileSession, len(names))
	sem := make(chan struct{}, maxLogins)
	prompt := &sync.Mutex{}
	var wg sync.WaitGroup
	for i, name := range names {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			one := *c
			one.profile, one.multi, one.promptMu = name, true, prompt
			sess, err := one.open(ctx)
			out[i] = profileSession{name: name, sess: sess, err: err}
		}()
	}
	wg.Wait()
	return out
}

// eachProfile runs do for every profile that answered, in order, and
// reports the ones that failed (to log in, or in do) on errw. The error
// says how many failed, exit 1, once every server has had its turn.
func (c *connection) eachProfile(ctx context.Context, names []string, errw io.Writer, do func(name string, sess *session) error) error {
	var failedNames []string
	misused := 0 // failures that are usage errors (a job no server has, a bad flag value)
	for _, ps := range c.openProfiles(ctx, names) {
		err := ps.err
		if err == nil {
			err = do(ps.name, ps.sess)
			ps.sess.close()
		}
		if err != nil {
			failedNames = append(failedNames, ps.name)
			if e := (*ExitError)(nil); errors.As(err, &e) && e.Code == ExitUsage {
				misused++
			}
			for _, line := range strings.Split(err.Error(), "\n") {
				fmt.Fprintf(errw, "vbosched: profile %s: %s\n", model.SafeText(ps.name), model.SafeText(line))
			}
		}
	}
	switch {
	case len(failedNames) == 0:
		return nil
	case misused == len(names):
		// The same mistake on every server is the command's, not theirs: exit 2 as with one profile.
		return usagef("every profile refused the command (%s): see above", strings.Join(failedNames, ", "))
	case len(failedNames) == len(names):
		return failed("all %d profiles failed: %s", len(names), strings.Join(failedNames, ", "))
	}
	return failed("%d of %d profiles failed: %s (the others answered above)", len(failedNames), len(names), strings.Join(failedNames, ", "))
}
