package checks

import (
	"net/netip"
	"net/url"
	"strconv"
	"strings"

	"github.com/cos403/cos403-go/cos403"
)

// Effect is the effect of a policy statement.
type Effect string

// The two statement effects. Policies spell them in either case ("allow",
// "Allow"); they are normalised to lower case (D-LANG).
const (
	EffectAllow Effect = "allow"
	EffectDeny  Effect = "deny"
)

// Decision is the outcome of evaluating policies for one request.
type Decision string

// The three outcomes D-EVAL describes.
const (
	// DecisionAllow: a statement allows the request and none denies it.
	DecisionAllow Decision = "allow"
	// DecisionExplicitDeny: a deny statement matched; it overrides every
	// allow (D-EVAL, D-403).
	DecisionExplicitDeny Decision = "explicit_deny"
	// DecisionImplicitDeny: nothing allows the request; COS denies by
	// default (D-EVAL).
	DecisionImplicitDeny Decision = "implicit_deny"
)

// Principal identifies the requester.
type Principal struct {
	// OwnerUin is the root account (main account UIN) the requester
	// belongs to. Empty means Uin is itself a root account.
	OwnerUin string
	// Uin is the requester's own UIN: the root account's UIN for a root
	// account, the sub-account's UIN for a CAM sub-account.
	Uin string
	// Anonymous marks an unsigned requester. A request whose Signed field
	// is false is anonymous whatever this field says, because COS cannot
	// know who sent it.
	Anonymous bool
}

// PolicyRequest is the request a policy is evaluated against.
type PolicyRequest struct {
	// Principal is who sends the request.
	Principal Principal
	// Action is the COS API, as "name/cos:GetObject", "cos:GetObject" or
	// just "GetObject".
	Action string
	// Resource is the resource name, qcs::cos:<region>:uid/<appid>:<bucket>/<key>;
	// build it with [ResourceName].
	Resource string
	// Signed reports whether the request carries a signature.
	Signed bool
	// Conditions holds the request's condition keys, such as "qcs:ip" or
	// "cos:x-cos-storage-class" (D-COND, D-CONDKEYS). Key names compare
	// case-insensitively; values compare as given, and COS compares request
	// parameter values URL-encoded ("image%2Fjpeg", D-COND).
	Conditions map[string]string
}

// ResourceName returns the COS resource name
// qcs::cos:<region>:uid/<appid>:<bucket>/<key> used in policy resources
// (D-LANG, D-BPOL). bucket may be given with or without its "-<appid>"
// suffix; a leading "/" on key is dropped. An empty key names the bucket
// itself ("…:<bucket>/").
func ResourceName(region, appid, bucket, key string) string {
	if appid != "" && !strings.HasSuffix(bucket, "-"+appid) {
		bucket = bucket + "-" + appid
	}
	return "qcs::cos:" + region + ":uid/" + appid + ":" + bucket + "/" + strings.TrimPrefix(key, "/")
}

// StatementRef points at one policy statement.
type StatementRef struct {
	// Index is the statement's position in the statement list, from 0.
	Index int
	// Sid is the statement's sid, if any.
	Sid string
	// Effect is the statement's effect.
	Effect Effect
	// Principal is the principal entry that matched the requester; empty
	// for a statement without a principal (a CAM user or temporary-key
	// policy, which applies to the identity it is attached to).
	Principal string
	// Specific is true when the statement names the requester (or has no
	// principal), false when it matched through "everyone"
	// (*, qcs::cam::anyone:anyone, qcs::cam::anonymous:anonymous).
	Specific bool
}

// writeStatementName writes `statement[2] (sid "Deny")`.
func writeStatementName(b *strings.Builder, s StatementRef) {
	b.WriteString("statement[")
	b.WriteString(strconv.Itoa(s.Index))
	b.WriteString("]")
	if s.Sid != "" {
		b.WriteString(" (sid ")
		b.WriteString(strconv.Quote(s.Sid))
		b.WriteString(")")
	}
}

// String returns "statement[2] (sid "Deny") deny".
func (s StatementRef) String() string {
	var b strings.Builder
	writeStatementName(&b, s)
	b.WriteString(" ")
	b.WriteString(string(s.Effect))
	if s.Principal != "" {
		b.WriteString(" for ")
		b.WriteString(s.Principal)
	}
	return b.String()
}

// PolicyDecision is the result of evaluating one policy document.
type PolicyDecision struct {
	// Decision is the outcome.
	Decision Decision
	// Matched lists every statement that applies to the request, in
	// document order.
	Matched []StatementRef
	// Deciding is the statement that decided, nil for an implicit deny.
	Deciding *StatementRef
	// Reason explains the decision in one line, citing the rule applied.
	Reason string
	// Policy names the policy within an [AccessPolicies] ("bucket_policy",
	// "user_policy[0]", "sts_policy"); EvaluatePolicy leaves it empty.
	Policy string

	subject subject
	closest string // for an implicit deny: the nearest allow statement and what it missed
}

// subject remembers what was evaluated, for Finding.
type subject struct {
	anonymous bool
	principal string
	action    string
	resource  string
}

// Allowed reports whether the decision is [DecisionAllow].
func (d PolicyDecision) Allowed() bool { return d.Decision == DecisionAllow }

// Finding reports the decision as a "policy" [Finding]: pass when allowed,
// fail with [cos403.CausePermissionDenied] (or [cos403.CauseAnonymousDenied]
// for an unsigned request) otherwise.
func (d PolicyDecision) Finding() Finding {
	check := "policy"
	if d.Policy != "" {
		check = "policy." + d.Policy
	}
	cause := cos403.CausePermissionDenied
	if d.subject.anonymous {
		cause = cos403.CauseAnonymousDenied
	}
	f := Finding{Check: check, Cause: cause, Summary: d.Reason}
	switch d.Decision {
	case DecisionAllow:
		f.Status = StatusPass
	case DecisionExplicitDeny, DecisionImplicitDeny:
		f.Status = StatusFail
	default:
		f.Status = StatusNotApplicable
		f.Cause = ""
		f.Summary = "no policy decision"
		return f
	}
	f.Evidence = append(f.Evidence, ev("decision", string(d.Decision)))
	if d.subject.principal != "" {
		f.Evidence = append(f.Evidence, ev("principal", d.subject.principal))
	}
	if d.subject.action != "" {
		f.Evidence = append(f.Evidence, ev("action", d.subject.action))
	}
	if d.subject.resource != "" {
		f.Evidence = append(f.Evidence, ev("resource", d.subject.resource))
	}
	if d.Deciding != nil {
		f.Evidence = append(f.Evidence, ev("deciding_statement", d.Deciding.String()))
	}
	if len(d.Matched) > 0 {
		idx := make([]string, len(d.Matched))
		for i, m := range d.Matched {
			idx[i] = strconv.Itoa(m.Index)
		}
		f.Evidence = append(f.Evidence, ev("matched_statements", strings.Join(idx, ",")))
	}
	return f
}

// Policy is a parsed policy document, ready to evaluate many requests. It is
// immutable and safe for concurrent use.
type Policy struct {
	doc *policyDoc
}

// ParsePolicy parses a COS bucket policy or a CAM / temporary-key policy.
// If non-nil, the error is a *[PolicyError].
func ParsePolicy(policy []byte) (*Policy, error) {
	doc, err := parsePolicy(policy)
	if err != nil {
		return nil, err
	}
	return &Policy{doc: doc}, nil
}

// Statements returns the number of statements.
func (p *Policy) Statements() int {
	if p == nil {
		return 0
	}
	return len(p.doc.statements)
}

// Evaluate evaluates the policy for req. A nil *Policy allows nothing.
func (p *Policy) Evaluate(req PolicyRequest) PolicyDecision {
	r := newReqView(req)
	if p == nil {
		return PolicyDecision{
			Decision: DecisionImplicitDeny,
			Reason:   "no policy; requests are denied by default (D-EVAL)",
			subject:  r.subject(),
		}
	}
	return decide(p.doc, &r)
}

// EvaluatePolicy evaluates one COS bucket policy or CAM / temporary-key
// (STS) policy for req and names the statements that decided. It is pure:
// no I/O, no clock. If non-nil, the error is a *[PolicyError] naming the
// byte offset and field of the problem.
//
// The rules, each from the COS documentation:
//
//   - A request nothing allows is denied (implicit deny) (D-EVAL).
//   - A matching deny overrides any allow (explicit deny) (D-EVAL, D-403).
//   - A deny for everyone (*, qcs::cam::anyone:anyone,
//     qcs::cam::anonymous:anonymous) applies to unsigned requests only; a
//     signed request is judged on the statements that name it (D-EVAL
//     "Deny anyone").
//   - So a statement for a specified user beats one for everyone (D-403);
//     among several matching allows, the specific one is reported as
//     deciding.
//   - A statement without a principal (CAM user and temporary-key policies)
//     applies to the identity it is attached to, so to every signed
//     requester and never to an anonymous one.
//   - action: "name/cos:GetObject", "cos:Get*", "name/cos:*", "*"; "*"
//     matches any run of characters; names compare case-insensitively
//     (D-LANG).
//   - resource: qcs::cos:<region>:uid/<appid>:<bucket>/<key>, "*"
//     matching any run of characters including "/" (D-LANG, D-BPOL).
//   - condition: every operator and every key must hold; a key holds when
//     any listed value matches (for a not_ operator, when none does). A
//     key missing from the request makes a plain operator false and an
//     _if_exist operator true (D-COND).
//
// Root-account and ACL rules involve more than one policy; see
// [EvaluateAccess].
func EvaluatePolicy(policy []byte, req PolicyRequest) (PolicyDecision, error) {
	p, err := ParsePolicy(policy)
	if err != nil {
		return PolicyDecision{}, err
	}
	return p.Evaluate(req), nil
}

// reqView is a PolicyRequest normalised for matching.
type reqView struct {
	anonymous  bool
	owner, uin string
	action     string // lower case, "name/cos:getobject"
	actionText string
	resource   string
	conds      map[string]string
}

func newReqView(req PolicyRequest) reqView {
	r := reqView{
		owner:      strings.TrimSpace(req.Principal.OwnerUin),
		uin:        strings.TrimSpace(req.Principal.Uin),
		actionText: displayAction(req.Action),
		resource:   strings.TrimSpace(req.Resource),
	}
	if r.owner == "" {
		r.owner = r.uin
	}
	r.anonymous = !req.Signed || req.Principal.Anonymous || r.uin == ""
	r.action = normalizeRequestAction(req.Action)
	if len(req.Conditions) > 0 {
		r.conds = make(map[string]string, len(req.Conditions))
		for k, v := range req.Conditions {
			r.conds[strings.ToLower(strings.TrimSpace(k))] = v
		}
	}
	return r
}

func (r *reqView) principalText() string {
	if r.anonymous {
		return "anonymous"
	}
	return "qcs::cam::uin/" + r.owner + ":uin/" + r.uin
}

func (r *reqView) subject() subject {
	return subject{anonymous: r.anonymous, principal: r.principalText(), action: r.actionText, resource: r.resource}
}

// normalizeAction lower-cases a policy action and gives "cos:X" the
// "name/" prefix COS bucket policies use, so both spellings compare equal
// (D-LANG: bucket policies write name/cos:GetObject, CAM policies cos:Get*).
func normalizeAction(a string) string {
	s := strings.ToLower(strings.TrimSpace(a))
	if strings.HasPrefix(s, "cos:") {
		s = "name/" + s
	}
	return s
}

// displayAction writes a request action as name/cos:<Api>, keeping the
// caller's spelling of the API name.
func displayAction(a string) string {
	s := strings.TrimSpace(a)
	api := s
	if len(api) >= 5 && strings.EqualFold(api[:5], "name/") {
		api = api[5:]
	}
	if len(api) >= 4 && strings.EqualFold(api[:4], "cos:") {
		api = api[4:]
	} else if api != s || strings.ContainsAny(api, ":/") {
		return s
	}
	if api == "" {
		return s
	}
	return "name/cos:" + api
}

// normalizeRequestAction also accepts a bare API name ("GetObject").
func normalizeRequestAction(a string) string {
	s := normalizeAction(a)
	if s != "" && !strings.Contains(s, ":") && !strings.Contains(s, "/") {
		s = "name/cos:" + s
	}
	return s
}

// glob matches s against pattern, where '*' matches any run of characters
// (including none). Linear in practice, O(len(p)*len(s)) at worst.
func glob(pattern, s string) bool {
	p, i := 0, 0
	star, mark := -1, 0
	for i < len(s) {
		switch {
		case p < len(pattern) && pattern[p] == '*':
			star, mark = p, i
			p++
		case p < len(pattern) && pattern[p] == s[i]:
			p++
			i++
		case star >= 0:
			p = star + 1
			mark++
			i = mark
		default:
			return false
		}
	}
	for p < len(pattern) && pattern[p] == '*' {
		p++
	}
	return p == len(pattern)
}

// stmtMatch records how one statement compares with the request.
type stmtMatch struct {
	principal     bool
	principalText string
	specific      bool
	action        bool
	resource      bool
	cond          bool
	condWhy       string
}

func (m stmtMatch) all() bool { return m.principal && m.action && m.resource && m.cond }

func (m stmtMatch) score() int {
	n := 0
	for _, b := range []bool{m.principal, m.action, m.resource, m.cond} {
		if b {
			n++
		}
	}
	return n
}

func (s *statement) match(r *reqView) stmtMatch {
	var m stmtMatch
	if !s.hasPrincipal {
		m.principal, m.specific = !r.anonymous, true
	} else {
		for _, p := range s.principals {
			switch p.kind {
			case principalEveryone:
				if !m.principal {
					m.principal, m.principalText = true, p.text
				}
			case principalUser:
				if !r.anonymous && p.owner == r.owner && p.uin == r.uin {
					m.principal, m.principalText, m.specific = true, p.text, true
				}
			}
			if m.specific {
				break
			}
		}
	}
	for _, a := range s.actions {
		if glob(a, r.action) {
			m.action = true
			break
		}
	}
	for _, res := range s.resources {
		if resourceMatch(res, r.resource) {
			m.resource = true
			break
		}
	}
	m.cond = true
	for i := range s.conditions {
		if ok, why := s.conditions[i].eval(r); !ok {
			m.cond, m.condWhy = false, why
			break
		}
	}
	return m
}

// resourceMatch lets a bucket-level resource written without its trailing
// "/" ("…:examplebucket-1250000000") match ResourceName's "…:bucket/".
func resourceMatch(pattern, res string) bool {
	if glob(pattern, res) {
		return true
	}
	if t, ok := strings.CutSuffix(res, "/"); ok && !strings.HasSuffix(pattern, "/") {
		return glob(pattern, t)
	}
	return false
}

// eval reports whether the condition holds for r and, if not, why.
func (c *condition) eval(r *reqView) (bool, string) {
	v, present := r.conds[c.key]
	if !present {
		if c.ifExist {
			return true, ""
		}
		// D-COND: a plain operator on a missing key evaluates to false.
		return false, "condition " + c.op + " " + c.key + " is false: the key is absent from the request (D-COND)"
	}
	var ok bool
	switch c.base {
	case "string_equal", "string_not_equal":
		ok = anyOf(c.values, func(x string) bool { return x == v })
		if c.base == "string_not_equal" {
			ok = !ok
		}
	case "string_like", "string_not_like":
		ok = anyOf(c.values, func(x string) bool { return glob(x, v) })
		if c.base == "string_not_like" {
			ok = !ok
		}
	case "ip_equal", "ip_not_equal":
		addr, err := netip.ParseAddr(strings.TrimSpace(v))
		if err != nil {
			return false, "condition " + c.op + " " + c.key + " is false: request value " + strconv.Quote(v) + " is not an IP address"
		}
		addr = addr.Unmap()
		in := false
		for _, p := range c.prefixs {
			if p.Contains(addr) {
				in = true
				break
			}
		}
		ok = in == (c.base == "ip_equal")
	case "bool_equal":
		b, err := strconv.ParseBool(strings.TrimSpace(v))
		ok = err == nil && anyOf(c.values, func(x string) bool {
			xb, _ := strconv.ParseBool(strings.TrimSpace(x))
			return xb == b
		})
	default: // numeric_*
		f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		if err != nil {
			return false, "condition " + c.op + " " + c.key + " is false: request value " + strconv.Quote(v) + " is not a number"
		}
		hit := false
		for _, x := range c.nums {
			if numericCmp(c.base, f, x) {
				hit = true
				break
			}
		}
		if c.base == "numeric_not_equal" {
			hit = true
			for _, x := range c.nums {
				if f == x {
					hit = false
					break
				}
			}
		}
		ok = hit
	}
	if ok {
		return true, ""
	}
	why := "condition " + c.op + " " + c.key + " is false for request value " + strconv.Quote(v) +
		" (policy values " + quoteList(c.values) + ")"
	if strings.HasPrefix(c.base, "string_") && encodingMismatch(c.values, v) {
		why += "; COS compares request-parameter values URL-encoded, e.g. image%2Fjpeg (D-COND)"
	}
	return false, why
}

func numericCmp(op string, v, x float64) bool {
	switch op {
	case "numeric_equal":
		return v == x
	case "numeric_greater_than":
		return v > x
	case "numeric_greater_than_equal":
		return v >= x
	case "numeric_less_than":
		return v < x
	case "numeric_less_than_equal":
		return v <= x
	}
	return false
}

// encodingMismatch reports whether one side is the URL-encoded form of the
// other, the D-COND pitfall.
func encodingMismatch(values []string, v string) bool {
	dv, err := url.QueryUnescape(v)
	for _, x := range values {
		if err == nil && dv != v && dv == x {
			return true
		}
		if dx, err := url.QueryUnescape(x); err == nil && dx != x && dx == v {
			return true
		}
	}
	return false
}

func anyOf(xs []string, f func(string) bool) bool {
	for _, x := range xs {
		if f(x) {
			return true
		}
	}
	return false
}

func quoteList(xs []string) string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = strconv.Quote(x)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

func (s *statement) ref(m stmtMatch) StatementRef {
	return StatementRef{Index: s.index, Sid: s.sid, Effect: s.effect, Principal: m.principalText, Specific: m.specific}
}

// decide applies the precedence rules documented on EvaluatePolicy.
func decide(doc *policyDoc, r *reqView) PolicyDecision {
	d := PolicyDecision{subject: r.subject()}
	var skipped []StatementRef // deny-everyone statements a signed request escapes
	firstDeny, firstAllow := -1, -1
	bestMiss, bestScore := -1, -1
	var bestMatch stmtMatch
	for i := range doc.statements {
		s := &doc.statements[i]
		m := s.match(r)
		if !m.all() {
			if s.effect == EffectAllow && m.score() > bestScore {
				bestMiss, bestScore, bestMatch = i, m.score(), m
			}
			continue
		}
		ref := s.ref(m)
		// D-EVAL "Deny anyone": only unsigned requests are denied; signed
		// requests are judged on the policies that name them.
		if s.effect == EffectDeny && !m.specific && !r.anonymous {
			skipped = append(skipped, ref)
			continue
		}
		d.Matched = append(d.Matched, ref)
		k := len(d.Matched) - 1
		switch s.effect {
		case EffectDeny:
			// The denies that get here are all specific (a signed
			// requester escaped the ones for everyone above) or all for
			// everyone (nothing names an anonymous requester), so the
			// first one decides.
			if firstDeny < 0 {
				firstDeny = k
			}
		case EffectAllow:
			if firstAllow < 0 || (m.specific && !d.Matched[firstAllow].Specific) {
				firstAllow = k
			}
		}
	}
	what := r.actionText + " on " + r.resource + " for " + r.principalText()
	switch {
	case firstDeny >= 0:
		d.Decision = DecisionExplicitDeny
		dec := d.Matched[firstDeny]
		d.Deciding = &dec
		d.Reason = describe(dec) + " denies " + what + "; an explicit deny overrides any allow (D-EVAL)"
	case firstAllow >= 0:
		d.Decision = DecisionAllow
		dec := d.Matched[firstAllow]
		d.Deciding = &dec
		d.Reason = describe(dec) + " allows " + what
		if dec.Specific && dec.Principal != "" {
			d.Reason += " (specified user)"
		}
	default:
		d.Decision = DecisionImplicitDeny
		d.Reason = "no statement allows " + what + "; requests are denied by default (D-EVAL)"
		if bestMiss >= 0 {
			d.closest = describe(doc.statements[bestMiss].ref(bestMatch)) + " " + missWhy(&doc.statements[bestMiss], bestMatch, r)
			d.Reason += "; closest: " + d.closest
		}
	}
	if len(skipped) > 0 {
		d.Reason += "; " + describe(skipped[0]) + " denies everyone, which applies to unsigned requests only (D-EVAL)"
		if d.Decision == DecisionAllow && skipped[0].Index != d.Deciding.Index {
			d.Reason += " and a specified user outranks everyone (D-403)"
		}
	}
	return d
}

// describe names a statement without its effect, for reasons that go on
// with "allows" or "denies".
func describe(s StatementRef) string {
	var b strings.Builder
	writeStatementName(&b, s)
	if s.Principal != "" {
		b.WriteString(" for ")
		b.WriteString(s.Principal)
	}
	return b.String()
}

// missWhy says which part of a statement did not match.
func missWhy(s *statement, m stmtMatch, r *reqView) string {
	switch {
	case !m.principal:
		if !s.hasPrincipal {
			return "applies only to signed requests from the identity it is attached to"
		}
		texts := make([]string, len(s.principals))
		for i, p := range s.principals {
			texts[i] = p.text
		}
		return "names principal " + strings.Join(texts, ", ") + ", not " + r.principalText()
	case !m.action:
		return "does not cover action " + r.actionText
	case !m.resource:
		return "covers resource " + strings.Join(s.resources, ", ") + ", not " + r.resource
	default:
		return "matches but " + m.condWhy
	}
}
