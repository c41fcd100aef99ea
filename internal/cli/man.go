package cli

import (
	"fmt"
	"strings"

	"github.com/muesli/mango"
	"github.com/muesli/roff"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// newManCommand prints the man page. It replaces fang's own: that one is
// hidden from the help's command list, and mango-cobra writes a flag with
// a shorthand as "--f --file" and makes every line of a long description a
// paragraph of its own. This one gives mango paragraphs and flag names it
// prints as they are typed.
func newManCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "man",
		Short: "Print vbosched's man page (roff), e.g. vbosched man | man -l -",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			_, err := fmt.Fprint(cmd.OutOrStdout(), manPage(cmd.Root()))
			return err
		},
	}
}

func manPage(root *cobra.Command) string {
	page := mango.NewManPage(1, root.Name(), root.Short).WithLongDescription(paragraphs(root.Long))
	addManFlags(&page.Root, root.LocalFlags())
	for _, sub := range root.Commands() {
		if sub.Hidden || sub.Name() == "help" {
			continue
		}
		item := mango.NewCommand(sub.Name(), paragraphs(sub.Short), sub.UseLine()[len(root.Name())+1:])
		addManFlags(item, sub.LocalFlags())
		_ = page.Root.AddCommand(item) // names are unique: cobra has them as such
	}
	page.WithSection("Exit status", paragraphs(`0 done; 1 failed (server, network, some jobs);
2 usage or validation (nothing was sent); 130 interrupted (ctrl+c or SIGTERM).`))
	page.WithSection("Environment", paragraphs(`VBO_SERVER, VBO_USERNAME, VBO_PASSWORD, VBO_API_VERSION,
VBO_CA_FILE, VBO_PIN_SHA256 and VBO_INSECURE=1 stand for the flags of the same names;
VBOSCHED_PROFILE, VBOSCHED_CONFIG and VBOSCHED_AUDIT_LOG name the profile, the config
file and the audit log. An unknown VBO_ or VBOSCHED_ variable is warned about with the
nearest known name.`))
	return page.Build(roff.NewDocument())
}

// addManFlags adds flags as mango prints them: with PFlag false it writes
// "-" and the name, so "-f, --file" reads as typed.
func addManFlags(c *mango.Command, flags *pflag.FlagSet) {
	flags.VisitAll(func(f *pflag.Flag) {
		if f.Hidden || f.Name == "help" {
			return
		}
		name := "-" + f.Name
		if f.Shorthand != "" {
			name = f.Shorthand + ", --" + f.Name
		}
		_ = c.AddFlag(mango.Flag{Name: name, Usage: f.Usage})
	})
}

// paragraphs joins a help text's wrapped lines: roff starts a paragraph at
// every line break mango hands it, so only blank lines may stay breaks.
func paragraphs(text string) string {
	var out []string
	for _, p := range strings.Split(strings.TrimSpace(text), "\n\n") {
		out = append(out, strings.Join(strings.Fields(p), " "))
	}
	return strings.Join(out, "\n")
}
