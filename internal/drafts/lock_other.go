//go:build !unix

package drafts

import (
	"errors"
	"os"
)

// tryLock: where there is no flock, a draft is not locked, and the editor
// says so (Store.Lock's error) rather than claiming it is.
func tryLock(*os.File) (bool, error) {
	return false, errors.ErrUnsupported
}

// processAlive: without flock no draft is locked, so no record is consulted.
func processAlive(Owner) bool { return true }
