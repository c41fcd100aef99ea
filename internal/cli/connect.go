package cli

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"
	"github.com/vbosched/vbosched/apiclient"
	"github.com/vbosched/vbosched/internal/fakevbo"
	"github.com/vbosched/vbosched/internal/jobstore"
	"github.com/vbosched/vbosched/model"
)

// connection holds the connection flags; flag beats environment beats
// profile.
type connection struct {
	env           Env
	server        string
	username      string
	apiVersion    string
	caFile        string
	pin           string
	insecure      bool
	profile       string
	passwordFile  string
	passwordStdin bool
	demo          bool
	auditLog      string
	noAudit       bool
	insecureHTTP  bool
	userAgent     string // "vbosched/1.2.0", sent to the server
	// multi is set on the copy of the connection that opens one of several
	// profiles (profiles.go): the profile's own settings then beat the
	// environment's, which would make every profile the same server.
	multi bool
	// kept is a session a command opened to find its job and hands on to
	// the code that goes on with it: open returns it (once) instead of
	// logging in again, so a command is one session.
	kept       *session
	promptMu   *sync.Mutex   // one password prompt at a time when profiles log in together
	logoutWait time.Duration // 0 means logoutTimeout; tests shorten it
}

// logoutTimeout bounds the logout at exit, so a hung server cannot hold
// the command (or a terminal someone is waiting on) after its work is done.
const logoutTimeout = 3 * time.Second

func (c *connection) addFlags(cmd *cobra.Command) {
	f := cmd.PersistentFlags()
	f.StringVar(&c.server, "server", "", "server URL, e.g. https://vbo.example.com:4443 (env VBO_SERVER)")
	f.StringVar(&c.username, "username", "", `user, e.g. DOMAIN\user or user@domain (env VBO_USERNAME)`)
	f.StringVar(&c.apiVersion, "api-version", "", "REST API version v2…v8, or auto (env VBO_API_VERSION; default auto)")
	f.StringVar(&c.caFile, "ca-file", "", "PEM file of the server's certificate or CA to trust (env VBO_CA_FILE)")
	f.StringVar(&c.pin, "pin-sha256", "", "trust exactly the certificate with this SHA-256 fingerprint (env VBO_PIN_SHA256)")
	f.BoolVar(&c.insecure, "insecure", false, "do not check the server's certificate at all (env VBO_INSECURE=1); unsafe")
	f.StringVar(&c.profile, "profile", "", "profile from the config file (env VBOSCHED_PROFILE)")
	f.StringVar(&c.passwordFile, "password-file", "", "read the password from this file (first line)")
	f.BoolVar(&c.passwordStdin, "password-stdin", false, "read the password from standard input (first line)")
	f.BoolVar(&c.demo, "demo", false, "use the built-in demo server even if a server is configured")
	f.StringVar(&c.auditLog, "audit-log", "", "append every save to this file (env VBOSCHED_AUDIT_LOG; default $XDG_STATE_HOME/vbosched/audit.jsonl)")
	f.BoolVar(&c.noAudit, "no-audit", false, "save without writing the audit log (a save is refused when its log cannot be written)")
	f.BoolVar(&c.insecureHTTP, "insecure-http", false, "allow an http:// server: the password and every job travel in clear; unsafe")
}

// settings is the resolved connection.
type settings struct {
	profile Profile
}

func firstNonEmpty(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}

func (c *connection) resolve() (settings, error) {
	get := c.env.Getenv
	cfg, err := loadConfig(configPath(get))
	if err != nil {
		return settings{}, usage(err)
	}
	var p Profile
	if name := firstNonEmpty(c.profile, get("VBOSCHED_PROFILE"), cfg.DefaultProfile); name != "" {
		var ok bool
		if p, ok = cfg.Profiles[name]; !ok {
			return settings{}, usagef("no profile %q in %s", name, configPath(get))
		}
	}
	pick := func(flag, env, prof string) string { return firstNonEmpty(flag, env, prof) }
	if c.multi {
		pick = func(flag, env, prof string) string { return firstNonEmpty(flag, prof, env) }
	}
	p.Server = pick(c.server, get("VBO_SERVER"), p.Server)
	p.Username = pick(c.username, get("VBO_USERNAME"), p.Username)
	p.APIVersion = firstNonEmpty(pick(c.apiVersion, get("VBO_API_VERSION"), p.APIVersion), "auto")
	p.CAFile = pick(c.caFile, get("VBO_CA_FILE"), p.CAFile)
	p.PinSHA256 = pick(c.pin, get("VBO_PIN_SHA256"), p.PinSHA256)
	insecure, err := insecureEnv(get("VBO_INSECURE"))
	if err != nil {
		return settings{}, err
	}
	p.Insecure = c.insecure || insecure || p.Insecure
	p.PasswordFile = firstNonEmpty(c.passwordFile, p.PasswordFile)
	return settings{profile: p}, nil
}

// session is an open connection: a store of jobs and what closes it.
type session struct {
	store    *jobstore.Store
	url      string // the server's base URL: with a job id, it names a draft
	demo     bool
	insecure bool // --insecure: TLS not verified; the TUI keeps a mark
	close    func()
	// warnings collects what the store reports about the audit log; nil
	// for the demo, which keeps no log.
	warnings *auditWarnings
	// known holds the backup jobs already read by id in this session, so
	// the id a command resolved is not read twice.
	known  map[string]*model.Job
	listed *jobList // the list of backup jobs, once read
}

// remember keeps j (nil is ignored) as read by its id.
func (s *session) remember(j *model.Job) {
	if j == nil {
		return
	}
	if s.known == nil {
		s.known = map[string]*model.Job{}
	}
	s.known[strings.ToLower(j.ID)] = j
}

// keep hands sess on to the next open of this command.
func (c *connection) keep(sess *session) { c.kept = sess }

// dropKept closes a kept session no open will take: the command stopped
// before it (a usage error found after the job was).
func (c *connection) dropKept() {
	if c.kept != nil {
		c.kept.close()
		c.kept = nil
	}
}

// listJobs lists every job. Jobs the server sent that vbosched cannot read
// exactly come back in unreadable, and the others are still returned; err
// is a failure to list at all.
// A session lists once: the list a command found its job in is the one it
// plans from (and the base a save's stale check compares with).
func (s *session) listJobs(ctx context.Context) (jobs []*model.Job, unreadable, err error) {
	if s.listed != nil {
		return s.listed.jobs, s.listed.unreadable, nil
	}
	jobs, err = s.store.ListJobs(ctx)
	var decodeErr *jobstore.DecodeError
	if err != nil && errors.As(err, &decodeErr) {
		unreadable, err = err, nil
	}
	if err == nil {
		s.listed = &jobList{jobs, unreadable}
	}
	return jobs, unreadable, err
}

// jobList is a session's list of backup jobs, as listJobs returns it.
type jobList struct {
	jobs       []*model.Job
	unreadable error
}

// open connects to the configured server, or to the demo with --demo. No
// server is a usage error: a command meant for production must never run
// against the demo because of a typo in the environment.
func (c *connection) open(ctx context.Context) (*session, error) {
	if s := c.kept; s != nil {
		c.kept = nil
		return s, nil
	}
	return c.openWith(ctx, false)
}

// openOrDemo is open for the bare vbosched, the one place where no server
// configured means the built-in demo (marked DEMO in the header).
func (c *connection) openOrDemo(ctx context.Context) (*session, error) {
	return c.openWith(ctx, true)
}

// openWarningsTo is openOrDemo that also copies to w every warning it
// prints, for the TUI to show them again once its screen is gone.
func (c *connection) openWarningsTo(ctx context.Context, w io.Writer) (*session, error) {
	errw := c.env.Err
	c.env.Err = io.MultiWriter(errw, w)
	defer func() { c.env.Err = errw }()
	return c.openOrDemo(ctx)
}

func (c *connection) openWith(ctx context.Context, forTUI bool) (*session, error) {
	s, err := c.resolve()
	if err != nil {
		return nil, err
	}
	if forTUI {
		// The TUI's screen would hide these warnings until it quits.
		if err := c.refuseHiddenWarnings(s); err != nil {
			return nil, err
		}
	} else {
		warnUnknownEnv(c.env)
	}
	if c.demo || (forTUI && s.profile.Server == "") {
		return openDemo(ctx, s.profile.APIVersion, c.userAgent)
	}
	if s.profile.Server == "" {
		if slices.Contains(emptyEnv(c.env), "VBO_SERVER (empty)") {
			return nil, usagef("no server: VBO_SERVER is set but empty (was the variable it was copied from unset?); give it the server's URL, or use --server URL")
		}
		return nil, usagef("no server: use --server URL or set VBO_SERVER (or a profile in %s); --demo runs on the built-in demo server", configPath(c.env.Getenv))
	}
	if err := c.checkScheme(s.profile); err != nil {
		return nil, err
	}
	if s.profile.Username == "" {
		return nil, usagef("no username: use --username or VBO_USERNAME")
	}
	pw, err := c.password(ctx, s)
	if err != nil {
		return nil, err
	}
	if s.profile.Insecure && s.profile.PinSHA256 == "" {
		fmt.Fprintln(c.env.Err, "vbosched: WARNING: --insecure: the server's certificate is not checked; anyone on the path can read the password and change jobs.")
	}
	client, err := apiclient.New(apiclient.Config{
		BaseURL: s.profile.Server, APIVersion: s.profile.APIVersion,
		Username: s.profile.Username, Password: pw, UserAgent: c.userAgent,
		TLS: apiclient.TLSConfig{CAFile: s.profile.CAFile, PinSHA256: s.profile.PinSHA256, Insecure: s.profile.Insecure},
	})
	if err != nil {
		return nil, usage(err)
	}
	if err := client.Login(ctx); err != nil {
		return nil, err
	}
	warnings := &auditWarnings{}
	store := jobstore.New(client, client.BaseURL(), c.auditOption(s.profile, warnings))
	insecure := s.profile.Insecure && s.profile.PinSHA256 == "" || isHTTP(s.profile.Server)
	return &session{store: store, url: client.BaseURL(), insecure: insecure, warnings: warnings, close: func() {
		// A fresh context: the command's may be cancelled (ctrl+c), and the
		// token should still be given back, but only for a few seconds.
		lctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), cmp.Or(c.logoutWait, logoutTimeout))
		defer cancel()
		_ = client.Logout(lctx)
		warnings.print(c.env.Err)
	}}, nil
}

// checkScheme refuses http:// unless --insecure-http says to send the
// password in clear, and refuses certificate options that http:// would
// silently ignore.
func (c *connection) checkScheme(p Profile) error {
	if !isHTTP(p.Server) {
		return nil
	}
	if p.CAFile != "" || p.PinSHA256 != "" {
		return usagef("--ca-file and --pin-sha256 check a TLS certificate, but %s is http:// (no TLS): use https://", p.Server)
	}
	if !c.insecureHTTP {
		return usagef("%s is http://: the password and every job would travel in clear; use https://, or --insecure-http if you mean it", p.Server)
	}
	fmt.Fprintln(c.env.Err, "vbosched: WARNING: --insecure-http: the password and every job travel in clear; anyone on the path can read and change them.")
	return nil
}

// openDemo starts the fake server on a loopback port and connects to it,
// trusting exactly its fresh certificate.
func openDemo(ctx context.Context, version, userAgent string) (*session, error) {
	opts := []fakevbo.Option{}
	if version != "" && version != "auto" {
		if _, err := model.ParseAPIVersion(version); err != nil {
			return nil, usage(err)
		}
		opts = append(opts, fakevbo.WithVersion(version))
	}
	srv := fakevbo.NewTLSServer(opts...)
	client, err := apiclient.New(apiclient.Config{
		BaseURL: srv.URL, APIVersion: "auto", Username: srv.Username, Password: srv.Password, UserAgent: userAgent,
		TLS: apiclient.TLSConfig{PinSHA256: apiclient.Fingerprint(srv.Certificate())},
	})
	if err != nil {
		srv.Close()
		return nil, err
	}
	if err := client.Login(ctx); err != nil {
		srv.Close()
		return nil, err
	}
	return &session{store: jobstore.New(client, "DEMO"), url: srv.URL, demo: true, close: srv.Close}, nil
}

func isHTTP(server string) bool {
	return strings.HasPrefix(strings.ToLower(strings.TrimSpace(server)), "http://")
}
