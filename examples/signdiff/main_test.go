package main

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/cos403/cos403-go/classify"
	"github.com/cos403/cos403-go/cos403"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func TestReproduce(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	outs, err := reproduce(ctx)
	require.NoError(t, err)
	want := []cos403.SignatureDiff{
		{Stage: "headers", Element: "content-type", Client: "text/plain", Server: "text/plain; charset=utf-8"},
		{Stage: "path", Element: "path", Client: "/docs/resume-zh+en.pdf", Server: "/docs/resume-zh en.pdf"},
		{Stage: classify.StageSecretKey},
	}
	require.Len(t, outs, len(want))
	for i, w := range want {
		e := outs[i].err
		assert.Equal(t, cos403.CauseSignatureMismatch, e.Cause, "case %d: Classify.Cause = %v, want %v", i+1, e.Cause, cos403.CauseSignatureMismatch)
		assert.ErrorIs(t, e, cos403.ErrSignatureMismatch)
		require.NotNil(t, e.Signature, "case %d has no signature comparison", i+1)
		assert.Equal(t, w.Stage, e.Signature.Stage, "case %d stage", i+1)
		if w.Element != "" {
			assert.Equal(t, w.Element, e.Signature.Element, "case %d element", i+1)
			assert.Equal(t, w.Client, e.Signature.Client, "case %d client", i+1)
			assert.Equal(t, w.Server, e.Signature.Server, "case %d server", i+1)
		}
		assert.NotEmpty(t, e.Signature.Explanation)
	}
}

func TestOutput(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	for _, l := range cos403.Langs() {
		t.Run(string(l), func(t *testing.T) {
			var out bytes.Buffer
			require.NoError(t, run(ctx, &out, l))
			text := out.String()
			assert.Contains(t, text, "stage:    headers")
			assert.Contains(t, text, `server:   "text/plain; charset=utf-8"`)
			assert.Contains(t, text, `server:   "/docs/resume-zh en.pdf"`)
			assert.Contains(t, text, "stage:    secret_key")
			assert.Contains(t, text, cos403.CauseSignatureMismatch.Remediation(l).Title)
			for _, secret := range []string{secretKey, "signdiff-wrong-key-EXAMPLE"} {
				assert.NotContains(t, text, secret)
			}
			assert.NotRegexp(t, `q-signature=[0-9a-f]`, text)
		})
	}
}
