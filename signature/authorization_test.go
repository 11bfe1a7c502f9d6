package signature_test

import (
	"encoding/json"
	"errors"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cos403/cos403-go/signature"
)

const official1Auth = "q-sign-algorithm=sha1&q-ak=AKIDQjz3ltompVjBni5LitkWHFlFpwkn9U5q&q-sign-time=1557989151;1557996351&q-key-time=1557989151;1557996351&q-header-list=content-length;content-md5;content-type;date;host;x-cos-acl;x-cos-grant-read&q-url-param-list=&q-signature=3b8851a11a569213c17ba8fa7dcf2abec6935172"

func TestParseAuthorization(t *testing.T) {
	a, err := signature.ParseAuthorization(official1Auth)
	require.NoError(t, err)
	assert.Equal(t, "sha1", a.Algorithm)
	assert.Equal(t, "AKIDQjz3ltompVjBni5LitkWHFlFpwkn9U5q", a.SecretID)
	assert.Equal(t, int64(1557989151), a.SignTime.Start.Unix())
	assert.Equal(t, int64(1557996351), a.KeyTime.End.Unix())
	assert.Equal(t, []string{"content-length", "content-md5", "content-type", "date", "host", "x-cos-acl", "x-cos-grant-read"}, a.HeaderList)
	assert.Equal(t, []string{}, a.URLParamList)
	assert.Equal(t, "3b8851a11a569213c17ba8fa7dcf2abec6935172", a.Signature)
	assert.Equal(t, official1Auth, a.String(), "String is the exact inverse")

	// Any field order is accepted; String writes the SDK order.
	fields := strings.Split(official1Auth, "&")
	reordered := strings.Join(append(fields[3:], fields[:3]...), "&")
	b, err := signature.ParseAuthorization(reordered)
	require.NoError(t, err)
	assert.Equal(t, a, b)
	assert.Equal(t, official1Auth, b.String())
}

func TestParseAuthorizationErrors(t *testing.T) {
	replace := func(old, new string) string { return strings.Replace(official1Auth, old, new, 1) }
	tests := []struct {
		name   string
		in     string
		field  string
		target error
	}{
		{"empty", "", "authorization", signature.ErrMalformed},
		{"missing q-ak", replace("q-ak=AKIDQjz3ltompVjBni5LitkWHFlFpwkn9U5q&", ""), "q-ak", signature.ErrMalformed},
		{"empty q-ak", replace("q-ak=AKIDQjz3ltompVjBni5LitkWHFlFpwkn9U5q", "q-ak="), "q-ak", signature.ErrMalformed},
		{"unknown algorithm", replace("sha1", "sha256"), "q-sign-algorithm", signature.ErrUnknownAlgorithm},
		{"algorithm case", replace("sha1", "SHA1"), "q-sign-algorithm", signature.ErrUnknownAlgorithm},
		{"malformed sign time", replace("q-sign-time=1557989151;", "q-sign-time=1557989151,"), "q-sign-time", signature.ErrMalformed},
		{"key time letters", replace("q-key-time=1557989151", "q-key-time=15579x9151"), "q-key-time", signature.ErrMalformed},
		{"key time leading zero", replace("q-key-time=1557989151", "q-key-time=01557989151"), "q-key-time", signature.ErrMalformed},
		{"key time inverted", replace("q-key-time=1557989151;1557996351", "q-key-time=1557996351;1557989151"), "q-key-time", signature.ErrMalformed},
		{"key time too long", replace("q-key-time=1557989151;1557996351", "q-key-time=1;92233720368547758070"), "q-key-time", signature.ErrMalformed},
		{"key time beyond int64", replace("q-key-time=1557989151;1557996351", "q-key-time=1;9999999999999999999"), "q-key-time", signature.ErrMalformed},
		{"short signature", replace("6935172", "693517"), "q-signature", signature.ErrMalformed},
		{"upper-case signature", replace("3b8851a", "3B8851A"), "q-signature", signature.ErrMalformed},
		{"repeated field", official1Auth + "&q-ak=x", "q-ak", signature.ErrMalformed},
		{"unknown field", official1Auth + "&q-extra=1", "q-extra", signature.ErrMalformed},
		{"field without =", replace("&q-url-param-list=", "&q-url-param-list"), "q-url-param-list", signature.ErrMalformed},
		{"masked doc signature", replace("q-signature=", "q-signature"), "authorization", signature.ErrMalformed},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, err := signature.ParseAuthorization(tc.in)
			assert.Nil(t, a)
			var pe *signature.ParseError
			require.ErrorAs(t, err, &pe, "ParseAuthorization(%s)", tc.name)
			assert.Equal(t, tc.field, pe.Field)
			assert.ErrorIs(t, err, tc.target)
			assert.NotContains(t, err.Error(), "3b8851a11a569213c17ba8fa7dcf2abec6935172")
			assert.NotContains(t, err.Error(), "3b8851a11a569213c17ba8fa7dcf2abec693517")
		})
	}
}

func TestWindow(t *testing.T) {
	w, err := signature.ParseWindow("1557989151;1557996351")
	require.NoError(t, err)
	assert.Equal(t, "1557989151;1557996351", w.String())
	assert.False(t, w.IsZero())
	assert.True(t, signature.Window{}.IsZero())
	assert.True(t, w.Contains(time.Unix(1557989151, 0)))
	assert.True(t, w.Contains(time.Unix(1557996351, 999)))
	assert.False(t, w.Contains(time.Unix(1557996352, 0)))
	assert.False(t, w.Contains(time.Unix(1557989150, 0)))

	b, err := json.Marshal(struct{ W signature.Window }{w})
	require.NoError(t, err)
	assert.JSONEq(t, `{"W":"1557989151;1557996351"}`, string(b))
	var back struct{ W signature.Window }
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, w, back.W)
	assert.Error(t, json.Unmarshal([]byte(`{"W":"x"}`), &back))
	_, err = json.Marshal(struct{ W signature.Window }{signature.Window{Start: time.Unix(5, 0), End: time.Unix(4, 0)}})
	assert.Error(t, err)

	for _, bad := range []string{"", ";", "1", "1;", ";1", "-1;2", "+1;2", "1;2;3", "2;1", "1 ;2", "01;2"} {
		_, err := signature.ParseWindow(bad)
		assert.ErrorIs(t, err, signature.ErrMalformed, "ParseWindow(%q)", bad)
	}
	_, err = signature.ParseWindow("0;0")
	assert.NoError(t, err)
}

func TestFromRequest(t *testing.T) {
	const host = "https://b-1250000000.cos.ap-guangzhou.myqcloud.com/k"
	queryForm := strings.NewReplacer(";", "%3B").Replace(official1Auth)
	tests := []struct {
		name   string
		url    string
		header string
		form   signature.AuthForm
		target error
	}{
		{"header", host, official1Auth, signature.FormHeader, nil},
		{"header wins over query", host + "?q-sign-algorithm=bogus", official1Auth, signature.FormHeader, nil},
		{"query, ';' encoded as the Go SDK does", host + "?x=1&" + queryForm, "", signature.FormQuery, nil},
		{"query, raw ';' as in the COS doc example", host + "?" + official1Auth + "&x-cos-security-token=t", "", signature.FormQuery, nil},
		{"sign=", host + "?sign=" + strings.NewReplacer("&", "%26", "=", "%3D", ";", "%3B").Replace(official1Auth), "", signature.FormSign, nil},
		{"none", host + "?x=1", "", "", signature.ErrNoAuthorization},
		{"query missing q-signature", host + "?" + strings.Split(queryForm, "&q-signature")[0], "", "", signature.ErrMalformed},
		{"query repeated field", host + "?" + queryForm + "&q-ak=x", "", "", signature.ErrMalformed},
		{"query bad escape", host + "?" + queryForm + "%", "", "", signature.ErrMalformed},
		{"sign= repeated", host + "?sign=a&sign=b", "", "", signature.ErrMalformed},
		{"sign= malformed", host + "?sign=q-ak%3Dx", "", "", signature.ErrMalformed},
		{"header malformed", host, "q-sign-algorithm=md5", "", signature.ErrUnknownAlgorithm},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req := newReq(t, http.MethodGet, tc.url)
			if tc.header != "" {
				req.Header.Set("Authorization", tc.header)
			}
			a, err := signature.FromRequest(req)
			if tc.target != nil {
				assert.ErrorIs(t, err, tc.target, "FromRequest(%s)", tc.name)
				assert.Nil(t, a)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.form, a.Form)
			assert.Equal(t, official1Auth, a.String())
		})
	}
}

func TestSecurityToken(t *testing.T) {
	tests := []struct {
		name string
		req  func() *http.Request
		want string
		ok   bool
	}{
		{"header", func() *http.Request {
			r := newReq(t, "GET", "https://h/k")
			r.Header.Set("x-cos-security-token", "tok")
			return r
		}, "tok", true},
		{"header set through the map in lower case", func() *http.Request {
			r := newReq(t, "GET", "https://h/k")
			r.Header["x-cos-security-token"] = []string{"tok2"}
			return r
		}, "tok2", true},
		{"query", func() *http.Request { return newReq(t, "GET", "https://h/k?a=1&x-cos-security-token=a%2Bb+c") }, "a+b c", true},
		{"none", func() *http.Request { return newReq(t, "GET", "https://h/k?a=1") }, "", false},
		{"nil", func() *http.Request { return nil }, "", false},
	}
	for _, tc := range tests {
		got, ok := signature.SecurityToken(tc.req())
		assert.Equal(t, tc.ok, ok, "SecurityToken(%s) ok", tc.name)
		assert.Equal(t, tc.want, got, "SecurityToken(%s)", tc.name)
	}
}

// FuzzParseAuthorization: no panic on any input, and whatever parses
// survives String and a second parse unchanged; a string in the SDK field
// order comes back byte for byte.
func FuzzParseAuthorization(f *testing.F) {
	f.Add(official1Auth)
	f.Add("q-sign-algorithm=sha1&q-ak=a&q-sign-time=0;0&q-key-time=0;1&q-header-list=&q-url-param-list=&q-signature=0000000000000000000000000000000000000000")
	f.Add("q-sign-algorithm=sha1&q-ak=a=b&q-sign-time=1;2&q-key-time=1;2&q-header-list=;;&q-url-param-list=a%3bb&q-signature=ffffffffffffffffffffffffffffffffffffffff")
	f.Add("q-signature=x&q-ak=")
	f.Add("&&&")
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 4096 {
			t.Skip()
		}
		a, err := signature.ParseAuthorization(s)
		if err != nil {
			var pe *signature.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("ParseAuthorization error is %T, want *ParseError", err)
			}
			return
		}
		out := a.String()
		b, err := signature.ParseAuthorization(out)
		if err != nil {
			t.Fatalf("ParseAuthorization(String()) failed: %v", err)
		}
		if !reflect.DeepEqual(a, b) {
			t.Fatalf("round trip changed the value:\n%#v\n%#v", a, b)
		}
		if b.String() != out {
			t.Fatalf("String not stable")
		}
		if canonicalOrder(s) && out != s {
			t.Fatalf("String(Parse(x)) != x for a canonical x")
		}
	})
}

func canonicalOrder(s string) bool {
	want := []string{"q-sign-algorithm", "q-ak", "q-sign-time", "q-key-time", "q-header-list", "q-url-param-list", "q-signature"}
	parts := strings.Split(s, "&")
	if len(parts) != len(want) {
		return false
	}
	for i, p := range parts {
		if !strings.HasPrefix(p, want[i]+"=") {
			return false
		}
	}
	return true
}
