package main

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/cos403/cos403-go/cos403"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// TestDemo runs the scripted sequence and checks each answer and the
// decision the service logged for it.
func TestDemo(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var out bytes.Buffer
	var secrets []string
	steps, err := demo(ctx, &out, &secrets)
	require.NoError(t, err, "output:\n%s", out.String())

	want := []struct {
		status     int
		retryAfter string
	}{
		{200, ""}, {200, ""}, {200, ""}, {200, ""}, {200, ""},
		{503, "300"}, {503, "300"}, {200, ""},
		{403, ""}, {200, ""}, {403, ""}, {403, ""}, {502, ""}, {404, ""},
	}
	require.Len(t, steps, len(want))
	for i, w := range want {
		assert.Equal(t, w.status, steps[i].status, "step %d (%s)", i+1, steps[i].title)
		assert.Equal(t, w.retryAfter, steps[i].retryAfter, "step %d (%s) Retry-After", i+1, steps[i].title)
	}

	text := out.String()
	for _, decision := range []string{
		"temp_credential_expired (request id N",
		"invalid_access_key_id (request id N",
		"request_time_too_skewed (request id N",
		", -20m0s from ours",
		"request_expired (request id N",
		", +2h0m0s from ours",
		"started a restore of backup/2019.tar, tier Expedited",
		"a restore of backup/2019.tar is already running",
		"permission_denied (403 AccessDenied",
		"referer_denied (403 AccessDenied",
		"anonymous_denied (403 AccessDenied",
		"not_from_cos (403 -",
	} {
		assert.Contains(t, text, decision)
	}
	require.NotEmpty(t, secrets)
	for _, s := range secrets {
		assert.NotContains(t, text, s, "a temporary key's secret reached the output")
	}
}

// TestStatusFor maps each cause to the caller's status, through wrapping.
func TestStatusFor(t *testing.T) {
	t.Parallel()
	cases := []struct {
		cause  cos403.Cause
		status int
		want   int
	}{
		{cos403.CauseArchivedObject, 403, http.StatusServiceUnavailable},
		{cos403.CausePermissionDenied, 403, http.StatusForbidden},
		{cos403.CauseAnonymousDenied, 403, http.StatusForbidden},
		{cos403.CauseRefererDenied, 403, http.StatusForbidden},
		{cos403.CauseNotFromCOS, 403, http.StatusBadGateway},
		{cos403.CauseUnknown, 500, http.StatusBadGateway},
		{cos403.CauseUnknown, 404, http.StatusNotFound},
		{cos403.CauseSignatureMismatch, 403, http.StatusBadGateway},
		{cos403.CauseTempCredentialExpired, 400, http.StatusBadGateway},
		{cos403.CauseRequestTimeTooSkewed, 403, http.StatusBadGateway},
	}
	for _, tc := range cases {
		t.Run(fmt.Sprintf("%s_%d", tc.cause, tc.status), func(t *testing.T) {
			err := fmt.Errorf("get: %w", &cos403.Error{Cause: tc.cause, StatusCode: tc.status})
			got := StatusFor(err)
			assert.Equal(t, tc.want, got, "StatusFor(%s) = %d, want %d", tc.cause, got, tc.want)
		})
	}
	assert.Equal(t, http.StatusBadGateway, StatusFor(fmt.Errorf("dial: connection refused")))
}

func TestCredentialsString(t *testing.T) {
	t.Parallel()
	c := Credentials{SecretID: "AKIDerrorsasEXAMPLEtmp0001", SecretKey: "secret-EXAMPLE", SessionToken: "token-EXAMPLE"}
	for _, s := range []string{c.String(), fmt.Sprint(c), fmt.Sprintf("%+v", c), fmt.Sprintf("%#v", c)} {
		assert.NotContains(t, s, "secret-EXAMPLE")
		assert.NotContains(t, s, "token-EXAMPLE")
		assert.True(t, strings.HasPrefix(s, "temporary key AKID"), s)
	}
}

func TestComeBack(t *testing.T) {
	t.Parallel()
	assert.Equal(t, 5*time.Minute, comeBack("ARCHIVE", "Expedited"))
	assert.Equal(t, 5*time.Hour, comeBack("ARCHIVE", "Standard"))
	assert.Equal(t, 24*time.Hour, comeBack("DEEP_ARCHIVE", "Standard"))
	assert.Equal(t, 48*time.Hour, comeBack("DEEP_ARCHIVE", "Bulk"))
	assert.Equal(t, 12*time.Hour, comeBack("ARCHIVE", "Bulk"))
}
