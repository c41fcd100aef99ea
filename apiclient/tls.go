package apiclient

import (
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"os"
	"strings"
)

// TLSConfig says which server certificates to trust. With none of its
// fields set, the system's roots decide, as for any HTTPS client.
type TLSConfig struct {
	// CAFile is a PEM file of certificates to trust besides the system roots
	// (typically the server's self-signed certificate).
	CAFile string
	// PinSHA256 is the SHA-256 of the server's leaf certificate (hex, colons
	// allowed, as `openssl x509 -fingerprint -sha256` prints it, or base64).
	// A pinned certificate is trusted whatever signed it, and no other is.
	PinSHA256 string
	// Insecure turns certificate checks off. Only ever on request.
	Insecure bool
}

// MaxConnsInFlight is how many idle connections to the server the client
// keeps for reuse: as many as a caller sends requests at once (vbosched set
// --parallel goes up to 64).
const MaxConnsInFlight = 64

func (t TLSConfig) transport() (*http.Transport, error) {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	cfg, err := t.Config()
	if err != nil {
		return nil, err
	}
	tr.TLSClientConfig = cfg
	// Keep a connection per request in flight: with net/http's default of
	// two idle connections a host, a bulk save of eight at a time closes and
	// reopens (a TLS handshake each, on both ends) most of its connections.
	tr.MaxIdleConnsPerHost = MaxConnsInFlight
	return tr, nil
}

// Config builds the crypto/tls configuration the client uses, for callers
// who build their own http.Client. A pin takes precedence over Insecure.
func (t TLSConfig) Config() (*tls.Config, error) {
	cfg := &tls.Config{MinVersion: tls.VersionTLS12}
	if t.CAFile != "" {
		pemData, err := os.ReadFile(t.CAFile)
		if err != nil {
			return nil, fmt.Errorf("CA file: %w", err)
		}
		pool, err := x509.SystemCertPool()
		if err != nil || pool == nil {
			pool = x509.NewCertPool()
		}
		if !pool.AppendCertsFromPEM(pemData) {
			return nil, fmt.Errorf("CA file %s holds no PEM certificate", t.CAFile)
		}
		cfg.RootCAs = pool
	}
	if t.PinSHA256 != "" {
		pin, err := ParsePin(t.PinSHA256)
		if err != nil {
			return nil, err
		}
		// The pin replaces chain checks: a pinned self-signed certificate is
		// exactly the case it exists for.
		cfg.InsecureSkipVerify = true
		cfg.VerifyConnection = func(cs tls.ConnectionState) error {
			if len(cs.PeerCertificates) == 0 {
				return errors.New("the server sent no certificate")
			}
			got := sha256.Sum256(cs.PeerCertificates[0].Raw)
			if got != pin {
				return fmt.Errorf("the server's certificate (SHA-256 %s) does not match the pinned one (%s)",
					FormatPin(got), FormatPin(pin))
			}
			return nil
		}
		return cfg, nil
	}
	if t.Insecure {
		cfg.InsecureSkipVerify = true
	}
	return cfg, nil
}

// ParsePin reads a SHA-256 fingerprint in hex (colons and spaces allowed,
// an optional "sha256:" prefix) or base64.
func ParsePin(s string) ([32]byte, error) {
	var pin [32]byte
	clean := strings.TrimPrefix(strings.ToLower(strings.TrimSpace(s)), "sha256:")
	hexForm := strings.NewReplacer(":", "", " ", "").Replace(clean)
	if b, err := hex.DecodeString(hexForm); err == nil && len(b) == 32 {
		copy(pin[:], b)
		return pin, nil
	}
	if b, err := base64.StdEncoding.DecodeString(strings.TrimSpace(strings.TrimPrefix(s, "sha256:"))); err == nil && len(b) == 32 {
		copy(pin[:], b)
		return pin, nil
	}
	return pin, fmt.Errorf("pin %q is not a SHA-256 fingerprint (64 hex digits, colons allowed, or base64)", s)
}

// FormatPin writes a fingerprint as colon-separated hex, as openssl does.
func FormatPin(sum [32]byte) string {
	parts := make([]string, len(sum))
	for i, b := range sum {
		parts[i] = fmt.Sprintf("%02X", b)
	}
	return strings.Join(parts, ":")
}

// Fingerprint returns cert's SHA-256 fingerprint in FormatPin's form, as
// TLSConfig.PinSHA256 takes it.
func Fingerprint(cert *x509.Certificate) string { return FormatPin(sha256.Sum256(cert.Raw)) }
