package jobstore

// CheckAudit reports, before any save is tried, whether the store could
// record one: nil when no audit is wanted (--no-audit, the demo) or the
// log can be opened for appending, else an *AuditError naming the file.
// A long-running front end (serve) calls it at start, so an operator who
// cannot act on the host's paths never meets the failure mid-save.
func (s *Store) CheckAudit() error {
	if s.warn == nil && s.audit == nil {
		return nil
	}
	if s.audit == nil {
		return &AuditError{Err: errNoAuditLog}
	}
	if _, err := s.audit.CheckWritable(); err != nil {
		return &AuditError{Path: s.audit.Path(), Err: err}
	}
	return nil
}
