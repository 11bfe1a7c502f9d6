package fakecos

import (
	"bytes"
	"crypto/md5"
	"encoding/base64"
	"encoding/xml"
	"io"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/cos403/cos403-go/checks"
	"github.com/tencentyun/cos-go-sdk-v5"
)

// op is one API the fake implements: the CAM action it needs
// ("name/cos:<action>", D-LANG) and the code that serves it.
type op struct {
	action string
	run    func(w http.ResponseWriter, rq *request, b Bucket)
}

// operation picks the API for a bucket request, or nil when the fake does
// not implement the method on that resource.
func (s *Server) operation(rq *request) *op {
	m := rq.method
	if rq.key != "" {
		switch rq.sub {
		case "":
			switch m {
			case http.MethodGet:
				return &op{"GetObject", s.getObject}
			case http.MethodHead:
				return &op{"HeadObject", s.getObject}
			case http.MethodPut:
				return &op{"PutObject", s.putObject}
			case http.MethodDelete:
				return &op{"DeleteObject", s.deleteObject}
			}
		case "restore":
			if m == http.MethodPost {
				return &op{"PostObjectRestore", s.postRestore}
			}
		case "acl":
			switch m {
			case http.MethodGet:
				return &op{"GetObjectACL", s.getObjectACL}
			case http.MethodPut:
				return &op{"PutObjectACL", s.putObjectACL}
			}
		}
		return nil
	}
	switch rq.sub {
	case "":
		switch m {
		case http.MethodGet:
			return &op{"GetBucket", s.getBucket}
		case http.MethodHead:
			return &op{"HeadBucket", s.headBucket}
		}
	case "policy":
		switch m {
		case http.MethodGet:
			return &op{"GetBucketPolicy", s.getPolicy}
		case http.MethodPut:
			return &op{"PutBucketPolicy", s.putPolicy}
		case http.MethodDelete:
			return &op{"DeleteBucketPolicy", s.deletePolicy}
		}
	case "cors":
		switch m {
		case http.MethodGet:
			return &op{"GetBucketCORS", s.getCORS}
		case http.MethodPut:
			return &op{"PutBucketCORS", s.putCORS}
		case http.MethodDelete:
			return &op{"DeleteBucketCORS", s.deleteCORS}
		}
	case "referer":
		switch m {
		case http.MethodGet:
			return &op{"GetBucketReferer", s.getReferer}
		case http.MethodPut:
			return &op{"PutBucketReferer", s.putReferer}
		}
	case "acl":
		switch m {
		case http.MethodGet:
			return &op{"GetBucketACL", s.getBucketACL}
		case http.MethodPut:
			return &op{"PutBucketACL", s.putBucketACL}
		}
	}
	return nil
}

// Errors of the operations themselves (D-ERR).
var (
	errNoSuchKey      = &cosError{status: http.StatusNotFound, code: "NoSuchKey", message: msgNoSuchKey}
	errMalformedXML   = &cosError{status: http.StatusBadRequest, code: "MalformedXML", message: "The XML you provided was not well-formed or did not validate against our published schema."}
	errBadDigest      = &cosError{status: http.StatusBadRequest, code: "BadDigest", message: "The Content-MD5 you specified did not match what we received."}
	errInvalidDigest  = &cosError{status: http.StatusBadRequest, code: "InvalidDigest", message: "The Content-MD5 you specified is not valid."}
	errEntityTooLarge = &cosError{status: http.StatusBadRequest, code: "EntityTooLarge", message: "Your proposed upload exceeds the maximum allowed object size."}
	errIncompleteBody = &cosError{status: http.StatusBadRequest, code: "IncompleteBody", message: "You did not provide the number of bytes specified by the Content-Length HTTP header."}
)

func invalidArgument(msg string) *cosError {
	return &cosError{status: http.StatusBadRequest, code: "InvalidArgument", message: msg}
}

// isAppPackage: APK and IPA downloads are refused on the default domain
// (§1.2, DownloadForbidden, product/436/102489).
func isAppPackage(key string) bool {
	k := strings.ToLower(key)
	return strings.HasSuffix(k, ".apk") || strings.HasSuffix(k, ".ipa")
}

// getObject serves GET and HEAD Object.
func (s *Server) getObject(w http.ResponseWriter, rq *request, _ Bucket) {
	get := rq.method == http.MethodGet
	if get && rq.addr.defaultDomain && isAppPackage(rq.key) {
		s.writeError(w, rq, &cosError{status: http.StatusForbidden, code: "DownloadForbidden", message: msgDownloadForbidden})
		return
	}
	o, ok := s.objectSnapshot(rq.bucket, rq.key)
	if !ok {
		s.writeError(w, rq, errNoSuchKey)
		return
	}
	if get && isArchive(o.StorageClass) && o.Restore.state(rq.now) != restoreDone {
		// §6, §11 fixture B (D-GETOBJ Sample 11): 403 with the storage class
		// header on the refusal itself. HEAD stays allowed (D-HEADOBJ).
		s.writeError(w, rq, &cosError{status: http.StatusForbidden, code: "InvalidObjectState", message: msgInvalidObjectState, storageClass: o.StorageClass})
		return
	}
	s.commonHeaders(w, rq)
	h := w.Header()
	ct := o.ContentType
	if ct == "" {
		ct = "application/octet-stream"
	}
	h.Set("Content-Type", ct)
	h.Set("ETag", etagOf(o.Body))
	h.Set("x-cos-hash-crc64ecma", crc64Of(o.Body))
	if o.StorageClass != "STANDARD" {
		// D-GETOBJ/D-HEADOBJ: sent only for non-STANDARD classes.
		h.Set("x-cos-storage-class", o.StorageClass)
	}
	setRestoreHeaders(h, o.Restore, rq.now)
	for k, v := range o.Meta {
		h.Set("x-cos-meta-"+k, v)
	}
	if get {
		for param, header := range responseOverrides {
			if v, ok := lookupParam(rq.query, param); ok {
				h.Set(header, v)
			}
		}
	}
	http.ServeContent(w, rq.r, "", o.LastModified, bytes.NewReader(o.Body))
}

// responseOverrides are GET Object's response-* parameters (D-GETOBJ).
var responseOverrides = map[string]string{
	"response-content-type":        "Content-Type",
	"response-content-language":    "Content-Language",
	"response-expires":             "Expires",
	"response-cache-control":       "Cache-Control",
	"response-content-disposition": "Content-Disposition",
	"response-content-encoding":    "Content-Encoding",
}

// setRestoreHeaders writes x-cos-restore and x-cos-restore-status as
// D-HEADOBJ shows them (lower-case tier in the status header).
func setRestoreHeaders(h http.Header, r *Restore, now time.Time) {
	switch r.state(now) {
	case restoreOngoing:
		h.Set("x-cos-restore", `ongoing-request="true"`)
		h.Set("x-cos-restore-status", `tier="`+strings.ToLower(r.Tier)+`"; request-date="`+r.RequestedAt.UTC().Format(http.TimeFormat)+`"`)
	case restoreDone:
		h.Set("x-cos-restore", `ongoing-request="false", expiry-date="`+r.expiresAt().UTC().Format(http.TimeFormat)+`"`)
	}
}

func (s *Server) putObject(w http.ResponseWriter, rq *request, _ Bucket) {
	r := rq.r
	if r.Header.Get("x-cos-copy-source") != "" {
		s.writeError(w, rq, &cosError{status: http.StatusNotImplemented, code: "NotImplemented", message: "A header you provided implies functionality that is not implemented."})
		return
	}
	sc, ok := normStorageClass(r.Header.Get("x-cos-storage-class"))
	if !ok {
		s.writeError(w, rq, invalidArgument("The storage class you specified is not valid."))
		return
	}
	acl := checks.ACL(r.Header.Get("x-cos-acl"))
	if !validObjectACL(acl) {
		s.writeError(w, rq, invalidArgument("The x-cos-acl you specified is not valid."))
		return
	}
	body, e := s.readBody(r, s.cfg.MaxObjectSize)
	if e != nil {
		s.writeError(w, rq, e)
		return
	}
	o := &Object{
		Key:          rq.key,
		Body:         body,
		ContentType:  r.Header.Get("Content-Type"),
		StorageClass: sc,
		ACL:          acl,
		LastModified: rq.now,
	}
	for k, vs := range r.Header {
		if lk := strings.ToLower(k); strings.HasPrefix(lk, "x-cos-meta-") && len(vs) > 0 {
			if o.Meta == nil {
				o.Meta = map[string]string{}
			}
			o.Meta[strings.TrimPrefix(lk, "x-cos-meta-")] = vs[0]
		}
	}
	if !s.storeObject(rq.bucket, o) {
		s.writeError(w, rq, &cosError{status: http.StatusNotFound, code: "NoSuchBucket", message: "The specified bucket does not exist."})
		return
	}
	s.commonHeaders(w, rq)
	w.Header().Set("ETag", etagOf(body))
	w.Header().Set("x-cos-hash-crc64ecma", crc64Of(body))
	w.Header().Set("Content-Length", "0")
	w.WriteHeader(http.StatusOK)
}

// readBody reads at most limit bytes and checks Content-MD5 when sent.
func (s *Server) readBody(r *http.Request, limit int64) ([]byte, *cosError) {
	body, err := io.ReadAll(io.LimitReader(r.Body, limit+1))
	if err != nil {
		return nil, errIncompleteBody
	}
	if int64(len(body)) > limit {
		return nil, errEntityTooLarge
	}
	if v := r.Header.Get("Content-MD5"); v != "" {
		want, err := base64.StdEncoding.DecodeString(v)
		if err != nil || len(want) != md5.Size {
			return nil, errInvalidDigest
		}
		got := md5.Sum(body)
		if !bytes.Equal(got[:], want) {
			return nil, errBadDigest
		}
	}
	return body, nil
}

func (s *Server) deleteObject(w http.ResponseWriter, rq *request, _ Bucket) {
	s.deleteObjectKey(rq.bucket, rq.key)
	s.writeEmpty(w, rq, http.StatusNoContent)
}

// restoreRequest is POST Object restore's body (D-RESTORE).
type restoreRequest struct {
	XMLName xml.Name `xml:"RestoreRequest"`
	Days    int      `xml:"Days"`
	Tier    string   `xml:"CASJobParameters>Tier"`
}

// tierDelay is the low end of each documented restore time (D-RESTORE,
// D-DEEPARCH); the clock has to pass it before the copy is readable.
func tierDelay(storageClass, tier string) (time.Duration, bool) {
	switch storageClass + "/" + tier {
	case "ARCHIVE/Expedited":
		return time.Minute, true
	case "ARCHIVE/Standard":
		return 3 * time.Hour, true
	case "ARCHIVE/Bulk":
		return 5 * time.Hour, true
	case "DEEP_ARCHIVE/Standard":
		return 12 * time.Hour, true
	case "DEEP_ARCHIVE/Bulk":
		return 24 * time.Hour, true
	}
	return 0, false
}

func (s *Server) postRestore(w http.ResponseWriter, rq *request, _ Bucket) {
	body, e := s.readBody(rq.r, 64<<10)
	if e != nil {
		s.writeError(w, rq, e)
		return
	}
	var req restoreRequest
	if err := xml.Unmarshal(body, &req); err != nil || req.Days < 0 {
		s.writeError(w, rq, errMalformedXML)
		return
	}
	if req.Days == 0 {
		req.Days = 1
	}
	tier := req.Tier
	if tier == "" {
		tier = checks.TierStandard
	}
	var result *cosError
	status := http.StatusAccepted
	found, _ := s.updateObject(rq.bucket, rq.key, func(o *Object) bool {
		if !isArchive(o.StorageClass) {
			// §1.5 (D-ERR): 405 RestoreNonArchiveObject.
			result = &cosError{status: http.StatusMethodNotAllowed, code: "RestoreNonArchiveObject", message: msgRestoreNonArchive}
			return false
		}
		delay, ok := tierDelay(o.StorageClass, tier)
		if !ok {
			result = invalidArgument("The restore tier is not supported for the storage class of the object.")
			return false
		}
		switch o.Restore.state(rq.now) {
		case restoreOngoing:
			// D-DEEPARCH: a faster tier runs as a new request, otherwise
			// the request fails; §1.5: 409 RestoreAlreadyInProgress.
			cur, _ := tierDelay(o.StorageClass, o.Restore.Tier)
			if o.StorageClass != checks.StorageClassDeepArchive || delay >= cur {
				result = &cosError{status: http.StatusConflict, code: "RestoreAlreadyInProgress", message: msgRestoreInProgress}
				return false
			}
		case restoreDone:
			// A restored copy only gets its lifetime renewed.
			o.Restore = &Restore{Tier: tier, Days: req.Days, RequestedAt: rq.now, ReadyAt: rq.now}
			status = http.StatusOK
			return true
		}
		o.Restore = &Restore{Tier: tier, Days: req.Days, RequestedAt: rq.now, ReadyAt: rq.now.Add(delay)}
		return true
	})
	switch {
	case !found:
		s.writeError(w, rq, errNoSuchKey)
	case result != nil:
		s.writeError(w, rq, result)
	default:
		s.writeEmpty(w, rq, status)
	}
}

// --- bucket configuration ---

func (s *Server) getPolicy(w http.ResponseWriter, rq *request, b Bucket) {
	if b.Policy == nil {
		s.writeError(w, rq, &cosError{status: http.StatusNotFound, code: "NoSuchBucketPolicy", message: "The specified bucket does not have a bucket policy."})
		return
	}
	s.writeBody(w, rq, http.StatusOK, "application/json", b.Policy)
}

func (s *Server) putPolicy(w http.ResponseWriter, rq *request, _ Bucket) {
	// D-BPOL: a bucket policy is at most 20 KB.
	body, e := s.readBody(rq.r, 20<<10)
	if e == errEntityTooLarge {
		e = &cosError{status: http.StatusBadRequest, code: "PolicyTooLarge", message: "Policy exceeds the maximum allowed document size."}
	}
	if e != nil {
		s.writeError(w, rq, e)
		return
	}
	if _, err := checks.ParsePolicy(body); err != nil {
		s.writeError(w, rq, &cosError{status: http.StatusBadRequest, code: "MalformedPolicy", message: "The policy is not valid."})
		return
	}
	s.updateBucket(rq.bucket, func(b *Bucket) { b.Policy = body })
	s.writeEmpty(w, rq, http.StatusNoContent)
}

func (s *Server) deletePolicy(w http.ResponseWriter, rq *request, _ Bucket) {
	s.updateBucket(rq.bucket, func(b *Bucket) { b.Policy = nil })
	s.writeEmpty(w, rq, http.StatusNoContent)
}

func (s *Server) getCORS(w http.ResponseWriter, rq *request, b Bucket) {
	if len(b.CORS) == 0 {
		s.writeError(w, rq, &cosError{status: http.StatusNotFound, code: "NoSuchCORSConfiguration", message: "The CORS configuration does not exist."})
		return
	}
	s.writeXML(w, rq, &cos.BucketGetCORSResult{Rules: b.CORS})
}

func (s *Server) putCORS(w http.ResponseWriter, rq *request, _ Bucket) {
	body, e := s.readBody(rq.r, maxConfigBody)
	if e != nil {
		s.writeError(w, rq, e)
		return
	}
	var cfg cos.BucketPutCORSOptions
	if err := xml.Unmarshal(body, &cfg); err != nil || !validCORS(cfg.Rules) {
		s.writeError(w, rq, errMalformedXML)
		return
	}
	rules := cloneBucket(Bucket{CORS: cfg.Rules}).CORS
	s.updateBucket(rq.bucket, func(b *Bucket) { b.CORS = rules })
	s.writeEmpty(w, rq, http.StatusOK)
}

// validCORS applies D-CORS-API: 1 to 100 rules, each with an origin and
// methods from PUT, GET, POST, DELETE, HEAD; ExposeHeader cannot be "*".
func validCORS(rules []cos.BucketCORSRule) bool {
	if len(rules) == 0 || len(rules) > 100 {
		return false
	}
	for _, r := range rules {
		if len(r.AllowedOrigins) == 0 || len(r.AllowedMethods) == 0 {
			return false
		}
		for _, m := range r.AllowedMethods {
			switch strings.ToUpper(m) {
			case "PUT", "GET", "POST", "DELETE", "HEAD":
			default:
				return false
			}
		}
		for _, h := range r.ExposeHeaders {
			if h == "*" {
				return false
			}
		}
	}
	return true
}

func (s *Server) deleteCORS(w http.ResponseWriter, rq *request, _ Bucket) {
	s.updateBucket(rq.bucket, func(b *Bucket) { b.CORS = nil })
	s.writeEmpty(w, rq, http.StatusNoContent)
}

func (s *Server) getReferer(w http.ResponseWriter, rq *request, b Bucket) {
	res := cos.BucketGetRefererResult{Status: "Disabled", RefererType: checks.RefererWhiteList, EmptyReferConfiguration: "Deny"}
	if c := b.Referer; c != nil {
		if c.Enabled {
			res.Status = "Enabled"
		}
		if c.Type != "" {
			res.RefererType = c.Type
		}
		res.DomainList = append([]string(nil), c.Domains...)
		if c.AllowEmpty {
			res.EmptyReferConfiguration = "Allow"
		}
	}
	s.writeXML(w, rq, &res)
}

func (s *Server) putReferer(w http.ResponseWriter, rq *request, _ Bucket) {
	body, e := s.readBody(rq.r, maxConfigBody)
	if e != nil {
		s.writeError(w, rq, e)
		return
	}
	if len(bytes.TrimSpace(body)) == 0 {
		// cos-go-sdk-v5 DeleteReferer sends an empty PUT.
		s.updateBucket(rq.bucket, func(b *Bucket) { b.Referer = nil })
		s.writeEmpty(w, rq, http.StatusOK)
		return
	}
	var opt cos.BucketPutRefererOptions
	if err := xml.Unmarshal(body, &opt); err != nil || !validReferer(&opt) {
		s.writeError(w, rq, errMalformedXML)
		return
	}
	cfg := checks.RefererConfigFromOptions(&opt)
	s.updateBucket(rq.bucket, func(b *Bucket) { b.Referer = &cfg })
	s.writeEmpty(w, rq, http.StatusOK)
}

// validReferer applies D-REF-API's enumerations.
func validReferer(o *cos.BucketPutRefererOptions) bool {
	switch o.Status {
	case "Enabled", "Disabled":
	default:
		return false
	}
	switch o.RefererType {
	case checks.RefererWhiteList, checks.RefererBlackList:
	default:
		return false
	}
	switch o.EmptyReferConfiguration {
	case "", "Allow", "Deny":
	default:
		return false
	}
	return true
}

func (s *Server) getBucketACL(w http.ResponseWriter, rq *request, b Bucket) {
	s.writeBody(w, rq, http.StatusOK, "application/xml", aclXML(b.OwnerUin, b.ACL))
}

func (s *Server) putBucketACL(w http.ResponseWriter, rq *request, _ Bucket) {
	acl, e := s.readACL(rq, validBucketACL)
	if e != nil {
		s.writeError(w, rq, e)
		return
	}
	s.updateBucket(rq.bucket, func(b *Bucket) { b.ACL = acl })
	s.writeEmpty(w, rq, http.StatusOK)
}

func (s *Server) getObjectACL(w http.ResponseWriter, rq *request, b Bucket) {
	o, ok := s.objectSnapshot(rq.bucket, rq.key)
	if !ok {
		s.writeError(w, rq, errNoSuchKey)
		return
	}
	s.writeBody(w, rq, http.StatusOK, "application/xml", aclXML(b.OwnerUin, o.ACL))
}

func (s *Server) putObjectACL(w http.ResponseWriter, rq *request, _ Bucket) {
	acl, e := s.readACL(rq, validObjectACL)
	if e != nil {
		s.writeError(w, rq, e)
		return
	}
	found, _ := s.updateObject(rq.bucket, rq.key, func(o *Object) bool { o.ACL = acl; return true })
	if !found {
		s.writeError(w, rq, errNoSuchKey)
		return
	}
	s.writeEmpty(w, rq, http.StatusOK)
}

// Grantee URIs of the preset groups (D-ACL).
const (
	groupAllUsers      = "http://cam.qcloud.com/groups/global/AllUsers"
	groupAuthenticated = "http://cam.qcloud.com/groups/global/AuthenticatedUsers"
)

// readACL takes the preset from x-cos-acl, which wins over a body (D-ACL),
// or derives it from an AccessControlPolicy body.
func (s *Server) readACL(rq *request, valid func(checks.ACL) bool) (checks.ACL, *cosError) {
	body, e := s.readBody(rq.r, maxConfigBody)
	if e != nil {
		return "", e
	}
	if v := rq.r.Header.Get("x-cos-acl"); v != "" {
		if !valid(checks.ACL(v)) {
			return "", invalidArgument("The x-cos-acl you specified is not valid.")
		}
		return checks.ACL(v), nil
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return "", errMalformedXML
	}
	var x cos.ACLXml
	if err := xml.Unmarshal(body, &x); err != nil {
		return "", errMalformedXML
	}
	perms := map[string]map[string]bool{}
	for _, g := range x.AccessControlList {
		if g.Grantee == nil {
			continue
		}
		who := g.Grantee.URI
		if g.Grantee.ID == "qcs::cam::anyone:anyone" {
			who = groupAllUsers
		}
		if perms[who] == nil {
			perms[who] = map[string]bool{}
		}
		perms[who][g.Permission] = true
	}
	acl := checks.ACLPrivate
	switch all := perms[groupAllUsers]; {
	case all["FULL_CONTROL"] || (all["READ"] && all["WRITE"]):
		acl = checks.ACLPublicReadWrite
	case all["READ"]:
		acl = checks.ACLPublicRead
	case perms[groupAuthenticated]["READ"]:
		acl = checks.ACLAuthenticatedRead
	}
	if !valid(acl) {
		return "", invalidArgument("The ACL you specified is not valid for this resource.")
	}
	return acl, nil
}

// aclXML renders GET Bucket/Object acl the way D-ACL's samples do: the
// owner with FULL_CONTROL, plus the group grants of the preset.
func aclXML(owner string, acl checks.ACL) []byte {
	id := "qcs::cam::uin/" + owner + ":uin/" + owner
	var b strings.Builder
	b.WriteString("<?xml version='1.0' encoding='utf-8' ?>\n<AccessControlPolicy>\n\t<Owner>\n\t\t<ID>")
	escapeXML(&b, id)
	b.WriteString("</ID>\n\t\t<DisplayName>")
	escapeXML(&b, id)
	b.WriteString("</DisplayName>\n\t</Owner>\n\t<AccessControlList>\n")
	grant := func(kind, elem, value, perm string) {
		b.WriteString("\t\t<Grant>\n\t\t\t<Grantee xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"" + kind + "\">\n\t\t\t\t<" + elem + ">")
		escapeXML(&b, value)
		b.WriteString("</" + elem + ">\n")
		if elem == "ID" {
			b.WriteString("\t\t\t\t<DisplayName>")
			escapeXML(&b, value)
			b.WriteString("</DisplayName>\n")
		}
		b.WriteString("\t\t\t</Grantee>\n\t\t\t<Permission>" + perm + "</Permission>\n\t\t</Grant>\n")
	}
	grant("CanonicalUser", "ID", id, "FULL_CONTROL")
	switch acl {
	case checks.ACLPublicRead:
		grant("Group", "URI", groupAllUsers, "READ")
	case checks.ACLPublicReadWrite:
		grant("Group", "URI", groupAllUsers, "READ")
		grant("Group", "URI", groupAllUsers, "WRITE")
	case checks.ACLAuthenticatedRead:
		grant("Group", "URI", groupAuthenticated, "READ")
	}
	b.WriteString("\t</AccessControlList>\n</AccessControlPolicy>")
	return []byte(b.String())
}

func (s *Server) getBucket(w http.ResponseWriter, rq *request, b Bucket) {
	prefix, _ := lookupParam(rq.query, "prefix")
	delim, _ := lookupParam(rq.query, "delimiter")
	marker, _ := lookupParam(rq.query, "marker")
	maxKeys := 1000
	if v, ok := lookupParam(rq.query, "max-keys"); ok {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			s.writeError(w, rq, invalidArgument("The max-keys you specified is not valid."))
			return
		}
		if n < maxKeys {
			maxKeys = n
		}
	}
	res := cos.BucketGetResult{Name: b.Name, Prefix: prefix, Marker: marker, Delimiter: delim, MaxKeys: maxKeys}
	owner := &cos.Owner{ID: b.OwnerUin, DisplayName: b.OwnerUin}
	seen := map[string]bool{}
	count := 0
	for _, o := range s.listObjects(rq.bucket, prefix) {
		if o.Key <= marker {
			continue
		}
		entry := o.Key
		if delim != "" {
			if i := strings.Index(o.Key[len(prefix):], delim); i >= 0 {
				entry = o.Key[:len(prefix)+i+len(delim)]
			}
		}
		if seen[entry] {
			continue
		}
		if count == maxKeys {
			res.IsTruncated = true
			break
		}
		count++
		res.NextMarker = entry
		if entry != o.Key {
			seen[entry] = true
			res.CommonPrefixes = append(res.CommonPrefixes, entry)
			continue
		}
		res.Contents = append(res.Contents, cos.Object{
			Key: o.Key, ETag: etagOf(o.Body), Size: int64(len(o.Body)),
			LastModified: o.LastModified.UTC().Format("2006-01-02T15:04:05.000Z"),
			StorageClass: o.StorageClass, Owner: owner,
		})
	}
	if !res.IsTruncated {
		res.NextMarker = ""
	}
	s.writeXML(w, rq, &res)
}

func (s *Server) headBucket(w http.ResponseWriter, rq *request, b Bucket) {
	w.Header().Set("x-cos-bucket-region", b.Region)
	s.writeEmpty(w, rq, http.StatusOK)
}

// listBuckets serves GET Service for the signing key's account.
func (s *Server) listBuckets(w http.ResponseWriter, rq *request) {
	if rq.method != http.MethodGet {
		s.writeError(w, rq, &cosError{status: http.StatusMethodNotAllowed, code: "MethodNotAllowed", message: "The specified method is not allowed against this resource."})
		return
	}
	owner := rq.cred.OwnerUin
	res := cos.ServiceGetResult{Owner: &cos.Owner{ID: "qcs::cam::uin/" + owner + ":uin/" + owner, DisplayName: owner}}
	for _, b := range s.bucketsOwnedBy(owner) {
		if rq.addr.region != "" && b.Region != rq.addr.region {
			continue
		}
		res.Buckets = append(res.Buckets, cos.Bucket{
			Name: b.Name, Region: b.Region, BucketType: "cos",
			CreationDate: b.Created.UTC().Format(time.RFC3339),
		})
	}
	sort.Slice(res.Buckets, func(i, j int) bool { return res.Buckets[i].Name < res.Buckets[j].Name })
	s.writeXML(w, rq, &res)
}

// preflight serves OPTIONS Object (D-OPTIONS) with checks.EvaluateCORS.
func (s *Server) preflight(w http.ResponseWriter, rq *request) {
	r := rq.r
	var rules []cos.BucketCORSRule
	if rq.bucket != "" {
		b, ok := s.bucketConfig(rq.bucket)
		if !ok || (rq.addr.region != "" && rq.addr.region != b.Region) {
			s.writeError(w, rq, &cosError{status: http.StatusNotFound, code: "NoSuchBucket", message: "The specified bucket does not exist."})
			return
		}
		rules = b.CORS
	}
	origin := r.Header.Get("Origin")
	method := r.Header.Get("Access-Control-Request-Method")
	d := checks.EvaluateCORS(rules, origin, method, r.Header.Values("Access-Control-Request-Headers"))
	if origin == "" || method == "" || !d.Allowed {
		// §5.1, §11 fixture A: 403 AccessForbidden.
		s.writeError(w, rq, &cosError{status: http.StatusForbidden, code: "AccessForbidden", message: msgCORSForbidden})
		return
	}
	h := w.Header()
	h.Set("Access-Control-Allow-Origin", d.AllowOrigin)
	h.Set("Access-Control-Allow-Methods", d.AllowMethods)
	if d.AllowHeaders != "" {
		h.Set("Access-Control-Allow-Headers", d.AllowHeaders)
	}
	if d.ExposeHeaders != "" {
		h.Set("Access-Control-Expose-Headers", d.ExposeHeaders)
	}
	if d.MaxAge > 0 {
		h.Set("Access-Control-Max-Age", strconv.Itoa(d.MaxAge))
	}
	if d.AllowOrigin != "*" {
		// Two of D-OPTIONS's three samples carry it; it is meaningless
		// (and refused by browsers) next to a "*" origin.
		h.Set("Access-Control-Allow-Credentials", "true")
	}
	s.writeEmpty(w, rq, http.StatusOK)
}

// --- success writers ---

func (s *Server) writeEmpty(w http.ResponseWriter, rq *request, status int) {
	s.commonHeaders(w, rq)
	if status != http.StatusNoContent {
		w.Header().Set("Content-Length", "0")
	}
	w.WriteHeader(status)
}

func (s *Server) writeXML(w http.ResponseWriter, rq *request, v any) {
	body, err := xml.Marshal(v)
	if err != nil {
		s.writeError(w, rq, &cosError{status: http.StatusInternalServerError, code: "InternalError", message: "We encountered an internal error. Please try again."})
		return
	}
	body = append([]byte("<?xml version='1.0' encoding='utf-8' ?>\n"), body...)
	s.writeBody(w, rq, http.StatusOK, "application/xml", body)
}

func (s *Server) writeBody(w http.ResponseWriter, rq *request, status int, contentType string, body []byte) {
	s.commonHeaders(w, rq)
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	if rq.r.Method != http.MethodHead {
		_, _ = w.Write(body)
	}
}
