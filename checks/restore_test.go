package checks_test

import (
	"encoding/xml"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cos403/cos403-go/checks"
	"github.com/cos403/cos403-go/cos403"
)

func header(kv ...string) http.Header {
	h := http.Header{}
	for i := 0; i+1 < len(kv); i += 2 {
		h.Set(kv[i], kv[i+1])
	}
	return h
}

func TestParseRestore(t *testing.T) {
	expiry := time.Date(2020, 4, 13, 16, 0, 0, 0, time.UTC)
	requested := time.Date(2019, 12, 27, 8, 19, 29, 0, time.UTC)
	before, after := expiry.Add(-time.Hour), expiry.Add(time.Hour)
	tests := []struct {
		name        string
		h           http.Header
		now         time.Time
		class       string
		archived    bool
		restore     checks.RestoreState
		readable    bool
		tier        string
		expiry      time.Time
		requestDate time.Time
		tiers       []string
		status      checks.Status
		summaryHas  string
	}{
		{
			name: "standard object (no header)", h: header(), now: before,
			class: "STANDARD", restore: checks.RestoreNone, readable: true, status: checks.StatusPass,
		},
		{
			name: "standard-ia object", h: header("x-cos-storage-class", "STANDARD_IA"), now: before,
			class: "STANDARD_IA", restore: checks.RestoreNone, readable: true, status: checks.StatusPass,
		},
		{
			name: "archive, never restored (D-GETOBJ sample 11)", h: header("x-cos-storage-class", "ARCHIVE"), now: before,
			class: "ARCHIVE", archived: true, restore: checks.RestoreNone,
			tiers: []string{"Expedited", "Standard", "Bulk"}, status: checks.StatusFail, summaryHas: "Expedited 1-5 minutes, Standard 3-5 hours, Bulk 5-12 hours",
		},
		{
			name: "deep archive, never restored", h: header("x-cos-storage-class", "deep_archive"), now: before,
			class: "DEEP_ARCHIVE", archived: true, restore: checks.RestoreNone,
			tiers: []string{"Standard", "Bulk"}, status: checks.StatusFail, summaryHas: "Standard 12-24 hours, Bulk 24-48 hours",
		},
		{
			name: "archive being restored (D-HEADOBJ)",
			h: header("x-cos-storage-class", "ARCHIVE", "x-cos-restore", `ongoing-request="true"`,
				"x-cos-restore-status", `tier="expedited"; request-date="Fri, 27 Dec 2019 08:19:29 GMT"`),
			now:   requested.Add(3 * time.Minute),
			class: "ARCHIVE", archived: true, restore: checks.RestoreOngoing, tier: "Expedited", requestDate: requested,
			tiers: []string{"Expedited", "Standard", "Bulk"}, status: checks.StatusFail, summaryHas: "being restored (tier Expedited, requested 2019-12-27T08:19:29Z, 3m0s ago)",
		},
		{
			name: "deep archive being restored mentions merging",
			h:    header("x-cos-storage-class", "DEEP_ARCHIVE", "x-cos-restore", `ongoing-request="true"`, "x-cos-restore-status", `tier="bulk"`),
			now:  before, class: "DEEP_ARCHIVE", archived: true, restore: checks.RestoreOngoing, tier: "Bulk",
			tiers: []string{"Standard", "Bulk"}, status: checks.StatusFail, summaryHas: "D-DEEPARCH",
		},
		{
			name: "restored copy still live",
			h:    header("x-cos-storage-class", "ARCHIVE", "x-cos-restore", `ongoing-request="false", expiry-date="Mon, 13 Apr 2020 16:00:00 GMT"`),
			now:  before, class: "ARCHIVE", archived: true, restore: checks.RestoreRestored, readable: true, expiry: expiry,
			tiers: []string{"Expedited", "Standard", "Bulk"}, status: checks.StatusPass, summaryHas: "until 2020-04-13T16:00:00Z",
		},
		{
			name: "restored copy expired",
			h:    header("x-cos-storage-class", "ARCHIVE", "x-cos-restore", `ongoing-request="false", expiry-date="Mon, 13 Apr 2020 16:00:00 GMT"`),
			now:  after, class: "ARCHIVE", archived: true, restore: checks.RestoreRestored, readable: true, expiry: expiry,
			tiers: []string{"Expedited", "Standard", "Bulk"}, status: checks.StatusFail, summaryHas: "expired at 2020-04-13T16:00:00Z",
		},
		{
			name: "garbled restore header is ignored",
			h:    header("x-cos-storage-class", "ARCHIVE", "x-cos-restore", `ongoing-request="maybe", expiry-date="soon`, "x-cos-restore-status", `tier`),
			now:  before, class: "ARCHIVE", archived: true, restore: checks.RestoreNone,
			tiers: []string{"Expedited", "Standard", "Bulk"}, status: checks.StatusFail,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := checks.ParseRestore(tc.h)
			assert.Equal(t, tc.class, s.StorageClass, "StorageClass")
			assert.Equal(t, tc.archived, s.Archived, "Archived")
			assert.Equal(t, tc.restore, s.Restore, "Restore")
			assert.Equal(t, tc.readable, s.Readable, "Readable")
			assert.Equal(t, tc.tier, s.Tier, "Tier")
			assert.True(t, tc.expiry.Equal(s.ExpiryDate), "ExpiryDate = %v, want %v", s.ExpiryDate, tc.expiry)
			assert.True(t, tc.requestDate.Equal(s.RequestDate), "RequestDate = %v, want %v", s.RequestDate, tc.requestDate)
			var tiers []string
			for _, o := range s.Advice {
				tiers = append(tiers, o.Tier)
				assert.Equal(t, checks.DefaultRestoreDays, o.Days)
				assert.NotEmpty(t, o.Duration)
			}
			assert.Equal(t, tc.tiers, tiers, "Advice tiers")

			f := s.Finding(tc.now)
			assert.Equal(t, "archive", f.Check)
			assert.Equal(t, cos403.CauseArchivedObject, f.Cause)
			assert.Equal(t, tc.status, f.Status, "Finding().Status; summary: %s", f.Summary)
			if tc.summaryHas != "" {
				assert.Contains(t, f.Summary, tc.summaryHas)
			}
		})
	}
}

func TestRestoreOptionSDKOptions(t *testing.T) {
	opts := checks.RestoreOptions("ARCHIVE")
	require.Len(t, opts, 3)
	b, err := xml.Marshal(opts[0].SDKOptions())
	require.NoError(t, err)
	// D-RESTORE request body.
	assert.Equal(t, "<RestoreRequest><Days>3</Days><CASJobParameters><Tier>Expedited</Tier></CASJobParameters></RestoreRequest>", string(b))

	o := checks.RestoreOption{Tier: checks.TierBulk, Days: 7}.SDKOptions()
	assert.Equal(t, 7, o.Days)
	assert.Equal(t, "Bulk", o.Tier.Tier)
	assert.Equal(t, checks.DefaultRestoreDays, checks.RestoreOption{Tier: checks.TierBulk}.SDKOptions().Days)
	assert.Nil(t, checks.RestoreOptions("STANDARD"))
}
