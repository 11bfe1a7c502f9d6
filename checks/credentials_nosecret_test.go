package checks_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cos403/cos403-go/checks"
	"github.com/cos403/cos403-go/signature"
)

// renderings formats v every way a caller might print it.
func renderings(t *testing.T, v any) []string {
	t.Helper()
	out := []string{fmt.Sprintf("%v", v), fmt.Sprintf("%+v", v), fmt.Sprintf("%#v", v), fmt.Sprintf("%s", v)}
	b, err := json.Marshal(v)
	require.NoError(t, err)
	out = append(out, string(b))
	for _, h := range []func(*bytes.Buffer) slog.Handler{
		func(w *bytes.Buffer) slog.Handler { return slog.NewJSONHandler(w, nil) },
		func(w *bytes.Buffer) slog.Handler { return slog.NewTextHandler(w, nil) },
	} {
		var buf bytes.Buffer
		slog.New(h(&buf)).Info("x", "v", v)
		out = append(out, buf.String())
	}
	return out
}

func assertNoSecrets(t *testing.T, v any, secrets ...string) {
	t.Helper()
	for _, r := range renderings(t, v) {
		for _, s := range secrets {
			if s == "" {
				continue
			}
			assert.NotContains(t, r, s, "a secret leaked")
		}
	}
}

// TestCredentialFindingsCarryNoSecret builds findings from a real-looking
// temporary key (its shape taken from an STS response) and checks that no
// rendering of them shows the SecretKey, the token or the signature.
func TestCredentialFindingsCarryNoSecret(t *testing.T) {
	creds := []signature.Credentials{
		{SecretID: tmpID, SecretKey: tmpKey, SessionToken: tmpToken},
		{SecretID: tmpID + "\n", SecretKey: tmpKey + " ", SessionToken: " " + tmpToken},
		{SecretID: tmpKey, SecretKey: tmpID, SessionToken: tmpToken},
		{SecretID: vecID, SecretKey: vecKey},
	}
	auths := []string{"", vecAuth, tmpAuth("host"), tmpAuth("host;x-cos-security-token"), "q-sign-algorithm=sha1&q-signature=" + vecSig, "?sign=" + vecSig}
	for _, c := range creds {
		for _, a := range auths {
			fs := checks.CheckCredentials(c, a)
			assertNoSecrets(t, fs, tmpKey, tmpToken, vecKey, vecSig, tmpID, vecID)
			for _, f := range fs {
				assertNoSecrets(t, f, tmpKey, tmpToken, vecKey, vecSig, tmpID, vecID)
			}
		}
	}
}

func TestSwappedKeyIsNotShownInPart(t *testing.T) {
	fs := checks.CheckCredentials(signature.Credentials{SecretID: tmpKey, SecretKey: tmpID}, "")
	for _, f := range fs {
		for _, r := range renderings(t, f) {
			assert.NotContains(t, r, tmpKey[:4])
			assert.NotContains(t, r, tmpKey[len(tmpKey)-4:])
		}
	}
}
