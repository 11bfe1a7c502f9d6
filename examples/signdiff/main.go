// Command signdiff shows where a COS signature went wrong.
//
// cos-go-sdk-v5 reports a SignatureDoesNotMatch as five fields and drops
// the <StringToSign> and <FormatString> that COS puts in the error body.
// With classify.Transport inside the SDK's AuthorizationTransport, the
// classified error keeps them and compares them with what the client
// signed, naming the stage (method, path, parameters, headers, key time,
// secret key), the element and both values.
//
// Run it with
//
//	go run ./examples/signdiff [-lang en|ja|zh]
//
// It starts an embedded COS on 127.0.0.1 and sends three requests that COS
// refuses: a PUT whose Content-Type a gateway rewrites after signing, a key
// with '+' sent raw by a hand-built request, and a wrong SecretKey.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/tencentyun/cos-go-sdk-v5"

	"github.com/cos403/cos403-go/classify"
	"github.com/cos403/cos403-go/cos403"
	"github.com/cos403/cos403-go/internal/fakecos"
)

func main() {
	lang := flag.String("lang", "en", "language of the remediation: en, ja or zh")
	flag.Parse()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := run(ctx, os.Stdout, cos403.ParseLang(*lang)); err != nil {
		fmt.Fprintln(os.Stderr, "signdiff:", err)
		os.Exit(1)
	}
}

const (
	region = "ap-guangzhou"
	bucket = "examplebucket-1250000000"
	owner  = "100000000001"
	// The key pair exists only in this process and the embedded COS.
	secretID  = "AKIDsigndiffEXAMPLE0001"
	secretKey = "signdiff-secret-key-EXAMPLE"
)

// broken is one deliberately broken request.
type broken struct {
	title string
	// send makes the request and returns the error the caller gets.
	send func(ctx context.Context, srv *fakecos.Server) error
}

// outcome is a broken request's classified refusal.
type outcome struct {
	title string
	err   *cos403.Error
}

func cases() []broken {
	return []broken{
		{
			title: "PUT uploads/notes.txt signed with Content-Type text/plain; a gateway adds a charset after signing",
			send: func(ctx context.Context, srv *fakecos.Server) error {
				// The gateway sits under classify.Transport, as a proxy sits
				// between a client and COS: it changes a signed header.
				gateway := roundTripFunc(func(r *http.Request) (*http.Response, error) {
					r = r.Clone(r.Context())
					r.Header.Set("Content-Type", "text/plain; charset=utf-8")
					return srv.Transport().RoundTrip(r)
				})
				c := client(srv, secretKey, gateway)
				_, err := c.Object.Put(ctx, "uploads/notes.txt", strings.NewReader("notes\n"), &cos.ObjectPutOptions{
					ObjectPutHeaderOptions: &cos.ObjectPutHeaderOptions{ContentType: "text/plain"}})
				return err
			},
		},
		{
			title: "GET docs/resume-zh+en.pdf built by hand, '+' left raw in the URL",
			send: func(ctx context.Context, srv *fakecos.Server) error {
				// The SDK encodes '+' as %2B; a URL put together by hand
				// does not, and COS reads a raw '+' as a space.
				hc := &http.Client{Transport: signer(secretKey, srv.Transport()), Timeout: 10 * time.Second}
				u := srv.BucketURL(bucket, region).String() + "/docs/resume-zh+en.pdf"
				req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
				if err != nil {
					return err
				}
				resp, err := hc.Do(req)
				if err != nil {
					return err
				}
				defer resp.Body.Close()
				return classify.Response(resp)
			},
		},
		{
			title: "GET private.txt signed with a SecretKey that is not the SecretId's",
			send: func(ctx context.Context, srv *fakecos.Server) error {
				c := client(srv, "signdiff-wrong-key-EXAMPLE", srv.Transport())
				_, err := c.Object.Get(ctx, "private.txt", nil)
				return err
			},
		},
	}
}

// signer is the SDK's AuthorizationTransport with classify.Transport
// inside it, where it sees the signed request.
func signer(key string, wire http.RoundTripper) http.RoundTripper {
	auth := &cos.AuthorizationTransport{SecretID: secretID, SecretKey: key}
	auth.Transport = &classify.Transport{Base: wire, Credentials: auth}
	return auth
}

func client(srv *fakecos.Server, key string, wire http.RoundTripper) *cos.Client {
	c := cos.NewClient(&cos.BaseURL{BucketURL: srv.BucketURL(bucket, region)},
		&http.Client{Transport: signer(key, wire), Timeout: 10 * time.Second})
	c.Conf.RetryOpt.Count = 1
	return c
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// reproduce sends the broken requests to a fresh embedded COS.
func reproduce(ctx context.Context) ([]outcome, error) {
	srv, err := fakecos.New(fakecos.Config{})
	if err != nil {
		return nil, err
	}
	defer srv.Close()
	if err := srv.AddBucket(fakecos.Bucket{Name: bucket, Region: region, OwnerUin: owner}); err != nil {
		return nil, err
	}
	if err := srv.AddCredential(fakecos.Credential{SecretID: secretID, SecretKey: secretKey, OwnerUin: owner}); err != nil {
		return nil, err
	}
	for _, o := range []fakecos.Object{
		{Key: "private.txt", Body: []byte("private\n"), ContentType: "text/plain"},
		{Key: "docs/resume-zh+en.pdf", Body: []byte("%PDF-1.4\n"), ContentType: "application/pdf"},
	} {
		if err := srv.PutObject(bucket, o); err != nil {
			return nil, err
		}
	}
	var out []outcome
	for _, b := range cases() {
		err := b.send(ctx, srv)
		if err == nil {
			return out, fmt.Errorf("%s: COS accepted the request", b.title)
		}
		// errors.As on the classified error: the SDK's own error type
		// stays reachable through Unwrap.
		var e *cos403.Error
		if !errors.As(classify.Classify(err), &e) {
			return out, fmt.Errorf("%s: no COS answer: %w", b.title, err)
		}
		out = append(out, outcome{title: b.title, err: e})
	}
	return out, nil
}

// run prints each refusal's signature difference and remediation.
func run(ctx context.Context, w io.Writer, l cos403.Lang) error {
	outs, err := reproduce(ctx)
	if err != nil {
		return err
	}
	for i, o := range outs {
		e := o.err
		fmt.Fprintf(w, "%d. %s\n", i+1, o.title)
		fmt.Fprintf(w, "   error:    %v\n", e)
		if d := e.Signature; d != nil {
			fmt.Fprintf(w, "   stage:    %s\n", d.Stage)
			if d.Element != "" {
				fmt.Fprintf(w, "   element:  %s\n", d.Element)
			}
			if d.Client != "" || d.Server != "" {
				fmt.Fprintf(w, "   client:   %q\n", d.Client)
				fmt.Fprintf(w, "   server:   %q\n", d.Server)
			}
			fmt.Fprintf(w, "   why:      %s\n", d.Explanation)
		} else {
			fmt.Fprintf(w, "   (no signature comparison: the reply carried no FormatString)\n")
		}
		rem := e.Remediation(l)
		fmt.Fprintf(w, "   %s\n", rem.Title)
		for j, s := range rem.Steps {
			fmt.Fprintf(w, "     %d. %s\n", j+1, s)
		}
		fmt.Fprintln(w)
	}
	return nil
}
