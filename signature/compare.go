package signature

import (
	"strconv"
	"strings"
)

// Stage names the step of the signature at which two computations part.
type Stage string

// The stages, in the order [Compare] checks them.
const (
	StageNone         Stage = ""               // no difference found
	StageMethod       Stage = "method"         // first FormatString line
	StagePath         Stage = "path"           // second line, the decoded path
	StageParameters   Stage = "parameters"     // third line, HttpParameters
	StageHeaders      Stage = "headers"        // fourth line, HttpHeaders
	StageKeyTime      Stage = "key_time"       // second StringToSign line
	StageStringToSign Stage = "string_to_sign" // StringToSign otherwise
	StageMalformed    Stage = "malformed"      // an input could not be read
)

// A Diff is the first difference between the signature computed locally
// (the client) and the one COS computed (the server), as [Compare] finds it.
// Element names the part (a parameter or header name, "path", "q-key-time");
// Client and Server hold the two values, URL-decoded for reading, with
// secret values (security token, signatures) replaced by "REDACTED".
// Explanation is one paragraph for a person.
type Diff struct {
	Stage       Stage
	Element     string
	Client      string
	Server      string
	Explanation string
}

// Equal reports whether no difference was found. When COS nevertheless
// answered SignatureDoesNotMatch, Explanation says what remains (the
// SecretKey).
func (d Diff) Equal() bool { return d.Stage == StageNone }

// String returns "stage: explanation", or the explanation alone when equal.
func (d Diff) String() string {
	if d.Stage == StageNone {
		return d.Explanation
	}
	return string(d.Stage) + ": " + d.Explanation
}

// Compare explains a SignatureDoesNotMatch: it compares the local Result with
// the <FormatString> and <StringToSign> COS returns in the error body
// (either may be empty when unknown) and names the first stage that differs
// and, inside it, the element: the method, the path ('+' read as a space, a
// percent-encoded or doubly encoded path, a '//' prefix), a parameter or
// header present on one side only, a value that changed (for example a
// Content-Type that gained "; charset=utf-8" after signing), the key time.
// When both strings match, the only input left is the SecretKey, and the
// explanation says so.
//
// The server strings may be pasted as they appear in the XML body: XML
// escapes (&amp;), CRLF line ends and surrounding indentation are accepted
// (D-403, and the FormatString comparison in cos-errors.md section 8).
func Compare(local *Result, serverFormatString, serverStringToSign string) Diff {
	if local == nil {
		return Diff{Stage: StageMalformed, Explanation: "There is no local signature result to compare with."}
	}
	sfs := normalizeServerText(serverFormatString)
	ssts := normalizeServerText(serverStringToSign)
	if sfs == "" && ssts == "" {
		return Diff{Stage: StageMalformed, Explanation: "Neither a FormatString nor a StringToSign from COS was given. " +
			"COS returns both in the body of a SignatureDoesNotMatch error."}
	}
	if sfs != "" {
		lf, ok := parseFormatString(local.FormatString)
		if !ok {
			return Diff{Stage: StageMalformed, Element: "FormatString",
				Explanation: "The local FormatString does not have the four lines method, path, parameters and headers."}
		}
		sf, ok := parseFormatString(sfs)
		if !ok {
			return Diff{Stage: StageMalformed, Element: "FormatString",
				Explanation: "The server FormatString does not have the four lines method, path, parameters and headers; paste the whole <FormatString> element text."}
		}
		if d := compareFormat(lf, sf); d.Stage != StageNone {
			return d
		}
	}
	if ssts != "" {
		ls, ok := parseStringToSign(local.StringToSign)
		if !ok {
			return Diff{Stage: StageMalformed, Element: "StringToSign",
				Explanation: "The local StringToSign does not have the three lines algorithm, key time and hash."}
		}
		ss, ok := parseStringToSign(ssts)
		if !ok {
			return Diff{Stage: StageMalformed, Element: "StringToSign",
				Explanation: "The server StringToSign does not have the three lines algorithm, key time and hash; paste the whole <StringToSign> element text."}
		}
		switch {
		case ss.alg != ls.alg:
			return Diff{Stage: StageStringToSign, Element: "algorithm", Client: ls.alg, Server: ss.alg,
				Explanation: "COS used the algorithm " + strconv.Quote(ss.alg) + " where the local signature used " +
					strconv.Quote(ls.alg) + "; q-sign-algorithm must be sha1."}
		case ss.keyTime != ls.keyTime:
			// Without a server FormatString nothing is known about the
			// other stages, so only claim they agree when they were compared.
			lead := "COS built its StringToSign with key time "
			if sfs != "" {
				lead = "The FormatStrings agree, but " + lead
			}
			return Diff{Stage: StageKeyTime, Element: "q-key-time", Client: ls.keyTime, Server: ss.keyTime,
				Explanation: lead + ss.keyTime +
					" while the signature was computed with " + ls.keyTime + ". COS takes the key time from q-key-time, " +
					"so the q-key-time sent is not the one signed (edited after signing, or q-sign-time and q-key-time " +
					"swapped). A wrong SecretKey or key time is the whole difference."}
		case ss.hash != ls.hash && sfs != "":
			return Diff{Stage: StageStringToSign, Element: "hash", Client: ls.hash, Server: ss.hash,
				Explanation: "The FormatStrings agree but their SHA-1 hashes do not, so the FormatString was changed " +
					"while it was copied (whitespace, line ends or character encoding). Paste the exact <FormatString> text."}
		case ss.hash != ls.hash:
			return Diff{Stage: StageStringToSign, Element: "hash", Client: ls.hash, Server: ss.hash,
				Explanation: "COS hashed a different FormatString (same key time, different SHA-1). The method, path, " +
					"parameters or headers COS saw differ from the signed ones; pass the <FormatString> from the " +
					"error body as well to find which."}
		}
	}
	switch {
	case sfs != "" && ssts != "":
		return Diff{Explanation: "The FormatString and the StringToSign match the ones COS computed, so the signature " +
			"can only differ through the SignKey: the SecretKey is wrong. Check that it belongs to the q-ak " +
			"SecretId, has no surrounding whitespace, has not been rotated, and, for a temporary key, " +
			"comes from the same STS response as the token."}
	case sfs != "":
		return Diff{Explanation: "The FormatString matches the one COS computed. What remains is the key time and " +
			"the SecretKey; compare the <StringToSign> too to tell them apart."}
	default:
		return Diff{Explanation: "The StringToSign matches the one COS computed (same key time, same FormatString " +
			"hash), so the SecretKey is wrong: check that it belongs to the q-ak SecretId and has no " +
			"surrounding whitespace."}
	}
}

// formatParts are the four lines of an HttpString.
type formatParts struct {
	method, path, params, headers string
}

func parseFormatString(s string) (formatParts, bool) {
	lines := strings.SplitN(s, "\n", 5)
	if len(lines) < 4 || len(lines) == 5 && strings.TrimSpace(lines[4]) != "" {
		return formatParts{}, false
	}
	return formatParts{lines[0], lines[1], lines[2], lines[3]}, true
}

type stsParts struct {
	alg, keyTime, hash string
}

func parseStringToSign(s string) (stsParts, bool) {
	lines := strings.SplitN(s, "\n", 4)
	if len(lines) < 3 || len(lines) == 4 && strings.TrimSpace(lines[3]) != "" {
		return stsParts{}, false
	}
	return stsParts{lines[0], lines[1], lines[2]}, true
}

// normalizeServerText undoes what an XML body and copying do to a server
// string: XML escapes, CRLF line ends, the indentation before it and
// trailing spaces after its last line end. It never touches the content of
// a line, because spaces inside a FormatString are significant.
func normalizeServerText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = xmlUnescape(s)
	s = strings.TrimLeft(s, " \t\r\n")
	if i := strings.LastIndexByte(s, '\n'); i >= 0 && strings.Trim(s[i+1:], " \t\r") == "" {
		s = s[:i+1]
	}
	return s
}

// xmlUnescape decodes the five predefined XML entities and numeric character
// references. A FormatString has no other '&'...';' sequences: its ';' are
// percent-encoded.
func xmlUnescape(s string) string {
	if strings.IndexByte(s, '&') < 0 {
		return s
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '&')
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		s = s[i:]
		j := strings.IndexByte(s, ';')
		if j < 0 || j > 10 {
			b.WriteByte('&')
			s = s[1:]
			continue
		}
		ent := s[1:j]
		switch ent {
		case "amp":
			b.WriteByte('&')
		case "lt":
			b.WriteByte('<')
		case "gt":
			b.WriteByte('>')
		case "quot":
			b.WriteByte('"')
		case "apos":
			b.WriteByte('\'')
		default:
			r, ok := numericEntity(ent)
			if !ok {
				b.WriteByte('&')
				s = s[1:]
				continue
			}
			b.WriteRune(r)
		}
		s = s[j+1:]
	}
}

func numericEntity(ent string) (rune, bool) {
	if len(ent) < 2 || ent[0] != '#' {
		return 0, false
	}
	base, digits := 10, ent[1:]
	if digits[0] == 'x' || digits[0] == 'X' {
		base, digits = 16, digits[1:]
	}
	n, err := strconv.ParseUint(digits, base, 21)
	if err != nil || n > 0x10FFFF {
		return 0, false
	}
	return rune(n), true
}

func compareFormat(l, s formatParts) Diff {
	if l.method != s.method {
		d := Diff{Stage: StageMethod, Element: "method", Client: l.method, Server: s.method}
		if strings.EqualFold(l.method, s.method) {
			d.Explanation = "The methods differ only in case. COS lower-cases the method (D-SIGN step 5), so the side " +
				"that kept upper case did not follow the algorithm."
		} else {
			d.Explanation = "COS received a " + strings.ToUpper(s.method) + " request but the signature was made for " +
				strings.ToUpper(l.method) + ". A presigned URL is valid only for the method it was signed for, and a " +
				"redirect can turn a PUT or POST into a GET."
		}
		return d
	}
	if l.path != s.path {
		return explainPath(l.path, s.path)
	}
	if l.params != s.params {
		return explainPairs(StageParameters, l.params, s.params)
	}
	if l.headers != s.headers {
		return explainPairs(StageHeaders, l.headers, s.headers)
	}
	return Diff{}
}

func explainPath(c, s string) Diff {
	d := Diff{Stage: StagePath, Element: "path", Client: c, Server: s}
	qc, qs := strconv.Quote(c), strconv.Quote(s)
	switch {
	case strings.Contains(c, "+") && s == strings.ReplaceAll(c, "+", " "):
		d.Explanation = "COS decoded the '+' in the path as a space: it signed " + qs + " where " + qc +
			" was signed. Send a literal '+' in an object key as %2B (and a space as %20)."
	case c == "" && s == "/":
		d.Explanation = "The local signature used an empty path (a URL without a path; cos-go-sdk-v5 signs " +
			"req.URL.Path as it is) while COS signs \"/\". Sign \"/\" for the bucket root."
	case strings.Contains(c, "%") && percentDecode(c) == s:
		d.Explanation = "The local signature used the percent-encoded path " + qc + " but COS signs the decoded path " +
			qs + " (D-SIGN: the path in the FormatString is decoded). Sign req.URL.Path, not the escaped form."
	case strings.Contains(s, "%") && percentDecode(s) == c:
		d.Explanation = "After decoding the path once COS still sees escapes (" + qs + "), so the object key was " +
			"percent-encoded twice: an already encoded key was encoded again. Encode the key exactly once."
	case strings.HasPrefix(c, "//") && c[1:] == s || strings.HasPrefix(s, "//") && s[1:] == c:
		d.Explanation = "One side has a '//' prefix (signed " + qc + ", COS saw " + qs + "). An object key that " +
			"starts with '/' makes the path start with '//', and a proxy, HTTP library or URL join collapsed or " +
			"added the double slash. Remove the leading '/' from the key, or send it encoded as /%2F, as " +
			"cos-go-sdk-v5's GetPresignedURL does."
	case strings.HasSuffix(s, c) && isOneSegment(s[:len(s)-len(c)]):
		d.Explanation = "COS signed " + qs + ", the signed path with " + strconv.Quote(s[:len(s)-len(c)]) +
			" in front: a path-style request (/<BucketName-APPID>/key) includes the bucket in the signed path. " +
			"Sign the path exactly as it is sent."
	case strings.HasSuffix(c, s) && isOneSegment(c[:len(c)-len(s)]):
		d.Explanation = "The signed path " + qc + " has an extra " + strconv.Quote(c[:len(c)-len(s)]) +
			" in front of the path COS saw (" + qs + "): the bucket was signed into a virtual-hosted request, " +
			"or a proxy stripped a path prefix."
	default:
		d.Explanation = "COS signed the path " + qs + " but the signature used " + qc + " (first difference at byte " +
			strconv.Itoa(firstDiff(c, s)) + "). The URL was rewritten between signing and sending, or the object " +
			"key differs."
	}
	return d
}

func isOneSegment(p string) bool {
	return len(p) > 1 && p[0] == '/' && !strings.Contains(p[1:], "/")
}

func firstDiff(a, b string) int {
	n := min(len(a), len(b))
	for i := 0; i < n; i++ {
		if a[i] != b[i] {
			return i
		}
	}
	return n
}

// percentDecode decodes %XX escapes and leaves anything else, '+' included.
func percentDecode(s string) string {
	if strings.IndexByte(s, '%') < 0 {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
			b = append(b, unhex(s[i+1])<<4|unhex(s[i+2]))
			i += 2
			continue
		}
		b = append(b, s[i])
	}
	return string(b)
}

type pair struct{ name, value string }

func splitPairs(line string) []pair {
	if line == "" {
		return nil
	}
	var ps []pair
	for _, p := range strings.Split(line, "&") {
		n, v, _ := strings.Cut(p, "=")
		ps = append(ps, pair{n, v})
	}
	return ps
}

// valuesOf returns the values of name in order.
func valuesOf(ps []pair, name string) []string {
	var vs []string
	for _, p := range ps {
		if p.name == name {
			vs = append(vs, p.value)
		}
	}
	return vs
}

// displayValue decodes a FormatString value for reading and hides secrets.
func displayValue(name string, values []string) string {
	if len(values) == 0 {
		return ""
	}
	if sensitiveName(name) {
		return redacted
	}
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = percentDecode(v)
	}
	return strings.Join(out, ", ")
}

func explainPairs(stage Stage, cline, sline string) Diff {
	kind, list := "parameter", "q-url-param-list"
	if stage == StageHeaders {
		kind, list = "header", "q-header-list"
	}
	cp, sp := splitPairs(cline), splitPairs(sline)

	// A name on one side only, the smallest such name first.
	var missing string
	var inClient bool
	for _, p := range cp {
		if valuesOf(sp, p.name) == nil && (missing == "" || p.name < missing) {
			missing, inClient = p.name, true
		}
	}
	for _, p := range sp {
		if valuesOf(cp, p.name) == nil && (missing == "" || p.name < missing) {
			missing, inClient = p.name, false
		}
	}
	if missing != "" {
		d := Diff{Stage: stage, Element: missing}
		if inClient {
			d.Client = displayValue(missing, valuesOf(cp, missing))
			d.Explanation = "The " + kind + " " + strconv.Quote(missing) + " is in the local FormatString only: COS " +
				"did not include it, so the " + list + " COS read is not the one signed. The Authorization was " +
				"altered or truncated on the way, or it was signed for a different request."
		} else {
			d.Server = displayValue(missing, valuesOf(sp, missing))
			d.Explanation = "The " + kind + " " + strconv.Quote(missing) + " is in COS's FormatString only: COS " +
				"signed it although the local signature did not. Compare " + list + " in the request with the " +
				"local list; the request that reached COS is not the one signed."
		}
		return d
	}

	// The same names; the first whose values differ.
	for _, p := range cp {
		cv, sv := valuesOf(cp, p.name), valuesOf(sp, p.name)
		if strings.Join(cv, "&") == strings.Join(sv, "&") {
			continue
		}
		d := Diff{Stage: stage, Element: p.name, Client: displayValue(p.name, cv), Server: displayValue(p.name, sv)}
		d.Explanation = explainValue(kind, p.name, cv, sv, d.Client, d.Server)
		return d
	}

	return Diff{Stage: stage, Client: Redact(cline), Server: Redact(sline),
		Explanation: "The " + kind + " lines hold the same names and values but differ in order or repetition. " +
			"COS sorts them by encoded lower-case name (D-SIGN steps 3 and 4)."}
}

func explainValue(kind, name string, cv, sv []string, dc, ds string) string {
	qn := strconv.Quote(name)
	if sensitiveName(name) {
		return "The value of the " + kind + " " + qn + " differs (both values redacted): the one sent is not the " +
			"one signed. For a temporary key, sign with the same token that is sent."
	}
	qc, qs := strconv.Quote(dc), strconv.Quote(ds)
	switch {
	case dc == ds:
		return "The " + kind + " " + qn + " has the same value on both sides but a different encoding (" +
			strconv.Quote(strings.Join(cv, "&")) + " against " + strconv.Quote(strings.Join(sv, "&")) + "). COS " +
			"keeps only A-Z a-z 0-9 - _ . ~ unescaped and writes upper-case hex."
	case kind == "header" && strings.TrimSpace(dc) == strings.TrimSpace(ds):
		return "The header " + qn + " differs only in leading or trailing whitespace (signed " + qc + ", COS saw " +
			qs + "). HTTP strips the spaces around a header value, so COS hashes the trimmed value: do not sign " +
			"values with outer spaces."
	case kind == "header" && name == "content-type" && len(ds) > len(dc) && strings.HasPrefix(ds, dc) &&
		strings.HasPrefix(strings.TrimLeft(ds[len(dc):], " "), ";"):
		return "Content-Type was signed as " + qc + " but COS received " + qs + ": a proxy or HTTP library " +
			"changed it after signing by appending " + strconv.Quote(strings.TrimSpace(ds[len(dc):])) + ". Set " +
			"the full Content-Type (with the charset) before signing, or stop the library from adding it."
	case kind == "header" && name == "host":
		return "The request reached COS with Host " + qs + " but " + qc + " was signed. A CDN, custom domain, " +
			"proxy or endpoint switch rewrote Host; sign the host the request is actually sent to."
	case kind == "header" && (name == "content-length" || name == "content-md5"):
		return "The body COS received is not the one signed (" + qn + " signed as " + qc + ", received as " + qs +
			"): the body was re-encoded, compressed or replaced after signing."
	case kind == "parameter" && strings.ReplaceAll(dc, "+", " ") == ds:
		return "A literal '+' in the query value of " + qn + " was sent unencoded and COS read it as a space (" +
			qs + " where " + qc + " was signed). Send '+' in a query string as %2B."
	case kind == "header":
		return "The header " + qn + " was signed as " + qc + " but COS received " + qs + ": a proxy, HTTP library " +
			"or middleware changed it after signing, or it was set after signing. Sign the exact value that is sent."
	default:
		return "The parameter " + qn + " was signed as " + qc + " but COS received " + qs + ": the URL was changed " +
			"after signing. Sign the exact query that is sent."
	}
}
