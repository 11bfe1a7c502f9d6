package checks

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/cos403/cos403-go/cos403"
	cos "github.com/tencentyun/cos-go-sdk-v5"
)

// RestoreState is the restore status of an archived object.
type RestoreState string

// The restore states HEAD Object reports through x-cos-restore (D-HEADOBJ).
const (
	// RestoreNone: no x-cos-restore header; nothing restored or restoring.
	RestoreNone RestoreState = "none"
	// RestoreOngoing: ongoing-request="true".
	RestoreOngoing RestoreState = "ongoing"
	// RestoreRestored: ongoing-request="false" with an expiry date; a
	// readable copy exists until then.
	RestoreRestored RestoreState = "restored"
)

// The storage classes that need a restore before GET (D-GETOBJ, D-PUTOBJ).
const (
	StorageClassArchive     = "ARCHIVE"
	StorageClassDeepArchive = "DEEP_ARCHIVE"
	StorageClassStandard    = "STANDARD"
)

// The restore tiers (D-RESTORE).
const (
	TierExpedited = "Expedited"
	TierStandard  = "Standard"
	TierBulk      = "Bulk"
)

// DefaultRestoreDays is how long the advice keeps a restored copy: COSCLI's
// default for "coscli restore -d".
const DefaultRestoreDays = 3

// RestoreOption is one way to restore an object: a tier and how long it
// takes (D-RESTORE), and how many days the restored copy stays.
type RestoreOption struct {
	// Tier is Expedited, Standard or Bulk.
	Tier string
	// Duration is the documented time to restore, e.g. "1-5 minutes".
	Duration string
	// Days is how long the restored copy stays readable.
	Days int
}

// SDKOptions returns the body for the SDK's Object.PostRestore
// (POST Object restore, D-RESTORE).
func (o RestoreOption) SDKOptions() *cos.ObjectRestoreOptions {
	days := o.Days
	if days <= 0 {
		days = DefaultRestoreDays
	}
	return &cos.ObjectRestoreOptions{Days: days, Tier: &cos.CASJobParameters{Tier: o.Tier}}
}

// RestoreOptions returns the tiers a storage class can be restored with,
// fastest first (D-RESTORE): ARCHIVE offers Expedited (1-5 minutes),
// Standard (3-5 hours) and Bulk (5-12 hours); DEEP_ARCHIVE offers Standard
// (12-24 hours) and Bulk (24-48 hours). Other classes need no restore.
func RestoreOptions(storageClass string) []RestoreOption {
	switch strings.ToUpper(strings.TrimSpace(storageClass)) {
	case StorageClassArchive:
		return []RestoreOption{
			{Tier: TierExpedited, Duration: "1-5 minutes", Days: DefaultRestoreDays},
			{Tier: TierStandard, Duration: "3-5 hours", Days: DefaultRestoreDays},
			{Tier: TierBulk, Duration: "5-12 hours", Days: DefaultRestoreDays},
		}
	case StorageClassDeepArchive:
		return []RestoreOption{
			{Tier: TierStandard, Duration: "12-24 hours", Days: DefaultRestoreDays},
			{Tier: TierBulk, Duration: "24-48 hours", Days: DefaultRestoreDays},
		}
	}
	return nil
}

// ObjectState is what HEAD Object (or a 403 GET) says about an object's
// storage class and restore status.
type ObjectState struct {
	// StorageClass is x-cos-storage-class, upper case; STANDARD when the
	// header is absent, since COS sends it only for other classes
	// (D-HEADOBJ).
	StorageClass string
	// Archived is true for ARCHIVE and DEEP_ARCHIVE.
	Archived bool
	// Restore is the x-cos-restore state.
	Restore RestoreState
	// ExpiryDate is when a restored copy goes away (x-cos-restore
	// expiry-date); zero when unknown.
	ExpiryDate time.Time
	// Tier is the restore tier in progress (x-cos-restore-status tier,
	// title case), sent only while restoring.
	Tier string
	// RequestDate is when the ongoing restore was requested.
	RequestDate time.Time
	// Readable is true when a GET can succeed as far as the storage class
	// goes: the object is not archived, or a restored copy exists. Use
	// Finding with the current time to account for the expiry date.
	Readable bool
	// Advice lists the restore tiers for an archived object.
	Advice []RestoreOption
}

// ParseRestore reads x-cos-storage-class, x-cos-restore and
// x-cos-restore-status (D-HEADOBJ, D-GETOBJ). Unparseable values are
// treated as absent; it never fails.
func ParseRestore(h http.Header) ObjectState {
	s := ObjectState{StorageClass: StorageClassStandard, Restore: RestoreNone}
	if sc := strings.ToUpper(strings.TrimSpace(h.Get("x-cos-storage-class"))); sc != "" {
		s.StorageClass = sc
	}
	s.Archived = s.StorageClass == StorageClassArchive || s.StorageClass == StorageClassDeepArchive
	// x-cos-restore: ongoing-request="true"
	// x-cos-restore: ongoing-request="false", expiry-date="Mon, 13 Apr 2020 16:00:00 GMT"
	if v := h.Get("x-cos-restore"); v != "" {
		params := headerParams(v)
		switch strings.ToLower(params["ongoing-request"]) {
		case "true":
			s.Restore = RestoreOngoing
		case "false":
			s.Restore = RestoreRestored
		}
		if t, err := http.ParseTime(params["expiry-date"]); err == nil {
			s.ExpiryDate = t.UTC()
			if s.Restore == RestoreNone {
				s.Restore = RestoreRestored
			}
		}
	}
	// x-cos-restore-status: tier="expedited"; request-date="Fri, 27 Dec 2019 08:19:29 GMT"
	if v := h.Get("x-cos-restore-status"); v != "" {
		params := headerParams(v)
		s.Tier = titleTier(params["tier"])
		if t, err := http.ParseTime(params["request-date"]); err == nil {
			s.RequestDate = t.UTC()
		}
	}
	s.Readable = !s.Archived || s.Restore == RestoreRestored
	if s.Archived {
		s.Advice = RestoreOptions(s.StorageClass)
	}
	return s
}

// headerParams parses `k="v", k2="v2"` and `k="v"; k2="v2"`; quoted values
// may contain commas (the dates do).
func headerParams(v string) map[string]string {
	out := map[string]string{}
	for s := v; s != ""; {
		s = strings.TrimLeft(s, " \t,;")
		eq := strings.IndexByte(s, '=')
		if eq < 0 {
			break
		}
		key := strings.ToLower(strings.TrimSpace(s[:eq]))
		s = strings.TrimLeft(s[eq+1:], " \t")
		var val string
		if strings.HasPrefix(s, `"`) {
			end := strings.IndexByte(s[1:], '"')
			if end < 0 {
				val, s = s[1:], ""
			} else {
				val, s = s[1:1+end], s[2+end:]
			}
		} else {
			end := strings.IndexAny(s, ",;")
			if end < 0 {
				end = len(s)
			}
			val, s = strings.TrimSpace(s[:end]), s[end:]
		}
		out[key] = val
	}
	return out
}

// titleTier turns the header's lower-case tier ("expedited") into the
// spelling the restore request takes ("Expedited").
func titleTier(t string) string {
	t = strings.TrimSpace(t)
	if t == "" {
		return ""
	}
	return strings.ToUpper(t[:1]) + strings.ToLower(t[1:])
}

// Finding reports the object as an "archive" [Finding] at time now: pass
// when a GET is not blocked by the storage class, fail with
// [cos403.CauseArchivedObject] when the object is archived and has no live
// restored copy (COS answers 403 InvalidObjectState, D-GETOBJ). A restored
// copy past its expiry date counts as gone.
func (s ObjectState) Finding(now time.Time) Finding {
	f := Finding{Check: "archive", Cause: cos403.CauseArchivedObject}
	class := s.StorageClass
	if class == "" {
		class = StorageClassStandard
	}
	f.Evidence = append(f.Evidence, ev("storage_class", class))
	if !s.Archived {
		f.Status = StatusPass
		f.Summary = "storage class " + class + " needs no restore"
		return f
	}
	f.Evidence = append(f.Evidence, ev("restore", string(s.Restore)))
	if !s.ExpiryDate.IsZero() {
		f.Evidence = append(f.Evidence, ev("expiry_date", s.ExpiryDate.UTC().Format(time.RFC3339)))
	}
	if s.Tier != "" {
		f.Evidence = append(f.Evidence, ev("tier", s.Tier))
	}
	if !s.RequestDate.IsZero() {
		f.Evidence = append(f.Evidence, ev("request_date", s.RequestDate.UTC().Format(time.RFC3339)))
	}
	advice := adviceText(s.Advice)
	switch s.Restore {
	case RestoreRestored:
		if s.ExpiryDate.IsZero() || now.Before(s.ExpiryDate) {
			f.Status = StatusPass
			f.Summary = class + " object has a restored copy"
			if !s.ExpiryDate.IsZero() {
				f.Summary += " until " + s.ExpiryDate.UTC().Format(time.RFC3339)
			}
			return f
		}
		f.Status = StatusFail
		f.Summary = class + " object's restored copy expired at " + s.ExpiryDate.UTC().Format(time.RFC3339) +
			"; restore it again with POST Object restore (D-RESTORE): " + advice
	case RestoreOngoing:
		f.Status = StatusFail
		f.Summary = class + " object is being restored"
		if s.Tier != "" {
			f.Summary += " (tier " + s.Tier
			if !s.RequestDate.IsZero() {
				f.Summary += ", requested " + s.RequestDate.UTC().Format(time.RFC3339) + ", " +
					now.Sub(s.RequestDate).Round(time.Minute).String() + " ago"
			}
			f.Summary += ")"
		}
		f.Summary += "; GET fails with InvalidObjectState until it finishes"
		if opt, ok := tierOption(s.Advice, s.Tier); ok {
			f.Summary += " (" + s.Tier + " takes " + opt.Duration + ")"
		}
		if s.StorageClass == StorageClassDeepArchive {
			f.Summary += "; a new DEEP_ARCHIVE restore replaces this one only if its tier is faster (D-DEEPARCH)"
		}
	default:
		f.Status = StatusFail
		f.Summary = class + " object has no restored copy, so GET fails with 403 InvalidObjectState (D-GETOBJ); restore it first with POST Object restore (D-RESTORE): " + advice
	}
	return f
}

func tierOption(opts []RestoreOption, tier string) (RestoreOption, bool) {
	for _, o := range opts {
		if strings.EqualFold(o.Tier, tier) {
			return o, true
		}
	}
	return RestoreOption{}, false
}

func adviceText(opts []RestoreOption) string {
	parts := make([]string, len(opts))
	for i, o := range opts {
		parts[i] = o.Tier + " " + o.Duration
	}
	return strings.Join(parts, ", ") + " (restored copy kept " + strconv.Itoa(DefaultRestoreDays) + " days by default)"
}
