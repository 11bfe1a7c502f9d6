package signature_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/cos403/cos403-go/signature"
)

func TestEscape(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"max-age=600", "max-age%3D600"},
		{"application/octet-stream", "application%2Foctet-stream"},
		{"a b+c", "a%20b%2Bc"},
		{"!'()*", "%21%27%28%29%2A"},
		{"A-z_0.9~", "A-z_0.9~"},
		{"腾", "%E8%85%BE"},
		{`uin="100000000011"`, "uin%3D%22100000000011%22"},
	}
	for _, tc := range tests {
		assert.Equal(t, tc.want, signature.Escape(tc.in), "Escape(%q)", tc.in)
	}
}
