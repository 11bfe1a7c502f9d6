package classify

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"time"

	"github.com/cos403/cos403-go/cos403"
	"github.com/cos403/cos403-go/signature"
)

// DefaultMaxCapture is how much of an error body a Transport keeps when
// MaxBody is zero. COS error documents, even with StringToSign and
// FormatString, are a few KiB.
const DefaultMaxCapture = 64 << 10

// CredentialSource supplies the SecretKey for signature comparison. The
// SDK's *cos.AuthorizationTransport satisfies it, so the key is read where
// it already lives instead of being copied.
type CredentialSource interface {
	GetCredential() (secretID, secretKey, sessionToken string, err error)
}

// Transport is an http.RoundTripper that keeps what cos-go-sdk-v5 discards
// from a COS error reply, so that [Classify] can report it. Place it inside
// the SDK's AuthorizationTransport, where it sees the signed request:
//
//	auth := &cos.AuthorizationTransport{SecretID: id, SecretKey: key}
//	auth.Transport = &classify.Transport{Credentials: auth}
//	client := cos.NewClient(u, &http.Client{Transport: auth})
//
// On a non-2xx reply it keeps a bounded copy of the body (the SDK still
// reads the whole, unchanged body) and attaches it, with the arrival time,
// to the context of the request recorded in the response. The SDK's
// *cos.ErrorResponse holds that response, so the capture lives exactly as
// long as the error does: no global map, nothing to leak. A 2xx reply
// passes through untouched, without allocation.
//
// The zero value is ready to use. A Transport is safe for concurrent use.
// It never prints its SecretKey: %v, %#v, JSON and slog show only whether
// one is set.
type Transport struct {
	// Base sends the request. Nil means http.DefaultTransport.
	Base http.RoundTripper
	// MaxBody caps the copy of an error body; 0 means DefaultMaxCapture.
	MaxBody int64
	// SecretKey, when set, lets Classify recompute the client's signature
	// and name the exact part that differs from the server's. Credentials
	// is consulted when SecretKey is empty. Without either, Classify still
	// compares the client's and the server's FormatString.
	SecretKey   string
	Credentials CredentialSource
	// Now reads the local clock when a reply arrives; nil means time.Now.
	Now func() time.Time
}

var (
	_ http.RoundTripper = (*Transport)(nil)
	_ fmt.Formatter     = Transport{}
	_ json.Marshaler    = Transport{}
	_ slog.LogValuer    = Transport{}
)

type captureKey struct{}

// capture is what a Transport kept from one error reply.
type capture struct {
	body     []byte
	received time.Time
	t        *Transport
}

// RoundTrip implements http.RoundTripper.
func (t *Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	base := t.Base
	if base == nil {
		base = http.DefaultTransport
	}
	resp, err := base.RoundTrip(req)
	if err != nil || resp == nil || resp.StatusCode < 300 {
		return resp, err
	}
	now := time.Now
	if t.Now != nil {
		now = t.Now
	}
	c := &capture{received: now(), t: t}
	if resp.Body != nil && resp.Body != http.NoBody {
		limit := t.MaxBody
		if limit <= 0 {
			limit = DefaultMaxCapture
		}
		b, rerr := io.ReadAll(io.LimitReader(resp.Body, limit))
		c.body = b
		var rest io.Reader = resp.Body
		if rerr != nil {
			rest = errReader{rerr}
		}
		resp.Body = readCloser{io.MultiReader(bytes.NewReader(b), rest), resp.Body}
	}
	// Record the request this Transport was given: the one the SDK signed.
	// A RoundTripper further in may have changed its own copy (a proxy
	// rewriting a header), and that difference is what explain looks for.
	resp.Request = req.WithContext(context.WithValue(req.Context(), captureKey{}, c))
	return resp, nil
}

func (t *Transport) secretKey() string {
	if t == nil {
		return ""
	}
	if t.SecretKey != "" {
		return t.SecretKey
	}
	if t.Credentials != nil {
		if _, k, _, err := t.Credentials.GetCredential(); err == nil {
			return k
		}
	}
	return ""
}

// explain attaches the signature comparison to a SignatureDoesNotMatch
// error whose body carried the server's FormatString (cos-errors.md §2.2,
// §8 "Compare FormatString"). The client's FormatString is recomputed from
// the signed request with the header and parameter lists it declared; the
// key only matters for the StringToSign-and-beyond stages.
func explain(e *cos403.Error, req *http.Request, eb *errorBody, key string) {
	if e == nil || eb == nil || req == nil || eb.FormatString == "" || e.Cause != cos403.CauseSignatureMismatch {
		return
	}
	auth, err := signature.FromRequest(req)
	if err != nil {
		return
	}
	res, err := signature.Sign(req, signature.Credentials{SecretID: auth.SecretID, SecretKey: key}, signature.Options{
		KeyTime: auth.KeyTime, SignTime: auth.SignTime,
		HeaderList: nonNil(auth.HeaderList), ParamList: nonNil(auth.URLParamList),
	})
	if err != nil {
		return
	}
	d := signature.Compare(res, eb.FormatString, eb.StringToSign)
	if d.Equal() {
		// Both signing strings match what COS computed, yet COS computed
		// another signature: only the HMAC key is left.
		e.Signature = &cos403.SignatureDiff{
			Stage:       StageSecretKey,
			Element:     "q-ak " + redactID(auth.SecretID),
			Explanation: "Your FormatString and StringToSign are identical to the ones COS computed, so the two sides signed the same text with different keys: the SecretKey is wrong, belongs to another SecretId, or the SecretId was sent with different case or padding. Check the SecretKey paired with this SecretId in API key management.",
		}
		return
	}
	e.Signature = &cos403.SignatureDiff{
		Stage: string(d.Stage), Element: d.Element,
		Client: d.Client, Server: d.Server, Explanation: d.Explanation,
	}
}

// StageSecretKey is the SignatureDiff stage Classify reports when every
// signing string agrees with the server's: the keys differ.
const StageSecretKey = "secret_key"

// redactID keeps the first and last four characters of a SecretId, enough to
// tell keys apart without printing one whole.
func redactID(id string) string {
	if len(id) <= 8 {
		return "****"
	}
	return id[:4] + "…" + id[len(id)-4:]
}

// nonNil turns a nil list into an empty one: for Sign, nil means "the
// default selection", but a parsed empty q-header-list means "none".
func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// transportView is how a Transport prints: the key only as set/unset.
type transportView struct {
	Base         string `json:"base"`
	MaxBody      int64  `json:"max_body"`
	SecretKeySet bool   `json:"secret_key_set"`
	Credentials  bool   `json:"credentials_set"`
}

func (t Transport) view() transportView {
	v := transportView{Base: "http.DefaultTransport", MaxBody: DefaultMaxCapture}
	if t.Base != nil {
		v.Base = fmt.Sprintf("%T", t.Base)
	}
	if t.MaxBody > 0 {
		v.MaxBody = t.MaxBody
	}
	v.SecretKeySet = t.SecretKey != ""
	v.Credentials = t.Credentials != nil
	return v
}

// Format prints the Transport for %v, %+v, %s and %#v without its key.
//
// Format, MarshalJSON and LogValue have value receivers so that a
// Transport printed by value is as safe as a *Transport: with pointer
// receivers, fmt and log/slog would print a value field by field,
// SecretKey included.
func (t Transport) Format(f fmt.State, verb rune) {
	v := t.view()
	fmt.Fprintf(f, "classify.Transport{Base:%s MaxBody:%d SecretKey:%s Credentials:%t}",
		v.Base, v.MaxBody, map[bool]string{true: "REDACTED", false: `""`}[v.SecretKeySet], v.Credentials)
}

// MarshalJSON encodes the Transport's settings without its key.
func (t Transport) MarshalJSON() ([]byte, error) { return json.Marshal(t.view()) }

// LogValue logs the Transport's settings without its key.
func (t Transport) LogValue() slog.Value {
	v := t.view()
	return slog.GroupValue(slog.String("base", v.Base), slog.Int64("max_body", v.MaxBody),
		slog.Bool("secret_key_set", v.SecretKeySet), slog.Bool("credentials_set", v.Credentials))
}
