package checks

import (
	"context"
	"encoding/json"
	"errors"
	"strconv"
	"strings"

	"github.com/cos403/cos403-go/cos403"
	cos "github.com/tencentyun/cos-go-sdk-v5"
)

// PolicyResult is what CheckPolicy read and decided.
type PolicyResult struct {
	// Finding is the "policy" finding: the decision's [AccessDecision.Finding]
	// with what was read as evidence. It is a warn rather than a fail when
	// part of the configuration could not be read or the requester's
	// identity policies are missing, so that the denial may be an artefact
	// of what is missing.
	Finding Finding
	// Decision is the combined decision of [EvaluateAccess].
	Decision AccessDecision
	// Inputs is what was evaluated: the policies and ACLs read from the
	// bucket, merged with those the caller passed.
	Inputs AccessPolicies
}

// CheckPolicy reads what COS consults to authorise req (seed step 5 and the
// Access Denied procedure): the bucket policy (GET Bucket policy), the
// bucket ACL (GET Bucket acl, whose owner also names the bucket's root
// account) and, for an object resource, the object ACL (GET Object acl),
// and evaluates them with [EvaluateAccess].
//
// The bucket cannot tell what the requester's identity allows, so known
// supplies it: the CAM policies attached to the sub-account (UserPolicies)
// and the policy the temporary key was issued with (STSPolicy). Any
// BucketPolicy, BucketACL, ObjectACL or OwnerUin set in known is used instead
// of reading it; UserPolicies of several values are concatenated, the other
// fields are taken from the last value that sets them.
//
// req.Resource defaults to the bucket of c (bucket level), and req.Action to
// GetObject for an object resource and GetBucket for a bucket. c needs
// credentials allowed to read the configuration (the bucket owner's, or a
// sub-account granted GetBucketPolicy, GetBucketACL and GetObjectACL).
//
// GET Object acl answers the same for an object set to default (inherit)
// and one set to private, so an object ACL without a public grant is taken
// as default; the evidence says so. CheckPolicy is safe for concurrent use.
func CheckPolicy(ctx context.Context, c *cos.Client, req PolicyRequest, known ...AccessPolicies) PolicyResult {
	res := PolicyResult{Finding: Finding{Check: "policy", Cause: cos403.CausePermissionDenied}}
	f := &res.Finding
	var in AccessPolicies
	var givenPolicy, givenBucketACL, givenObjectACL bool
	for _, k := range known {
		in.UserPolicies = append(in.UserPolicies, k.UserPolicies...)
		if k.STSPolicy != nil {
			in.STSPolicy = k.STSPolicy
		}
		if k.BucketPolicy != nil {
			in.BucketPolicy, givenPolicy = k.BucketPolicy, true
		}
		if k.BucketACL != "" {
			in.BucketACL, givenBucketACL = k.BucketACL, true
		}
		if k.ObjectACL != "" {
			in.ObjectACL, givenObjectACL = k.ObjectACL, true
		}
		if k.OwnerUin != "" {
			in.OwnerUin = k.OwnerUin
		}
	}
	if strings.TrimSpace(req.Resource) == "" && c != nil && c.BaseURL != nil {
		req.Resource = resourceFor(c.BaseURL.BucketURL, "")
	}
	if strings.TrimSpace(req.Resource) == "" {
		f.Status, f.Cause = StatusNotApplicable, ""
		f.Summary = "no resource to evaluate: set PolicyRequest.Resource (see ResourceName)"
		return res
	}
	_, key := splitResource(req.Resource)
	if strings.TrimSpace(req.Action) == "" {
		req.Action = "name/cos:GetBucket"
		if key != "" {
			req.Action = "name/cos:GetObject"
		}
	}

	var missing []string
	note := func(what string, ok bool, why string) string {
		if !ok {
			missing = append(missing, what)
		}
		return why
	}
	policyText, bucketACLText, objectACLText := "given", "given", "given"
	if !givenPolicy {
		ok, why := readBucketPolicy(ctx, c, &in)
		policyText = note("bucket policy", ok, why)
	} else if p, err := ParsePolicy(in.BucketPolicy); err == nil {
		policyText = "given, " + strconv.Itoa(p.Statements()) + " statement(s)"
	}
	if !givenBucketACL {
		ok, why := readBucketACL(ctx, c, &in)
		bucketACLText = note("bucket ACL", ok, why)
	}
	if key != "" && !givenObjectACL {
		ok, why := readObjectACL(ctx, c, key, &in)
		objectACLText = note("object ACL", ok, why)
	}

	d, err := EvaluateAccess(in, req)
	res.Inputs = in
	if err != nil {
		f.Status, f.Cause = StatusWarn, ""
		f.Summary = "the policies cannot be evaluated: " + err.Error()
		var pe *PolicyError
		if errors.As(err, &pe) && pe.Policy != "" {
			f.Evidence = append(f.Evidence, ev("invalid_policy", pe.Policy))
		}
		return res
	}
	res.Decision = d
	res.Finding = d.Finding()
	f = &res.Finding
	f.Check = "policy"
	f.Evidence = append(f.Evidence, ev("bucket_policy_input", policyText), ev("bucket_acl", bucketACLText))
	if key != "" {
		f.Evidence = append(f.Evidence, ev("object_acl", objectACLText))
	}
	if in.OwnerUin != "" {
		f.Evidence = append(f.Evidence, ev("owner_uin", in.OwnerUin))
	}
	f.Evidence = append(f.Evidence, ev("user_policies", strconv.Itoa(len(in.UserPolicies))))
	if in.STSPolicy != nil {
		f.Evidence = append(f.Evidence, ev("sts_policy_input", "given"))
	}
	if d.Allowed {
		return res
	}
	subAccount := req.Signed && !req.Principal.Anonymous && req.Principal.Uin != "" &&
		req.Principal.OwnerUin != "" && req.Principal.OwnerUin != req.Principal.Uin
	switch {
	case len(missing) > 0 && d.Decision != DecisionExplicitDeny:
		f.Status = StatusWarn
		f.Summary = "the " + strings.Join(missing, " and ") + " could not be read; without it: " + f.Summary
	case subAccount && len(in.UserPolicies) == 0 && d.Decision != DecisionExplicitDeny:
		f.Status = StatusWarn
		f.Summary = "no CAM user policy of the sub-account was given; without one: " + f.Summary
	}
	return res
}

// readBucketPolicy fills in.BucketPolicy from GET Bucket policy. The SDK
// decodes the document; it is encoded again for EvaluateAccess, so offsets
// in a PolicyError refer to that encoding.
func readBucketPolicy(ctx context.Context, c *cos.Client, in *AccessPolicies) (bool, string) {
	if c == nil {
		return false, "not read: no cos.Client"
	}
	ctx, cancel := withTimeout(ctx)
	defer cancel()
	p, _, err := c.Bucket.GetPolicy(ctx)
	if err != nil {
		if sdkCode(err) == "NoSuchBucketPolicy" {
			return true, "none"
		}
		return false, "unreadable: " + sdkErrText(err)
	}
	b, err := json.Marshal(p)
	if err != nil {
		return false, "unreadable: " + err.Error()
	}
	in.BucketPolicy = b
	return true, "read, " + strconv.Itoa(len(p.Statement)) + " statement(s)"
}

func readBucketACL(ctx context.Context, c *cos.Client, in *AccessPolicies) (bool, string) {
	if c == nil {
		in.BucketACL = ACLPrivate
		return false, "not read: no cos.Client; taken as private"
	}
	ctx, cancel := withTimeout(ctx)
	defer cancel()
	x, _, err := c.Bucket.GetACL(ctx)
	if err != nil {
		in.BucketACL = ACLPrivate
		return false, "unreadable (" + sdkErrText(err) + "); taken as private"
	}
	in.BucketACL = aclFromGrants(x, false)
	if in.OwnerUin == "" && x.Owner != nil {
		in.OwnerUin = uinFromID(x.Owner.ID)
	}
	return true, string(in.BucketACL)
}

func readObjectACL(ctx context.Context, c *cos.Client, key string, in *AccessPolicies) (bool, string) {
	if c == nil {
		return false, "not read: no cos.Client; taken as default"
	}
	ctx, cancel := withTimeout(ctx)
	defer cancel()
	x, _, err := c.Object.GetACL(ctx, key)
	if err != nil {
		return false, "unreadable (" + sdkErrText(err) + "); taken as default"
	}
	in.ObjectACL = aclFromGrants(x, true)
	if in.ObjectACL == ACLDefault {
		return true, "default or private (no public grant; GET Object acl does not tell them apart)"
	}
	return true, string(in.ObjectACL)
}

// aclFromGrants maps an ACL document to the canned ACL it expresses
// (D-ACL): AllUsers READ is public-read, AllUsers READ and WRITE (or
// FULL_CONTROL) public-read-write, AuthenticatedUsers READ
// authenticated-read. Without a group grant a bucket is private and an
// object is taken as default (inheriting the bucket's).
func aclFromGrants(x *cos.ACLXml, object bool) ACL {
	if x == nil {
		if object {
			return ACLDefault
		}
		return ACLPrivate
	}
	all, auth := map[string]bool{}, map[string]bool{}
	for _, g := range x.AccessControlList {
		if g.Grantee == nil {
			continue
		}
		perm := strings.ToUpper(strings.TrimSpace(g.Permission))
		switch {
		case strings.HasSuffix(g.Grantee.URI, "/AllUsers") || g.Grantee.ID == "qcs::cam::anyone:anyone":
			all[perm] = true
		case strings.HasSuffix(g.Grantee.URI, "/AuthenticatedUsers"):
			auth[perm] = true
		}
	}
	switch {
	case !object && (all["FULL_CONTROL"] || (all["READ"] && all["WRITE"])):
		return ACLPublicReadWrite
	case all["READ"] || all["FULL_CONTROL"]:
		return ACLPublicRead
	case auth["READ"] || auth["FULL_CONTROL"]:
		return ACLAuthenticatedRead
	case object:
		return ACLDefault
	}
	return ACLPrivate
}

// uinFromID reads the root account of "qcs::cam::uin/<owner>:uin/<user>".
func uinFromID(id string) string {
	i := strings.Index(id, "uin/")
	if i < 0 {
		return ""
	}
	rest := id[i+4:]
	if j := strings.IndexByte(rest, ':'); j >= 0 {
		rest = rest[:j]
	}
	if !allDigits(rest) {
		return ""
	}
	return rest
}
