package classify_test

import (
	"encoding/json"
	"flag"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cos403/cos403-go/classify"
	"github.com/cos403/cos403-go/cos403"
)

var update = flag.Bool("update", false, "rewrite the -- want -- sections of testdata/responses")

// TestGolden classifies every reply under testdata/responses. The expected
// cause is written by hand in each file; the full result is golden.
func TestGolden(t *testing.T) {
	cases := loadCases(t)
	seen := map[cos403.Cause]bool{}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			require.True(t, cos403.Cause(c.cause).Valid(), "%s: cause %q is not declared", c.path, c.cause)
			e := classify.Reply(c.status, c.header, c.body, c.req)
			require.NotNil(t, e)
			assert.Equal(t, cos403.Cause(c.cause), e.Cause, "Classify(%s).Cause = %v, want %v", c.name, e.Cause, c.cause)
			assert.ErrorIs(t, e, cos403.Cause(c.cause).Err())
			seen[e.Cause] = true

			got, err := json.MarshalIndent(e, "", "  ")
			require.NoError(t, err)
			got = append(got, '\n')
			if *update {
				if _, ok := c.raw["want"]; !ok {
					c.order = append(c.order, "want")
				}
				c.raw["want"] = got
				require.NoError(t, os.WriteFile(c.path, formatTxtar(c.comment, c.raw, c.order), 0o644))
				return
			}
			require.NotNil(t, c.want, "%s has no -- want -- section; run go test ./classify -run TestGolden -update", c.path)
			assert.JSONEq(t, string(c.want), string(got))
		})
	}
	if !*update {
		for _, cause := range cos403.Causes() {
			assert.True(t, seen[cause], "no golden reply produces %s", cause)
		}
	}
}

// TestEveryRuleOwnsAGoldenReply ties each row of the classification table
// to the golden reply its evidence names: the reply exists, expects the
// row's cause, and is decided by that row rather than by an earlier one.
func TestEveryRuleOwnsAGoldenReply(t *testing.T) {
	byName := map[string]goldenCase{}
	for _, c := range loadCases(t) {
		byName[c.name] = c
	}
	for _, row := range classify.RuleTable() {
		t.Run(row.Evidence, func(t *testing.T) {
			c, ok := byName[row.Evidence]
			require.True(t, ok, "the %s row cites %s, which is not under %s", row.Cause, row.Evidence, responsesDir)
			assert.Equal(t, row.Cause, cos403.Cause(c.cause), "%s expects %s, but the row citing it decides %s", c.path, c.cause, row.Cause)
			got := classify.DecidingRule(c.status, c.header, c.body, c.req)
			assert.Equal(t, row.Evidence, got, "Classify(%s) is decided by the %s row, want the %s row", c.name, got, row.Evidence)
		})
	}
}
