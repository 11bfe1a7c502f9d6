package fakecos_test

import (
	"bytes"
	"io"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/tencentyun/cos-go-sdk-v5"

	"github.com/cos403/cos403-go/checks"
	"github.com/cos403/cos403-go/classify"
	"github.com/cos403/cos403-go/internal/fakecos"
)

const (
	ownerUin   = "100000000001"
	subUin     = "100000000011"
	region     = "ap-guangzhou"
	bucketName = "examplebucket-1250000000"
	appID      = "1250000000"

	rootID, rootKey       = "AKIDrootEXAMPLE", "rootSecretKeyEXAMPLE"
	subID, subKey         = "AKIDsubEXAMPLE", "subSecretKeyEXAMPLE"
	readerID, readerKey   = "AKIDreaderEXAMPLE", "readerSecretKeyEXAMPLE"
	disabledID            = "AKIDdisabledEXAMPLE"
	tmpID, tmpKey, tmpTok = "AKIDtmpEXAMPLE", "tmpSecretKeyEXAMPLE", "tmp-token-EXAMPLE"
	oldTmpID              = "AKIDoldtmpEXAMPLE"
)

// resource is checks.ResourceName for a key of the test bucket.
func resource(key string) string { return checks.ResourceName(region, appID, bucketName, key) }

// readPolicy lets a sub-account read the whole bucket.
func readPolicy() []byte {
	return []byte(`{"version":"2.0","statement":[{"effect":"allow","action":["name/cos:GetObject","name/cos:HeadObject"],"resource":["` + resource("*") + `"]}]}`)
}

// stsPolicy limits a temporary key to dir/*.
func stsPolicy() []byte {
	return []byte(`{"version":"2.0","statement":[{"effect":"allow","action":["name/cos:GetObject","name/cos:PutObject"],"resource":["` + resource("dir/*") + `"]}]}`)
}

// newServer starts a fake with the test bucket, its objects and keys.
func newServer(t testing.TB) *fakecos.Server {
	t.Helper()
	s := fakecos.NewTest(t, fakecos.Config{})
	now := s.Now()
	require.NoError(t, s.AddBucket(fakecos.Bucket{Name: bucketName, Region: region, OwnerUin: ownerUin}))
	for _, c := range []fakecos.Credential{
		{SecretID: rootID, SecretKey: rootKey, OwnerUin: ownerUin},
		{SecretID: subID, SecretKey: subKey, OwnerUin: ownerUin, Uin: subUin},
		{SecretID: readerID, SecretKey: readerKey, OwnerUin: ownerUin, Uin: "100000000012", UserPolicies: [][]byte{readPolicy()}},
		{SecretID: disabledID, SecretKey: "disabledSecretKey", OwnerUin: ownerUin, Disabled: true},
		{SecretID: tmpID, SecretKey: tmpKey, OwnerUin: ownerUin, Token: tmpTok, Expires: now.Add(2 * time.Hour), STSPolicy: stsPolicy()},
		{SecretID: oldTmpID, SecretKey: "oldTmpSecretKey", OwnerUin: ownerUin, Token: "old-token", Expires: now.Add(-time.Minute), STSPolicy: stsPolicy()},
	} {
		require.NoError(t, s.AddCredential(c))
	}
	for _, o := range []fakecos.Object{
		{Key: "private.txt", Body: []byte("private"), ContentType: "text/plain"},
		{Key: "public.txt", Body: []byte("public"), ContentType: "text/plain", ACL: checks.ACLPublicRead},
		{Key: "dir/a.txt", Body: []byte("in dir"), ContentType: "text/plain"},
		{Key: "cold.bin", Body: []byte("archived"), StorageClass: "ARCHIVE"},
		{Key: "deep.bin", Body: []byte("deep archived"), StorageClass: "DEEP_ARCHIVE"},
		{Key: "app.apk", Body: []byte("PK..")},
	} {
		require.NoError(t, s.PutObject(bucketName, o))
	}
	return s
}

// exchange is one request/response pair as it crossed the wire.
type exchange struct {
	Method string
	URL    string
	Status int
	Header http.Header
	Body   []byte
}

// recorder keeps the last exchange, body included, below the SDK (which
// consumes error bodies).
type recorder struct {
	Base http.RoundTripper
	mu   sync.Mutex
	last *exchange
}

func (r *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := r.Base.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	body, rerr := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	// A body cut short keeps failing the same way for the caller.
	resp.Body = io.NopCloser(io.MultiReader(bytes.NewReader(body), errReader{rerr}))
	r.mu.Lock()
	r.last = &exchange{Method: req.Method, URL: req.URL.String(), Status: resp.StatusCode, Header: resp.Header.Clone(), Body: body}
	r.mu.Unlock()
	return resp, nil
}

// errReader returns err, or io.EOF when err is nil.
type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) {
	if e.err == nil {
		return 0, io.EOF
	}
	return 0, e.err
}

func (r *recorder) Last() *exchange {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.last
}

// client is an SDK client for the test bucket.
type client struct {
	*cos.Client
	rec *recorder
}

// sdk builds a cos-go-sdk-v5 client wired the way the project documents:
// AuthorizationTransport, then classify.Transport, then the fake. An empty
// id makes an anonymous client.
func sdk(s *fakecos.Server, base *cos.BaseURL, id, key, token string) *client {
	rec := &recorder{Base: s.Transport()}
	var rt http.RoundTripper
	if id == "" {
		rt = &classify.Transport{Base: rec}
	} else {
		auth := &cos.AuthorizationTransport{SecretID: id, SecretKey: key, SessionToken: token}
		auth.Transport = &classify.Transport{Base: rec, Credentials: auth}
		rt = auth
	}
	if base == nil {
		base = &cos.BaseURL{BucketURL: s.BucketURL(bucketName, region), ServiceURL: s.ServiceURL(region)}
	}
	c := cos.NewClient(base, &http.Client{Transport: rt})
	// 4xx is never retried by the SDK; fault tests want one attempt too.
	c.Conf.RetryOpt.Count = 1
	return &client{Client: c, rec: rec}
}

func rootClient(s *fakecos.Server) *client { return sdk(s, nil, rootID, rootKey, "") }

var (
	requestIDShape = regexp.MustCompile(`^N[A-Za-z0-9+/]{29,}={0,2}$`)
	traceIDShape   = regexp.MustCompile(`^[A-Za-z0-9+/]{40,}={0,2}$`)
)

// normalise replaces the per-request values of an error body so it can
// be compared with a golden file.
func normalise(body []byte) string {
	out := regexp.MustCompile(`<RequestId>[^<]*</RequestId>`).ReplaceAllString(string(body), "<RequestId>REQUEST_ID</RequestId>")
	out = regexp.MustCompile(`<TraceId>[^<]*</TraceId>`).ReplaceAllString(out, "<TraceId>TRACE_ID</TraceId>")
	out = regexp.MustCompile(`<ServerTime>[^<]*</ServerTime>`).ReplaceAllString(out, "<ServerTime>SERVER_TIME</ServerTime>")
	out = regexp.MustCompile(`\n[0-9]+;[0-9]+\n[0-9a-f]{40}\n`).ReplaceAllString(out, "\nKEY_TIME\nSHA1\n")
	return out
}

// xmlText extracts one element of an error body, entity-decoded.
func xmlText(body []byte, name string) string {
	m := regexp.MustCompile(`(?s)<` + name + `>(.*?)</` + name + `>`).FindSubmatch(body)
	if m == nil {
		return ""
	}
	r := strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">", "&apos;", "'", "&quot;", `"`)
	return r.Replace(string(m[1]))
}
