package signature

import (
	"net/http"
	"net/url"
	"strings"
)

// Presign returns rawURL signed in its query string, the form
// cos-go-sdk-v5's GetPresignedURL2 produces (D-PRESIGN):
//
//	https://<host>/<key>?<query>&x-cos-security-token=<token>&q-sign-algorithm=sha1&q-ak=...&q-signature=...
//
// rawURL is an absolute URL whose path is the object key (any query is kept
// and signed). The path is re-encoded the way the SDK encodes a key (JS
// encodeURIComponent, keeping '/'; a key that starts with '/' gets its first
// character sent as %2F), so that a '+' or space in the key reaches COS
// intact; the fragment is dropped. With a session token, x-cos-security-token
// is appended to the query before signing, so it is listed in
// q-url-param-list, as GetPresignedURL2 does. The Authorization is appended
// URL-encoded except for '&' and '=' (so ';' becomes %3B).
//
// Only the host header can be signed into a URL: opts.HeaderList must be nil
// (sign host, the SDK's default) or list nothing but "host". The result
// contains a signature valid until the sign time ends: treat it as a
// credential. Errors are *[ParseError] matching [ErrInvalidInput].
func Presign(method, rawURL string, cred Credentials, opts Options) (string, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return "", &ParseError{Field: "rawURL", Reason: "not a URL", Err: ErrInvalidInput}
	}
	if u.Scheme == "" || u.Host == "" || u.Opaque != "" {
		return "", &ParseError{Field: "rawURL", Reason: "want an absolute URL with scheme and host", Err: ErrInvalidInput}
	}
	if method == "" {
		method = http.MethodGet
	}
	for _, h := range opts.HeaderList {
		if compareForms(h, fLower, hostHeader, 0) != 0 {
			return "", &ParseError{Field: "opts.HeaderList", Reason: "a presigned URL can sign only the host header",
				Err: ErrInvalidInput}
		}
	}

	// cos-go-sdk-v5 object.go GetPresignedURL: the key is encoded with
	// encodeURIComponent keeping '/', after an encoded first '/' when the
	// key itself starts with one.
	key := strings.TrimPrefix(u.Path, "/")
	ep := make([]byte, 0, len(u.Path)+16)
	ep = append(ep, '/')
	if strings.HasPrefix(key, "/") {
		ep = append(ep, "%2F"...)
		key = key[1:]
	}
	ep = appendURIComponent(ep, key, "/")
	escaped := string(ep)
	path := u.Path
	if path == "" {
		path = "/"
	}

	query := u.RawQuery
	if cred.SessionToken != "" {
		if query != "" {
			query += "&"
		}
		query += url.Values{tokenHeader: {cred.SessionToken}}.Encode()
	}
	req := &http.Request{
		Method: method,
		URL:    &url.URL{Scheme: u.Scheme, Host: u.Host, Path: path, RawPath: escaped, RawQuery: query},
		Host:   u.Host,
		Header: http.Header{},
	}
	// The token is signed as a parameter, not as a header.
	res, _, err := sign(req, Credentials{SecretID: cred.SecretID, SecretKey: cred.SecretKey}, &opts)
	if err != nil {
		return "", err
	}

	out := make([]byte, 0, len(u.Scheme)+len(u.Host)+len(escaped)+len(query)+len(res.Authorization)+32)
	out = append(out, u.Scheme...)
	out = append(out, "://"...)
	out = append(out, u.Host...)
	out = append(out, escaped...)
	out = append(out, '?')
	if query != "" {
		out = append(out, query...)
		out = append(out, '&')
	}
	out = appendURIComponent(out, res.Authorization, "&=")
	return string(out), nil
}
