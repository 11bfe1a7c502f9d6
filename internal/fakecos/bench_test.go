package fakecos_test

import (
	"context"
	"io"
	"testing"
)

// BenchmarkGetAnonymous and BenchmarkGetSigned measure one SDK GET Object
// through the fake over HTTPS; their ratio is the cost of signing on the
// client plus verifying (checks.EvaluateAccess, signature.VerifyWith) on
// the server.
func BenchmarkGetAnonymous(b *testing.B) {
	s := newServer(b)
	benchGet(b, sdk(s, nil, "", "", ""), "public.txt")
}

func BenchmarkGetSigned(b *testing.B) {
	s := newServer(b)
	benchGet(b, rootClient(s), "public.txt")
}

// BenchmarkRefusedSignature is a SignatureDoesNotMatch round trip: the
// server also renders its StringToSign and FormatString.
func BenchmarkRefusedSignature(b *testing.B) {
	s := newServer(b)
	c := sdk(s, nil, rootID, "wrong-key", "")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Object.Get(context.Background(), "public.txt", nil); err == nil {
			b.Fatal("accepted a wrong key")
		}
	}
}

func benchGet(b *testing.B, c *client, key string) {
	b.ReportAllocs()
	for b.Loop() {
		resp, err := c.Object.Get(context.Background(), key, nil)
		if err != nil {
			b.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		_ = resp.Body.Close()
	}
}
