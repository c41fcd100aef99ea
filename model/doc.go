// Package model is the domain of vbosched: the 168-hour backup window, the
// schedule policy of a Veeam Backup for Microsoft 365 job, the job document
// as the server sent it, their validation and their human text forms.
//
// It does no I/O: it knows neither HTTP nor the terminal, so every rule here
// can be tested with plain values and reused by the TUI and the CLI alike.
package model
