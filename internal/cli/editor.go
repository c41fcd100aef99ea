package cli

import (
	tea "charm.land/bubbletea/v2"
	"github.com/spf13/cobra"
	"github.com/vbosched/vbosched/ui"
)

// addEditorCommand makes the bare command open the editor.
func addEditorCommand(root *cobra.Command, conn *connection) {
	var jobRef string
	var mouse bool
	root.Flags().StringVar(&jobRef, "job", "", "open this job's editor directly (id or exact name)")
	root.Flags().BoolVar(&mouse, "mouse", true, "use the mouse on the grid (--mouse=false to keep the terminal's own selection)")
	root.RunE = func(cmd *cobra.Command, _ []string) error {
		sess, err := conn.openOrDemo(cmd.Context())
		if err != nil {
			return err
		}
		defer sess.close()
		m := ui.New(ui.Options{Backend: sess.store, JobRef: jobRef, Mouse: mouse, Insecure: sess.insecure})
		p := tea.NewProgram(m, tea.WithContext(cmd.Context()), tea.WithInput(conn.env.In), tea.WithOutput(conn.env.Out))
		_, err = p.Run()
		return err
	}
}
