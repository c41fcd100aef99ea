package cli

import (
	"fmt"
	"net"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"
	"github.com/vbosched/vbosched/apiclient"
	"github.com/vbosched/vbosched/internal/fakevbo"
	"github.com/vbosched/vbosched/model"
)

func newDemoServerCommand() *cobra.Command {
	var listen, version string
	var jobs int
	var latency time.Duration
	cmd := &cobra.Command{
		Use:   "demo-server",
		Short: "Run the fake VBO server alone, to try the commands against it",
		Long: `demo-server runs vbosched's fake Veeam Backup for Microsoft 365 server on
this machine, over HTTPS with a new self-signed certificate, and prints how to
connect to it. It keeps its jobs in memory until it stops (Ctrl+C).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if _, err := model.ParseAPIVersion(version); err != nil {
				return usage(err)
			}
			l, err := net.Listen("tcp", listen)
			if err != nil {
				return usage(fmt.Errorf("listening on %s: %w", listen, err))
			}
			srv := fakevbo.NewTLSServer(fakevbo.WithListener(l), fakevbo.WithVersion(version), fakevbo.WithJobs(jobs),
				fakevbo.WithLatency(latency))
			defer srv.Close()
			dir, err := os.MkdirTemp("", "vbosched-demo-")
			if err != nil {
				return err
			}
			defer os.RemoveAll(dir)
			ca := filepath.Join(dir, "ca.pem")
			if err := os.WriteFile(ca, srv.CertificatePEM(), 0o644); err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			fmt.Fprintf(out, "Demo VBO server (API %s, %d jobs) at %s\n\n", srv.Version, len(srv.Jobs()), srv.URL)
			fmt.Fprintf(out, "  export VBO_SERVER=%s\n", srv.URL)
			fmt.Fprintf(out, "  export VBO_USERNAME='%s'\n", srv.Username)
			fmt.Fprintf(out, "  export VBO_PASSWORD=%s\n", srv.Password)
			fmt.Fprintf(out, "  export VBO_CA_FILE=%s\n", ca)
			fmt.Fprintf(out, "\nCertificate SHA-256 (for --pin-sha256): %s\n", apiclient.Fingerprint(srv.Certificate()))
			fmt.Fprintln(out, "Press Ctrl+C to stop.")
			<-cmd.Context().Done()
			return nil
		},
	}
	cmd.Flags().StringVar(&listen, "listen", "127.0.0.1:4443", "address to listen on")
	cmd.Flags().StringVar(&version, "api-version", "v8", "newest API version to serve (v2…v8)")
	cmd.Flags().IntVar(&jobs, "jobs", 0, "number of jobs (default: the 8 seeded ones)")
	cmd.Flags().DurationVar(&latency, "latency", 0, "delay every answer by this much, e.g. 50ms, as a distant server would")
	return cmd
}
