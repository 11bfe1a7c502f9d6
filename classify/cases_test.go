package classify_test

import (
	"bufio"
	"bytes"
	"net/http"
	"net/textproto"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// goldenCase is one file under testdata/responses: a comment, the expected
// cause, an optional request ("METHOD URL" then headers) and the full HTTP
// reply (status line, headers, blank line, body) or a bare body.
type goldenCase struct {
	name    string
	path    string
	comment string
	cause   string
	req     *http.Request
	status  int
	header  http.Header
	body    []byte
	want    []byte // the -- want -- section, if present
	raw     map[string][]byte
	order   []string
}

const responsesDir = "../testdata/responses"

func loadCases(t testing.TB) []goldenCase {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(responsesDir, "*.txtar"))
	require.NoError(t, err)
	require.NotEmpty(t, paths)
	sort.Strings(paths)
	out := make([]goldenCase, 0, len(paths))
	for _, p := range paths {
		out = append(out, loadCase(t, p))
	}
	return out
}

func loadCase(t testing.TB, path string) goldenCase {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	c := goldenCase{name: strings.TrimSuffix(filepath.Base(path), ".txtar"), path: path, raw: map[string][]byte{}}
	comment, sections, order := parseTxtar(data)
	c.comment, c.raw, c.order = comment, sections, order
	c.cause = strings.TrimSpace(string(sections["cause"]))
	c.want = sections["want"]
	if r, ok := sections["request"]; ok {
		c.req = parseRequest(t, r)
	}
	c.status, c.header, c.body = parseReply(t, sections["reply"])
	return c
}

// parseTxtar splits the txtar format: a comment, then "-- name --" lines
// each starting a section that runs to the next marker.
func parseTxtar(data []byte) (string, map[string][]byte, []string) {
	sections := map[string][]byte{}
	var order []string
	var comment []byte
	cur := ""
	inSection := false
	for len(data) > 0 {
		line := data
		rest := []byte(nil)
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, rest = data[:i+1], data[i+1:]
		}
		data = rest
		trim := bytes.TrimRight(line, "\n")
		if bytes.HasPrefix(trim, []byte("-- ")) && bytes.HasSuffix(trim, []byte(" --")) && len(trim) > 6 {
			cur = string(trim[3 : len(trim)-3])
			sections[cur] = []byte{}
			order = append(order, cur)
			inSection = true
			continue
		}
		if !inSection {
			comment = append(comment, line...)
			continue
		}
		sections[cur] = append(sections[cur], line...)
	}
	return strings.TrimSpace(string(comment)), sections, order
}

func formatTxtar(comment string, sections map[string][]byte, order []string) []byte {
	var b bytes.Buffer
	b.WriteString(comment)
	b.WriteString("\n")
	for _, name := range order {
		b.WriteString("-- " + name + " --\n")
		b.Write(sections[name])
		if n := len(sections[name]); n > 0 && sections[name][n-1] != '\n' {
			b.WriteString("\n")
		}
	}
	return b.Bytes()
}

func parseRequest(t testing.TB, raw []byte) *http.Request {
	t.Helper()
	first, rest, _ := bytes.Cut(raw, []byte("\n"))
	method, target, ok := strings.Cut(string(first), " ")
	require.True(t, ok, "request line %q", first)
	req, err := http.NewRequest(method, target, nil)
	require.NoError(t, err)
	tp := textproto.NewReader(bufio.NewReader(bytes.NewReader(append(rest, '\n'))))
	h, err := tp.ReadMIMEHeader()
	if err == nil || len(h) > 0 {
		for k, vs := range h {
			for _, v := range vs {
				req.Header.Add(k, v)
			}
		}
	}
	return req
}

// parseReply reads "HTTP/1.1 403 Forbidden", headers, a blank line and the
// body byte for byte (documentation samples have Content-Length values that
// do not match their bodies, so http.ReadResponse is not used). A reply that
// does not start with a status line is a bare body with status 403.
func parseReply(t testing.TB, raw []byte) (int, http.Header, []byte) {
	t.Helper()
	if !bytes.HasPrefix(raw, []byte("HTTP/")) {
		return http.StatusForbidden, nil, raw
	}
	head, body, found := bytes.Cut(raw, []byte("\n\n"))
	if !found {
		head, body = raw, nil
	}
	lines := strings.Split(string(head), "\n")
	parts := strings.SplitN(lines[0], " ", 3)
	require.GreaterOrEqual(t, len(parts), 2, "status line %q", lines[0])
	status, err := strconv.Atoi(parts[1])
	require.NoError(t, err)
	h := http.Header{}
	for _, l := range lines[1:] {
		k, v, ok := strings.Cut(l, ":")
		if ok {
			h.Add(strings.TrimSpace(k), strings.TrimSpace(v))
		}
	}
	return status, h, body
}
