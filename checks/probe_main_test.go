package checks_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	cos "github.com/tencentyun/cos-go-sdk-v5"
	"go.uber.org/goleak"

	"github.com/cos403/cos403-go/checks"
	"github.com/cos403/cos403-go/internal/fakecos"
	"github.com/cos403/cos403-go/signature"
)

// TestMain fails the package when a goroutine outlives the tests: every
// probe closes its bodies, and fake servers close their connections.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

const (
	fxOwner  = "100000000001"
	fxSubUin = "100000000011"
	fxReader = "100000000012"
	fxRegion = "ap-guangzhou"
	fxBucket = "examplebucket-1250000000"
	fxAppID  = "1250000000"
)

// fxID builds a well-formed permanent SecretId (AKID and 32 characters)
// so that the credential shape checks pass and the probes decide.
func fxID(tag string) string { return "AKID" + (tag + strings.Repeat("0", 32))[:32] }

var (
	fxRootCred     = signature.Credentials{SecretID: fxID("Root"), SecretKey: "rootSecretKeyExample00000000000"}
	fxSubCred      = signature.Credentials{SecretID: fxID("Sub"), SecretKey: "subSecretKeyExample000000000000"}
	fxReaderCred   = signature.Credentials{SecretID: fxID("Reader"), SecretKey: "readerSecretKeyExample000000000"}
	fxDisabledCred = signature.Credentials{SecretID: fxID("Disabled"), SecretKey: "disabledSecretKeyExample0000000"}
	fxUnknownCred  = signature.Credentials{SecretID: fxID("Unknown"), SecretKey: "unknownSecretKeyExample00000000"}
	fxTmpCred      = signature.Credentials{
		SecretID:     "AKID" + strings.Repeat("Tmp", 15),
		SecretKey:    "tmpSecretKeyExample000000000000",
		SessionToken: "tmpSessionTokenExample-0123456789",
	}
)

// fxResource is the policy resource name of a key of the test bucket.
func fxResource(key string) string { return checks.ResourceName(fxRegion, fxAppID, fxBucket, key) }

// fxReadPolicy lets a sub-account read the whole bucket (a CAM user
// policy).
func fxReadPolicy() []byte {
	return []byte(`{"version":"2.0","statement":[{"effect":"allow","action":["name/cos:GetObject","name/cos:HeadObject"],"resource":["` + fxResource("*") + `"]}]}`)
}

// fxSTSPolicy limits a temporary key to dir/*.
func fxSTSPolicy() []byte {
	return []byte(`{"version":"2.0","statement":[{"effect":"allow","action":["name/cos:GetObject","name/cos:HeadObject"],"resource":["` + fxResource("dir/*") + `"]}]}`)
}

// fx is a fake COS with the test bucket, its objects and keys.
type fx struct {
	srv *fakecos.Server
}

func newFx(t testing.TB) *fx {
	t.Helper()
	s := fakecos.NewTest(t, fakecos.Config{})
	now := s.Now()
	require.NoError(t, s.AddBucket(fakecos.Bucket{Name: fxBucket, Region: fxRegion, OwnerUin: fxOwner}))
	for _, c := range []fakecos.Credential{
		{SecretID: fxRootCred.SecretID, SecretKey: fxRootCred.SecretKey, OwnerUin: fxOwner},
		{SecretID: fxSubCred.SecretID, SecretKey: fxSubCred.SecretKey, OwnerUin: fxOwner, Uin: fxSubUin},
		{SecretID: fxReaderCred.SecretID, SecretKey: fxReaderCred.SecretKey, OwnerUin: fxOwner, Uin: fxReader, UserPolicies: [][]byte{fxReadPolicy()}},
		{SecretID: fxDisabledCred.SecretID, SecretKey: fxDisabledCred.SecretKey, OwnerUin: fxOwner, Disabled: true},
		{SecretID: fxTmpCred.SecretID, SecretKey: fxTmpCred.SecretKey, OwnerUin: fxOwner, Token: fxTmpCred.SessionToken,
			Expires: now.Add(2 * time.Hour), STSPolicy: fxSTSPolicy()},
	} {
		require.NoError(t, s.AddCredential(c))
	}
	for _, o := range []fakecos.Object{
		{Key: "private.txt", Body: []byte("private"), ContentType: "text/plain"},
		{Key: "public.txt", Body: []byte("public"), ContentType: "text/plain", ACL: checks.ACLPublicRead},
		{Key: "dir/a.txt", Body: []byte("in dir"), ContentType: "text/plain"},
		{Key: "cold.bin", Body: []byte("archived"), StorageClass: "ARCHIVE"},
		{Key: "public-cold.bin", Body: []byte("archived"), StorageClass: "ARCHIVE", ACL: checks.ACLPublicRead},
		{Key: "deep.bin", Body: []byte("deep archived"), StorageClass: "DEEP_ARCHIVE",
			Restore: &fakecos.Restore{Tier: "Standard", Days: 3, RequestedAt: now.Add(-time.Hour), ReadyAt: now.Add(11 * time.Hour)}},
	} {
		require.NoError(t, s.PutObject(fxBucket, o))
	}
	return &fx{srv: s}
}

// bucket changes the test bucket's configuration; objects are kept.
func (f *fx) bucket(t testing.TB, change func(b *fakecos.Bucket)) {
	t.Helper()
	b, ok := f.srv.Bucket(fxBucket)
	require.True(t, ok)
	change(&b)
	require.NoError(t, f.srv.AddBucket(b))
}

func (f *fx) bucketURL() string { return f.srv.BucketURL(fxBucket, fxRegion).String() }

func (f *fx) objectURL(key string) string { return f.bucketURL() + "/" + key }

// sdk is a cos-go-sdk-v5 client for the test bucket signing with cred
// (anonymous when cred is empty), wired as the project documents.
func (f *fx) sdk(cred signature.Credentials) *cos.Client {
	var rt http.RoundTripper = f.srv.Transport()
	if cred.SecretID != "" {
		rt = &cos.AuthorizationTransport{SecretID: cred.SecretID, SecretKey: cred.SecretKey, SessionToken: cred.SessionToken, Transport: rt}
	}
	c := cos.NewClient(&cos.BaseURL{BucketURL: f.srv.BucketURL(fxBucket, fxRegion), ServiceURL: f.srv.ServiceURL(fxRegion)}, &http.Client{Transport: rt})
	c.Conf.RetryOpt.Count = 1
	return c
}

// target is a Target for key, signed with cred (anonymous when empty),
// probing through the fake and reading the configuration as the owner.
func (f *fx) target(key string, cred signature.Credentials) checks.Target {
	return checks.Target{
		BucketURL:   f.bucketURL(),
		Key:         key,
		Credentials: cred,
		HTTPClient:  f.srv.Client(),
		COS:         f.sdk(fxRootCred),
	}
}

// findingOf returns the first finding of a check, failing the test when
// there is none.
func findingOf(t testing.TB, fs []checks.Finding, check string) checks.Finding {
	t.Helper()
	for _, f := range fs {
		if f.Check == check {
			return f
		}
	}
	require.Failf(t, "no finding", "no %q finding in %v", check, fs)
	return checks.Finding{}
}

// evidence returns the value of a finding's evidence, "" when absent.
func evidence(f checks.Finding, name string) string {
	v, _ := f.Value(name)
	return v
}
