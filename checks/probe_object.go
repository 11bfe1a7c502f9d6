package checks

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/cos403/cos403-go/classify"
	"github.com/cos403/cos403-go/cos403"
	cos "github.com/tencentyun/cos-go-sdk-v5"
)

// ObjectStateResult is what CheckObjectState learnt about an object.
type ObjectStateResult struct {
	// Finding is the "archive" finding: fail with
	// [cos403.CauseArchivedObject] when a GET would be refused with
	// InvalidObjectState, pass when the storage class does not block it,
	// warn when HEAD Object itself failed.
	Finding Finding
	// State is the parsed storage class and restore status.
	State ObjectState
	// Restore is the recommended body for the SDK's Object.PostRestore when
	// a restore is needed: the Standard tier (COSCLI's default, available
	// for both ARCHIVE and DEEP_ARCHIVE) for DefaultRestoreDays. It is nil
	// when no restore is needed or one is already under way. State.Advice
	// lists every tier with its duration.
	Restore *cos.ObjectRestoreOptions
}

// CheckObjectState reads an object's storage class and restore status with
// HEAD Object, which COS allows on archived objects (D-HEADOBJ), and says
// whether a GET would be refused because the object is ARCHIVE or
// DEEP_ARCHIVE and has no live restored copy (seed step 6, 403
// InvalidObjectState, D-GETOBJ). Restore state, expiry date, tier and the
// recommended POST Object restore options come from [ParseRestore].
//
// The restored copy's expiry is judged on the server's clock (the Date of
// the HEAD answer) when it came back, since that is the clock COS uses.
// c is the caller's client; its credentials need HeadObject on the key.
// CheckObjectState is safe for concurrent use.
func CheckObjectState(ctx context.Context, c *cos.Client, key string) ObjectStateResult {
	return checkObjectState(ctx, c, key, time.Now)
}

func checkObjectState(ctx context.Context, c *cos.Client, key string, now func() time.Time) ObjectStateResult {
	res := ObjectStateResult{Finding: Finding{Check: "archive", Cause: cos403.CauseArchivedObject}}
	f := &res.Finding
	key = strings.TrimPrefix(key, "/")
	switch {
	case c == nil:
		f.Status, f.Cause = StatusNotApplicable, ""
		f.Summary = "no cos.Client to send HEAD Object with"
		return res
	case key == "":
		f.Status, f.Cause = StatusNotApplicable, ""
		f.Summary = "no object key: only objects have a storage class"
		return res
	}
	f.Evidence = append(f.Evidence, ev("key", key))
	ctx, cancel := withTimeout(ctx)
	defer cancel()
	resp, err := c.Object.Head(ctx, key, nil)
	if resp != nil && resp.Body != nil {
		_ = resp.Body.Close()
	}
	if err != nil {
		f.Status, f.Cause = StatusWarn, ""
		f.Summary = "HEAD Object failed, so the storage class is unknown: " + sdkErrText(err)
		if e, ok := cos403.As(classify.Classify(err)); ok && e.StatusCode == http.StatusForbidden {
			f.Summary += " (HEAD answers carry no body, so a 403 does not say why; the credentials may lack HeadObject)"
		}
		if ctx.Err() != nil || errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
			f.Summary = "HEAD Object got no answer: " + errText(err)
		}
		return res
	}
	var h http.Header
	if resp != nil && resp.Response != nil {
		h = resp.Header
	}
	at := headerDate(h)
	if at.IsZero() {
		at = now()
	}
	res.State = ParseRestore(h)
	res.Finding = res.State.Finding(at)
	res.Finding.Evidence = append([]Evidence{ev("key", key)}, res.Finding.Evidence...)
	if res.Finding.Status == StatusFail && res.State.Restore != RestoreOngoing {
		for _, o := range res.State.Advice {
			if o.Tier == TierStandard {
				res.Restore = o.SDKOptions()
				res.Finding.Evidence = append(res.Finding.Evidence,
					ev("recommended_restore", "PostRestore Tier="+o.Tier+" Days="+strconv.Itoa(res.Restore.Days)+" ("+o.Duration+")"))
			}
		}
	}
	return res
}
