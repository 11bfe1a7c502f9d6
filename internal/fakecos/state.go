package fakecos

import (
	"crypto/md5"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc64"
	"log/slog"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/cos403/cos403-go/checks"
	"github.com/tencentyun/cos-go-sdk-v5"
)

// pathStyleCutoff is the creation date from which COS refuses path-style
// requests with PathStyleDomainForbidden (cos-errors.md §1.2, "存储桶域名使用
// 安全管理通知": buckets created on or after 2024-01-01).
var pathStyleCutoff = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)

// Errors returned by the state set-up methods; match them with errors.Is.
var (
	// ErrInvalidBucket: a bucket name is not <name>-<appid>, or its region
	// or configuration is unusable.
	ErrInvalidBucket = errors.New("fakecos: invalid bucket")
	// ErrNoSuchBucket: the named bucket has not been added.
	ErrNoSuchBucket = errors.New("fakecos: no such bucket")
	// ErrInvalidObject: an object key or storage class is unusable.
	ErrInvalidObject = errors.New("fakecos: invalid object")
	// ErrInvalidCredential: a credential lacks its SecretID, SecretKey or
	// owner.
	ErrInvalidCredential = errors.New("fakecos: invalid credential")
)

// Bucket is a bucket's configuration.
type Bucket struct {
	// Name is <name>-<appid>, e.g. examplebucket-1250000000.
	Name string
	// Region is e.g. ap-guangzhou.
	Region string
	// OwnerUin is the root account that owns the bucket.
	OwnerUin string
	// ACL is the bucket's canned ACL; empty means private.
	ACL checks.ACL
	// Policy is the bucket policy JSON, or nil.
	Policy []byte
	// CORS are the bucket's CORS rules; none means every preflight is
	// refused (D-OPTIONS).
	CORS []cos.BucketCORSRule
	// Referer is the hotlink-protection configuration, or nil.
	Referer *checks.RefererConfig
	// Created is the creation time. Zero means the server clock when the
	// bucket is first added (a new bucket, for which path-style is
	// refused), or the existing creation time when it is reconfigured.
	Created time.Time
	// StrictSign, when set, turns on strict signature mode.
	StrictSign *StrictSign
}

// StrictSign is a strict-signature rule (D-STRICT): the headers and query
// parameters that, when a request carries them, must be signed.
type StrictSign struct {
	// Headers are header names, matched case-insensitively, that must be in
	// q-header-list whenever the request carries them. Host is always
	// present on the wire.
	Headers []string
	// Params are query parameter names, matched case-insensitively, that
	// must be in q-url-param-list whenever the request carries them. "*"
	// means every parameter.
	Params []string
}

// appID returns the digits after the last '-' of a bucket name.
func appID(bucket string) string {
	if i := strings.LastIndexByte(bucket, '-'); i >= 0 {
		return bucket[i+1:]
	}
	return ""
}

// Object is an object and its metadata.
type Object struct {
	// Key is the object key, without a leading slash.
	Key string
	// Body is the content.
	Body []byte
	// ContentType defaults to application/octet-stream.
	ContentType string
	// StorageClass is STANDARD (or empty), STANDARD_IA,
	// INTELLIGENT_TIERING, ARCHIVE or DEEP_ARCHIVE (D-PUTOBJ).
	StorageClass string
	// ACL is the object's canned ACL; empty means default (inherit the
	// bucket's).
	ACL checks.ACL
	// Restore is the state of a POST Object restore, or nil.
	Restore *Restore
	// Meta are x-cos-meta-* values, keyed by the part after the prefix.
	Meta map[string]string
	// LastModified defaults to the server clock at PutObject.
	LastModified time.Time
}

// Restore is the restore state of an ARCHIVE or DEEP_ARCHIVE object.
// Relative to the server clock it is ongoing before ReadyAt, restored from
// ReadyAt until ReadyAt plus Days, and gone after that.
type Restore struct {
	// Tier is Expedited, Standard or Bulk.
	Tier string
	// Days is how long the restored copy stays; zero means one day.
	Days int
	// RequestedAt is when the restore was requested.
	RequestedAt time.Time
	// ReadyAt is when the restored copy becomes readable.
	ReadyAt time.Time
}

// expiresAt is when the restored copy goes away.
func (r *Restore) expiresAt() time.Time {
	days := r.Days
	if days <= 0 {
		days = 1
	}
	return r.ReadyAt.Add(time.Duration(days) * 24 * time.Hour)
}

// restoreState is the lifecycle position of a Restore at now.
type restoreState int

const (
	restoreNone restoreState = iota
	restoreOngoing
	restoreDone
)

func (r *Restore) state(now time.Time) restoreState {
	switch {
	case r == nil:
		return restoreNone
	case now.Before(r.ReadyAt):
		return restoreOngoing
	case now.Before(r.expiresAt()):
		return restoreDone
	default:
		return restoreNone
	}
}

// Credential is an API key known to the fake.
type Credential struct {
	// SecretID is q-ak.
	SecretID string
	// SecretKey signs requests. Never printed.
	SecretKey string
	// OwnerUin is the root account the key belongs to.
	OwnerUin string
	// Uin is the user the key belongs to: the root account itself (empty
	// or equal to OwnerUin) or a CAM sub-account.
	Uin string
	// Disabled keys are refused with InvalidAccessKeyId (seed, "APIキーが
	// 有効になっているか").
	Disabled bool
	// Token makes this a temporary key: requests must carry it as
	// x-cos-security-token. Never printed.
	Token string
	// Expires is when a temporary key stops working (400 ExpiredToken).
	Expires time.Time
	// STSPolicy is the policy the temporary key was issued with.
	STSPolicy []byte
	// UserPolicies are the CAM policies of the sub-account.
	UserPolicies [][]byte
}

// String describes the credential without its SecretKey or Token.
func (c Credential) String() string {
	return fmt.Sprintf("fakecos.Credential{SecretID:%q, OwnerUin:%q, Uin:%q, Disabled:%t, Temporary:%t}",
		c.SecretID, c.OwnerUin, c.Uin, c.Disabled, c.Token != "")
}

// GoString is String, so %#v cannot reach the secrets.
func (c Credential) GoString() string { return c.String() }

// Format prints String for every verb.
func (c Credential) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(c.String())) }

// MarshalJSON writes the identifying fields only.
func (c Credential) MarshalJSON() ([]byte, error) {
	return []byte(`{"SecretID":` + strconv.Quote(c.SecretID) + `,"OwnerUin":` + strconv.Quote(c.OwnerUin) +
		`,"Uin":` + strconv.Quote(c.Uin) + `,"Disabled":` + strconv.FormatBool(c.Disabled) +
		`,"Temporary":` + strconv.FormatBool(c.Token != "") + `}`), nil
}

// LogValue logs the identifying fields only.
func (c Credential) LogValue() slog.Value {
	return slog.GroupValue(slog.String("secret_id", c.SecretID), slog.String("owner_uin", c.OwnerUin),
		slog.String("uin", c.Uin), slog.Bool("disabled", c.Disabled), slog.Bool("temporary", c.Token != ""))
}

// uin returns the requester's own UIN.
func (c *Credential) uin() string {
	if c.Uin != "" {
		return c.Uin
	}
	return c.OwnerUin
}

// Fault makes the fake misbehave like the things that stand between a
// client and COS, for the classifier's hard cases.
type Fault struct {
	// ProxyHTML answers every request with a 403 HTML page and no
	// x-cos-request-id, like a corporate proxy or WAF.
	ProxyHTML bool
	// MutateHeader changes request headers after the client signed them,
	// like a middlebox: each name is set to its value, or removed when the
	// value is empty. Content-Length cannot be changed this way.
	MutateHeader map[string]string
	// TruncateBody, when positive, cuts every response body after that many
	// bytes while Content-Length still announces the whole body, so the
	// client sees an unexpected EOF.
	TruncateBody int
	// Delay holds every response back this long (or until the client gives
	// up or the server closes).
	Delay time.Duration
}

func (f Fault) active() bool {
	return f.ProxyHTML || len(f.MutateHeader) > 0 || f.TruncateBody > 0 || f.Delay > 0
}

// bucketState is a bucket and its objects, guarded by Server.mu.
type bucketState struct {
	cfg     Bucket
	objects map[string]*Object
}

// AddBucket adds a bucket, or replaces the configuration of an existing one
// (its objects are kept). If non-nil, the error matches ErrInvalidBucket.
func (s *Server) AddBucket(b Bucket) error {
	name := strings.ToLower(b.Name)
	if !bucketLabel.MatchString(name) {
		return fmt.Errorf("%w: name %q is not <name>-<appid>", ErrInvalidBucket, b.Name)
	}
	if !regionLabel.MatchString(b.Region) {
		return fmt.Errorf("%w: region %q", ErrInvalidBucket, b.Region)
	}
	if b.OwnerUin == "" {
		return fmt.Errorf("%w: %s has no OwnerUin", ErrInvalidBucket, name)
	}
	if !validBucketACL(b.ACL) {
		return fmt.Errorf("%w: %s ACL %q is not a bucket preset", ErrInvalidBucket, name, b.ACL)
	}
	if b.Policy != nil {
		if _, err := checks.ParsePolicy(b.Policy); err != nil {
			return fmt.Errorf("%w: %s policy: %w", ErrInvalidBucket, name, err)
		}
	}
	b.Name = name
	now := s.Now()
	b = cloneBucket(b)
	s.mu.Lock()
	defer s.mu.Unlock()
	if st, ok := s.buckets[name]; ok {
		if b.Created.IsZero() {
			// Reconfiguring a bucket does not make it new.
			b.Created = st.cfg.Created
		}
		st.cfg = b
		return nil
	}
	if b.Created.IsZero() {
		b.Created = now
	}
	s.buckets[name] = &bucketState{cfg: b, objects: map[string]*Object{}}
	return nil
}

// Bucket returns a copy of a bucket's current configuration, including
// changes made through the API (PUT Bucket policy, cors, referer, acl).
func (s *Server) Bucket(name string) (Bucket, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	st, ok := s.buckets[strings.ToLower(name)]
	if !ok {
		return Bucket{}, false
	}
	return cloneBucket(st.cfg), true
}

// PutObject stores an object in a bucket added before, replacing any object
// with the same key. If non-nil, the error matches ErrNoSuchBucket or
// ErrInvalidObject.
func (s *Server) PutObject(bucket string, o Object) error {
	o.Key = strings.TrimPrefix(o.Key, "/")
	if o.Key == "" {
		return fmt.Errorf("%w: empty key", ErrInvalidObject)
	}
	sc, ok := normStorageClass(o.StorageClass)
	if !ok {
		return fmt.Errorf("%w: storage class %q", ErrInvalidObject, o.StorageClass)
	}
	o.StorageClass = sc
	if !validObjectACL(o.ACL) {
		return fmt.Errorf("%w: ACL %q is not an object preset", ErrInvalidObject, o.ACL)
	}
	if o.LastModified.IsZero() {
		o.LastModified = s.Now()
	}
	o = cloneObject(o)
	s.mu.Lock()
	defer s.mu.Unlock()
	st, ok := s.buckets[strings.ToLower(bucket)]
	if !ok {
		return fmt.Errorf("%w: %s", ErrNoSuchBucket, bucket)
	}
	st.objects[o.Key] = &o
	return nil
}

// Object returns a copy of an object, with its current restore state.
func (s *Server) Object(bucket, key string) (Object, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	st, ok := s.buckets[strings.ToLower(bucket)]
	if !ok {
		return Object{}, false
	}
	o, ok := st.objects[strings.TrimPrefix(key, "/")]
	if !ok {
		return Object{}, false
	}
	return cloneObject(*o), true
}

// AddCredential adds a key, or replaces the one with the same SecretID. If
// non-nil, the error matches ErrInvalidCredential.
func (s *Server) AddCredential(c Credential) error {
	if c.SecretID == "" || c.SecretKey == "" {
		return fmt.Errorf("%w: SecretID and SecretKey are required", ErrInvalidCredential)
	}
	if c.OwnerUin == "" {
		return fmt.Errorf("%w: %s has no OwnerUin", ErrInvalidCredential, c.SecretID)
	}
	for name, p := range map[string][]byte{"STSPolicy": c.STSPolicy} {
		if p != nil {
			if _, err := checks.ParsePolicy(p); err != nil {
				return fmt.Errorf("%w: %s %s: %w", ErrInvalidCredential, c.SecretID, name, err)
			}
		}
	}
	for i, p := range c.UserPolicies {
		if _, err := checks.ParsePolicy(p); err != nil {
			return fmt.Errorf("%w: %s UserPolicies[%d]: %w", ErrInvalidCredential, c.SecretID, i, err)
		}
	}
	c.STSPolicy = cloneBytes(c.STSPolicy)
	c.UserPolicies = cloneBytesSlice(c.UserPolicies)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.creds[c.SecretID] = c
	return nil
}

// SetFault installs a fault for requests whose Host (without port) or
// bucket equals target; "*" applies to every request. A zero Fault removes
// it.
func (s *Server) SetFault(target string, f Fault) {
	target = strings.ToLower(target)
	s.mu.Lock()
	defer s.mu.Unlock()
	if !f.active() {
		delete(s.faults, target)
		return
	}
	m := make(map[string]string, len(f.MutateHeader))
	for k, v := range f.MutateHeader {
		m[k] = v
	}
	f.MutateHeader = m
	s.faults[target] = f
}

// faultFor returns the fault for a request, most specific first: host,
// bucket, then "*".
func (s *Server) faultFor(host, bucket string) (Fault, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if len(s.faults) == 0 {
		return Fault{}, false
	}
	for _, k := range []string{host, bucket, "*"} {
		if k == "" {
			continue
		}
		if f, ok := s.faults[k]; ok {
			return f, true
		}
	}
	return Fault{}, false
}

func (s *Server) credential(secretID string) (Credential, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	c, ok := s.creds[secretID]
	return c, ok
}

// bucketConfig returns a snapshot of a bucket's configuration.
func (s *Server) bucketConfig(name string) (Bucket, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	st, ok := s.buckets[name]
	if !ok {
		return Bucket{}, false
	}
	// Slices are replaced, never mutated in place, so sharing them with a
	// snapshot is safe.
	return st.cfg, true
}

// objectSnapshot returns the object under the read lock; the Body slice
// is never mutated in place, so it may be shared.
func (s *Server) objectSnapshot(bucket, key string) (Object, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	st, ok := s.buckets[bucket]
	if !ok {
		return Object{}, false
	}
	o, ok := st.objects[key]
	if !ok {
		return Object{}, false
	}
	cp := *o
	if o.Restore != nil {
		r := *o.Restore
		cp.Restore = &r
	}
	return cp, true
}

// updateBucket applies fn to the stored configuration under the lock.
func (s *Server) updateBucket(name string, fn func(*Bucket)) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	st, ok := s.buckets[name]
	if !ok {
		return false
	}
	fn(&st.cfg)
	return true
}

// updateObject applies fn to a stored object under the lock; fn may
// return false to report that it changed nothing.
func (s *Server) updateObject(bucket, key string, fn func(*Object) bool) (found, changed bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	st, ok := s.buckets[bucket]
	if !ok {
		return false, false
	}
	o, ok := st.objects[key]
	if !ok {
		return false, false
	}
	return true, fn(o)
}

func (s *Server) storeObject(bucket string, o *Object) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	st, ok := s.buckets[bucket]
	if !ok {
		return false
	}
	st.objects[o.Key] = o
	return true
}

func (s *Server) deleteObjectKey(bucket, key string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if st, ok := s.buckets[bucket]; ok {
		delete(st.objects, key)
	}
}

// listObjects returns the keys under prefix, sorted, with their objects.
func (s *Server) listObjects(bucket, prefix string) []Object {
	s.mu.RLock()
	defer s.mu.RUnlock()
	st, ok := s.buckets[bucket]
	if !ok {
		return nil
	}
	out := make([]Object, 0, len(st.objects))
	for k, o := range st.objects {
		if strings.HasPrefix(k, prefix) {
			out = append(out, *o)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}

// bucketsOwnedBy lists the buckets of a root account, sorted by name.
func (s *Server) bucketsOwnedBy(owner string) []Bucket {
	s.mu.RLock()
	defer s.mu.RUnlock()
	var out []Bucket
	for _, st := range s.buckets {
		if st.cfg.OwnerUin == owner {
			out = append(out, st.cfg)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// normStorageClass validates against the D-PUTOBJ enum.
func normStorageClass(sc string) (string, bool) {
	switch u := strings.ToUpper(sc); u {
	case "":
		return "STANDARD", true
	case "STANDARD", "STANDARD_IA", "INTELLIGENT_TIERING", "ARCHIVE", "DEEP_ARCHIVE", "MAZ_STANDARD", "MAZ_STANDARD_IA", "MAZ_INTELLIGENT_TIERING":
		return u, true
	}
	return "", false
}

func isArchive(sc string) bool {
	return sc == checks.StorageClassArchive || sc == checks.StorageClassDeepArchive
}

// validBucketACL and validObjectACL follow D-ACL's preset lists.
func validBucketACL(a checks.ACL) bool {
	switch a {
	case checks.ACLDefault, checks.ACLPrivate, checks.ACLPublicRead, checks.ACLPublicReadWrite, checks.ACLAuthenticatedRead:
		return true
	}
	return false
}

func validObjectACL(a checks.ACL) bool {
	switch a {
	case checks.ACLDefault, "default", checks.ACLPrivate, checks.ACLPublicRead, checks.ACLAuthenticatedRead,
		checks.ACLBucketOwnerRead, checks.ACLBucketOwnerFullControl:
		return true
	}
	return false
}

func etagOf(body []byte) string {
	sum := md5.Sum(body)
	return `"` + hex.EncodeToString(sum[:]) + `"`
}

var crcTable = crc64.MakeTable(crc64.ECMA)

// crc64Of is x-cos-hash-crc64ecma, which cos-go-sdk-v5 checks after every
// PUT Object when EnableCRC is on (its default).
func crc64Of(body []byte) string {
	return strconv.FormatUint(crc64.Checksum(body, crcTable), 10)
}

func cloneBucket(b Bucket) Bucket {
	b.Policy = cloneBytes(b.Policy)
	if b.CORS != nil {
		rules := make([]cos.BucketCORSRule, len(b.CORS))
		for i, r := range b.CORS {
			r.AllowedMethods = append([]string(nil), r.AllowedMethods...)
			r.AllowedOrigins = append([]string(nil), r.AllowedOrigins...)
			r.AllowedHeaders = append([]string(nil), r.AllowedHeaders...)
			r.ExposeHeaders = append([]string(nil), r.ExposeHeaders...)
			rules[i] = r
		}
		b.CORS = rules
	}
	if b.Referer != nil {
		r := *b.Referer
		r.Domains = append([]string(nil), r.Domains...)
		b.Referer = &r
	}
	if b.StrictSign != nil {
		ss := StrictSign{
			Headers: append([]string(nil), b.StrictSign.Headers...),
			Params:  append([]string(nil), b.StrictSign.Params...),
		}
		b.StrictSign = &ss
	}
	return b
}

func cloneObject(o Object) Object {
	o.Body = cloneBytes(o.Body)
	if o.Restore != nil {
		r := *o.Restore
		o.Restore = &r
	}
	if o.Meta != nil {
		m := make(map[string]string, len(o.Meta))
		for k, v := range o.Meta {
			m[k] = v
		}
		o.Meta = m
	}
	return o
}

func cloneBytes(b []byte) []byte {
	if b == nil {
		return nil
	}
	return append([]byte(nil), b...)
}

func cloneBytesSlice(in [][]byte) [][]byte {
	if in == nil {
		return nil
	}
	out := make([][]byte, len(in))
	for i, b := range in {
		out[i] = cloneBytes(b)
	}
	return out
}

// headerKey canonicalises a header name for Fault.MutateHeader.
func headerKey(name string) string { return http.CanonicalHeaderKey(name) }
