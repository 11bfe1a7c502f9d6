package classify

import (
	"encoding/xml"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cos403/cos403-go/cos403"
)

func addSeeds(f *testing.F) {
	paths, _ := filepath.Glob("../testdata/responses/*.txtar")
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		_, reply, ok := strings.Cut(string(data), "-- reply --\n")
		if !ok {
			continue
		}
		reply, _, _ = strings.Cut(reply, "\n-- want --")
		if _, body, ok := strings.Cut(reply, "\n\n"); ok && strings.HasPrefix(reply, "HTTP/") {
			reply = body
		}
		f.Add([]byte(reply))
	}
	f.Add([]byte("<Error><Code/><Message>a&#x41;b</Message></Error>"))
	f.Add([]byte("<?xml version=\"1.0\"?>\n<Error>\r\n<Code>X\rY</Code></Error>"))
}

// FuzzClassifyBody: any body classifies without panic to a declared cause
// with a one-line Error().
func FuzzClassifyBody(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, body []byte) {
		if len(body) > 1<<16 {
			return
		}
		for _, h := range []http.Header{nil, {"X-Cos-Request-Id": {"N1"}}, {"Server": {"nginx"}}} {
			e := Reply(403, h, body, nil)
			if e == nil {
				t.Fatal("Reply(403) = nil")
			}
			if !e.Cause.Valid() {
				t.Fatalf("cause %q not declared", e.Cause)
			}
			if s := e.Error(); strings.ContainsAny(s, "\n\r") {
				t.Fatalf("Error() spans lines: %q", s)
			}
			_ = e.Remediation(cos403.Japanese)
		}
	})
}

// FuzzScanAgreesWithEncodingXML: wherever the purpose-built scanner and
// encoding/xml both accept a document, they read the same fields.
func FuzzScanAgreesWithEncodingXML(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, body []byte) {
		if len(body) > 1<<16 {
			return
		}
		got, ok := scanXML(string(body))
		if !ok {
			return
		}
		var want errorBody
		if err := xml.Unmarshal(body, &want); err != nil {
			return
		}
		want.kind = bodyXML
		if got != want {
			t.Fatalf("scanner and encoding/xml disagree on %q:\nscan: %+v\nxml:  %+v", body, got, want)
		}
	})
}
