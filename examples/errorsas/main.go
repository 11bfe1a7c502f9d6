// Command errorsas is a small HTTP service that serves the objects of a COS
// bucket through cos-go-sdk-v5 and decides what to do about each refusal
// with errors.Is and errors.As on the *cos403.Error that classify.Classify
// returns: refresh a temporary key, correct the signing clock, restore an
// archived object, or pass a 403 or 502 on to its caller.
//
// Run it with
//
//	go run ./examples/errorsas
//
// It starts an embedded COS on 127.0.0.1, runs the service in front of it,
// sends a scripted sequence of requests that make COS refuse in each way,
// prints what the service did, and exits.
package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/cos403/cos403-go/checks"
	"github.com/cos403/cos403-go/internal/fakecos"
)

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if _, err := demo(ctx, os.Stdout, nil); err != nil {
		fmt.Fprintln(os.Stderr, "errorsas:", err)
		os.Exit(1)
	}
}

const (
	region   = "ap-guangzhou"
	appID    = "1250000000"
	bucket   = "examplebucket-1250000000"
	ownerUin = "100000000001"
)

// stsPolicy is what the service's temporary keys may do: read the
// published paths and restore the backups, but not private.txt.
func stsPolicy() []byte {
	res := func(k string) string { return `"` + checks.ResourceName(region, appID, bucket, k) + `"` }
	return []byte(`{"version":"2.0","statement":[` +
		`{"effect":"allow","action":["name/cos:GetObject"],"resource":[` + res("docs/*") + `,` + res("backup/*") + `,` + res("public.txt") + `,` + res("missing.txt") + `]},` +
		`{"effect":"allow","action":["name/cos:PostObjectRestore"],"resource":[` + res("backup/*") + `]}]}`)
}

// sts is the demo's token service: it mints temporary keys and registers
// them with the embedded COS, as STS does with the real one.
type sts struct {
	srv      *fakecos.Server
	lifetime time.Duration
	mu       sync.Mutex
	issued   map[string]fakecos.Credential
	secrets  []string
}

func (s *sts) Issue(context.Context) (Credentials, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	key, tok := randomHex(20), randomHex(32)
	c := fakecos.Credential{
		SecretID:  fmt.Sprintf("AKIDerrorsasEXAMPLEtmp%04d", len(s.issued)+1),
		SecretKey: key, Token: tok, OwnerUin: ownerUin,
		Expires: s.srv.Now().Add(s.lifetime), STSPolicy: stsPolicy(),
	}
	if err := s.srv.AddCredential(c); err != nil {
		return Credentials{}, err
	}
	s.issued[c.SecretID] = c
	s.secrets = append(s.secrets, key, tok)
	return Credentials{SecretID: c.SecretID, SecretKey: key, SessionToken: tok, Expires: c.Expires}, nil
}

// expire moves a key's expiry into the past, as time would.
func (s *sts) expire(id string) error {
	return s.change(id, func(c *fakecos.Credential) { c.Expires = s.srv.Now().Add(-time.Second) })
}

// revoke disables a key, as rotating it in the console does.
func (s *sts) revoke(id string) error {
	return s.change(id, func(c *fakecos.Credential) { c.Disabled = true })
}

func (s *sts) change(id string, f func(*fakecos.Credential)) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.issued[id]
	if !ok {
		return fmt.Errorf("no temporary key %s", id)
	}
	f(&c)
	s.issued[id] = c
	return s.srv.AddCredential(c)
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b) // crypto/rand.Read never fails (Go 1.24)
	return hex.EncodeToString(b)
}

// step is one scripted request and the change to the world before it.
type step struct {
	title   string
	before  func() error
	path    string
	referer string
	// want is the status the service should answer.
	want int
}

// stepResult is what the service answered.
type stepResult struct {
	title      string
	status     int
	retryAfter string
}

// lockedWriter serialises the service's log lines with the script's.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) printf(format string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	fmt.Fprintf(l.w, format, args...)
}

// demo runs the service against an embedded COS and the scripted requests.
// When issued is not nil, it receives the secret halves of every temporary
// key the demo's STS minted, so that a test can look for them.
func demo(ctx context.Context, w io.Writer, issued *[]string) ([]stepResult, error) {
	out := &lockedWriter{w: w}
	srv, err := fakecos.New(fakecos.Config{})
	if err != nil {
		return nil, err
	}
	defer srv.Close()
	if err := setUp(srv); err != nil {
		return nil, err
	}
	issuer := &sts{srv: srv, lifetime: 6 * time.Hour, issued: map[string]fakecos.Credential{}}
	if issued != nil {
		defer func() {
			issuer.mu.Lock()
			*issued = append(*issued, issuer.secrets...)
			issuer.mu.Unlock()
		}()
	}
	logf := func(format string, args ...any) { out.printf("   service: "+format+"\n", args...) }
	svc, err := NewService(ctx, srv.BucketURL(bucket, region), srv.Transport(), issuer, logf)
	if err != nil {
		return nil, err
	}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	hs := &http.Server{Handler: svc.Handler(), ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = hs.Serve(ln) }()
	defer hs.Close()
	base := "http://" + ln.Addr().String()
	caller := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{}}
	defer caller.CloseIdleConnections()

	out.printf("errorsas: a service on %s reading %s through cos-go-sdk-v5 from an embedded COS.\n\n", base, bucket)
	current := func() string { return svc.signer.current().SecretID }
	steps := []step{
		{title: "A normal read with the first temporary key", path: "/objects/docs/readme.txt", want: 200},
		{title: "The temporary key reaches its expiry (400 ExpiredToken)", before: func() error { return issuer.expire(current()) }, path: "/objects/docs/readme.txt", want: 200},
		{title: "The temporary key is revoked (InvalidAccessKeyId with a token)", before: func() error { return issuer.revoke(current()) }, path: "/objects/docs/readme.txt", want: 200},
		{title: "This machine's clock runs 20 minutes ahead of COS (RequestTimeTooSkewed)", before: func() error { srv.SetOffset(-20 * time.Minute); return nil }, path: "/objects/docs/readme.txt", want: 200},
		{title: "COS's clock is 2 hours ahead: our signatures arrive expired (Request has expired)", before: func() error { srv.SetOffset(2 * time.Hour); return nil }, path: "/objects/docs/readme.txt", want: 200},
		{title: "An ARCHIVE object: start a restore, answer 503", path: "/objects/backup/2019.tar", want: 503},
		{title: "The same object while the restore runs", path: "/objects/backup/2019.tar", want: 503},
		{title: "Five minutes later the restored copy is readable", before: func() error { srv.Advance(5 * time.Minute); return nil }, path: "/objects/backup/2019.tar", want: 200},
		{title: "An object the service's key may not read (permission_denied)", path: "/objects/private.txt", want: 403},
		{title: "A public object embedded by an allowed site", path: "/public/public.txt", referer: "https://www.example.com/index.html", want: 200},
		{title: "The same object hotlinked by another site (referer_denied)", path: "/public/public.txt", referer: "https://hotlinker.example.net/gallery.html", want: 403},
		{title: "A private object without a signature (anonymous_denied)", path: "/public/private.txt", referer: "https://www.example.com/index.html", want: 403},
		{title: "A corporate proxy answers instead of COS (not_from_cos)", before: func() error { srv.SetFault(bucket, fakecos.Fault{ProxyHTML: true}); return nil }, path: "/objects/docs/readme.txt", want: 502},
		{title: "An object that does not exist", before: func() error { srv.SetFault(bucket, fakecos.Fault{}); return nil }, path: "/objects/missing.txt", want: 404},
	}
	var results []stepResult
	var failed []string
	for i, st := range steps {
		out.printf("%d. %s\n", i+1, st.title)
		if st.before != nil {
			if err := st.before(); err != nil {
				return results, err
			}
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+st.path, nil)
		if err != nil {
			return results, err
		}
		line := "   GET " + st.path
		if st.referer != "" {
			req.Header.Set("Referer", st.referer)
			line += " (Referer: " + st.referer + ")"
		}
		out.printf("%s\n", line)
		resp, err := caller.Do(req)
		if err != nil {
			return results, err
		}
		body, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<10))
		resp.Body.Close()
		r := stepResult{title: st.title, status: resp.StatusCode, retryAfter: resp.Header.Get("Retry-After")}
		results = append(results, r)
		reply := fmt.Sprintf("   <- %s", resp.Status)
		if r.retryAfter != "" {
			reply += ", Retry-After: " + r.retryAfter
		}
		if resp.StatusCode == http.StatusOK {
			reply += fmt.Sprintf(", %d bytes", len(body))
		} else {
			reply += ": " + strings.TrimSpace(string(body))
		}
		out.printf("%s\n\n", reply)
		if r.status != st.want {
			failed = append(failed, fmt.Sprintf("step %d: status %d, want %d", i+1, r.status, st.want))
		}
	}
	if len(failed) > 0 {
		return results, errors.New(strings.Join(failed, "; "))
	}
	out.printf("%d requests, every one answered as intended.\n", len(steps))
	return results, nil
}

// setUp creates the bucket and its objects: hotlink protection for the
// public path, a private object and an archived backup.
func setUp(srv *fakecos.Server) error {
	err := srv.AddBucket(fakecos.Bucket{
		Name: bucket, Region: region, OwnerUin: ownerUin,
		Referer: &checks.RefererConfig{Enabled: true, Type: checks.RefererWhiteList, Domains: []string{"www.example.com"}},
	})
	if err != nil {
		return err
	}
	for _, o := range []fakecos.Object{
		{Key: "docs/readme.txt", Body: []byte("hello from COS\n"), ContentType: "text/plain"},
		{Key: "public.txt", Body: []byte("public\n"), ContentType: "text/plain", ACL: checks.ACLPublicRead},
		{Key: "private.txt", Body: []byte("private\n"), ContentType: "text/plain"},
		{Key: "backup/2019.tar", Body: []byte("archived backup\n"), StorageClass: checks.StorageClassArchive},
	} {
		if err := srv.PutObject(bucket, o); err != nil {
			return err
		}
	}
	return nil
}
