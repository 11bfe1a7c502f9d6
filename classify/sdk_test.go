package classify_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	cos "github.com/tencentyun/cos-go-sdk-v5"

	"github.com/cos403/cos403-go/classify"
	"github.com/cos403/cos403-go/cos403"
)

// TestSDKEndToEnd serves every golden reply to the real cos-go-sdk-v5
// client and classifies the error the SDK returns, with and without
// classify.Transport in the chain.
func TestSDKEndToEnd(t *testing.T) {
	cases := loadCases(t)
	for _, c := range cases {
		if c.req == nil {
			continue // a bare body: no request to replay
		}
		c := c
		for _, withTransport := range []bool{false, true} {
			name := c.name
			if withTransport {
				name += "/transport"
			}
			t.Run(name, func(t *testing.T) {
				t.Parallel()
				srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					for k, vs := range c.header {
						if strings.EqualFold(k, "Content-Length") {
							continue
						}
						w.Header()[k] = vs
					}
					if len(c.header) > 0 && c.header.Get("Date") == "" {
						w.Header()["Date"] = nil // keep a proxy reply free of COS-like headers
					}
					w.WriteHeader(c.status)
					_, _ = w.Write(c.body)
				}))
				defer srv.Close()
				u, err := url.Parse(srv.URL)
				require.NoError(t, err)

				var rt http.RoundTripper = http.DefaultTransport
				if withTransport {
					rt = &classify.Transport{}
				}
				signed := c.req.Header.Get("Authorization") != ""
				if signed {
					auth := &cos.AuthorizationTransport{SecretID: "AKIDEXAMPLE", SecretKey: "secret"}
					auth.Transport = rt
					rt = auth
				}
				client := cos.NewClient(&cos.BaseURL{BucketURL: u}, &http.Client{Transport: rt})
				if tok := c.req.Header.Get("X-Cos-Security-Token"); tok != "" && signed {
					rt.(*cos.AuthorizationTransport).SessionToken = tok
				}
				ctx := context.Background()
				switch c.req.Method {
				case http.MethodHead:
					_, err = client.Object.Head(ctx, "exampleobject", nil)
				case http.MethodOptions:
					_, err = client.Object.Options(ctx, "exampleobject", &cos.ObjectOptionsOptions{
						Origin: "https://www.example.com", AccessControlRequestMethod: "PUT"})
				default:
					_, err = client.Object.Get(ctx, "exampleobject", nil)
				}
				require.Error(t, err)
				got := classify.Classify(err)
				e, ok := cos403.As(got)
				require.True(t, ok, "Classify(%T) did not classify", err)
				want := cos403.Cause(c.cause)
				if c.name == "json_access_denied" && !withTransport {
					// The SDK's JSON fallback expects a numeric code and
					// drops "AccessDenied"; only the Transport's copy of
					// the body keeps it.
					want = cos403.CauseUnknown
				}
				assert.Equal(t, want, e.Cause, "Classify(%s).Cause = %v, want %v", c.name, e.Cause, want)
				assert.Equal(t, signed, e.Signed)
				if withTransport && c.status != http.StatusOK && c.req.Method != http.MethodHead && strings.Contains(string(c.body), "<FormatString>") {
					assert.NotEmpty(t, e.ServerFormatString, "the transport keeps what the SDK discards")
				}
			})
		}
	}
}
