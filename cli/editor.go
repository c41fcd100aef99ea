package cli

import (
	"fmt"

	"github.com/spf13/cobra"
)

// addEditorCommand makes the bare command open the editor.
func addEditorCommand(root *cobra.Command, conn *connection) {
	root.RunE = func(cmd *cobra.Command, _ []string) error {
		sess, err := conn.open(cmd.Context())
		if err != nil {
			return err
		}
		defer sess.close()
		fmt.Fprintf(cmd.OutOrStdout(), "The editor is not built yet. Try: vbosched jobs\n")
		return nil
	}
}
