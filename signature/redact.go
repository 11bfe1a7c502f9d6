package signature

import "strings"

// redacted replaces secret values in everything this package prints.
const redacted = "REDACTED"

// sensitiveNames are parameter and header names whose values are secrets:
// a security token, a signature (q-signature, or the whole Authorization in
// a sign= parameter or header). q-ak is an identifier, not a secret, and is
// kept so that a reader can tell which key signed.
var sensitiveNames = [...]string{"authorization", "q-signature", "sign", tokenHeader}

// sensitiveName reports whether the value of a parameter or header with this
// (possibly encoded, any case) name must not be printed.
func sensitiveName(name string) bool {
	for _, s := range sensitiveNames {
		if len(name) == len(s) && compareForms(name, fLower, s, 0) == 0 {
			return true
		}
	}
	return false
}

// Redact returns a copy of s, a "name=value&name=value" string such as an
// Authorization, HttpParameters, HttpHeaders or a raw URL query, with the
// values of q-signature, sign, authorization and x-cos-security-token
// replaced by "REDACTED". Names are matched case-insensitively; everything
// else is kept byte for byte. s itself is not changed (strings are
// immutable), and Redact returns s when there is nothing to hide.
func Redact(s string) string {
	need := false
	for rest := s; rest != ""; {
		var pair string
		pair, rest, _ = strings.Cut(rest, "&")
		name, value, _ := strings.Cut(pair, "=")
		if value != "" && value != redacted && sensitiveName(name) {
			need = true
			break
		}
	}
	if !need {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i, rest := 0, s; rest != ""; i++ {
		var pair string
		pair, rest, _ = strings.Cut(rest, "&")
		if i > 0 {
			b.WriteByte('&')
		}
		name, value, hasEq := strings.Cut(pair, "=")
		b.WriteString(name)
		if hasEq {
			b.WriteByte('=')
			if value != "" && sensitiveName(name) {
				value = redacted
			}
			b.WriteString(value)
		}
	}
	// A trailing '&' is dropped by the loop; keep the shape of the input.
	if strings.HasSuffix(s, "&") {
		b.WriteByte('&')
	}
	return b.String()
}

// redactFormatString redacts the parameter and header lines of an HttpString
// ("method\npath\nparams\nheaders\n").
func redactFormatString(fs string) string {
	method, rest, ok := strings.Cut(fs, "\n")
	if !ok {
		return fs
	}
	path, rest, ok := strings.Cut(rest, "\n")
	if !ok {
		return fs
	}
	params, rest, ok := strings.Cut(rest, "\n")
	if !ok {
		return fs
	}
	headers, tail, _ := strings.Cut(rest, "\n")
	rp, rh := Redact(params), Redact(headers)
	if rp == params && rh == headers {
		return fs
	}
	sep := "\n"
	if !strings.Contains(rest, "\n") {
		sep = ""
	}
	return method + "\n" + path + "\n" + rp + "\n" + rh + sep + tail
}
