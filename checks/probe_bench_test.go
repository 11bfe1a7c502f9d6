package checks_test

import (
	"context"
	"io"
	"testing"

	"github.com/cos403/cos403-go/checks"
	"github.com/cos403/cos403-go/signature"
)

// BenchmarkRawGET is the baseline: one unsigned GET of an object on the
// loopback fake, which every probe costs at least.
func BenchmarkRawGET(b *testing.B) {
	f := newFx(b)
	c := f.srv.Client()
	u := f.objectURL("public.txt")
	b.ReportAllocs()
	for b.Loop() {
		resp, err := c.Get(u)
		if err != nil {
			b.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
}

func BenchmarkCheckAnonymousAccess(b *testing.B) {
	f := newFx(b)
	c := f.srv.Client()
	u := f.objectURL("public.txt")
	b.ReportAllocs()
	for b.Loop() {
		if checks.CheckAnonymousAccess(context.Background(), c, u).Status != checks.StatusPass {
			b.Fatal("not public")
		}
	}
}

// BenchmarkDiagnose runs the whole flow for an anonymous and a signed
// request, configuration reads included.
func BenchmarkDiagnose(b *testing.B) {
	for _, bc := range []struct {
		name string
		cred signature.Credentials
	}{{"anonymous", signature.Credentials{}}, {"signed", fxRootCred}} {
		b.Run(bc.name, func(b *testing.B) {
			f := newFx(b)
			tg := f.target("cold.bin", bc.cred)
			b.ReportAllocs()
			for b.Loop() {
				if r := checks.Diagnose(context.Background(), tg); r.Cause == "" {
					b.Fatalf("no cause: %v", r)
				}
			}
		})
	}
}
