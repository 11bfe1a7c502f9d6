package fakecos

import (
	"encoding/base64"
	"net/http"
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
