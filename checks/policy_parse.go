package checks

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/netip"
	"strconv"
	"strings"
	"unicode/utf8"
)

// MaxPolicySize bounds the policy documents EvaluatePolicy reads. COS limits
// a bucket policy to 20 KB (D-BPOL); the bound leaves room for CAM policies
// while keeping a hostile input cheap to reject.
const MaxPolicySize = 128 << 10

// maxPolicyDepth bounds JSON nesting; a valid policy nests at most five
// levels (document, statement list, statement, condition, operator, values).
const maxPolicyDepth = 16

// ErrInvalidPolicy is matched by every [*PolicyError], so callers can write
// errors.Is(err, checks.ErrInvalidPolicy).
var ErrInvalidPolicy = errors.New("checks: invalid policy")

// PolicyError reports a policy document that cannot be evaluated: malformed
// JSON, a field of the wrong type, or a construct this package does not
// evaluate (an unknown condition operator, for example). It names the byte
// offset and the field so the author can find the spot.
type PolicyError struct {
	// Policy names which policy of an [AccessPolicies] failed
	// ("bucket_policy", "user_policy[1]", "sts_policy"); empty when the
	// error comes from EvaluatePolicy directly.
	Policy string
	// Offset is the byte offset in the document where the problem starts,
	// or -1 when it concerns the document as a whole.
	Offset int64
	// Field is the path of the offending field, e.g.
	// "statement[0].condition.ip_equal.qcs:ip"; empty for syntax errors.
	Field string
	// Problem says what is wrong, in lower case.
	Problem string
	// Err is the underlying error, such as a *json.SyntaxError, or nil.
	Err error
}

// Error returns one line: "checks: policy: statement[0].effect (offset
// 57): effect must be allow or deny".
func (e *PolicyError) Error() string {
	var b strings.Builder
	b.WriteString("checks: ")
	if e.Policy != "" {
		b.WriteString(e.Policy)
	} else {
		b.WriteString("policy")
	}
	b.WriteString(": ")
	b.WriteString(e.Field)
	if e.Offset >= 0 {
		if e.Field != "" {
			b.WriteString(" ")
		}
		b.WriteString("(offset ")
		b.WriteString(strconv.FormatInt(e.Offset, 10))
		b.WriteString(")")
	}
	if e.Field != "" || e.Offset >= 0 {
		b.WriteString(": ")
	}
	b.WriteString(e.Problem)
	return b.String()
}

// Unwrap returns the underlying error.
func (e *PolicyError) Unwrap() error { return e.Err }

// Is reports whether target is [ErrInvalidPolicy].
func (e *PolicyError) Is(target error) bool { return target == ErrInvalidPolicy }

var _ error = (*PolicyError)(nil)

// jkind is the kind of a JSON value.
type jkind uint8

const (
	jString jkind = iota + 1
	jNumber
	jBool
	jNull
	jArray
	jObject
)

func (k jkind) String() string {
	switch k {
	case jString:
		return "string"
	case jNumber:
		return "number"
	case jBool:
		return "boolean"
	case jNull:
		return "null"
	case jArray:
		return "array"
	case jObject:
		return "object"
	}
	return "value"
}

// jnode is a JSON value that remembers where it starts, so that semantic
// errors can name a byte offset and not only a syntax error can.
type jnode struct {
	kind  jkind
	off   int64
	str   string // string value, or the number as written
	b     bool
	items []jnode  // array elements, or object values
	keys  []string // object keys, parallel to items
}

// parseJSONTree reads exactly one JSON value from data. encoding/json
// validates the syntax first (its *json.SyntaxError carries the offset);
// the tree is then built by a small scanner that only ever sees valid JSON.
func parseJSONTree(data []byte) (jnode, error) {
	var raw json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			// The offset is that of the byte after the offending one, or
			// the length of the input when it ends early.
			off := se.Offset
			if off > 0 && !(off >= int64(len(data)) && strings.HasPrefix(se.Error(), "unexpected end")) {
				off--
			}
			return jnode{}, &PolicyError{Offset: off, Problem: "malformed JSON: " + se.Error(), Err: err}
		}
		return jnode{}, &PolicyError{Offset: int64(len(data)), Problem: "malformed JSON: " + err.Error(), Err: err}
	}
	sc := scanner{data: data}
	return sc.value(0)
}

// scanner walks JSON that encoding/json has already validated.
type scanner struct {
	data []byte
	pos  int
}

func (s *scanner) skipSpace() {
	for s.pos < len(s.data) {
		switch s.data[s.pos] {
		case ' ', '\t', '\r', '\n':
			s.pos++
			continue
		}
		return
	}
}

func (s *scanner) value(depth int) (jnode, error) {
	s.skipSpace()
	off := int64(s.pos)
	switch c := s.data[s.pos]; c {
	case '{', '[':
		if depth >= maxPolicyDepth {
			return jnode{}, &PolicyError{Offset: off, Problem: "JSON nested too deeply for a policy"}
		}
		s.pos++
		n := jnode{kind: jArray, off: off}
		closer := byte(']')
		if c == '{' {
			n.kind, closer = jObject, '}'
		}
		for {
			s.skipSpace()
			if s.data[s.pos] == closer {
				s.pos++
				return n, nil
			}
			if s.data[s.pos] == ',' {
				s.pos++
				s.skipSpace()
			}
			if n.kind == jObject {
				k := s.str()
				s.skipSpace()
				s.pos++ // ':'
				n.keys = append(n.keys, k)
			}
			item, err := s.value(depth + 1)
			if err != nil {
				return jnode{}, err
			}
			n.items = append(n.items, item)
		}
	case '"':
		return jnode{kind: jString, off: off, str: s.str()}, nil
	case 't':
		s.pos += 4
		return jnode{kind: jBool, off: off, b: true}, nil
	case 'f':
		s.pos += 5
		return jnode{kind: jBool, off: off}, nil
	case 'n':
		s.pos += 4
		return jnode{kind: jNull, off: off}, nil
	default:
		for s.pos < len(s.data) && strings.IndexByte("+-.0123456789eE", s.data[s.pos]) >= 0 {
			s.pos++
		}
		return jnode{kind: jNumber, off: off, str: string(s.data[off:s.pos])}, nil
	}
}

// str reads a string at s.pos; escapes are decoded by encoding/json.
func (s *scanner) str() string {
	start := s.pos
	s.pos++
	escaped := false
	for s.data[s.pos] != '"' {
		if s.data[s.pos] == '\\' {
			escaped = true
			s.pos++
		}
		s.pos++
	}
	s.pos++
	if !escaped {
		return string(s.data[start+1 : s.pos-1])
	}
	var out string
	_ = json.Unmarshal(s.data[start:s.pos], &out) // valid by construction
	return out
}

// policyDoc is a parsed policy.
type policyDoc struct {
	statements []statement
}

// statement is one parsed statement.
type statement struct {
	index        int
	sid          string
	effect       Effect
	hasPrincipal bool
	principals   []principalPattern
	actions      []string // normalised, lower case
	resources    []string
	conditions   []condition
}

type principalKind uint8

const (
	principalUnknown principalKind = iota
	principalEveryone
	principalUser
)

// principalPattern is one entry of a statement's principal.
type principalPattern struct {
	text       string
	kind       principalKind
	owner, uin string
}

// condition is one (operator, key, values) triple.
type condition struct {
	op      string // as written, lower case, e.g. "string_equal_if_exist"
	base    string // op without "_if_exist"
	ifExist bool
	key     string // lower case
	values  []string
	prefixs []netip.Prefix
	nums    []float64
}

// fieldPath builds "a.b[0].c" paths for errors.
func fieldPath(parent, child string) string {
	if parent == "" {
		return child
	}
	return parent + "." + child
}

func indexPath(parent string, i int) string {
	return parent + "[" + strconv.Itoa(i) + "]"
}

func fieldErr(n jnode, field, problem string) error {
	return &PolicyError{Offset: n.off, Field: field, Problem: problem}
}

// lookup returns the object members keyed case-insensitively; COS policies
// are written with "Effect" and "effect" alike (D-LANG, D-BPOL examples).
func members(n jnode, field string) (map[string]jnode, error) {
	m := make(map[string]jnode, len(n.keys))
	for i, k := range n.keys {
		lk := strings.ToLower(k)
		if _, dup := m[lk]; dup {
			return nil, fieldErr(n.items[i], fieldPath(field, k), "duplicate key (keys are case-insensitive)")
		}
		m[lk] = n.items[i]
	}
	return m, nil
}

// stringList accepts a string or an array of strings, the two shapes CAM
// accepts for action, resource and principal values (D-LANG).
func stringList(n jnode, field string, allowScalars bool) ([]string, error) {
	scalar := func(v jnode, f string) (string, error) {
		switch v.kind {
		case jString:
			return v.str, nil
		case jNumber:
			if allowScalars {
				return v.str, nil
			}
		case jBool:
			if allowScalars {
				return strconv.FormatBool(v.b), nil
			}
		}
		return "", fieldErr(v, f, "want a string, found "+v.kind.String())
	}
	switch n.kind {
	case jArray:
		if len(n.items) == 0 {
			return nil, fieldErr(n, field, "empty list")
		}
		out := make([]string, 0, len(n.items))
		for i, it := range n.items {
			s, err := scalar(it, indexPath(field, i))
			if err != nil {
				return nil, err
			}
			out = append(out, s)
		}
		return out, nil
	default:
		s, err := scalar(n, field)
		if err != nil {
			return nil, err
		}
		return []string{s}, nil
	}
}

// parsePolicy turns a policy document into statements.
func parsePolicy(data []byte) (*policyDoc, error) {
	if len(data) > MaxPolicySize {
		return nil, &PolicyError{Offset: -1, Problem: fmt.Sprintf("policy is %d bytes, more than the %d-byte limit", len(data), MaxPolicySize)}
	}
	if len(strings.TrimSpace(string(data))) == 0 {
		return nil, &PolicyError{Offset: -1, Problem: "empty policy"}
	}
	if !utf8.Valid(data) {
		return nil, &PolicyError{Offset: int64(firstInvalidUTF8(data)), Problem: "policy is not valid UTF-8"}
	}
	root, err := parseJSONTree(data)
	if err != nil {
		return nil, err
	}
	if root.kind != jObject {
		return nil, fieldErr(root, "", "policy must be a JSON object, found "+root.kind.String())
	}
	top, err := members(root, "")
	if err != nil {
		return nil, err
	}
	// D-LANG, D-BPOL: every COS and CAM policy declares "version": "2.0".
	v, ok := top["version"]
	if !ok {
		return nil, &PolicyError{Offset: root.off, Field: "version", Problem: `missing "version": "2.0"`}
	}
	if v.kind != jString || v.str != "2.0" {
		return nil, fieldErr(v, "version", `version must be the string "2.0"`)
	}
	st, ok := top["statement"]
	if !ok {
		return nil, &PolicyError{Offset: root.off, Field: "statement", Problem: "missing statement"}
	}
	var list []jnode
	switch st.kind {
	case jArray:
		list = st.items
	case jObject:
		list = []jnode{st}
	default:
		return nil, fieldErr(st, "statement", "statement must be an array or object, found "+st.kind.String())
	}
	doc := &policyDoc{statements: make([]statement, 0, len(list))}
	for i, sn := range list {
		s, err := parseStatement(sn, i)
		if err != nil {
			return nil, err
		}
		doc.statements = append(doc.statements, s)
	}
	return doc, nil
}

func firstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(b)
}

func parseStatement(n jnode, i int) (statement, error) {
	field := indexPath("statement", i)
	if n.kind != jObject {
		return statement{}, fieldErr(n, field, "statement must be an object, found "+n.kind.String())
	}
	m, err := members(n, field)
	if err != nil {
		return statement{}, err
	}
	for j, k := range n.keys {
		switch strings.ToLower(k) {
		case "sid", "effect", "principal", "action", "resource", "condition":
		default:
			// Ignoring notAction, notPrincipal and the like would change the
			// meaning of the statement, so refuse them.
			return statement{}, fieldErr(n.items[j], fieldPath(field, k), "unsupported statement element")
		}
	}
	s := statement{index: i}
	if sid, ok := m["sid"]; ok {
		if sid.kind != jString {
			return statement{}, fieldErr(sid, fieldPath(field, "sid"), "sid must be a string")
		}
		s.sid = sid.str
	}
	eff, ok := m["effect"]
	if !ok {
		return statement{}, &PolicyError{Offset: n.off, Field: fieldPath(field, "effect"), Problem: "missing effect"}
	}
	switch {
	case eff.kind == jString && strings.EqualFold(eff.str, "allow"):
		s.effect = EffectAllow
	case eff.kind == jString && strings.EqualFold(eff.str, "deny"):
		s.effect = EffectDeny
	default:
		return statement{}, fieldErr(eff, fieldPath(field, "effect"), "effect must be allow or deny")
	}
	if pn, ok := m["principal"]; ok {
		s.hasPrincipal = true
		if s.principals, err = parsePrincipal(pn, fieldPath(field, "principal")); err != nil {
			return statement{}, err
		}
	}
	an, ok := m["action"]
	if !ok {
		return statement{}, &PolicyError{Offset: n.off, Field: fieldPath(field, "action"), Problem: "missing action"}
	}
	acts, err := stringList(an, fieldPath(field, "action"), false)
	if err != nil {
		return statement{}, err
	}
	for _, a := range acts {
		s.actions = append(s.actions, normalizeAction(a))
	}
	rn, ok := m["resource"]
	if !ok {
		return statement{}, &PolicyError{Offset: n.off, Field: fieldPath(field, "resource"), Problem: "missing resource"}
	}
	if s.resources, err = stringList(rn, fieldPath(field, "resource"), false); err != nil {
		return statement{}, err
	}
	for k := range s.resources {
		s.resources[k] = strings.TrimSpace(s.resources[k])
	}
	if cn, ok := m["condition"]; ok {
		if s.conditions, err = parseConditions(cn, fieldPath(field, "condition")); err != nil {
			return statement{}, err
		}
	}
	return s, nil
}

func parsePrincipal(n jnode, field string) ([]principalPattern, error) {
	var texts []string
	switch n.kind {
	case jString:
		texts = []string{n.str}
	case jObject:
		if len(n.keys) == 0 {
			return nil, fieldErr(n, field, "empty principal")
		}
		for i, k := range n.keys {
			if !strings.EqualFold(k, "qcs") {
				return nil, fieldErr(n.items[i], fieldPath(field, k), `unsupported principal type (only "qcs" is evaluated)`)
			}
			list, err := stringList(n.items[i], fieldPath(field, k), false)
			if err != nil {
				return nil, err
			}
			texts = append(texts, list...)
		}
	default:
		return nil, fieldErr(n, field, `principal must be "*" or {"qcs": [...]}, found `+n.kind.String())
	}
	out := make([]principalPattern, 0, len(texts))
	for _, t := range texts {
		out = append(out, parsePrincipalText(t))
	}
	return out, nil
}

// parsePrincipalText recognises the principal spellings in the catalog
// (D-LANG, D-EVAL, D-BPOL, D-PERMFAQ). An unrecognised spelling is kept: it
// simply never matches, and the decision's Reason shows it.
func parsePrincipalText(t string) principalPattern {
	p := principalPattern{text: t}
	s := strings.TrimSpace(t)
	switch strings.ToLower(s) {
	case "*", "qcs::cam::anyone:anyone", "qcs::cam::anonymous:anonymous":
		p.kind = principalEveryone
		return p
	}
	const prefix = "qcs::cam::uin/"
	if !strings.HasPrefix(s, prefix) {
		return p
	}
	rest := s[len(prefix):]
	owner, sub, ok := strings.Cut(rest, ":uin/")
	if !ok || !allDigits(owner) || !allDigits(sub) {
		return p
	}
	p.kind, p.owner, p.uin = principalUser, owner, sub
	return p
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// conditionBases lists the operators the catalog documents (D-COND), plus
// string_not_like and bool_equal, which CAM also defines and which
// cos:secure-transport (a Boolean key, D-CONDKEYS) needs.
var conditionBases = map[string]bool{
	"string_equal": true, "string_not_equal": true, "string_like": true, "string_not_like": true,
	"ip_equal": true, "ip_not_equal": true,
	"numeric_equal": true, "numeric_not_equal": true,
	"numeric_greater_than": true, "numeric_greater_than_equal": true,
	"numeric_less_than": true, "numeric_less_than_equal": true,
	"bool_equal": true,
}

func parseConditions(n jnode, field string) ([]condition, error) {
	if n.kind != jObject {
		return nil, fieldErr(n, field, "condition must be an object, found "+n.kind.String())
	}
	if _, err := members(n, field); err != nil {
		return nil, err
	}
	var out []condition
	for i, opText := range n.keys {
		opField := fieldPath(field, opText)
		op := strings.ToLower(strings.TrimSpace(opText))
		base, ifExist := strings.CutSuffix(op, "_if_exist")
		if !conditionBases[base] {
			return nil, fieldErr(n.items[i], opField, "unsupported condition operator")
		}
		keys := n.items[i]
		if keys.kind != jObject || len(keys.keys) == 0 {
			return nil, fieldErr(keys, opField, "an operator maps condition keys to values")
		}
		if _, err := members(keys, opField); err != nil {
			return nil, err
		}
		for j, key := range keys.keys {
			kField := fieldPath(opField, key)
			vals, err := stringList(keys.items[j], kField, true)
			if err != nil {
				return nil, err
			}
			c := condition{op: op, base: base, ifExist: ifExist, key: strings.ToLower(strings.TrimSpace(key)), values: vals}
			switch {
			case strings.HasPrefix(base, "ip_"):
				for _, v := range vals {
					pfx, err := parseIPOrPrefix(v)
					if err != nil {
						return nil, fieldErr(keys.items[j], kField, fmt.Sprintf("%q is not an IP address or CIDR block", v))
					}
					c.prefixs = append(c.prefixs, pfx)
				}
			case strings.HasPrefix(base, "numeric_"):
				for _, v := range vals {
					f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
					if err != nil || math.IsNaN(f) {
						return nil, fieldErr(keys.items[j], kField, fmt.Sprintf("%q is not a number", v))
					}
					c.nums = append(c.nums, f)
				}
			case base == "bool_equal":
				for _, v := range vals {
					if _, err := strconv.ParseBool(strings.TrimSpace(v)); err != nil {
						return nil, fieldErr(keys.items[j], kField, fmt.Sprintf("%q is not a boolean", v))
					}
				}
			}
			out = append(out, c)
		}
	}
	return out, nil
}

// parseIPOrPrefix accepts "10.0.0.1" and "10.0.0.0/24" (D-COND examples use
// both).
func parseIPOrPrefix(s string) (netip.Prefix, error) {
	s = strings.TrimSpace(s)
	if strings.Contains(s, "/") {
		p, err := netip.ParsePrefix(s)
		if err != nil {
			return netip.Prefix{}, err
		}
		return p.Masked(), nil
	}
	a, err := netip.ParseAddr(s)
	if err != nil {
		return netip.Prefix{}, err
	}
	a = a.Unmap()
	return netip.PrefixFrom(a, a.BitLen()), nil
}
