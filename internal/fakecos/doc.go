// Package fakecos is a loopback Tencent COS endpoint for tests: it answers
// the XML API on 127.0.0.1 the way COS does, refusals included, so that
// cos-go-sdk-v5 clients, the checks probes and the examples can be run
// against it unchanged. Every behaviour follows the project's error catalog
// (cos-errors.md); comments cite its sections and source keys.
//
// # Addressing and TLS
//
// [New] listens on two 127.0.0.1 ports, plain HTTP and HTTPS. The HTTPS
// port presents certificates minted on the fly, per SNI name, by a
// certificate authority generated for that Server alone; only
// [Server.Transport] trusts it. The Transport sends every
// *.myqcloud.com and *.tencentcos.cn host (and the fake's own address) to
// the fake and refuses all other hosts, so a client keeps the real URL
// from [Server.BucketURL],
// https://examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com, and signs
// the real Host. Wrap the Transport as usual, for instance inside a
// classify.Transport inside a cos.AuthorizationTransport.
//
// The Host header decides the addressing: <bucket>-<appid>.cos.<region>
// (also cos-internal, cos-website, accelerate and tencentcos.cn) is
// virtual-hosted; cos.<region>.myqcloud.com and service.cos.myqcloud.com
// serve GET / (list buckets) and path-style /<bucket>-<appid>/<key>, which
// is refused with PathStyleDomainForbidden for buckets created on or after
// 2024-01-01; the fake's own address serves path-style without that rule,
// since it is not a COS default domain.
//
// # State
//
// Buckets, objects and credentials are set up in code with
// [Server.AddBucket], [Server.PutObject] and [Server.AddCredential], and
// change through the API as well (PUT Object, PUT Bucket policy, cors,
// referer, acl, POST Object restore). The server clock ([Server.Now]) can
// be offset, frozen and advanced; it drives the Date header, the signature
// time checks, temporary-key expiry and restore completion.
//
// # Check order
//
// COS documents a troubleshooting order (CORS, referer, anonymous,
// key/time/signature, permissions, archive), not its evaluation order. The
// fake makes it concrete:
//
//  1. OPTIONS is a CORS preflight, unsigned, judged by checks.EvaluateCORS:
//     403 AccessForbidden when no rule matches.
//  2. Signature presence (Authorization header, q-* query, sign=). Unsigned
//     GET / on a service host: AccessDenied "Check auth failure because
//     signature empty." with ServerTime.
//  3. Path-style addressing of a new bucket: PathStyleDomainForbidden.
//  4. For a signed request: the SecretId (403 InvalidAccessKeyId when
//     unknown or disabled), a temporary key's expiry (400 ExpiredToken) and
//     token (InvalidAccessKeyId when missing or wrong), q-sign-time
//     (RequestTimeTooSkewed when it starts more than 15 minutes in the
//     future, AccessDenied "Request has expired" after its end), then the
//     signature (SignatureDoesNotMatch, with the server's StringToSign and
//     FormatString computed from what arrived; a literal '+' in the path is
//     read as a space, as in the PicGo capture).
//  5. The bucket (NoSuchBucket), then its strict-signature rule.
//  6. For an unsigned request: the referer rule (checks.EvaluateReferer)
//     and the response-* parameters, which need a signature.
//  7. Permissions, with checks.EvaluateAccess over the bucket policy, the
//     key's CAM and STS policies and the ACLs: AccessDenied "Access
//     Denied.".
//  8. The operation: DownloadForbidden for .apk/.ipa on a default domain,
//     NoSuchKey, InvalidObjectState (with x-cos-storage-class) for an
//     unrestored ARCHIVE or DEEP_ARCHIVE object, and so on.
//
// Error bodies are byte-for-byte COS's shape: the single-quoted XML
// declaration, tab-indented elements, Resource as host and path without a
// scheme, a request id that starts with N, and no body on HEAD.
//
// # Choices where COS is undocumented
//
// No capture exists for some answers; the fake picks one and says so:
// RequestTimeTooSkewed uses the D-ERR-2019 description as its Message;
// ExpiredToken uses the D-ERR description; a temporary key presented
// without its token (or with another token) gets InvalidAccessKeyId,
// because a temporary SecretId exists only with its token; ServerTime is
// RFC 3339 and is also sent on the two time errors, which the JS SDK reads;
// an unparsable Authorization gets 400 InvalidArgument; GET Bucket referer
// without a configuration returns a disabled one.
//
// # Fault modes
//
// [Server.SetFault] makes the fake behave like what stands between a client
// and COS: a proxy answering 403 with an HTML page and no x-cos-request-id,
// a middlebox changing a signed header after signing, truncated bodies and
// slow responses.
package fakecos
