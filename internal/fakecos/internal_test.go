package fakecos

import (
	"context"
	"encoding/base64"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestParseHost(t *testing.T) {
	self := []string{"127.0.0.1:4567"}
	for _, tc := range []struct {
		host   string
		kind   hostKind
		bucket string
		region string
		def    bool
	}{
		{"examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com", hostVirtual, "examplebucket-1250000000", "ap-guangzhou", true},
		{"MixedCase-1250000000.cos.ap-shanghai.myqcloud.com", hostVirtual, "mixedcase-1250000000", "ap-shanghai", true},
		{"examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com:443", hostVirtual, "examplebucket-1250000000", "ap-guangzhou", true},
		{"bucket-1250000000.cos-internal.ap-chengdu.tencentcos.cn", hostVirtual, "bucket-1250000000", "ap-chengdu", true},
		{"photos-1300000000.cos.accelerate.myqcloud.com", hostVirtual, "photos-1300000000", "", true},
		{"www-1250000000.cos-website.ap-beijing.myqcloud.com", hostVirtual, "www-1250000000", "ap-beijing", true},
		{"cos.ap-guangzhou.myqcloud.com", hostRegion, "", "ap-guangzhou", true},
		{"cos.ap-guangzhou.tencentcos.cn", hostRegion, "", "ap-guangzhou", true},
		{"service.cos.myqcloud.com", hostService, "", "", true},
		{"127.0.0.1:4567", hostSelf, "", "", false},
		{"localhost:80", hostSelf, "", "", false},
		{"example.com", hostUnknown, "", "", false},
		{"nobucket.cos.ap-guangzhou.myqcloud.com", hostUnknown, "", "", true},
		{"a.b.c.d.myqcloud.com", hostUnknown, "", "", true},
	} {
		t.Run(tc.host, func(t *testing.T) {
			a := parseHost(tc.host, self)
			assert.Equal(t, tc.kind, a.kind, "parseHost(%s).kind", tc.host)
			assert.Equal(t, tc.bucket, a.bucket)
			assert.Equal(t, tc.region, a.region)
			assert.Equal(t, tc.def, a.defaultDomain)
		})
	}
}

// TestRequestIDShape: D-DIAG's rule (starts with N, at least 30 Base64
// characters) and §11's plaintext layout, whatever the clock says.
func TestRequestIDShape(t *testing.T) {
	layout := regexp.MustCompile(`^[0-9a-f]{8}_[0-9a-f]{8}_[0-9a-f]{5}_[0-9a-f]{6}$`)
	for _, now := range []time.Time{time.Now(), time.Unix(1594294102, 0), time.Unix(0, 0), time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)} {
		id := newRequestID(now, 42)
		assert.True(t, strings.HasPrefix(id, "N"), id)
		assert.GreaterOrEqual(t, len(id), 30)
		raw, err := base64.StdEncoding.DecodeString(id)
		if assert.NoError(t, err) {
			assert.Regexp(t, layout, string(raw))
		}
	}
	tr, err := base64.StdEncoding.DecodeString(newTraceID())
	assert.NoError(t, err)
	assert.Regexp(t, `^[0-9a-f]{128}$`, string(tr))
}

func TestEscapeXML(t *testing.T) {
	var b strings.Builder
	escapeXML(&b, "a&b<c>d'e\"f\ng")
	assert.Equal(t, "a&amp;b&lt;c&gt;d&apos;e&quot;f\ng", b.String())
}

func TestCOSPath(t *testing.T) {
	for _, tc := range []struct{ target, want string }{
		{"/images/resume-zh+en_1.png", "/images/resume-zh en_1.png"},
		{"/images/resume-zh%2Ben_1.png", "/images/resume-zh+en_1.png"},
		{"/a%20b", "/a b"},
		{"/plain?x=1+2", "/plain"},
	} {
		r, err := http.NewRequest(http.MethodGet, "http://h"+tc.target, nil)
		if !assert.NoError(t, err) {
			continue
		}
		r.RequestURI = tc.target
		assert.Equal(t, tc.want, cosPath(r), tc.target)
	}
}

func TestRestoreState(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var none *Restore
	assert.Equal(t, restoreNone, none.state(now))
	r := &Restore{Days: 2, ReadyAt: now.Add(time.Minute)}
	assert.Equal(t, restoreOngoing, r.state(now))
	assert.Equal(t, restoreDone, r.state(now.Add(time.Minute)))
	assert.Equal(t, restoreDone, r.state(now.Add(47*time.Hour)))
	assert.Equal(t, restoreNone, r.state(now.Add(49*time.Hour)))
}

// FuzzServe feeds arbitrary requests to the handler: whatever arrives, the
// fake answers with a status and never panics.
func FuzzServe(f *testing.F) {
	s, err := New(Config{})
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(s.Close)
	if err := s.AddBucket(Bucket{Name: "examplebucket-1250000000", Region: "ap-guangzhou", OwnerUin: "1"}); err != nil {
		f.Fatal(err)
	}
	if err := s.AddCredential(Credential{SecretID: "AKID", SecretKey: "key", OwnerUin: "1"}); err != nil {
		f.Fatal(err)
	}
	if err := s.PutObject("examplebucket-1250000000", Object{Key: "a+b.txt", Body: []byte("x"), StorageClass: "ARCHIVE"}); err != nil {
		f.Fatal(err)
	}
	const host = "examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com"
	f.Add("GET", host, "/a+b.txt", "", "")
	f.Add("POST", host, "/a+b.txt?restore", "", "<RestoreRequest><Days>1</Days></RestoreRequest>")
	f.Add("PUT", host, "/?cors", "", "<CORSConfiguration><CORSRule/></CORSConfiguration>")
	f.Add("GET", "cos.ap-guangzhou.myqcloud.com", "/examplebucket-1250000000/a", "", "")
	f.Add("HEAD", host, "/x?q-sign-algorithm=sha1&q-ak=AKID&q-sign-time=1;2&q-key-time=1;2&q-header-list=&q-url-param-list=&q-signature=0000000000000000000000000000000000000000", "", "")
	f.Add("GET", host, "/", "q-sign-algorithm=sha1&q-ak=AKID&q-sign-time=1;9999999999&q-key-time=1;9999999999&q-header-list=host&q-url-param-list=&q-signature=0000000000000000000000000000000000000000", "")
	f.Add("OPTIONS", host, "/k", "", "")
	f.Add("PUT", host, "/?acl", "", "<AccessControlPolicy><AccessControlList><Grant><Grantee><URI>http://cam.qcloud.com/groups/global/AllUsers</URI></Grantee><Permission>READ</Permission></Grant></AccessControlList></AccessControlPolicy>")
	f.Fuzz(func(t *testing.T, method, host, target, authorization, body string) {
		u, err := url.ParseRequestURI(target)
		if err != nil || method == "" || strings.ContainsAny(method, " \t\r\n") {
			return
		}
		r := &http.Request{
			Method: method, URL: u, Host: host, RequestURI: target, Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
			Header: http.Header{}, Body: io.NopCloser(strings.NewReader(body)), ContentLength: int64(len(body)),
			RemoteAddr: "127.0.0.1:1",
		}
		r = r.WithContext(context.Background())
		if authorization != "" {
			r.Header.Set("Authorization", authorization)
		}
		w := httptest.NewRecorder()
		s.serveHTTP(w, r)
		if w.Code < 100 || w.Code > 599 {
			t.Fatalf("status %d", w.Code)
		}
	})
}
