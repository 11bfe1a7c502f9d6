package signature

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"strconv"
)

// Credentials are a COS key pair, with the session token of a temporary key
// (STS) when there is one. Printing them in any way (String, fmt verbs, JSON,
// slog) shows the SecretID and whether the SecretKey and SessionToken are
// set, never their values.
type Credentials struct {
	SecretID     string // q-ak; an identifier, printed
	SecretKey    string // never printed
	SessionToken string // x-cos-security-token of a temporary key; never printed
}

func setOrNot(s string) string {
	if s == "" {
		return "unset"
	}
	return "set"
}

// String returns a redacted description, e.g.
// signature.Credentials{SecretID:"AKID...", SecretKey:set, SessionToken:unset}.
func (c Credentials) String() string {
	return "signature.Credentials{SecretID:" + strconv.Quote(c.SecretID) +
		", SecretKey:" + setOrNot(c.SecretKey) + ", SessionToken:" + setOrNot(c.SessionToken) + "}"
}

// GoString is String: the values of the secrets are never printed.
func (c Credentials) GoString() string { return c.String() }

// Format prints String for every verb, so that %v, %+v, %#v and %s cannot
// reach the secret fields.
func (c Credentials) Format(f fmt.State, _ rune) { _, _ = fmt.Fprint(f, c.String()) }

type credentialsView struct {
	SecretID        string
	SecretKeySet    bool
	SessionTokenSet bool
}

// MarshalJSON writes {"SecretID":..., "SecretKeySet":bool,
// "SessionTokenSet":bool}. It is deliberately not reversible.
func (c Credentials) MarshalJSON() ([]byte, error) {
	return json.Marshal(credentialsView{c.SecretID, c.SecretKey != "", c.SessionToken != ""})
}

// LogValue logs the SecretID and whether the secrets are set.
func (c Credentials) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("secret_id", c.SecretID),
		slog.Bool("secret_key_set", c.SecretKey != ""),
		slog.Bool("session_token_set", c.SessionToken != ""),
	)
}

var (
	_ fmt.Stringer   = Credentials{}
	_ fmt.GoStringer = Credentials{}
	_ fmt.Formatter  = Credentials{}
	_ json.Marshaler = Credentials{}
	_ slog.LogValuer = Credentials{}
)
