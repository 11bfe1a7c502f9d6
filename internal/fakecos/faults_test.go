package fakecos_test

import (
	"context"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tencentyun/cos-go-sdk-v5"

	"github.com/cos403/cos403-go/classify"
	"github.com/cos403/cos403-go/cos403"
	"github.com/cos403/cos403-go/internal/fakecos"
)

const bucketHost = "examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com"

// TestFaultProxyHTML: a proxy's 403 page has no COS fingerprints, and
// classify says so (cos403.CauseNotFromCOS).
func TestFaultProxyHTML(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	s.SetFault(bucketName, fakecos.Fault{ProxyHTML: true})
	c := rootClient(s)
	_, err := c.Object.Get(ctx(t), "public.txt", nil)
	require.Error(t, err)
	x := c.rec.Last()
	assert.Equal(t, http.StatusForbidden, x.Status)
	assert.Empty(t, x.Header.Get("x-cos-request-id"))
	assert.NotEqual(t, "tencent-cos", x.Header.Get("Server"))
	assert.True(t, strings.HasPrefix(x.Header.Get("Content-Type"), "text/html"))
	assert.Contains(t, string(x.Body), "<h1>403 Forbidden</h1>")
	assert.Equal(t, cos403.CauseNotFromCOS, cos403.CauseOf(classify.Classify(err)))

	// Clearing the fault restores COS.
	s.SetFault(bucketName, fakecos.Fault{})
	resp, err := c.Object.Get(ctx(t), "public.txt", nil)
	require.NoError(t, err)
	readAll(t, resp)
}

// TestFaultMutateHeader: a middlebox that removes a signed header after
// signing; the server's FormatString shows the header empty.
func TestFaultMutateHeader(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	s.SetFault(bucketHost, fakecos.Fault{MutateHeader: map[string]string{"x-cos-meta-origin": ""}})
	c := rootClient(s)
	meta := http.Header{"x-cos-meta-origin": {"camera"}}
	_, err := c.Object.Put(ctx(t), "dir/p.jpg", strings.NewReader("jpg"), &cos.ObjectPutOptions{
		ObjectPutHeaderOptions: &cos.ObjectPutHeaderOptions{XCosMetaXXX: &meta}})
	e, ok := cos403.As(classify.Classify(err))
	require.True(t, ok)
	assert.Equal(t, cos403.CauseSignatureMismatch, e.Cause)
	assert.Contains(t, e.ServerFormatString, "x-cos-meta-origin=\n")
	if assert.NotNil(t, e.Signature, "classify.Transport compares the client's signing strings with the server's") {
		assert.Equal(t, "headers", e.Signature.Stage)
		assert.Equal(t, "x-cos-meta-origin", e.Signature.Element)
	}
}

// TestFaultTruncateBody: the declared Content-Length is not delivered.
func TestFaultTruncateBody(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	require.NoError(t, s.PutObject(bucketName, fakecos.Object{Key: "big.bin", Body: []byte(strings.Repeat("0123456789", 100))}))
	s.SetFault("*", fakecos.Fault{TruncateBody: 10})
	c := rootClient(s)
	resp, err := c.Object.Get(ctx(t), "big.bin", nil)
	require.NoError(t, err)
	b, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.ErrorIs(t, err, io.ErrUnexpectedEOF)
	assert.Equal(t, "0123456789", string(b))

	// A truncated error body leaves the SDK without a Code.
	_, err = sdk(s, nil, "", "", "").Object.Get(ctx(t), "private.txt", nil)
	var er *cos.ErrorResponse
	require.ErrorAs(t, err, &er)
	assert.Equal(t, http.StatusForbidden, er.Response.StatusCode)
	assert.Empty(t, er.Code)
	_, ok := cos403.As(classify.Classify(err))
	assert.True(t, ok)
}

// TestFaultDelay: slow replies respect the client's deadline and never
// outlive Close.
func TestFaultDelay(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	s.SetFault(bucketHost, fakecos.Fault{Delay: time.Minute})
	c := rootClient(s)
	short, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := c.Object.Get(short, "public.txt", nil)
	// The SDK wraps transport errors in a *cos.RetryError without Unwrap.
	assert.ErrorContains(t, err, context.DeadlineExceeded.Error())
	assert.Less(t, time.Since(start), 5*time.Second)

	done := make(chan error, 1)
	go func() {
		_, err := c.Object.Get(context.Background(), "public.txt", nil)
		done <- err
	}()
	time.Sleep(50 * time.Millisecond)
	s.Close()
	select {
	case err := <-done:
		assert.Error(t, err)
	case <-time.After(5 * time.Second):
		t.Fatal("a delayed request outlived Close")
	}
}

// TestConcurrentUse runs many SDK clients against one fake while its
// clock, faults and bucket configuration change (run with -race).
func TestConcurrentUse(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	var wg sync.WaitGroup
	for g := 0; g < 12; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			root := rootClient(s)
			tmp := sdk(s, nil, tmpID, tmpKey, tmpTok)
			anon := sdk(s, nil, "", "", "")
			for i := 0; i < 15; i++ {
				key := "dir/g" + string(rune('a'+g)) + "/" + string(rune('a'+i)) + ".txt"
				_, err := tmp.Object.Put(context.Background(), key, strings.NewReader(key), nil)
				assert.NoError(t, err)
				resp, err := root.Object.Get(context.Background(), key, nil)
				if assert.NoError(t, err) {
					b, _ := io.ReadAll(resp.Body)
					resp.Body.Close()
					assert.Equal(t, key, string(b))
				}
				_, err = anon.Object.Get(context.Background(), key, nil)
				assert.Equal(t, cos403.CauseAnonymousDenied, cos403.CauseOf(classify.Classify(err)))
				_, err = root.Object.Head(context.Background(), "cold.bin", nil)
				assert.NoError(t, err)
				_, err = root.Object.Delete(context.Background(), key)
				assert.NoError(t, err)
			}
		}(g)
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; i < 50; i++ {
			s.SetOffset(time.Duration(i%3) * time.Second)
			s.SetFault("other-1250000000", fakecos.Fault{ProxyHTML: i%2 == 0})
			_, _ = s.Bucket(bucketName)
			_, _ = s.Object(bucketName, "private.txt")
			assert.NoError(t, s.AddBucket(fakecos.Bucket{Name: bucketName, Region: region, OwnerUin: ownerUin}))
		}
	}()
	wg.Wait()
}
