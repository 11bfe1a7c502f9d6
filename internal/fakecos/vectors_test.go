package fakecos_test

import (
	"bufio"
	"context"
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tencentyun/cos-go-sdk-v5"

	"github.com/cos403/cos403-go/internal/fakecos"
	"github.com/cos403/cos403-go/signature"
)

// vector is one line of the cos-go-sdk-v5 signature vectors
// (shared/vectors/README.md).
type vector struct {
	ID            string      `json:"id"`
	Tags          []string    `json:"tags"`
	SecretID      string      `json:"secret_id"`
	SecretKey     string      `json:"secret_key"`
	SecurityToken *string     `json:"security_token"`
	Method        string      `json:"method"`
	Host          string      `json:"host"`
	URL           string      `json:"url"`
	Headers       [][2]string `json:"headers"`
	HeaderSetVia  string      `json:"header_set_via"`
	KeyTime       string      `json:"key_time"`
	SignTime      string      `json:"sign_time"`
}

// vectorFiles are where the vectors live: the signature package's copy,
// then the shared original.
var vectorFiles = []string{
	"../../testdata/signature/cos-go-sdk-v5.jsonl",
	"../../../shared/vectors/cos-go-sdk-v5.jsonl",
}

func loadVectors(t *testing.T) []vector {
	t.Helper()
	for _, p := range vectorFiles {
		f, err := os.Open(p)
		if err != nil {
			continue
		}
		defer f.Close()
		var out []vector
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			var v vector
			require.NoError(t, json.Unmarshal(sc.Bytes(), &v))
			out = append(out, v)
		}
		require.NoError(t, sc.Err())
		return out
	}
	t.Skip("signature vectors not found")
	return nil
}

// vectorBuckets are the buckets the vectors' hosts name.
var vectorBuckets = []fakecos.Bucket{
	{Name: "examplebucket-1250000000", Region: "ap-guangzhou"},
	{Name: "photos-1300000000", Region: "ap-guangzhou"},
	{Name: "mixedcase-1250000000", Region: "ap-shanghai"},
	{Name: "test-1250000000", Region: "ap-beijing"},
	{Name: "bucket-1250000000", Region: "ap-chengdu"},
}

// vectorServers starts one fake per (SecretId, token) pair, since the fake
// holds one token per temporary SecretId.
func vectorServers(t *testing.T, vs []vector) map[string]*fakecos.Server {
	servers := map[string]*fakecos.Server{}
	for _, v := range vs {
		k := credKey(v)
		if servers[k] != nil {
			continue
		}
		s := fakecos.NewTest(t, fakecos.Config{})
		for _, b := range vectorBuckets {
			b.OwnerUin = ownerUin
			// Created before 2024 so path-style hosts stay usable.
			b.Created = time.Date(2023, 6, 1, 0, 0, 0, 0, time.UTC)
			b.CORS = []cos.BucketCORSRule{{AllowedOrigins: []string{"*"}, AllowedMethods: []string{"GET", "PUT", "POST", "DELETE", "HEAD"}, AllowedHeaders: []string{"*"}}}
			require.NoError(t, s.AddBucket(b))
		}
		c := fakecos.Credential{SecretID: v.SecretID, SecretKey: v.SecretKey, OwnerUin: ownerUin}
		if v.SecurityToken != nil {
			c.Token = *v.SecurityToken
		}
		require.NoError(t, s.AddCredential(c))
		servers[k] = s
	}
	return servers
}

func credKey(v vector) string {
	if v.SecurityToken == nil {
		return v.SecretID
	}
	return v.SecretID + "\x00" + *v.SecurityToken
}

// buildVectorRequest rebuilds a vector's request against s and signs it
// with the SDK's own AddAuthorizationHeader, with times around the server
// clock (the vectors' fixed times lie in the past). Only what HTTP/1.1 and
// net/http cannot carry is adjusted, so that what the SDK signs is what
// arrives: values are trimmed (net/http trims them on the wire, RFC 9110
// OWS), Transfer-Encoding is "chunked" with a chunked body, Content-Length
// is a number with a body of that length (dropped next to chunking, and
// when 0 on methods for which net/http omits it),
// Expect is 100-continue (net/http answers 417 to anything else), header
// names must be tokens, and an empty path is "/" (the request line cannot
// be empty). trim=false keeps outer spaces, to show COS's view of them.
func buildVectorRequest(t *testing.T, s *fakecos.Server, v vector, trim bool) *http.Request {
	t.Helper()
	raw := v.URL
	if strings.Contains(raw, "127.0.0.1:9000") {
		raw = strings.Replace(strings.Replace(raw, "https://", "http://", 1), "127.0.0.1:9000", strings.TrimPrefix(s.URL(), "http://"), 1)
	}
	req, err := http.NewRequest(v.Method, raw, nil)
	require.NoError(t, err)
	if req.URL.Path == "" {
		req.URL.Path, req.URL.RawPath = "/", ""
	}
	var chunked bool
	contentLength := int64(-1)
	for _, kv := range v.Headers {
		name, value := kv[0], kv[1]
		if !validToken(name) {
			continue
		}
		if trim {
			value = strings.Trim(value, " \t")
		}
		switch strings.ToLower(name) {
		case "transfer-encoding":
			chunked, value = true, "chunked"
		case "content-length":
			n, err := strconv.ParseInt(strings.TrimSpace(value), 10, 64)
			if err != nil || n > 1<<20 {
				continue
			}
			contentLength = n
		case "expect":
			value = "100-continue"
		}
		if v.HeaderSetVia == "map" {
			req.Header[name] = append(req.Header[name], value)
		} else {
			req.Header.Add(name, value)
		}
	}
	if contentLength == 0 && req.Method != http.MethodPost && req.Method != http.MethodPut && req.Method != http.MethodPatch {
		// net/http sends "Content-Length: 0" only for these three methods
		// (transfer.go shouldSendContentLength).
		dropHeader(req.Header, "Content-Length")
	}
	switch {
	case chunked:
		dropHeader(req.Header, "Content-Length")
		req.TransferEncoding = []string{"chunked"}
		req.Body = io.NopCloser(strings.NewReader("chunked body"))
		req.ContentLength = -1
	case contentLength > 0:
		req.Body = io.NopCloser(strings.NewReader(strings.Repeat("x", int(contentLength))))
		req.ContentLength = contentLength
	}
	ks, ke := window(t, v.KeyTime)
	ss, se := window(t, v.SignTime)
	base := s.Now().Add(-5 * time.Minute)
	at := &cos.AuthTime{
		KeyStartTime: base, KeyEndTime: base.Add(time.Duration(ke-ks) * time.Second),
		SignStartTime: base.Add(time.Duration(ss-ks) * time.Second), SignEndTime: base.Add(time.Duration(se-ks) * time.Second),
	}
	token := ""
	if v.SecurityToken != nil {
		token = *v.SecurityToken
	}
	cos.AddAuthorizationHeader(v.SecretID, v.SecretKey, token, req, at)
	return req
}

func window(t *testing.T, s string) (int64, int64) {
	a, b, ok := strings.Cut(s, ";")
	require.True(t, ok)
	x, err := strconv.ParseInt(a, 10, 64)
	require.NoError(t, err)
	y, err := strconv.ParseInt(b, 10, 64)
	require.NoError(t, err)
	return x, y
}

func dropHeader(h http.Header, name string) {
	for k := range h {
		if strings.EqualFold(k, name) {
			delete(h, k)
		}
	}
}

// validToken is RFC 9110's token, what net/http accepts as a header name.
func validToken(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c >= 0x7f || strings.IndexByte(`"(),/:;<=>?@[\]{}`, c) >= 0 {
			return false
		}
	}
	return true
}

// reply sends req through the fake's client and returns status, headers
// and body.
func reply(t *testing.T, s *fakecos.Server, req *http.Request) (int, http.Header, []byte) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	resp, err := s.Client().Do(req.WithContext(ctx))
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, resp.Header, body
}

// authRefusals are the codes that mean the signature or key was refused.
var authRefusals = map[string]bool{
	"SignatureDoesNotMatch": true, "InvalidAccessKeyId": true, "AccessDenied": true,
	"RequestTimeTooSkewed": true, "ExpiredToken": true,
}

// TestVectorsAccepted replays every vector through net/http to the fake:
// each request the SDK signs is accepted (whatever the operation then
// answers: 404 for a missing key, 405 for an API the fake lacks), and the
// same request with one flipped signature digit is refused, which proves
// the signature was checked.
func TestVectorsAccepted(t *testing.T) {
	t.Parallel()
	vs := loadVectors(t)
	servers := vectorServers(t, vs)
	for _, v := range vs {
		t.Run(v.ID, func(t *testing.T) {
			t.Parallel()
			s := servers[credKey(v)]
			req := buildVectorRequest(t, s, v, true)
			preflight := strings.EqualFold(v.Method, http.MethodOptions)
			status, _, body := reply(t, s, req)
			code := xmlText(body, "Code")
			if preflight {
				// OPTIONS is judged on CORS alone, never on a signature (D-OPTIONS).
				switch status {
				case http.StatusForbidden:
					assert.Equal(t, "AccessForbidden", code)
				case http.StatusNotFound:
					// Path-style hosts whose first segment names no bucket.
					assert.Equal(t, "NoSuchBucket", code)
				default:
					assert.Equal(t, http.StatusOK, status)
				}
				return
			}
			assert.False(t, authRefusals[code], "%s %s: %d %s\n%s", v.Method, v.URL, status, code, body)
			if len(body) == 0 {
				assert.NotEqual(t, http.StatusForbidden, status, "%s %s", v.Method, v.URL)
			}

			bad := buildVectorRequest(t, s, v, true)
			auth := bad.Header.Get("Authorization")
			i := strings.Index(auth, "q-signature=") + len("q-signature=")
			flip := byte('0')
			if auth[i] == '0' {
				flip = '1'
			}
			bad.Header.Set("Authorization", auth[:i]+string(flip)+auth[i+1:])
			status, _, body = reply(t, s, bad)
			assert.Equal(t, http.StatusForbidden, status)
			if len(body) > 0 {
				assert.Equal(t, "SignatureDoesNotMatch", xmlText(body, "Code"))
			}
		})
	}
}

// TestVectorsOneByteChanges changes one byte of the path, or of one signed
// header, after signing: COS refuses with SignatureDoesNotMatch and its
// FormatString is exactly what a client computes from the changed request,
// so a diff against the client's own shows the change.
func TestVectorsOneByteChanges(t *testing.T) {
	t.Parallel()
	vs := loadVectors(t)
	servers := vectorServers(t, vs)
	for _, v := range vs {
		if strings.EqualFold(v.Method, http.MethodOptions) || v.Method == http.MethodHead {
			// OPTIONS is never signed; HEAD replies carry no body to read.
			continue
		}
		t.Run(v.ID, func(t *testing.T) {
			t.Parallel()
			s := servers[credKey(v)]
			for _, target := range []string{"path", "header"} {
				req := buildVectorRequest(t, s, v, true)
				a, err := signature.FromRequest(req)
				require.NoError(t, err)
				var changed string
				switch target {
				case "path":
					p := []byte(req.URL.Path)
					last := p[len(p)-1]
					if last < 0x80 && last != 'z' && last != '/' {
						p[len(p)-1] = 'z'
					} else {
						p = append(p, 'z')
					}
					// '+' is sent as %2B: a literal '+' would read as a space
					// (TestPlusInPath), which is a different change.
					req.URL.Path = string(p)
					req.URL.RawPath = strings.ReplaceAll((&url.URL{Path: string(p)}).EscapedPath(), "+", "%2B")
					changed = "\n" + string(p) + "\n"
				case "header":
					name := mutableSignedHeader(req, a.HeaderList)
					if name == "" {
						continue
					}
					val := req.Header.Get(name)
					nv := val[:len(val)-1] + "Z"
					if strings.HasSuffix(val, "Z") {
						nv = val[:len(val)-1] + "Y"
					}
					req.Header.Set(name, nv)
					changed = strings.ToLower(name) + "=" + url.QueryEscape(nv)
					changed = strings.ReplaceAll(changed, "+", "%20")
				}
				status, _, body := reply(t, s, req)
				require.Equal(t, http.StatusForbidden, status, "%s: %s", target, body)
				require.Equal(t, "SignatureDoesNotMatch", xmlText(body, "Code"))
				fs := xmlText(body, "FormatString")
				if target == "path" {
					assert.Contains(t, fs, changed)
				} else {
					assert.Contains(t, strings.ToLower(fs), strings.ToLower(changed))
				}
				// The server's FormatString is the client's, recomputed from the
				// changed request with the lists the client signed.
				want, err := signature.Sign(req, signature.Credentials{SecretID: v.SecretID, SecretKey: v.SecretKey},
					signature.Options{KeyTime: a.KeyTime, SignTime: a.SignTime, HeaderList: a.HeaderList, ParamList: a.URLParamList})
				require.NoError(t, err)
				assert.Equal(t, want.FormatString, fs, target)
				sum := sha1.Sum([]byte(fs))
				assert.Equal(t, "sha1\n"+a.KeyTime.String()+"\n"+hex.EncodeToString(sum[:])+"\n", xmlText(body, "StringToSign"))
			}
		})
	}
}

// mutableSignedHeader picks a signed header whose value can change in
// transit without changing the request's framing.
func mutableSignedHeader(req *http.Request, signed []string) string {
	for _, h := range signed {
		switch h {
		case "host", "transfer-encoding", "content-length", "expect", "x-cos-security-token":
			continue
		}
		for k, vs := range req.Header {
			if strings.EqualFold(k, h) && len(vs) == 1 && vs[0] != "" && isPlainASCII(vs[0]) {
				return k
			}
		}
	}
	return ""
}

func isPlainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x21 || s[i] > 0x7e {
			return false
		}
	}
	return true
}

// TestVectorsOuterSpace shows COS's view of header values the SDK signs
// with outer spaces: HTTP drops them in transit (RFC 9110 OWS), so the
// server's FormatString has the trimmed value and the signature fails. The
// catalog warns about exactly this (cos-errors.md §3.1 "Trimming").
func TestVectorsOuterSpace(t *testing.T) {
	t.Parallel()
	vs := loadVectors(t)
	servers := vectorServers(t, vs)
	seen := 0
	for _, v := range vs {
		if strings.EqualFold(v.Method, http.MethodOptions) || v.Method == http.MethodHead || !hasTag(v, "header-value-outer-space") {
			continue
		}
		req := buildVectorRequest(t, servers[credKey(v)], v, false)
		a, err := signature.FromRequest(req)
		require.NoError(t, err)
		if !signsOuterSpace(req, a.HeaderList) {
			continue
		}
		seen++
		status, _, body := reply(t, servers[credKey(v)], req)
		assert.Equal(t, http.StatusForbidden, status, v.ID)
		assert.Equal(t, "SignatureDoesNotMatch", xmlText(body, "Code"), v.ID)
		fs := xmlText(body, "FormatString")
		assert.NotContains(t, fs, "=%20", "%s: the server never sees a leading space", v.ID)
	}
	assert.Positive(t, seen)
}

func hasTag(v vector, tag string) bool {
	for _, t := range v.Tags {
		if t == tag {
			return true
		}
	}
	return false
}

func signsOuterSpace(req *http.Request, signed []string) bool {
	for _, h := range signed {
		for k, vs := range req.Header {
			if !strings.EqualFold(k, h) {
				continue
			}
			for _, v := range vs {
				if strings.TrimSpace(v) != v && strings.Trim(v, " \t") != "" && !strings.EqualFold(h, "transfer-encoding") && !strings.EqualFold(h, "content-length") && !strings.EqualFold(h, "expect") {
					return true
				}
			}
		}
	}
	return false
}
