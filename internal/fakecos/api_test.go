package fakecos_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tencentyun/cos-go-sdk-v5"

	"github.com/cos403/cos403-go/checks"
	"github.com/cos403/cos403-go/classify"
	"github.com/cos403/cos403-go/cos403"
	"github.com/cos403/cos403-go/internal/fakecos"
)

func ctx(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return c
}

func readAll(t *testing.T, resp *cos.Response) string {
	t.Helper()
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return string(b)
}

// TestObjectRoundTrip covers PUT, GET, HEAD and DELETE Object through the
// SDK, including the CRC64 the SDK verifies after every PUT.
func TestObjectRoundTrip(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	c := rootClient(s)
	key := "dir/報告 (1)+final.txt"
	_, err := c.Object.Put(ctx(t), key, strings.NewReader("payload"), &cos.ObjectPutOptions{
		ObjectPutHeaderOptions: &cos.ObjectPutHeaderOptions{ContentType: "text/plain", XCosStorageClass: "STANDARD_IA"}})
	require.NoError(t, err)

	o, ok := s.Object(bucketName, key)
	require.True(t, ok, "the SDK's %%2B reaches the fake as '+'")
	assert.Equal(t, "STANDARD_IA", o.StorageClass)

	resp, err := c.Object.Get(ctx(t), key, &cos.ObjectGetOptions{ResponseContentType: "application/x-test"})
	require.NoError(t, err)
	assert.Equal(t, "payload", readAll(t, resp))
	assert.Equal(t, "application/x-test", resp.Header.Get("Content-Type"))
	assert.Equal(t, "STANDARD_IA", resp.Header.Get("x-cos-storage-class"))
	assert.Regexp(t, requestIDShape, resp.Header.Get("x-cos-request-id"))
	assert.Empty(t, resp.Header.Get("x-cos-trace-id"), "trace ids are sent on failures only (D-RESP)")

	resp, err = c.Object.Get(ctx(t), key, &cos.ObjectGetOptions{Range: "bytes=1-3"})
	require.NoError(t, err)
	assert.Equal(t, "ayl", readAll(t, resp))

	head, err := c.Object.Head(ctx(t), key, nil)
	require.NoError(t, err)
	assert.Equal(t, "7", head.Header.Get("Content-Length"))

	ok, err = c.Object.IsExist(ctx(t), "dir/missing.txt")
	require.NoError(t, err)
	assert.False(t, ok)

	_, err = c.Object.Delete(ctx(t), key)
	require.NoError(t, err)
	_, ok = s.Object(bucketName, key)
	assert.False(t, ok)

	_, err = c.Object.Get(ctx(t), key, nil)
	assert.True(t, cos.IsNotFoundError(err))
}

// TestPlusInPath reproduces PicGo #638 (cos-errors.md §3.1): a literal '+'
// in the request path is a space in COS's FormatString, so a client that
// signed '+' fails, while the SDK's %2B succeeds.
func TestPlusInPath(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	raw := "https://examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com/images/resume-zh+en_页面_1.png"
	req, err := http.NewRequest(http.MethodPut, raw, strings.NewReader("png"))
	require.NoError(t, err)
	cos.AddAuthorizationHeader(rootID, rootKey, "", req, cos.NewAuthTime(time.Hour))
	resp, err := s.Client().Do(req.WithContext(ctx(t)))
	require.NoError(t, err)
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	require.Equal(t, http.StatusForbidden, resp.StatusCode)
	assert.Equal(t, "SignatureDoesNotMatch", xmlText(body, "Code"))
	assert.True(t, strings.HasPrefix(xmlText(body, "FormatString"), "put\n/images/resume-zh en_页面_1.png\n"))
	assert.Equal(t, "examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com/images/resume-zh+en_页面_1.png", xmlText(body, "Resource"))

	c := rootClient(s)
	_, err = c.Object.Put(ctx(t), "images/resume-zh+en_页面_1.png", strings.NewReader("png"), nil)
	require.NoError(t, err)
}

// TestPresignedURLs covers the SDK's presigned forms: q-* query, sign=,
// and a temporary key's token in the query (GetPresignedURL2).
func TestPresignedURLs(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	c := rootClient(s)
	get := func(u string) (int, []byte) {
		t.Helper()
		req, err := http.NewRequestWithContext(ctx(t), http.MethodGet, u, nil)
		require.NoError(t, err)
		resp, err := s.Client().Do(req)
		require.NoError(t, err)
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		require.NoError(t, err)
		return resp.StatusCode, b
	}

	u, err := c.Object.GetPresignedURL(ctx(t), http.MethodGet, "private.txt", rootID, rootKey, time.Hour, nil)
	require.NoError(t, err)
	status, body := get(u.String())
	assert.Equal(t, http.StatusOK, status)
	assert.Equal(t, "private", string(body))

	u, err = c.Object.GetPresignedURL(ctx(t), http.MethodGet, "private.txt", rootID, rootKey, time.Hour, &cos.PresignedURLOptions{SignMerged: true})
	require.NoError(t, err)
	require.Contains(t, u.RawQuery, "sign=")
	status, _ = get(u.String())
	assert.Equal(t, http.StatusOK, status)

	tmp := sdk(s, nil, tmpID, tmpKey, tmpTok)
	u, err = tmp.Object.GetPresignedURL2(ctx(t), http.MethodGet, "dir/a.txt", time.Hour, nil)
	require.NoError(t, err)
	require.Contains(t, u.RawQuery, "x-cos-security-token=")
	status, body = get(u.String())
	assert.Equal(t, http.StatusOK, status, "%s", body)

	// An unsigned extra parameter is not checked (D-STRICT: only listed
	// parameters are verified) ...
	u, err = c.Object.GetPresignedURL(ctx(t), http.MethodGet, "private.txt", rootID, rootKey, time.Hour, nil)
	require.NoError(t, err)
	status, _ = get(u.String() + "&response-content-type=text%2Fhtml")
	assert.Equal(t, http.StatusOK, status)
	// ... unless a strict-signature rule demands it.
	require.NoError(t, s.AddBucket(fakecos.Bucket{Name: bucketName, Region: region, OwnerUin: ownerUin,
		StrictSign: &fakecos.StrictSign{Params: []string{"response-content-type"}}}))
	req, err := http.NewRequestWithContext(ctx(t), http.MethodGet, u.String()+"&response-content-type=text%2Fhtml", nil)
	require.NoError(t, err)
	resp, err := s.Client().Do(req)
	require.NoError(t, err)
	e, ok := cos403.As(classify.Response(resp))
	resp.Body.Close()
	require.True(t, ok)
	assert.Equal(t, cos403.CauseStrictSignature, e.Cause)
	assert.Equal(t, "Strict signature missing param that must be signed", e.Message)

	// D-PERMFAQ: an expired URL is refused even for a public-read object.
	u, err = c.Object.GetPresignedURL(ctx(t), http.MethodGet, "public.txt", rootID, rootKey, time.Minute, nil)
	require.NoError(t, err)
	s.Advance(2 * time.Minute)
	status, body = get(u.String())
	assert.Equal(t, http.StatusForbidden, status)
	assert.Equal(t, "Request has expired", xmlText(body, "Message"))
}

// TestRestoreLifecycle: POST Object restore (D-RESTORE), its conflicts
// (§1.5), and completion as the server clock passes the tier's time.
func TestRestoreLifecycle(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	c := sdk(s, nil, rootID, rootKey, "")
	opt := &cos.ObjectRestoreOptions{Days: 2, Tier: &cos.CASJobParameters{Tier: "Expedited"}}

	resp, err := c.Object.PostRestore(ctx(t), "cold.bin", opt)
	require.NoError(t, err)
	assert.Equal(t, http.StatusAccepted, resp.StatusCode)

	head, err := c.Object.Head(ctx(t), "cold.bin", nil)
	require.NoError(t, err)
	st := checks.ParseRestore(head.Header)
	assert.Equal(t, checks.RestoreOngoing, st.Restore)
	assert.Equal(t, "Expedited", st.Tier)
	assert.Contains(t, head.Header.Get("x-cos-restore-status"), `tier="expedited"`)

	_, err = c.Object.Get(ctx(t), "cold.bin", nil)
	assert.Equal(t, cos403.CauseArchivedObject, cos403.CauseOf(classify.Classify(err)))

	_, err = c.Object.PostRestore(ctx(t), "cold.bin", opt)
	var er *cos.ErrorResponse
	require.ErrorAs(t, err, &er)
	assert.Equal(t, http.StatusConflict, er.Response.StatusCode)
	assert.Equal(t, "RestoreAlreadyInProgress", er.Code)

	_, err = c.Object.PostRestore(ctx(t), "private.txt", opt)
	require.ErrorAs(t, err, &er)
	assert.Equal(t, http.StatusMethodNotAllowed, er.Response.StatusCode)
	assert.Equal(t, "RestoreNonArchiveObject", er.Code)

	// Expedited takes one to five minutes; the signature stays valid since
	// the SDK signs for an hour.
	s.Advance(90 * time.Second)
	resp, err = c.Object.Get(ctx(t), "cold.bin", nil)
	require.NoError(t, err)
	assert.Equal(t, "archived", readAll(t, resp))
	head, err = c.Object.Head(ctx(t), "cold.bin", nil)
	require.NoError(t, err)
	st = checks.ParseRestore(head.Header)
	assert.Equal(t, checks.RestoreRestored, st.Restore)
	assert.True(t, st.Readable)

	// DEEP_ARCHIVE has no Expedited tier; a faster tier replaces a slower
	// one in progress (D-DEEPARCH).
	_, err = c.Object.PostRestore(ctx(t), "deep.bin", opt)
	require.ErrorAs(t, err, &er)
	assert.Equal(t, http.StatusBadRequest, er.Response.StatusCode)
	_, err = c.Object.PostRestore(ctx(t), "deep.bin", &cos.ObjectRestoreOptions{Days: 1, Tier: &cos.CASJobParameters{Tier: "Bulk"}})
	require.NoError(t, err)
	_, err = c.Object.PostRestore(ctx(t), "deep.bin", &cos.ObjectRestoreOptions{Days: 1, Tier: &cos.CASJobParameters{Tier: "Standard"}})
	require.NoError(t, err)
	_, err = c.Object.PostRestore(ctx(t), "deep.bin", &cos.ObjectRestoreOptions{Days: 1, Tier: &cos.CASJobParameters{Tier: "Bulk"}})
	require.ErrorAs(t, err, &er)
	assert.Equal(t, "RestoreAlreadyInProgress", er.Code)
}

// TestRestoreExpiry: the restored copy goes away after its days.
func TestRestoreExpiry(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	now := s.Now()
	require.NoError(t, s.PutObject(bucketName, fakecos.Object{Key: "thawed.bin", Body: []byte("x"), StorageClass: "ARCHIVE",
		Restore: &fakecos.Restore{Tier: "Standard", Days: 1, RequestedAt: now.Add(-4 * time.Hour), ReadyAt: now.Add(-time.Hour)}}))
	c := rootClient(s)
	resp, err := c.Object.Get(ctx(t), "thawed.bin", nil)
	require.NoError(t, err)
	readAll(t, resp)
	// Move the server a day on; sign for its clock with presigned URLs.
	s.Advance(24 * time.Hour)
	at := &cos.AuthTime{SignStartTime: s.Now(), SignEndTime: s.Now().Add(time.Hour), KeyStartTime: s.Now(), KeyEndTime: s.Now().Add(time.Hour)}
	u, err := c.Object.GetPresignedURL(ctx(t), http.MethodGet, "thawed.bin", rootID, rootKey, time.Hour, &cos.PresignedURLOptions{AuthTime: at})
	require.NoError(t, err)
	r, err := s.Client().Get(u.String())
	require.NoError(t, err)
	e, ok := cos403.As(classify.Response(r))
	r.Body.Close()
	require.True(t, ok)
	assert.Equal(t, cos403.CauseArchivedObject, e.Cause)
	assert.Equal(t, "ARCHIVE", e.StorageClass)
}

// TestBucketConfigurationAPIs drives GET/PUT Bucket policy, cors, referer
// and acl through the SDK and checks the fake enforces what was set.
func TestBucketConfigurationAPIs(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	root := rootClient(s)
	anon := sdk(s, nil, "", "", "")

	// Policy: GET before PUT is 404; the root account can always PUT.
	_, _, err := root.Bucket.GetPolicy(ctx(t))
	assert.True(t, cos.IsNotFoundError(err))
	pol := &cos.BucketPutPolicyOptions{Version: "2.0", Statement: []cos.BucketStatement{{
		Principal: map[string][]string{"qcs": {"qcs::cam::anyone:anyone"}},
		Action:    []string{"name/cos:GetObject"}, Effect: "allow", Resource: []string{resource("dir/*")},
	}}}
	_, err = root.Bucket.PutPolicy(ctx(t), pol)
	require.NoError(t, err)
	got, _, err := root.Bucket.GetPolicy(ctx(t))
	require.NoError(t, err)
	assert.Equal(t, pol.Statement[0].Action, got.Statement[0].Action)
	resp, err := anon.Object.Get(ctx(t), "dir/a.txt", nil)
	require.NoError(t, err, "D-403: a policy granting anonymous access outranks a private ACL")
	readAll(t, resp)
	_, err = sdk(s, nil, subID, subKey, "").Bucket.PutPolicy(ctx(t), pol)
	assert.Equal(t, cos403.CausePermissionDenied, cos403.CauseOf(classify.Classify(err)))
	_, err = root.Bucket.PutPolicy(ctx(t), &cos.BucketPutPolicyOptions{Version: "2.0", Statement: []cos.BucketStatement{{Effect: "perhaps"}}})
	var er *cos.ErrorResponse
	require.ErrorAs(t, err, &er)
	assert.Equal(t, http.StatusBadRequest, er.Response.StatusCode)
	_, err = root.Bucket.DeletePolicy(ctx(t))
	require.NoError(t, err)

	// CORS.
	_, err = root.Object.Options(ctx(t), "dir/a.txt", &cos.ObjectOptionsOptions{Origin: "https://app.example.com", AccessControlRequestMethod: "PUT"})
	assert.Equal(t, cos403.CauseCORSRejected, cos403.CauseOf(classify.Classify(err)), "no CORS configuration refuses every preflight")
	_, _, err = root.Bucket.GetCORS(ctx(t))
	assert.True(t, cos.IsNotFoundError(err))
	_, err = root.Bucket.PutCORS(ctx(t), &cos.BucketPutCORSOptions{Rules: []cos.BucketCORSRule{{
		AllowedOrigins: []string{"https://*.example.com"}, AllowedMethods: []string{"PUT", "GET"},
		AllowedHeaders: []string{"x-cos-*", "content-type"}, ExposeHeaders: []string{"ETag"}, MaxAgeSeconds: 600,
	}}})
	require.NoError(t, err)
	cors, _, err := root.Bucket.GetCORS(ctx(t))
	require.NoError(t, err)
	require.Len(t, cors.Rules, 1)
	resp, err = anon.Object.Options(ctx(t), "dir/a.txt", &cos.ObjectOptionsOptions{
		Origin: "https://app.example.com", AccessControlRequestMethod: "PUT", AccessControlRequestHeaders: "Content-Type, x-cos-meta-a"})
	require.NoError(t, err)
	assert.Equal(t, "https://app.example.com", resp.Header.Get("Access-Control-Allow-Origin"))
	assert.Equal(t, "600", resp.Header.Get("Access-Control-Max-Age"))
	assert.Equal(t, "ETag", resp.Header.Get("Access-Control-Expose-Headers"))
	_, err = root.Bucket.PutCORS(ctx(t), &cos.BucketPutCORSOptions{Rules: []cos.BucketCORSRule{{AllowedOrigins: []string{"*"}, AllowedMethods: []string{"PATCH"}}}})
	require.ErrorAs(t, err, &er)
	assert.Equal(t, "MalformedXML", er.Code)
	_, err = root.Bucket.DeleteCORS(ctx(t))
	require.NoError(t, err)
	_, err = anon.Object.Options(ctx(t), "dir/a.txt", &cos.ObjectOptionsOptions{Origin: "https://app.example.com", AccessControlRequestMethod: "PUT"})
	assert.Equal(t, cos403.CauseCORSRejected, cos403.CauseOf(classify.Classify(err)))

	// Referer.
	ref, _, err := root.Bucket.GetReferer(ctx(t))
	require.NoError(t, err)
	assert.Equal(t, "Disabled", ref.Status)
	_, err = root.Bucket.PutReferer(ctx(t), &cos.BucketPutRefererOptions{Status: "Enabled", RefererType: "Black-List", DomainList: []string{"*.bad.example"}, EmptyReferConfiguration: "Allow"})
	require.NoError(t, err)
	ref, _, err = root.Bucket.GetReferer(ctx(t))
	require.NoError(t, err)
	assert.Equal(t, []string{"*.bad.example"}, ref.DomainList)
	h := http.Header{"Referer": {"https://www.bad.example/x"}}
	_, err = anon.Object.Get(ctx(t), "public.txt", &cos.ObjectGetOptions{XOptionHeader: &h})
	assert.Equal(t, cos403.CauseRefererDenied, cos403.CauseOf(classify.Classify(err)))
	resp, err = root.Object.Get(ctx(t), "public.txt", &cos.ObjectGetOptions{XOptionHeader: &h})
	require.NoError(t, err, "signed requests skip the referer check (D-REF-CON)")
	readAll(t, resp)
	_, err = root.Bucket.DeleteReferer(ctx(t))
	require.NoError(t, err)
	resp, err = anon.Object.Get(ctx(t), "public.txt", &cos.ObjectGetOptions{XOptionHeader: &h})
	require.NoError(t, err)
	readAll(t, resp)

	// ACL.
	acl, _, err := root.Bucket.GetACL(ctx(t))
	require.NoError(t, err)
	assert.Equal(t, "qcs::cam::uin/"+ownerUin+":uin/"+ownerUin, acl.Owner.ID)
	_, err = anon.Object.Get(ctx(t), "private.txt", nil)
	assert.Equal(t, cos403.CauseAnonymousDenied, cos403.CauseOf(classify.Classify(err)))
	_, err = root.Bucket.PutACL(ctx(t), &cos.BucketPutACLOptions{Header: &cos.ACLHeaderOptions{XCosACL: "public-read"}})
	require.NoError(t, err)
	acl, resp, err = root.Bucket.GetACL(ctx(t))
	require.NoError(t, err)
	assert.Equal(t, "public-read", resp.Header.Get("x-cos-acl"), "decodeACL reads the AllUsers READ grant")
	assert.Len(t, acl.AccessControlList, 2)
	resp, err = anon.Object.Get(ctx(t), "private.txt", nil)
	require.NoError(t, err, "an object set to default inherits the bucket ACL (D-ANON)")
	readAll(t, resp)
	b, ok := s.Bucket(bucketName)
	require.True(t, ok)
	assert.Equal(t, checks.ACLPublicRead, b.ACL)
	_, err = root.Bucket.PutACL(ctx(t), &cos.BucketPutACLOptions{Body: &cos.ACLXml{Owner: &cos.Owner{ID: acl.Owner.ID}, AccessControlList: []cos.ACLGrant{
		{Grantee: &cos.ACLGrantee{Type: "CanonicalUser", ID: acl.Owner.ID}, Permission: "FULL_CONTROL"}}}})
	require.NoError(t, err)
	b, _ = s.Bucket(bucketName)
	assert.Equal(t, checks.ACLPrivate, b.ACL)
}

// TestAddressing covers path-style rules, regions and the service host.
func TestAddressing(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	require.NoError(t, s.AddBucket(fakecos.Bucket{Name: "legacy-1250000000", Region: region, OwnerUin: ownerUin,
		Created: time.Date(2023, 12, 31, 0, 0, 0, 0, time.UTC), ACL: checks.ACLPublicRead}))
	require.NoError(t, s.PutObject("legacy-1250000000", fakecos.Object{Key: "old.txt", Body: []byte("old")}))

	path := sdk(s, &cos.BaseURL{BucketURL: s.ServiceURL(region)}, rootID, rootKey, "")
	resp, err := path.Object.Get(ctx(t), "legacy-1250000000/old.txt", nil)
	require.NoError(t, err, "buckets created before 2024-01-01 keep path-style")
	assert.Equal(t, "old", readAll(t, resp))

	// The fake's own address is not a COS domain: path-style always works.
	r, err := s.Client().Get(s.URL() + "/" + bucketName + "/public.txt")
	require.NoError(t, err)
	body, _ := io.ReadAll(r.Body)
	r.Body.Close()
	assert.Equal(t, "public", string(body))
	r, err = s.Client().Get(s.TLSURL() + "/" + bucketName + "/public.txt")
	require.NoError(t, err)
	r.Body.Close()
	assert.Equal(t, http.StatusOK, r.StatusCode)

	// Another region names no bucket.
	wrong := sdk(s, &cos.BaseURL{BucketURL: s.BucketURL(bucketName, "ap-beijing")}, rootID, rootKey, "")
	_, err = wrong.Object.Get(ctx(t), "public.txt", nil)
	var er *cos.ErrorResponse
	require.ErrorAs(t, err, &er)
	assert.Equal(t, "NoSuchBucket", er.Code)

	// tencentcos.cn and cos-internal hosts address the same bucket.
	r, err = s.Client().Get("https://" + bucketName + ".cos-internal.ap-guangzhou.tencentcos.cn/public.txt")
	require.NoError(t, err)
	r.Body.Close()
	assert.Equal(t, http.StatusOK, r.StatusCode)

	// GET Service lists the signing account's buckets.
	list, _, err := rootClient(s).Service.Get(ctx(t))
	require.NoError(t, err)
	var names []string
	for _, b := range list.Buckets {
		names = append(names, b.Name)
	}
	assert.Equal(t, []string{bucketName, "legacy-1250000000"}, names)

	// The Transport never leaves the loopback.
	_, err = s.Client().Get("https://example.com/")
	assert.Error(t, err)
}

// TestHeadErrorsHaveNoBody: HEAD refusals carry the headers only (§2.3).
func TestHeadErrorsHaveNoBody(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	anon := sdk(s, nil, "", "", "")
	_, err := anon.Object.Head(ctx(t), "private.txt", nil)
	require.Error(t, err)
	x := anon.rec.Last()
	assert.Equal(t, http.StatusForbidden, x.Status)
	assert.Empty(t, x.Body)
	assert.Regexp(t, requestIDShape, x.Header.Get("x-cos-request-id"))
	assert.Equal(t, "tencent-cos", x.Header.Get("Server"))
	e, ok := cos403.As(classify.Classify(err))
	require.True(t, ok)
	assert.NotEqual(t, cos403.CauseNotFromCOS, e.Cause, "a HEAD refusal still comes from COS")
}

// TestCredentialsNeverPrinted: set-up values that hold secrets print
// without them, and the request log never shows a signature or token.
func TestCredentialsNeverPrinted(t *testing.T) {
	t.Parallel()
	var (
		mu   sync.Mutex
		logs bytes.Buffer
	)
	s := fakecos.NewTest(t, fakecos.Config{Logf: func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		logs.WriteString(strings.TrimSpace(strings.ReplaceAll(format, "%", "")))
		for _, a := range args {
			logs.WriteString(" ")
			logs.WriteString(strings.TrimSpace(toString(a)))
		}
		logs.WriteString("\n")
	}})
	cred := fakecos.Credential{SecretID: "AKIDvisible", SecretKey: "SECRET-KEY-VALUE", OwnerUin: ownerUin, Token: "TOKEN-VALUE"}
	require.NoError(t, s.AddCredential(cred))
	require.NoError(t, s.AddBucket(fakecos.Bucket{Name: bucketName, Region: region, OwnerUin: ownerUin}))
	js, err := json.Marshal(cred)
	require.NoError(t, err)
	for _, out := range []string{
		sprintf("%v", cred), sprintf("%+v", cred), sprintf("%#v", cred), sprintf("%s", cred), string(js),
		sprintf("%v", []fakecos.Credential{cred}), sprintf("%+v", s), sprintf("%#v", s),
	} {
		assert.NotContains(t, out, "SECRET-KEY-VALUE")
		assert.NotContains(t, out, "TOKEN-VALUE")
	}
	c := sdk(s, nil, "AKIDvisible", "SECRET-KEY-VALUE", "TOKEN-VALUE")
	u, err := c.Object.GetPresignedURL2(ctx(t), http.MethodGet, "x.txt", time.Hour, nil)
	require.NoError(t, err)
	r, err := s.Client().Get(u.String())
	require.NoError(t, err)
	r.Body.Close()
	mu.Lock()
	defer mu.Unlock()
	assert.NotContains(t, logs.String(), "TOKEN-VALUE")
	assert.NotContains(t, logs.String(), "q-signature")
	assert.Contains(t, logs.String(), "x.txt")
}

// TestSetupErrors: invalid set-up values are typed errors, never panics.
func TestSetupErrors(t *testing.T) {
	t.Parallel()
	s := fakecos.NewTest(t, fakecos.Config{})
	for _, tc := range []struct {
		name string
		err  error
		want error
	}{
		{"bucket without appid", s.AddBucket(fakecos.Bucket{Name: "noappid", Region: region, OwnerUin: ownerUin}), fakecos.ErrInvalidBucket},
		{"bucket without owner", s.AddBucket(fakecos.Bucket{Name: bucketName, Region: region}), fakecos.ErrInvalidBucket},
		{"bucket bad region", s.AddBucket(fakecos.Bucket{Name: bucketName, Region: "Ap Guangzhou", OwnerUin: ownerUin}), fakecos.ErrInvalidBucket},
		{"bucket object-only ACL", s.AddBucket(fakecos.Bucket{Name: bucketName, Region: region, OwnerUin: ownerUin, ACL: checks.ACLBucketOwnerRead}), fakecos.ErrInvalidBucket},
		{"bucket bad policy", s.AddBucket(fakecos.Bucket{Name: bucketName, Region: region, OwnerUin: ownerUin, Policy: []byte("{")}), fakecos.ErrInvalidBucket},
		{"object in missing bucket", s.PutObject("missing-1250000000", fakecos.Object{Key: "k"}), fakecos.ErrNoSuchBucket},
		{"credential without key", s.AddCredential(fakecos.Credential{SecretID: "AKID"}), fakecos.ErrInvalidCredential},
		{"credential bad STS policy", s.AddCredential(fakecos.Credential{SecretID: "AKID", SecretKey: "k", OwnerUin: ownerUin, STSPolicy: []byte("[]")}), fakecos.ErrInvalidCredential},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.ErrorIs(t, tc.err, tc.want)
		})
	}
	require.NoError(t, s.AddBucket(fakecos.Bucket{Name: bucketName, Region: region, OwnerUin: ownerUin}))
	assert.ErrorIs(t, s.PutObject(bucketName, fakecos.Object{Key: ""}), fakecos.ErrInvalidObject)
	assert.ErrorIs(t, s.PutObject(bucketName, fakecos.Object{Key: "k", StorageClass: "GLACIER"}), fakecos.ErrInvalidObject)
	assert.ErrorIs(t, s.PutObject(bucketName, fakecos.Object{Key: "k", ACL: checks.ACLPublicReadWrite}), fakecos.ErrInvalidObject)
}
