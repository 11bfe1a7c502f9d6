package fakecos_test

import (
	"context"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cos403/cos403-go/internal/fakecos"
)

// fixtureA is cos-errors.md §11 fixture A, the D-OPTIONS Example 4 reply
// body, byte for byte: single-quoted declaration with a space before "?>",
// one tab before each element, &apos; in the Message, no newline after
// </Error> (its Content-Length, 687, counts none).
const fixtureA = "<?xml version='1.0' encoding='utf-8' ?>\n" +
	"<Error>\n" +
	"\t<Code>AccessForbidden</Code>\n" +
	"\t<Message>CORSResponse: This CORS request is not allowed. This is usually because the evalution of Origin, request method / Access-Control-Request-Method or Access-Control-Requet-Headers are not whitelisted by the resource&apos;s CORS spec</Message>\n" +
	"\t<Resource>examplebucket-1250000000.cos.ap-beijing.myqcloud.com/exampleobject</Resource>\n" +
	"\t<RequestId>NWYwNzAzNTZfNzNjODJhMDlfMzRiM2ZfMThjMjk4****</RequestId>\n" +
	"\t<TraceId>OGVmYzZiMmQzYjA2OWNhODk0NTRkMTBiOWVmMDAxODc0OWRkZjk0ZDM1NmI1M2E2MTRlY2MzZDhmNmI5MWI1OWE4OGMxZjNjY2JiNTBmMTVmMWY1MzAzYzkyZGQ2ZWM4OWM4Y2M5MzI5ZmUzN2FjZDk1OTRjYWI5Yjg5OTJlZDA=</TraceId>\n" +
	"</Error>"

// TestDocumentedFixtureA sends the documented request (a preflight to a
// bucket without CORS rules) and compares the reply with the documented
// one, the ids swapped for the documented ones. The golden files under
// testdata/fakecos are written by the fake itself; this pins its format to
// COS's own.
func TestDocumentedFixtureA(t *testing.T) {
	t.Parallel()
	require.Len(t, fixtureA, 687)
	s := fakecos.NewTest(t, fakecos.Config{})
	require.NoError(t, s.AddBucket(fakecos.Bucket{Name: "examplebucket-1250000000", Region: "ap-beijing", OwnerUin: ownerUin}))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodOptions, "http://examplebucket-1250000000.cos.ap-beijing.myqcloud.com/exampleobject", nil)
	require.NoError(t, err)
	req.Header.Set("Origin", "http://www.qq.com")
	req.Header.Set("Access-Control-Request-Method", "PUT")
	resp, err := s.Client().Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)

	assert.Equal(t, http.StatusForbidden, resp.StatusCode)
	h := resp.Header
	assert.Equal(t, "application/xml", h.Get("Content-Type"))
	assert.Equal(t, "tencent-cos", h.Get("Server"))
	assert.Equal(t, strconv.Itoa(len(body)), h.Get("Content-Length"))
	_, err = http.ParseTime(h.Get("Date"))
	assert.NoError(t, err, "Date %q", h.Get("Date"))
	id, trace := h.Get("x-cos-request-id"), h.Get("x-cos-trace-id")
	require.NotEmpty(t, id)
	require.NotEmpty(t, trace)
	got := strings.NewReplacer(
		"<RequestId>"+id+"<", "<RequestId>NWYwNzAzNTZfNzNjODJhMDlfMzRiM2ZfMThjMjk4****<",
		"<TraceId>"+trace+"<", "<TraceId>OGVmYzZiMmQzYjA2OWNhODk0NTRkMTBiOWVmMDAxODc0OWRkZjk0ZDM1NmI1M2E2MTRlY2MzZDhmNmI5MWI1OWE4OGMxZjNjY2JiNTBmMTVmMWY1MzAzYzkyZGQ2ZWM4OWM4Y2M5MzI5ZmUzN2FjZDk1OTRjYWI5Yjg5OTJlZDA=<",
	).Replace(string(body))
	assert.Equal(t, fixtureA, got)
}
