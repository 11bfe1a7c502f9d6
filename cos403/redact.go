package cos403

import (
	"net/url"
	"strings"
)

const redacted = "REDACTED"

// secretNames are the query parameter and header names whose values are
// credentials: the q-sign-algorithm fields that identify or prove the key,
// the merged sign= form, and the temporary-key token (cos-errors.md §3.3).
var secretNames = [...]string{
	"q-signature", "q-ak", "x-cos-security-token", "sign", "authorization",
	"securitytoken", "tmpsecretkey", "secretkey",
}

// secretLast marks the bytes, in either case, that end a secret name.
var secretLast = func() (t [256]bool) {
	for _, n := range secretNames {
		c := n[len(n)-1]
		t[c] = true
		if 'a' <= c && c <= 'z' {
			t[c-'a'+'A'] = true
		}
	}
	return t
}()

func isSecretName(name string) bool {
	for _, s := range secretNames {
		if strings.EqualFold(name, s) {
			return true
		}
	}
	return false
}

// RedactURL returns rawURL with the values of secret query parameters
// (q-signature, q-ak, x-cos-security-token, sign, ...) replaced by
// "REDACTED" and any userinfo removed. It works on a copy and never fails:
// text that does not parse as a URL is redacted as a query string.
func RedactURL(rawURL string) string {
	if rawURL == "" {
		return ""
	}
	u, err := url.Parse(rawURL)
	if err != nil {
		if base, q, ok := strings.Cut(rawURL, "?"); ok {
			return base + "?" + RedactQuery(q)
		}
		return RedactQuery(rawURL)
	}
	if u.User != nil {
		u.User = nil
	}
	if u.RawQuery != "" {
		u.RawQuery = RedactQuery(u.RawQuery)
	}
	return u.String()
}

// RedactQuery redacts secret values in an "a=b&c=d" string without
// re-encoding the parts it keeps.
func RedactQuery(q string) string {
	if !hasSecretKey(q) {
		return q
	}
	parts := strings.Split(q, "&")
	for i, p := range parts {
		name, _, ok := strings.Cut(p, "=")
		if !ok {
			continue
		}
		if dec, err := url.QueryUnescape(name); err == nil {
			name = dec
		}
		if isSecretName(name) {
			parts[i] = p[:strings.IndexByte(p, '=')+1] + redacted
		}
	}
	return strings.Join(parts, "&")
}

// RedactFormatString redacts secret header and parameter values inside a
// q-sign-algorithm FormatString (method\npath\nparams\nheaders\n), where the
// SDK signs x-cos-security-token as a header and presigned URLs sign it as a
// parameter.
func RedactFormatString(s string) string {
	if !hasSecretKey(s) {
		return s
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = RedactQuery(l)
	}
	return strings.Join(lines, "\n")
}

// hasSecretKey reports whether s may hold a secret "name=" pair. It is on
// the classification path, so it compares case-insensitively without
// allocating.
func hasSecretKey(s string) bool {
	for i := 1; i < len(s); i++ {
		if s[i] != '=' {
			continue
		}
		// Skip a name whose last letter ends no secret name (host=,
		// cors=, content-md5=) without comparing.
		if !secretLast[s[i-1]] {
			continue
		}
		for _, n := range secretNames {
			if i >= len(n) && strings.EqualFold(s[i-len(n):i], n) {
				return true
			}
		}
	}
	return false
}

// RedactedURL returns u as a string with secret query values redacted and
// userinfo removed; u is not modified. It allocates only the result when
// nothing needs redacting.
func RedactedURL(u *url.URL) string {
	if u == nil {
		return ""
	}
	if u.User == nil && !hasSecretKey(u.RawQuery) {
		return u.String()
	}
	c := *u
	c.User = nil
	c.RawQuery = RedactQuery(c.RawQuery)
	return c.String()
}
