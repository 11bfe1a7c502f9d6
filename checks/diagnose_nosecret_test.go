package checks_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cos403/cos403-go/checks"
	"github.com/cos403/cos403-go/cos403"
	"github.com/cos403/cos403-go/internal/fakecos"
	"github.com/cos403/cos403-go/signature"
)

// sigCollector records the q-signature values and tokens a client sends,
// so the test can look for them in the output.
type sigCollector struct {
	base    http.RoundTripper
	mu      sync.Mutex
	secrets []string
}

func (c *sigCollector) RoundTrip(req *http.Request) (*http.Response, error) {
	if a, err := signature.FromRequest(req); err == nil {
		c.mu.Lock()
		c.secrets = append(c.secrets, a.Signature)
		c.mu.Unlock()
	}
	return c.base.RoundTrip(req)
}

// renderReport returns every way a Report can be printed, marshalled or
// logged.
func renderReport(t *testing.T, r checks.Report, tg checks.Target) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q"} {
		out["report "+verb] = fmt.Sprintf(verb, r)
		out["*report "+verb] = fmt.Sprintf(verb, &r)
		out["target "+verb] = fmt.Sprintf(verb, tg)
	}
	for i, f := range r.Findings {
		out[fmt.Sprintf("finding %d %%+v", i)] = fmt.Sprintf("%+v", f)
	}
	j, err := json.Marshal(r)
	require.NoError(t, err)
	out["report json"] = string(j)
	j, err = json.Marshal(tg)
	require.NoError(t, err)
	out["target json"] = string(j)
	for name, h := range map[string]func(*bytes.Buffer) slog.Handler{
		"json": func(b *bytes.Buffer) slog.Handler { return slog.NewJSONHandler(b, nil) },
		"text": func(b *bytes.Buffer) slog.Handler { return slog.NewTextHandler(b, nil) },
	} {
		var buf bytes.Buffer
		slog.New(h(&buf)).Info("diagnosis", "report", r, "target", tg)
		out["slog "+name] = buf.String()
	}
	for _, l := range cos403.Langs() {
		out["remediation "+string(l)] = r.Remediation(l).String()
	}
	return out
}

func TestReportCarriesNoSecret(t *testing.T) {
	t.Parallel()
	const refererToken = "refererTokenValueNeverShown"
	f := newFx(t)
	f.bucket(t, func(b *fakecos.Bucket) { b.Referer = fxWhiteList })
	wrong := fxTmpCred
	wrong.SecretKey = "wrongTmpSecretKeyNeverShown0000"

	type scenario struct {
		name string
		run  func(tg checks.Target) checks.Report
		cred signature.Credentials
	}
	presigned, err := signature.Presign(http.MethodGet, f.objectURL("private.txt"), fxTmpCred, signature.Options{})
	require.NoError(t, err)
	pu, err := url.Parse(presigned)
	require.NoError(t, err)
	presignedSig := pu.Query().Get("q-signature")
	require.NotEmpty(t, presignedSig)

	scenarios := []scenario{
		{name: "temporary key, presigned URL", cred: fxTmpCred, run: func(tg checks.Target) checks.Report {
			tg.Authorization = presigned
			return checks.Diagnose(testCtx(t), tg)
		}},
		{name: "wrong SecretKey of a temporary key", cred: wrong, run: func(tg checks.Target) checks.Report {
			return checks.Diagnose(testCtx(t), tg)
		}},
		{name: "anonymous with a token in the Referer", run: func(tg checks.Target) checks.Report {
			tg.Referer = "https://evil.test/page?token=" + refererToken
			return checks.Diagnose(testCtx(t), tg)
		}},
		{name: "error of a temporary key", cred: fxTmpCred, run: func(tg checks.Target) checks.Report {
			resp, err := f.sdk(fxTmpCred).Object.Get(testCtx(t), "private.txt", nil)
			if resp != nil {
				resp.Body.Close()
			}
			require.Error(t, err)
			tg.Authorization = presigned
			return checks.DiagnoseError(testCtx(t), tg, err)
		}},
	}
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			col := &sigCollector{base: f.srv.Transport()}
			tg := f.target("private.txt", sc.cred)
			tg.HTTPClient = &http.Client{Transport: col}
			r := sc.run(tg)
			require.NotEmpty(t, r.Findings)
			secrets := []string{
				fxTmpCred.SecretKey, fxTmpCred.SessionToken, wrong.SecretKey, fxRootCred.SecretKey,
				presignedSig, refererToken,
			}
			col.mu.Lock()
			secrets = append(secrets, col.secrets...)
			col.mu.Unlock()
			for name, text := range renderReport(t, r, tg) {
				for _, s := range secrets {
					if s == "" {
						continue
					}
					assert.NotContainsf(t, text, s, "%s of %s leaks a secret", name, sc.name)
				}
			}
			// The report still says what it found.
			assert.True(t, strings.Contains(fmt.Sprintf("%+v", r), "cause:"))
		})
	}
}
