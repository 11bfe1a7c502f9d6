package main

import (
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// findingLine matches the first line of a finding under the checks
// heading: "  [FAIL] cors (cors_rejected): <text>".
var findingLine = regexp.MustCompile(`^  \[(PASS|FAIL|WARN)\] [a-z_.\[\]0-9]+( \([a-z_]+\))?: (.*)$`)

// TestFindingLinesLocalized: with -lang ja and -lang zh the finding lines
// are written in that language, not in English.
func TestFindingLinesLocalized(t *testing.T) {
	t.Parallel()
	tests := []struct {
		lang   string
		script *regexp.Regexp
	}{
		{"ja", regexp.MustCompile(`\p{Hiragana}|\p{Katakana}`)},
		{"zh", regexp.MustCompile(`\p{Han}`)},
	}
	for _, tc := range tests {
		t.Run(tc.lang, func(t *testing.T) {
			t.Parallel()
			code, out, errOut := doctor(t, nil, "-lang", tc.lang)
			require.Equal(t, exitOK, code, "stderr: %s", errOut)
			n := 0
			for _, line := range strings.Split(out, "\n") {
				m := findingLine.FindStringSubmatch(line)
				if m == nil {
					continue
				}
				n++
				assert.Regexpf(t, tc.script, m[3], "-lang %s finding line not localized: %q", tc.lang, line)
				if tc.lang == "zh" {
					assert.NotRegexp(t, `\p{Hiragana}|\p{Katakana}`, m[3], line)
				}
			}
			assert.Greater(t, n, len(scenarios()), "finding lines in:\n%s", out)
		})
	}
}
