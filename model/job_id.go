package model

// LooksLikeJobID reports whether ref has the shape of the ids VBO gives
// jobs, a UUID (8-4-4-4-12 hex digits, any case). A front end given such a
// ref reads that one job (GET /Jobs/{id}) before, or instead of, listing
// every job to find it by name.
func LooksLikeJobID(ref string) bool {
	if len(ref) != 36 {
		return false
	}
	for i, c := range ref {
		switch {
		case i == 8 || i == 13 || i == 18 || i == 23:
			if c != '-' {
				return false
			}
		case !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'):
			return false
		}
	}
	return true
}
