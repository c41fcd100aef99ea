// Package apiclient is a client for the REST API of Veeam Backup for
// Microsoft 365, versions v2 to v8: token login and refresh, listing,
// reading, editing and starting backup jobs, and the organizations' names.
// It knows HTTP and JSON and nothing of a screen. Job documents pass through
// it as raw JSON, so no field is lost between a GET and the PUT built from
// it; package model decodes them and builds PUT bodies.
//
// # Connecting
//
// New checks a Config and sends nothing. Every call logs in first when the
// client has no token, and finds the API version first when
// Config.APIVersion is "auto", probing from v8 down; Login does both up
// front, to check the credentials early. Tokens are refreshed shortly before
// they expire, and once after a 401. A Client is safe for concurrent use.
//
//	c, err := apiclient.New(apiclient.Config{
//		BaseURL:    "https://vbo.example.com:4443",
//		APIVersion: "auto",
//		Username:   `CONTOSO\backup-admin`,
//		Password:   password,
//		UserAgent:  "mytool/1.0",
//		TLS:        apiclient.TLSConfig{CAFile: "vbo-cert.pem"},
//	})
//	if err != nil {
//		return err // a bad URL, version or TLS setting; nothing was sent
//	}
//	if err := c.Login(ctx); err != nil {
//		return err
//	}
//	defer c.Logout(context.WithoutCancel(ctx))
//
//	jobs, err := c.ListJobs(ctx) // every page on v8; each job as the server sent it
//	if err != nil {
//		return err
//	}
//	var job struct{ ID string }
//	if err := json.Unmarshal(jobs[0], &job); err != nil {
//		return err
//	}
//	// PUT /vN/Jobs/{id}. Build the body from the job as just read (see
//	// model.Job.PutBody): the API has no If-Match, so read, edit and send.
//	err = c.UpdateJob(ctx, job.ID, body)
//
// # Errors
//
// An answer outside 2xx is an *APIError, usually wrapped with what was being
// done; find it with errors.As. It holds the request's method and path, the
// status, and the server's message and errorCode:
//
//	var ae *apiclient.APIError
//	if errors.As(err, &ae) && ae.StatusCode == http.StatusBadRequest {
//		fmt.Println("the server refused the edit:", ae.Message)
//	}
//
// IsNotFound tells a 404 (an unknown job, or a version the server does not
// speak). Other errors are transport errors (refused connection, timeout,
// untrusted certificate: errors.As finds x509.UnknownAuthorityError) or an
// answer that is not the JSON expected. No error holds the password, a token
// or the server's stackTrace: a token reply the client cannot read is
// described, never quoted. Server messages are untrusted text; escape them
// before printing them to a terminal.
//
// # TLS
//
// A VBO server's port 4443 usually has a self-signed certificate.
// TLSConfig says what to trust: with no field set the system's roots decide;
// CAFile adds a PEM file of certificates (typically the server's own);
// PinSHA256 trusts exactly the certificate with that SHA-256 fingerprint,
// whoever signed it (Fingerprint computes one, ParsePin and FormatPin read
// and write them); Insecure turns checks off and should be a user's explicit
// choice. Config.HTTPClient replaces all of this with a client of your own.
package apiclient
