package main

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/tencentyun/cos-go-sdk-v5"

	"github.com/cos403/cos403-go/checks"
	"github.com/cos403/cos403-go/classify"
	"github.com/cos403/cos403-go/internal/fakecos"
)

// The embedded world: one bucket in one account, with the keys and objects
// the seed's causes need. Names follow the COS documentation's examples.
const (
	region    = "ap-guangzhou"
	appID     = "1250000000"
	bucket    = "examplebucket-1250000000"
	ownerUin  = "100000000001"
	subUin    = "100000000011" // a sub-account with no policy at all
	readerUin = "100000000012" // a sub-account allowed to read the bucket
)

// identity is a key pair known to the embedded fake. The secret halves exist
// only in this process; the tests assert that none of them reaches the
// doctor's output.
type identity struct {
	id, key, token string
}

var (
	rootKey     = identity{keyID("Root", 1, false), "doctor-root-secret-EXAMPLE-0001", ""}
	subKey      = identity{keyID("Sub", 2, false), "doctor-sub-secret-EXAMPLE-0002", ""}
	readerKey   = identity{keyID("Reader", 3, false), "doctor-reader-secret-EXAMPLE-03", ""}
	disabledKey = identity{keyID("Disabled", 4, false), "doctor-disabled-secret-EXAMPLE-4", ""}
	unknownKey  = identity{keyID("Unknown", 5, false), "doctor-unknown-secret-EXAMPLE-05", ""}
	tmpKey      = identity{keyID("Tmp", 6, true), "doctor-tmp-secret-EXAMPLE-00006", "doctor-tmp-token-EXAMPLE-000007"}
	oldTmpKey   = identity{keyID("OldTmp", 8, true), "doctor-oldtmp-secret-EXAMPLE-08", "doctor-oldtmp-token-EXAMPLE-009"}
	// wrongKey is a SecretKey that is not the root key's: a typo or a key
	// pasted from another account.
	wrongKey = "doctor-wrong-secret-EXAMPLE-0010"
)

// keyID makes a SecretId of the documented shape: AKID and 32 more
// characters for a permanent key, longer for a temporary one (the
// credential checks tell them apart by length), ending in a number so that
// masked ids (AKID…0001) stay distinguishable.
func keyID(name string, n int, temporary bool) string {
	width := 36
	if temporary {
		width = 64
	}
	id := "AKIDdoctor" + name + "EXAMPLE"
	suffix := fmt.Sprintf("%04d", n)
	return id + strings.Repeat("x", width-len(id)-len(suffix)) + suffix
}

// secrets lists every secret value the scenarios use, for the tests.
func secrets() []string {
	out := []string{wrongKey}
	for _, k := range []identity{rootKey, subKey, readerKey, disabledKey, unknownKey, tmpKey, oldTmpKey} {
		out = append(out, k.key)
		if k.token != "" {
			out = append(out, k.token)
		}
	}
	return out
}

// resource is the policy resource name of a key in the bucket.
func resource(key string) string { return checks.ResourceName(region, appID, bucket, key) }

// readerPolicy is the reader sub-account's CAM policy: read the whole bucket.
func readerPolicy() []byte {
	return []byte(`{"version":"2.0","statement":[{"effect":"allow","action":["name/cos:GetObject","name/cos:HeadObject"],"resource":["` + resource("*") + `"]}]}`)
}

// stsPolicy is the policy the temporary key was issued with: uploads and
// reads under uploads/ only (the shape of the COS temporary-key guide's
// example).
func stsPolicy() []byte {
	return []byte(`{"version":"2.0","statement":[{"effect":"allow","action":["name/cos:GetObject","name/cos:PutObject"],"resource":["` + resource("uploads/*") + `"]}]}`)
}

// world is one embedded fake COS with the doctor's bucket, keys and
// objects. Each scenario gets its own world, so that a changed clock or
// bucket rule cannot leak into the next scenario.
type world struct {
	srv *fakecos.Server
}

// newWorld starts a fake on 127.0.0.1 and fills it.
func newWorld() (*world, error) {
	srv, err := fakecos.New(fakecos.Config{})
	if err != nil {
		return nil, fmt.Errorf("start embedded COS: %w", err)
	}
	w := &world{srv: srv}
	if err := w.fill(); err != nil {
		srv.Close()
		return nil, err
	}
	return w, nil
}

func (w *world) close() { w.srv.Close() }

func (w *world) fill() error {
	now := w.srv.Now()
	if err := w.srv.AddBucket(fakecos.Bucket{Name: bucket, Region: region, OwnerUin: ownerUin}); err != nil {
		return fmt.Errorf("add bucket: %w", err)
	}
	creds := []fakecos.Credential{
		{SecretID: rootKey.id, SecretKey: rootKey.key, OwnerUin: ownerUin},
		{SecretID: subKey.id, SecretKey: subKey.key, OwnerUin: ownerUin, Uin: subUin},
		{SecretID: readerKey.id, SecretKey: readerKey.key, OwnerUin: ownerUin, Uin: readerUin, UserPolicies: [][]byte{readerPolicy()}},
		{SecretID: disabledKey.id, SecretKey: disabledKey.key, OwnerUin: ownerUin, Disabled: true},
		{SecretID: tmpKey.id, SecretKey: tmpKey.key, Token: tmpKey.token, OwnerUin: ownerUin, Expires: now.Add(2 * time.Hour), STSPolicy: stsPolicy()},
		{SecretID: oldTmpKey.id, SecretKey: oldTmpKey.key, Token: oldTmpKey.token, OwnerUin: ownerUin, Expires: now.Add(-5 * time.Minute), STSPolicy: stsPolicy()},
	}
	for _, c := range creds {
		if err := w.srv.AddCredential(c); err != nil {
			return fmt.Errorf("add credential: %w", err)
		}
	}
	objects := []fakecos.Object{
		{Key: "private.txt", Body: []byte("private\n"), ContentType: "text/plain"},
		{Key: "public.txt", Body: []byte("public\n"), ContentType: "text/plain", ACL: checks.ACLPublicRead},
		{Key: "uploads/report.txt", Body: []byte("report\n"), ContentType: "text/plain"},
		{Key: "docs/resume-zh+en.pdf", Body: []byte("%PDF-1.4\n"), ContentType: "application/pdf"},
		{Key: "backup/2019.tar", Body: []byte("archived\n"), StorageClass: checks.StorageClassArchive},
		{Key: "backup/2015.tar", Body: []byte("deep archived\n"), StorageClass: checks.StorageClassDeepArchive},
	}
	for _, o := range objects {
		if err := w.srv.PutObject(bucket, o); err != nil {
			return fmt.Errorf("put object: %w", err)
		}
	}
	return nil
}

// setBucket changes the bucket's configuration, keeping its objects.
func (w *world) setBucket(change func(b *fakecos.Bucket)) error {
	b, ok := w.srv.Bucket(bucket)
	if !ok {
		return fmt.Errorf("bucket %s is missing", bucket)
	}
	change(&b)
	return w.srv.AddBucket(b)
}

// clientOpts varies how a scenario's SDK client reaches the fake.
type clientOpts struct {
	// base overrides the virtual-hosted bucket URL.
	base *cos.BaseURL
	// wire wraps the fake's transport: whatever sits between the signed
	// request and COS (a proxy, a gateway).
	wire func(http.RoundTripper) http.RoundTripper
}

// sdk returns a cos-go-sdk-v5 client for the bucket wired the way the
// library documents it: AuthorizationTransport signs, classify.Transport
// keeps what the SDK discards from error replies, then the wire. A zero
// identity makes an anonymous client (still through classify.Transport).
func (w *world) sdk(k identity, o clientOpts) *cos.Client {
	var wire http.RoundTripper = w.srv.Transport()
	if o.wire != nil {
		wire = o.wire(wire)
	}
	capture := &classify.Transport{Base: wire}
	var rt http.RoundTripper = capture
	if k.id != "" {
		auth := &cos.AuthorizationTransport{SecretID: k.id, SecretKey: k.key, SessionToken: k.token, Transport: capture}
		capture.Credentials = auth
		rt = auth
	}
	base := o.base
	if base == nil {
		base = &cos.BaseURL{BucketURL: w.srv.BucketURL(bucket, region), ServiceURL: w.srv.ServiceURL(region)}
	}
	c := cos.NewClient(base, &http.Client{Transport: rt, Timeout: 10 * time.Second})
	// A 4xx is never retried; one attempt keeps the error the first reply.
	c.Conf.RetryOpt.Count = 1
	return c
}

// roundTripFunc adapts a function to http.RoundTripper.
type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }
