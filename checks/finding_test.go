package checks_test

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cos403/cos403-go/checks"
	"github.com/cos403/cos403-go/cos403"
)

func TestFindingFormatting(t *testing.T) {
	f := checks.NewFinding("cors", checks.StatusFail, cos403.CauseCORSRejected, "no rule allows\norigin https://a.example.com",
		checks.Evidence{Name: "origin", Value: "https://a.example.com"},
		checks.Evidence{Name: "failed", Value: "origin"},
	)
	assert.Equal(t, "cors: fail (cors_rejected): no rule allows origin https://a.example.com", f.String())
	assert.True(t, f.Failed())

	b, err := json.Marshal(f)
	require.NoError(t, err)
	assert.JSONEq(t, `{"check":"cors","status":"fail","cause":"cors_rejected","summary":"no rule allows\norigin https://a.example.com",
		"evidence":[{"name":"origin","value":"https://a.example.com"},{"name":"failed","value":"origin"}]}`, string(b))
	var back checks.Finding
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, f, back)

	var buf bytes.Buffer
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("checked", "finding", f)
	var rec map[string]any
	require.NoError(t, json.Unmarshal(buf.Bytes(), &rec))
	got, ok := rec["finding"].(map[string]any)
	require.True(t, ok, "slog record: %s", buf.String())
	assert.Equal(t, "cors", got["check"])
	assert.Equal(t, "fail", got["status"])
	assert.Equal(t, "cors_rejected", got["cause"])
	assert.Equal(t, map[string]any{"origin": "https://a.example.com", "failed": "origin"}, got["evidence"])

	empty := checks.Finding{Check: "x", Status: checks.StatusNotApplicable}
	assert.Equal(t, "x: not_applicable", empty.String())
	b, err = json.Marshal(empty)
	require.NoError(t, err)
	assert.JSONEq(t, `{"check":"x","status":"not_applicable","cause":"","summary":"","evidence":[]}`, string(b))
	assert.Error(t, json.Unmarshal([]byte(`{"check":1}`), &back))
}

func TestStatusValid(t *testing.T) {
	for _, s := range []checks.Status{checks.StatusPass, checks.StatusFail, checks.StatusWarn, checks.StatusNotApplicable} {
		assert.True(t, s.Valid(), "%s.Valid()", s)
		assert.Equal(t, string(s), s.String())
	}
	assert.False(t, checks.Status("ok").Valid())
}

func TestFindingCausesAreDeclared(t *testing.T) {
	findings := []checks.Finding{
		checks.EvaluateCORS(nil, "https://a", "GET", nil).Finding(),
		checks.EvaluateReferer(checks.RefererConfig{Enabled: true, Type: checks.RefererWhiteList}, "", false).Finding(),
		checks.ParseRestore(header("x-cos-storage-class", "ARCHIVE")).Finding(time.Time{}),
	}
	for _, f := range findings {
		assert.True(t, f.Cause.Valid(), "%s: cause %q is not declared", f.Check, f.Cause)
		assert.True(t, f.Status.Valid())
	}
}
