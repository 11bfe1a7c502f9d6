package checks_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cos403/cos403-go/checks"
	"github.com/cos403/cos403-go/cos403"
	"github.com/cos403/cos403-go/signature"
)

func TestSkewFromDate(t *testing.T) {
	local := time.Date(2020, 7, 9, 11, 45, 26, 0, time.UTC)
	tests := []struct {
		name, date string
		want       time.Duration
	}{
		{"RFC 1123 GMT (D-OPTIONS sample Date)", "Thu, 09 Jul 2020 11:45:26 GMT", 0},
		{"server ahead", "Thu, 09 Jul 2020 12:05:26 GMT", 20 * time.Minute},
		{"server behind", "Thu, 09 Jul 2020 11:25:26 GMT", -20 * time.Minute},
		{"RFC 850", "Thursday, 09-Jul-20 11:46:26 GMT", time.Minute},
		{"ANSI C", "Thu Jul  9 11:45:27 2020", time.Second},
		{"numeric zone", "Thu, 09 Jul 2020 19:45:26 +0800", 0},
		{"single-digit day", "Thu, 9 Jul 2020 11:45:26 GMT", 0},
		{"RFC 3339", "2020-07-09T11:50:26Z", 5 * time.Minute},
		{"Unix seconds", "1594295126", 0},
		{"surrounding space", "  Thu, 09 Jul 2020 11:45:26 GMT \r\n", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := checks.SkewFromDate(local, tc.date)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got, "SkewFromDate(%q)", tc.date)
		})
	}
	for _, bad := range []string{"", "XXX XXX GMT", "yesterday", "99999999999999999999"} {
		_, err := checks.SkewFromDate(local, bad)
		assert.ErrorIs(t, err, checks.ErrInvalidDate, "SkewFromDate(%q)", bad)
	}
}

func TestCheckSignatureTime(t *testing.T) {
	now := time.Date(2019, 5, 16, 6, 45, 51, 0, time.UTC)
	win := func(start, end time.Duration) signature.Window {
		return signature.Window{Start: now.Add(start), End: now.Add(end)}
	}
	auth := func(sign, key signature.Window) *signature.Authorization {
		return &signature.Authorization{Algorithm: "sha1", SecretID: "AKIDexample", SignTime: sign, KeyTime: key}
	}
	hour := win(-time.Minute, time.Hour)
	tests := []struct {
		name     string
		auth     *signature.Authorization
		server   time.Time
		status   checks.Status
		cause    cos403.Cause
		has      string
		evidence map[string]string
	}{
		{name: "nil", auth: nil, status: checks.StatusNotApplicable},
		{name: "no times", auth: auth(signature.Window{}, signature.Window{}), status: checks.StatusNotApplicable},
		{name: "valid", auth: auth(hour, hour), status: checks.StatusPass, cause: cos403.CauseRequestExpired, has: "1h0m0s left by the local clock",
			evidence: map[string]string{"remaining": "1h0m0s"}},
		{name: "valid by the server clock", auth: auth(hour, hour), server: now.Add(10 * time.Minute), status: checks.StatusPass, has: "50m0s left by the server clock",
			evidence: map[string]string{"skew": "10m0s"}},
		{name: "expired", auth: auth(win(-2*time.Hour, -90*time.Second), win(-2*time.Hour, -90*time.Second)), status: checks.StatusFail, cause: cos403.CauseRequestExpired,
			has: "expired 1m30s ago", evidence: map[string]string{"expired_by": "1m30s"}},
		{name: "clock skew reported before expiry", auth: auth(hour, hour), server: now.Add(61 * time.Minute), status: checks.StatusFail,
			cause: cos403.CauseRequestTimeTooSkewed, has: "local clock is 1h1m0s behind the server"},
		{name: "expired by server clock within skew", auth: auth(win(-time.Hour, 5*time.Minute), win(-time.Hour, 5*time.Minute)), server: now.Add(10 * time.Minute),
			status: checks.StatusFail, cause: cos403.CauseRequestExpired, has: "server clock reads"},
		{name: "local clock ahead", auth: auth(hour, hour), server: now.Add(-16 * time.Minute), status: checks.StatusFail, cause: cos403.CauseRequestTimeTooSkewed,
			has: "16m0s ahead of the server", evidence: map[string]string{"skew": "-16m0s"}},
		{name: "starts slightly in the future", auth: auth(win(30*time.Second, time.Hour), win(30*time.Second, time.Hour)), status: checks.StatusWarn,
			cause: cos403.CauseRequestTimeTooSkewed, has: "backdate", evidence: map[string]string{"starts_in": "30s"}},
		{name: "starts far in the future", auth: auth(win(20*time.Minute, time.Hour), win(20*time.Minute, time.Hour)), status: checks.StatusFail,
			cause: cos403.CauseRequestTimeTooSkewed, has: "beyond the 15-minute tolerance"},
		{name: "sign time inside key time", auth: auth(win(-time.Minute, 10*time.Minute), hour), status: checks.StatusWarn, cause: cos403.CauseSignatureMismatch,
			has: "differs from q-key-time"},
		{name: "sign time outside key time", auth: auth(win(-time.Minute, 2*time.Hour), win(-time.Minute, 90*time.Minute)), status: checks.StatusFail,
			cause: cos403.CauseSignatureMismatch, has: "lies outside q-key-time"},
		{name: "key time ends first", auth: auth(hour, win(-time.Hour, -time.Second)), status: checks.StatusFail, cause: cos403.CauseRequestExpired,
			has: "q-key-time ended"},
		{name: "key time only", auth: auth(signature.Window{}, hour), status: checks.StatusPass},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := checks.CheckSignatureTime(tc.auth, now, tc.server)
			assert.Equal(t, "signature_time", f.Check)
			assert.Equal(t, tc.status, f.Status, "CheckSignatureTime().Status; summary: %s", f.Summary)
			if tc.cause != "" {
				assert.Equal(t, tc.cause, f.Cause)
			}
			if tc.has != "" {
				assert.Contains(t, f.Summary, tc.has)
			}
			for k, v := range tc.evidence {
				got, ok := f.Value(k)
				assert.True(t, ok, "evidence %q missing", k)
				assert.Equal(t, v, got, "evidence %q", k)
			}
		})
	}
}
