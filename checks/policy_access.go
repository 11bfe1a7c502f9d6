package checks

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/cos403/cos403-go/cos403"
)

// ACL is a canned (preset) access control list of a bucket or object
// (D-ACL).
type ACL string

// The presets. Buckets take private, public-read, public-read-write and
// authenticated-read; objects take default (inherit), private, public-read,
// authenticated-read, bucket-owner-read and bucket-owner-full-control, but
// never public-read-write (D-ACL).
const (
	ACLDefault                ACL = ""
	ACLPrivate                ACL = "private"
	ACLPublicRead             ACL = "public-read"
	ACLPublicReadWrite        ACL = "public-read-write"
	ACLAuthenticatedRead      ACL = "authenticated-read"
	ACLBucketOwnerRead        ACL = "bucket-owner-read"
	ACLBucketOwnerFullControl ACL = "bucket-owner-full-control"
)

// ErrInvalidACL is wrapped by EvaluateAccess when an ACL is not a preset
// the resource can carry.
var ErrInvalidACL = errors.New("checks: invalid ACL")

// AccessPolicies is everything COS consults to authorise a request to one
// bucket or object. Nil policies are absent.
type AccessPolicies struct {
	// BucketPolicy is the bucket's policy (GET Bucket policy), or nil.
	BucketPolicy []byte
	// UserPolicies are the CAM policies attached to the sub-account
	// (directly or through its groups).
	UserPolicies [][]byte
	// STSPolicy is the policy the temporary key was issued with; nil when
	// the request is signed with a permanent key.
	STSPolicy []byte
	// BucketACL and ObjectACL are the canned ACLs. An empty ObjectACL (or
	// "default") inherits the bucket's.
	BucketACL, ObjectACL ACL
	// OwnerUin is the root account that owns the bucket. Empty means the
	// requester's own root account, i.e. a same-account request.
	OwnerUin string
}

// AccessDecision is the combined result of every policy and ACL.
type AccessDecision struct {
	// Allowed reports whether COS would let the request through
	// authorisation.
	Allowed bool
	// Decision is allow, explicit_deny or implicit_deny.
	Decision Decision
	// Source names what decided: "root", "bucket_policy", "user_policy",
	// "sts_policy", "acl" or "default" (nothing allowed the request).
	Source string
	// Deciding is the deciding statement when a policy decided.
	Deciding *StatementRef
	// Reason explains the decision in one line.
	Reason string
	// Details holds each policy's own decision, labelled by its Policy
	// field, in the order bucket policy, user policies, STS policy.
	Details []PolicyDecision

	subject subject
}

// The Source values of an AccessDecision.
const (
	SourceRoot         = "root"
	SourceBucketPolicy = "bucket_policy"
	SourceUserPolicy   = "user_policy"
	SourceSTSPolicy    = "sts_policy"
	SourceACL          = "acl"
	SourceDefault      = "default"
)

// Finding reports the decision as an "access" [Finding]: pass when allowed,
// fail with [cos403.CauseAnonymousDenied] for an unsigned request or
// [cos403.CausePermissionDenied] for a signed one.
func (d AccessDecision) Finding() Finding {
	if d.Decision == "" {
		return Finding{Check: "access", Status: StatusNotApplicable, Summary: "no access decision"}
	}
	cause := cos403.CausePermissionDenied
	if d.subject.anonymous {
		cause = cos403.CauseAnonymousDenied
	}
	f := Finding{Check: "access", Status: StatusFail, Cause: cause, Summary: d.Reason}
	if d.Allowed {
		f.Status = StatusPass
	}
	f.Evidence = append(f.Evidence,
		ev("decision", string(d.Decision)),
		ev("source", d.Source),
		ev("principal", d.subject.principal),
		ev("action", d.subject.action),
		ev("resource", d.subject.resource),
	)
	if d.Deciding != nil {
		f.Evidence = append(f.Evidence, ev("deciding_statement", d.Deciding.String()))
	}
	for _, p := range d.Details {
		f.Evidence = append(f.Evidence, ev(p.Policy, string(p.Decision)))
	}
	return f
}

// EvaluateAccess combines a bucket policy, CAM user policies, a temporary
// key's policy and the bucket and object ACLs the way COS does (D-EVAL),
// and says what decided. It is pure. If non-nil, the error is a
// *[PolicyError] (with its Policy field set) or wraps [ErrInvalidACL].
//
// The rules:
//
//   - An unsigned request is anonymous and is judged on the bucket policy
//     and the ACLs only (D-EVAL). A bucket policy granting anonymous access
//     wins over a private ACL (D-403), and a deny in it wins over a
//     public-read ACL (D-EVAL: explicit deny overrides any allow).
//   - An explicit deny in any policy wins (D-EVAL); a deny for everyone
//     applies to unsigned requests only (D-EVAL), so it does not reach a
//     signed request.
//   - The root account that owns the bucket is allowed by default (D-EVAL)
//     but is still bound by a bucket-policy deny that names it, except for
//     PutBucketPolicy, which the root account can always call (D-BPOL).
//   - Otherwise permissions are the union of identity-based policies (user
//     policies) and resource-based ones (bucket policy, ACL) (D-EVAL). A
//     requester from another account needs both: a grant on the resource
//     (to it, or, for a sub-account, to its root account), and, for a
//     sub-account, a user policy of its own (D-EVAL requester types).
//   - A temporary key is further limited to its STS policy: the STS policy
//     must allow the request as well (seed step 5.2, D-TMPKEY).
//   - A signed request is also judged as anonymous against the resource
//     policies, and "either verification is successful and the user will
//     be allowed" (D-EVAL), so a public-read object stays readable with a
//     narrow temporary key.
//   - The object ACL decides over the bucket ACL for public access; an
//     object set to default inherits the bucket's (D-ANON).
//     public-read grants GetObject/HeadObject (and bucket listing on a
//     bucket ACL) to everyone, signed or not; public-read-write adds
//     writes; authenticated-read grants reads to signed requests (D-ACL).
func EvaluateAccess(p AccessPolicies, req PolicyRequest) (AccessDecision, error) {
	if err := validateACLs(p.BucketACL, p.ObjectACL); err != nil {
		return AccessDecision{}, err
	}
	parse := func(name string, b []byte) (*Policy, error) {
		if b == nil {
			return nil, nil
		}
		pol, err := ParsePolicy(b)
		if err != nil {
			var pe *PolicyError
			if errors.As(err, &pe) {
				pe.Policy = name
			}
			return nil, err
		}
		return pol, nil
	}
	bucketPol, err := parse(SourceBucketPolicy, p.BucketPolicy)
	if err != nil {
		return AccessDecision{}, err
	}
	userPols := make([]*Policy, len(p.UserPolicies))
	for i, b := range p.UserPolicies {
		if userPols[i], err = parse(SourceUserPolicy+"["+strconv.Itoa(i)+"]", b); err != nil {
			return AccessDecision{}, err
		}
	}
	stsPol, err := parse(SourceSTSPolicy, p.STSPolicy)
	if err != nil {
		return AccessDecision{}, err
	}

	r := newReqView(req)
	a := accessEval{p: p, r: &r, d: AccessDecision{subject: r.subject()}}
	var bucketDec *PolicyDecision
	if bucketPol != nil {
		bd := bucketPol.Evaluate(req)
		bd.Policy = SourceBucketPolicy
		a.d.Details = append(a.d.Details, bd)
		bucketDec = &a.d.Details[len(a.d.Details)-1]
	}
	if r.anonymous {
		return a.anonymous(bucketDec), nil
	}

	var userDecs []PolicyDecision
	for i, up := range userPols {
		if up == nil {
			continue
		}
		ud := up.Evaluate(req)
		ud.Policy = SourceUserPolicy + "[" + strconv.Itoa(i) + "]"
		userDecs = append(userDecs, ud)
	}
	a.d.Details = append(a.d.Details, userDecs...)
	var stsDec *PolicyDecision
	if stsPol != nil {
		sd := stsPol.Evaluate(req)
		sd.Policy = SourceSTSPolicy
		a.d.Details = append(a.d.Details, sd)
		stsDec = &a.d.Details[len(a.d.Details)-1]
	}
	// Details may have been reallocated by the appends above.
	if bucketPol != nil {
		bucketDec = &a.d.Details[0]
	}
	return a.signed(bucketPol, bucketDec, userDecs, stsDec), nil
}

type accessEval struct {
	p AccessPolicies
	r *reqView
	d AccessDecision
}

func (a *accessEval) finish(allowed bool, dec Decision, source string, deciding *StatementRef, reason string) AccessDecision {
	a.d.Allowed, a.d.Decision, a.d.Source, a.d.Reason = allowed, dec, source, reason
	if deciding != nil {
		ref := *deciding
		a.d.Deciding = &ref
	}
	return a.d
}

// anonymous applies D-EVAL's rule for anonymous requesters: bucket policy
// and ACLs only.
func (a *accessEval) anonymous(bucketDec *PolicyDecision) AccessDecision {
	if bucketDec != nil && bucketDec.Decision == DecisionExplicitDeny {
		return a.finish(false, DecisionExplicitDeny, SourceBucketPolicy, bucketDec.Deciding,
			"bucket policy: "+bucketDec.Reason)
	}
	if bucketDec != nil && bucketDec.Decision == DecisionAllow {
		reason := "bucket policy: " + bucketDec.Reason
		if acl := a.effectiveACL(); acl == ACLPrivate || acl == ACLDefault {
			reason += "; a policy granting anonymous access outranks a private ACL (D-403)"
		}
		return a.finish(true, DecisionAllow, SourceBucketPolicy, bucketDec.Deciding, reason)
	}
	if ok, why := a.aclAllows(false); ok {
		return a.finish(true, DecisionAllow, SourceACL, nil, why)
	}
	reason := "unsigned request: anonymous users are judged on the bucket policy and ACLs only (D-EVAL), and neither allows " +
		a.r.actionText + " on " + a.r.resource + " (ACL " + string(a.effectiveACLName()) + ")"
	if bucketDec != nil && bucketDec.closest != "" {
		reason += "; bucket policy closest: " + bucketDec.closest
	}
	return a.finish(false, DecisionImplicitDeny, SourceDefault, nil, reason)
}

func (a *accessEval) signed(bucketPol *Policy, bucketDec *PolicyDecision, userDecs []PolicyDecision, stsDec *PolicyDecision) AccessDecision {
	r := a.r
	sameAccount := a.p.OwnerUin == "" || a.p.OwnerUin == r.owner
	root := r.uin == r.owner && sameAccount

	// D-EVAL: an explicit deny overrides any allow in any policy.
	if bucketDec != nil && bucketDec.Decision == DecisionExplicitDeny {
		if root && r.action == "name/cos:putbucketpolicy" {
			// D-BPOL: the root account can always call PUT Bucket Policy.
			return a.finish(true, DecisionAllow, SourceRoot, nil,
				"the root account can always call PUT Bucket Policy, whatever the policy says (D-BPOL)")
		}
		return a.finish(false, DecisionExplicitDeny, SourceBucketPolicy, bucketDec.Deciding, "bucket policy: "+bucketDec.Reason)
	}
	for i := range userDecs {
		if userDecs[i].Decision == DecisionExplicitDeny {
			return a.finish(false, DecisionExplicitDeny, SourceUserPolicy, userDecs[i].Deciding,
				userDecs[i].Policy+": "+userDecs[i].Reason+"; in policies attached to the same sub-account deny outranks allow (D-403)")
		}
	}
	if stsDec != nil && stsDec.Decision == DecisionExplicitDeny {
		return a.finish(false, DecisionExplicitDeny, SourceSTSPolicy, stsDec.Deciding, "temporary-key policy: "+stsDec.Reason)
	}

	// Identity side (D-EVAL): the owning root account, or a user policy.
	identity, identityBy, identityWhy := "", (*StatementRef)(nil), ""
	if root {
		identity, identityWhy = SourceRoot, "the root account has all permissions on the resources it owns (D-EVAL)"
	} else {
		for i := range userDecs {
			if userDecs[i].Decision == DecisionAllow {
				identity, identityBy, identityWhy = SourceUserPolicy, userDecs[i].Deciding, userDecs[i].Policy+": "+userDecs[i].Reason
				break
			}
		}
	}
	// Resource side: bucket policy or ACL.
	resource, resourceBy, resourceWhy := "", (*StatementRef)(nil), ""
	if bucketDec != nil && bucketDec.Decision == DecisionAllow {
		resource, resourceBy, resourceWhy = SourceBucketPolicy, bucketDec.Deciding, "bucket policy: "+bucketDec.Reason
	} else if ok, why := a.aclAllows(true); ok {
		resource, resourceWhy = SourceACL, why
	}

	var source, why string
	var by *StatementRef
	granted := false
	switch {
	case sameAccount:
		// D-EVAL: the union of identity-based and resource-based policies.
		granted = identity != "" || resource != ""
		if identity != "" {
			source, by, why = identity, identityBy, identityWhy
		} else {
			source, by, why = resource, resourceBy, resourceWhy
		}
	case r.uin == r.owner:
		// Another account's root: it needs a grant on this resource.
		granted = resource != ""
		source, by, why = resource, resourceBy, resourceWhy
	default:
		// Another account's sub-account: a resource grant to it (or its
		// root) and a user policy of its own (D-EVAL requester types).
		// A grant to the root reaches the root's sub-accounts through
		// their user policies: the bucket owner authorises the other
		// account, which delegates within itself through CAM.
		if resource == "" && bucketPol != nil {
			rootReq := PolicyRequest{
				Principal:  Principal{OwnerUin: r.owner, Uin: r.owner},
				Action:     r.actionText,
				Resource:   r.resource,
				Signed:     true,
				Conditions: r.conds,
			}
			if rd := bucketPol.Evaluate(rootReq); rd.Decision == DecisionAllow {
				resource, resourceBy = SourceBucketPolicy, rd.Deciding
				resourceWhy = "bucket policy: " + rd.Reason + "; a grant to the root account reaches its sub-accounts through their user policies"
			}
		}
		granted = identity != "" && resource != ""
		source, by, why = resource, resourceBy, resourceWhy
	}

	// A temporary key is limited to the policy it was issued with.
	stsLimits := stsDec != nil && stsDec.Decision != DecisionAllow
	if granted && !stsLimits {
		if stsDec != nil {
			why += "; within the temporary key's policy (" + stsDec.Deciding.String() + ")"
		}
		return a.finish(true, DecisionAllow, source, by, why)
	}

	// D-EVAL: a signed request is also judged as anonymous against the
	// resource-based policies; either verification succeeding allows it.
	if ok, src, dec, why := a.asAnonymous(bucketPol); ok {
		return a.finish(true, DecisionAllow, src, dec, why+"; a signed request is also judged as anonymous and either verification allows it (D-EVAL)")
	}

	if granted && stsLimits {
		return a.finish(false, DecisionImplicitDeny, SourceSTSPolicy, nil,
			"temporary-key policy: "+stsDec.Reason+"; a temporary key is limited to the policy it was issued with (seed step 5.2)")
	}
	if !sameAccount && r.uin != r.owner && resource != "" && identity == "" {
		return a.finish(false, DecisionImplicitDeny, SourceUserPolicy, nil,
			"cross-account sub-account "+r.principalText()+" has a grant on the resource but no user policy of its own allowing "+r.actionText+" (D-EVAL)")
	}
	if !sameAccount && identity != "" && resource == "" {
		return a.finish(false, DecisionImplicitDeny, SourceDefault, nil,
			"the bucket belongs to account "+a.p.OwnerUin+": a user policy alone does not reach another account's resource; the bucket policy or ACL must grant "+r.principalText()+" (D-EVAL)")
	}
	reason := "no policy or ACL allows " + r.actionText + " on " + r.resource + " for " + r.principalText() +
		"; requests are denied by default (D-EVAL); ACL " + string(a.effectiveACLName())
	var parts []string
	for _, pd := range a.d.Details {
		part := pd.Policy + ": " + string(pd.Decision)
		if pd.closest != "" {
			part += ", closest " + pd.closest
		}
		parts = append(parts, part)
	}
	if len(parts) == 0 {
		reason += "; no bucket policy, user policy or temporary-key policy given"
	} else {
		reason += "; " + strings.Join(parts, "; ")
	}
	return a.finish(false, DecisionImplicitDeny, SourceDefault, nil, reason)
}

// asAnonymous evaluates the resource-based policies for an anonymous view of
// the request.
func (a *accessEval) asAnonymous(bucketPol *Policy) (bool, string, *StatementRef, string) {
	anon := PolicyRequest{Principal: Principal{Anonymous: true}, Action: a.r.actionText, Resource: a.r.resource, Conditions: a.r.conds}
	if bucketPol != nil {
		d := bucketPol.Evaluate(anon)
		if d.Decision == DecisionExplicitDeny {
			return false, "", nil, ""
		}
		if d.Decision == DecisionAllow {
			return true, SourceBucketPolicy, d.Deciding, "bucket policy: " + d.Reason
		}
	}
	if ok, why := a.aclAllows(false); ok {
		return true, SourceACL, nil, why
	}
	return false, "", nil, ""
}

// effectiveACL applies D-ANON's precedence: the object ACL, unless it is
// default, then the bucket ACL.
func (a *accessEval) effectiveACL() ACL {
	if a.objectLevel() && normalizeACL(a.p.ObjectACL) != ACLDefault {
		return normalizeACL(a.p.ObjectACL)
	}
	return normalizeACL(a.p.BucketACL)
}

func (a *accessEval) effectiveACLName() ACL {
	acl := a.effectiveACL()
	if acl == ACLDefault {
		return ACLPrivate
	}
	return acl
}

// objectLevel reports whether the resource names an object (a key after
// the bucket), so that the object ACL applies.
func (a *accessEval) objectLevel() bool {
	_, key := splitResource(a.r.resource)
	return key != ""
}

// aclAllows applies the canned ACL grants (D-ACL): AllUsers for public-read
// and public-read-write "regardless of whether the request is signed or
// unsigned", AuthenticatedUsers for authenticated-read.
func (a *accessEval) aclAllows(signed bool) (bool, string) {
	acl := a.effectiveACL()
	level := "bucket"
	if a.objectLevel() && normalizeACL(a.p.ObjectACL) != ACLDefault {
		level = "object"
	}
	name := apiName(a.r.action)
	read, write := aclReadActions[name], aclWriteActions[name]
	if level == "object" || a.objectLevel() {
		read = read && objectAction(name)
	}
	ok := false
	switch acl {
	case ACLPublicRead:
		ok = read
	case ACLPublicReadWrite:
		ok = read || write
	case ACLAuthenticatedRead:
		ok = read && signed
	}
	if !ok {
		return false, ""
	}
	why := level + " ACL " + string(acl) + " grants " + a.r.actionText + " to "
	if acl == ACLAuthenticatedRead {
		why += "authenticated users (D-ACL)"
	} else {
		why += "everyone, signed or unsigned (D-ACL)"
	}
	if level == "object" {
		why += "; the object ACL outranks the bucket ACL (D-ANON)"
	}
	return true, why
}

// aclReadActions are the APIs a READ grant covers.
var aclReadActions = map[string]bool{
	"getobject": true, "headobject": true, "getbucket": true, "headbucket": true,
	"getbucketobjectversions": true, "listmultipartuploads": true, "listparts": true,
}

// aclWriteActions are the APIs a WRITE grant covers.
var aclWriteActions = map[string]bool{
	"putobject": true, "postobject": true, "appendobject": true, "deleteobject": true,
	"deletemultipleobjects": true, "initiatemultipartupload": true, "uploadpart": true,
	"uploadpartcopy": true, "completemultipartupload": true, "abortmultipartupload": true,
}

func objectAction(name string) bool {
	switch name {
	case "getobject", "headobject", "listparts":
		return true
	}
	return false
}

// apiName returns "getobject" for "name/cos:getobject".
func apiName(action string) string {
	if i := strings.LastIndexByte(action, ':'); i >= 0 {
		return action[i+1:]
	}
	return action
}

// splitResource splits qcs::cos:<region>:uid/<appid>:<bucket>/<key> into
// bucket and key.
func splitResource(res string) (bucket, key string) {
	rest := res
	for i := 0; i < 5; i++ {
		j := strings.IndexByte(rest, ':')
		if j < 0 {
			return "", ""
		}
		rest = rest[j+1:]
	}
	bucket, key, _ = strings.Cut(rest, "/")
	return bucket, key
}

func normalizeACL(a ACL) ACL {
	s := ACL(strings.ToLower(strings.TrimSpace(string(a))))
	if s == "default" {
		return ACLDefault
	}
	return s
}

func validateACLs(bucket, object ACL) error {
	switch normalizeACL(bucket) {
	case ACLDefault, ACLPrivate, ACLPublicRead, ACLPublicReadWrite, ACLAuthenticatedRead:
	default:
		return fmt.Errorf("checks: bucket ACL %q: %w", string(bucket), ErrInvalidACL)
	}
	switch normalizeACL(object) {
	case ACLDefault, ACLPrivate, ACLPublicRead, ACLAuthenticatedRead, ACLBucketOwnerRead, ACLBucketOwnerFullControl:
	case ACLPublicReadWrite:
		return fmt.Errorf("checks: object ACL %q: objects cannot be public-read-write (D-ACL): %w", string(object), ErrInvalidACL)
	default:
		return fmt.Errorf("checks: object ACL %q: %w", string(object), ErrInvalidACL)
	}
	return nil
}
