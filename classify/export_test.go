package classify

import (
	"net/http"

	"github.com/cos403/cos403-go/cos403"
)

// RuleRow is a row of the classification table as the tests see it.
type RuleRow struct {
	Cause    cos403.Cause
	Evidence string
}

// RuleTable returns the rows of the classification table in order.
func RuleTable() []RuleRow {
	out := make([]RuleRow, len(rules))
	for i, r := range rules {
		out[i] = RuleRow{r.cause, r.evidence}
	}
	return out
}

// DecidingRule classifies a reply like Reply and returns the evidence name
// of the row that decided.
func DecidingRule(status int, header http.Header, body []byte, req *http.Request) string {
	eb := parseBody(body, header.Get("Content-Type"))
	_, evidence := build(status, header, &eb, req)
	return evidence
}
