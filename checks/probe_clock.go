package checks

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/cos403/cos403-go/cos403"
)

// SkewWarn is the clock difference from which CheckClockSkew warns. COS
// refuses only beyond MaxSkew, but the JS SDK already corrects its clock
// from 30 s on (catalog section 4), and a signature valid for a minute or
// two fails well before 15 minutes of skew.
const SkewWarn = time.Minute

// ClockSkewResult is what CheckClockSkew measured.
type ClockSkewResult struct {
	// Finding is the "clock_skew" finding: fail with
	// [cos403.CauseRequestTimeTooSkewed] beyond [MaxSkew], warn beyond
	// [SkewWarn], pass otherwise.
	Finding Finding
	// Offset is how far the server's clock is ahead of the local one
	// (negative when behind): add it to the local time to sign with the
	// server's. It is zero when no server time could be read.
	Offset time.Duration
	// ServerTime is the server's clock as read from <ServerTime> or the
	// Date header; zero when neither came back.
	ServerTime time.Time
	// LocalTime is the local clock halfway through the exchange, the moment
	// ServerTime is compared with.
	LocalTime time.Time
	// RoundTrip is how long the exchange took. A server time with
	// one-second resolution (the Date header always, ServerTime as sent)
	// is read as the middle of its second, so Offset is good to about half
	// a second plus half of RoundTrip.
	RoundTrip time.Duration
}

// Correct returns t moved onto the server's clock. Use it as the signing
// clock (signature.Options.Now, or cos-go-sdk-v5's KeyTime) until the local
// clock is synchronised.
func (r ClockSkewResult) Correct(t time.Time) time.Time { return t.Add(r.Offset) }

// CheckClockSkew compares the local clock with COS's. It sends one unsigned
// GET to endpoint (a bucket URL such as
// https://examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com, or a
// service URL such as https://cos.ap-guangzhou.myqcloud.com) and reads the
// server time from the error body's <ServerTime> or the Date header, the
// two sources the JS SDK corrects its clock from (catalog section 4). Any
// answer will do: the refusal an unsigned request gets carries the time
// too.
//
// The probe fails beyond [MaxSkew], the 15 minutes after which COS answers
// RequestTimeTooSkewed (D-ERR, D-403), warns beyond [SkewWarn], and reports
// the offset to apply either way.
//
// client may be nil (a private client with [DefaultTimeout] is used); it is
// copied, never modified, and redirects to another host are not followed.
// CheckClockSkew is safe for concurrent use.
func CheckClockSkew(ctx context.Context, client *http.Client, endpoint string) ClockSkewResult {
	return checkClockSkew(ctx, client, endpoint, time.Now)
}

func checkClockSkew(ctx context.Context, client *http.Client, endpoint string, now func() time.Time) ClockSkewResult {
	res := ClockSkewResult{Finding: Finding{Check: "clock_skew", Cause: cos403.CauseRequestTimeTooSkewed}}
	f := &res.Finding
	u, err := parseProbeURL(endpoint)
	if err != nil {
		f.Status, f.Cause = StatusNotApplicable, ""
		f.Summary = "no endpoint to read the server time from: " + err.Error()
		return res
	}
	u = unsignedURL(u)
	f.Evidence = append(f.Evidence, ev("endpoint", cos403.RedactedURL(u)))
	req, err := http.NewRequest(http.MethodGet, u.String(), nil)
	if err != nil {
		f.Status, f.Cause = StatusNotApplicable, ""
		f.Summary = "cannot build the request: " + err.Error()
		return res
	}
	r := send(ctx, probeClient(client, sameHostRedirects), req, now)
	if r.err != nil {
		f.Status = StatusWarn
		f.Cause = ""
		f.Summary = "could not read the server time: " + errText(r.err)
		return res
	}
	res.RoundTrip = r.received.Sub(r.sent)
	res.LocalTime = r.sent.Add(res.RoundTrip / 2)
	source := "Date header"
	switch {
	case r.cosErr != nil && !r.cosErr.ServerTime.IsZero():
		res.ServerTime = r.cosErr.ServerTime
		if !headerDate(r.header).Equal(res.ServerTime) {
			source = "ServerTime element"
		}
	default:
		res.ServerTime = headerDate(r.header)
	}
	f.Evidence = append(f.Evidence, ev("answer", r.text()))
	if res.ServerTime.IsZero() {
		f.Status, f.Cause = StatusWarn, ""
		f.Summary = "the answer carried no readable Date header or ServerTime, so the clocks cannot be compared"
		return res
	}
	// The server wrote the second it was in, cut down to a whole second
	// (RFC 1123 has no fractions); its clock read, on average, half a second
	// more. Without this a server in step with this machine looks up to a
	// second behind it.
	at := res.ServerTime
	if at.Nanosecond() == 0 {
		at = at.Add(time.Second / 2)
	}
	res.Offset = at.Sub(res.LocalTime)
	skew := roundSec(res.Offset)
	f.Evidence = append(f.Evidence,
		ev("server_time", rfc3339(res.ServerTime)),
		ev("server_time_source", source),
		ev("local_time", rfc3339(res.LocalTime)),
		ev("skew", skew.String()),
		ev("skew_minutes", minutesText(res.Offset)),
		ev("offset_to_apply", signedDuration(skew)),
		ev("round_trip", res.RoundTrip.Round(time.Millisecond).String()),
	)
	if r.cosErr != nil && r.cosErr.Cause == cos403.CauseNotFromCOS {
		f.Evidence = append(f.Evidence, ev("from_cos", "false"))
	}
	dir := "behind"
	if res.Offset < 0 {
		dir = "ahead of"
	}
	switch a := abs(res.Offset); {
	case a > MaxSkew:
		f.Status = StatusFail
		f.Summary = "local clock is " + roundSec(a).String() + " " + dir + " the server's (" + source +
			"), more than the 15 minutes COS allows (D-ERR); sync it with NTP or sign with the offset " + signedDuration(skew)
	case a > SkewWarn:
		f.Status = StatusWarn
		f.Summary = "local clock is " + roundSec(a).String() + " " + dir + " the server's (" + source +
			"): within the 15 minutes COS allows, but short-lived signatures may already fail; sync it with NTP"
	case roundSec(a) == 0:
		f.Status = StatusPass
		f.Summary = "local clock agrees with the server's to the second (" + source + ")"
	default:
		f.Status = StatusPass
		f.Summary = "local clock agrees with the server's within " + roundSec(a).String() + " (" + source + ")"
	}
	return res
}

// minutesText is the size of a skew in minutes, one decimal: "20.0".
func minutesText(d time.Duration) string {
	return strconv.FormatFloat(abs(d).Minutes(), 'f', 1, 64)
}

// signedDuration prints a duration with an explicit sign: "+20m0s".
func signedDuration(d time.Duration) string {
	if d < 0 {
		return d.String()
	}
	return "+" + d.String()
}
