package checks

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/cos403/cos403-go/cos403"
	"github.com/cos403/cos403-go/signature"
)

// MaxSkew is the largest client/server clock difference COS tolerates
// before answering RequestTimeTooSkewed: "The difference between the local
// time and server time is more than 15 minutes" (D-ERR, D-403).
const MaxSkew = 15 * time.Minute

// ErrInvalidDate is wrapped by SkewFromDate when the date cannot be read.
var ErrInvalidDate = errors.New("checks: invalid date")

// dateLayouts are tried after http.ParseTime's three formats (RFC 1123 with
// GMT, RFC 850, ANSI C): numeric zones, named zones other than GMT,
// single-digit days and RFC 3339.
var dateLayouts = []string{
	time.RFC1123Z,
	time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 MST",
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"2 Jan 2006 15:04:05 MST",
	time.RFC3339Nano,
}

// ParseServerTime reads a server time as COS sends it: the Date response
// header (RFC 1123, D-RESP) and its variants, an RFC 3339 time, or Unix
// seconds (a form some error bodies' ServerTime may use; the element's
// format is not documented, section 2.2 of the catalog).
func ParseServerTime(s string) (time.Time, error) {
	v := strings.TrimSpace(s)
	if t, err := http.ParseTime(v); err == nil {
		return t, nil
	}
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, v); err == nil {
			return t, nil
		}
	}
	if allDigits(v) && len(v) <= 12 {
		n, err := strconv.ParseInt(v, 10, 64)
		if err == nil {
			return time.Unix(n, 0).UTC(), nil
		}
	}
	shown := v
	if len(shown) > 64 {
		shown = shown[:64] + "…"
	}
	return time.Time{}, fmt.Errorf("checks: date %q: %w", shown, ErrInvalidDate)
}

// SkewFromDate returns how far the server's clock is ahead of local (negative
// when it is behind), reading the server time from a Date header or a
// ServerTime value as [ParseServerTime] does. The JS SDK corrects its clock
// the same way from the Date header or ServerTime (catalog section 4). If
// non-nil, the error wraps [ErrInvalidDate].
func SkewFromDate(local time.Time, dateHeader string) (time.Duration, error) {
	t, err := ParseServerTime(dateHeader)
	if err != nil {
		return 0, err
	}
	return t.Sub(local), nil
}

// CheckSignatureTime checks the validity windows of a signature at time now,
// as seen by a server whose clock reads serverTime (zero when unknown; then
// now is taken as right). It reports, in this order:
//
//   - the local clock off by more than [MaxSkew] from the server's:
//     fail, [cos403.CauseRequestTimeTooSkewed] (D-ERR, D-403);
//   - the window already over: fail, [cos403.CauseRequestExpired], with by
//     how much (AccessDenied "Request has expired", D-403);
//   - the window not yet open: fail with CauseRequestTimeTooSkewed when it
//     opens more than MaxSkew ahead, warn otherwise; which error COS sends
//     is not documented, and the SDKs backdate the start (JS 1 s, PY 60 s)
//     to stay clear of it (catalog section 4);
//   - q-sign-time outside q-key-time: fail, or q-sign-time differing from
//     q-key-time: warn, both [cos403.CauseSignatureMismatch]: the document
//     uses one KeyTime for both, GO builds StringToSign from q-key-time and
//     JS/JAVA from q-sign-time (D-SIGN).
//
// Otherwise it passes, ruling out CauseRequestExpired.
func CheckSignatureTime(auth *signature.Authorization, now time.Time, serverTime time.Time) Finding {
	f := Finding{Check: "signature_time"}
	if auth == nil || (auth.SignTime.IsZero() && auth.KeyTime.IsZero()) {
		f.Status = StatusNotApplicable
		f.Summary = "no signature time to check"
		return f
	}
	sign, key := auth.SignTime, auth.KeyTime
	if sign.IsZero() {
		sign = key
	}
	if key.IsZero() {
		key = sign
	}
	ref, clock := now, "local clock"
	f.Evidence = append(f.Evidence,
		ev("q_sign_time", sign.String()+" ("+rfc3339(sign.Start)+" to "+rfc3339(sign.End)+")"),
		ev("q_key_time", key.String()),
		ev("now", rfc3339(now)),
	)
	if !serverTime.IsZero() {
		ref, clock = serverTime, "server clock"
		skew := serverTime.Sub(now)
		f.Evidence = append(f.Evidence, ev("server_time", rfc3339(serverTime)), ev("skew", roundSec(skew).String()))
		if abs(skew) > MaxSkew {
			dir := "behind"
			if skew < 0 {
				dir = "ahead of"
			}
			f.Status, f.Cause = StatusFail, cos403.CauseRequestTimeTooSkewed
			f.Summary = "local clock is " + roundSec(abs(skew)).String() + " " + dir + " the server, more than the 15 minutes COS allows (D-ERR); sync it with NTP"
			return f
		}
	}
	start, end, endField := sign.Start, sign.End, "q-sign-time"
	if key.Start.After(start) {
		start = key.Start
	}
	if key.End.Before(end) {
		end, endField = key.End, "q-key-time"
	}
	refS := ref.Unix()
	switch {
	case refS > end.Unix():
		by := roundSec(ref.Sub(end))
		f.Status, f.Cause = StatusFail, cos403.CauseRequestExpired
		f.Evidence = append(f.Evidence, ev("expired_by", by.String()))
		f.Summary = "signature expired " + by.String() + " ago (" + endField + " ended " + rfc3339(end) + ", " + clock +
			" reads " + rfc3339(ref) + "); COS answers AccessDenied \"Request has expired\" (D-403): sign again with a fresh KeyTime"
		return f
	case refS < start.Unix():
		ahead := roundSec(start.Sub(ref))
		f.Cause = cos403.CauseRequestTimeTooSkewed
		f.Evidence = append(f.Evidence, ev("starts_in", ahead.String()))
		if ahead > MaxSkew {
			f.Status = StatusFail
			f.Summary = "signature starts " + ahead.String() + " in the future, beyond the 15-minute tolerance; COS likely answers RequestTimeTooSkewed (catalog section 4): check the clock that signed it"
		} else {
			f.Status = StatusWarn
			f.Summary = "signature starts " + ahead.String() + " in the future; COS's handling of a future start is undocumented, and the SDKs backdate the start (JS 1 s, PY 60 s) to avoid it"
		}
		return f
	}
	if sign != key {
		f.Cause = cos403.CauseSignatureMismatch
		if sign.Start.Before(key.Start) || sign.End.After(key.End) {
			f.Status = StatusFail
			f.Summary = "q-sign-time " + sign.String() + " lies outside q-key-time " + key.String() + "; the signing key is not valid for the whole signature window"
		} else {
			f.Status = StatusWarn
			f.Summary = "q-sign-time " + sign.String() + " differs from q-key-time " + key.String() +
				"; the document uses one KeyTime for both, and SDKs disagree on which one StringToSign uses (D-SIGN)"
		}
		return f
	}
	left := roundSec(end.Sub(ref))
	f.Status, f.Cause = StatusPass, cos403.CauseRequestExpired
	f.Evidence = append(f.Evidence, ev("remaining", left.String()))
	f.Summary = "signature is valid until " + rfc3339(end) + " (" + left.String() + " left by the " + clock + ")"
	return f
}

func rfc3339(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func roundSec(d time.Duration) time.Duration { return d.Round(time.Second) }

// serverSkew is server minus local, rounded to the second. A server time
// with no fraction (Date and ServerTime carry whole seconds) is read as the
// middle of its second, as CheckClockSkew does, so that equal clocks give 0
// and a 20-minute skew gives 20m, not 20m1s.
func serverSkew(server, local time.Time) time.Duration {
	if server.Nanosecond() == 0 {
		server = server.Add(time.Second / 2)
	}
	return roundSec(server.Sub(local))
}

func abs(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}
