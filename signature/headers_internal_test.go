package signature

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestDefaultSignedTable keeps the table sorted, lower case and in step with
// the first-letter filter.
func TestDefaultSignedTable(t *testing.T) {
	assert.True(t, slices.IsSorted(defaultSignedHeaders[:]), "defaultSignedHeaders must be sorted")
	first := map[byte]bool{'x': true}
	for _, name := range defaultSignedHeaders {
		assert.Equal(t, name, string(appendForm(nil, name, fEncode|fLower)), "table names are lower-case and need no escape")
		first[name[0]] = true
	}
	for c := byte(0); c < 0x80; c++ {
		assert.Equal(t, first[c], maybeDefaultSigned(c), "maybeDefaultSigned(%q)", c)
	}
}

func TestCompareForms(t *testing.T) {
	tests := []struct {
		a      string
		af     uint8
		b      string
		bf     uint8
		want   int
		reason string
	}{
		{"Content-Type", fLower, "content-type", 0, 0, "fold"},
		{"a b", fEncode, "a%20b", 0, 0, "encode"},
		{"a+b", fDecode | fEncode, "a%20b", 0, 0, "decode then encode"},
		{"k%3Deq", fDecode | fEncode | fLower, "k%3deq", 0, 0, "lower-case escapes"},
		{"a", fEncode, "a%20", 0, -1, "prefix"},
		{"a ", fEncode, "a", 0, 1, "longer"},
		{"%zz", fDecode, "%zz", 0, 0, "invalid escape kept"},
		{"b", 0, "a", fLower, 1, "order"},
	}
	for _, tc := range tests {
		assert.Equal(t, tc.want, compareForms(tc.a, tc.af, tc.b, tc.bf), "compareForms(%q, %q): %s", tc.a, tc.b, tc.reason)
		assert.Equal(t, -tc.want, compareForms(tc.b, tc.bf, tc.a, tc.af), "compareForms(%q, %q) reversed", tc.b, tc.a)
	}
}
