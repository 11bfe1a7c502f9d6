package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"

	"github.com/tencentyun/cos-go-sdk-v5"

	"github.com/cos403/cos403-go/checks"
	"github.com/cos403/cos403-go/classify"
	"github.com/cos403/cos403-go/cos403"
)

// realTimeout bounds each request of the real mode.
const realTimeout = 30 * time.Second

// runReal diagnoses a real bucket: it reads the first byte of the object
// with cos-go-sdk-v5, as an application would, then runs checks.Diagnose
// over the whole troubleshooting flow, and prints the same report as a
// scenario. The credentials sign requests locally; they are never printed.
func runReal(ctx context.Context, o *options, stdout, stderr io.Writer) int {
	r := o.real
	bucketURL, err := url.Parse(fmt.Sprintf("https://%s.cos.%s.myqcloud.com", r.bucket, r.region))
	if err != nil {
		// bucketShape and regionShape admit only URL-safe characters.
		fmt.Fprintf(stderr, "doctor: bucket URL: %v\n", err)
		return exitUsage
	}
	base := r.transport
	if base == nil {
		base = http.DefaultTransport
	}
	capture := &classify.Transport{Base: base}
	auth := &cos.AuthorizationTransport{SecretID: r.secretID, SecretKey: r.secretKey, SessionToken: r.sessionToken, Transport: capture}
	capture.Credentials = auth
	c := cos.NewClient(&cos.BaseURL{BucketURL: bucketURL}, &http.Client{Transport: auth, Timeout: realTimeout})
	c.Conf.RetryOpt.Count = 1

	// One byte is enough to learn whether COS serves the object.
	resp, getErr := c.Object.Get(ctx, r.key, &cos.ObjectGetOptions{Range: "bytes=0-0"})
	if getErr == nil {
		resp.Body.Close()
	}

	t := checks.TargetFromClient(c, r.key)
	t.Method = http.MethodGet
	t.HTTPClient = &http.Client{Transport: base, Timeout: realTimeout}
	rep := checks.Diagnose(ctx, t)

	rr := realResult{opts: r, report: rep, deciding: rep.DecidingIndex()}
	if getErr != nil {
		rr.raw = redactText(getErr.Error())
		if e, ok := cos403.As(classify.Classify(getErr)); ok {
			rr.err = e
			rr.evidence = append(errorEvidence(e, getErr), configEvidence(rep.Findings)...)
		}
	}
	if o.json {
		if err := writeJSON(stdout, rr.toJSON(o.lang)); err != nil {
			fmt.Fprintf(stderr, "doctor: %v\n", err)
			return exitFound
		}
	} else {
		p := newPrinter(stdout, o.lang)
		rr.print(p)
		if p.err != nil {
			fmt.Fprintf(stderr, "doctor: %v\n", p.err)
			return exitFound
		}
	}
	if rr.ok() {
		return exitOK
	}
	return exitFound
}

// realResult is what the real mode found.
type realResult struct {
	opts *realOptions
	// raw and err describe the SDK's GET when it failed.
	raw      string
	err      *cos403.Error
	evidence []checks.Evidence
	report   checks.Report
	deciding int
}

// ok reports whether the GET succeeded and no check failed.
func (rr realResult) ok() bool { return rr.raw == "" && len(rr.report.Failed()) == 0 }

func (rr realResult) who() string {
	who := checks.MaskSecretID(rr.opts.secretID)
	if rr.opts.sessionToken != "" {
		who += " (temporary key)"
	}
	return who
}

func (rr realResult) print(p *printer) {
	p.para(0, "", "", fmt.Sprintf(p.lab.realIntro, rr.opts.bucket, rr.opts.region, rr.opts.key, rr.who()))
	if rr.raw == "" {
		p.line(0, "")
		p.line(0, "%s", p.lab.getOK)
	} else {
		p.line(0, "")
		p.line(0, "%s", p.lab.sdkError)
		p.line(1, "%s", rr.raw)
	}
	switch {
	case rr.err != nil:
		p.refusal(rr.err, rr.evidence, rr.report.Findings, rr.deciding)
	case rr.report.Cause != "":
		// The GET went through (or failed without a COS answer) but a
		// check found a problem: report that cause.
		p.remediation(rr.report.Remediation(p.lang))
		p.findings(rr.report.Cause, rr.report.Findings, rr.deciding)
	default:
		p.findings("", rr.report.Findings, rr.deciding)
	}
	p.line(0, "")
	if rr.report.Cause == "" {
		p.line(0, "=> %s", p.lab.noCause)
	} else {
		check := "-"
		if rr.deciding >= 0 {
			check = rr.report.Findings[rr.deciding].Check
		}
		p.line(0, "=> "+p.lab.realCause, rr.report.Cause, check)
	}
}

// jsonReal is the -json document of the real mode.
type jsonReal struct {
	Mode        string              `json:"mode"`
	Lang        cos403.Lang         `json:"lang"`
	Bucket      string              `json:"bucket"`
	Region      string              `json:"region"`
	Key         string              `json:"key"`
	SecretID    string              `json:"secret_id"`
	Temporary   bool                `json:"temporary_key"`
	RawError    string              `json:"raw_error,omitempty"`
	Error       *cos403.Error       `json:"error,omitempty"`
	Evidence    []checks.Evidence   `json:"evidence"`
	Report      checks.Report       `json:"report"`
	Remediation *cos403.Remediation `json:"remediation,omitempty"`
	OK          bool                `json:"ok"`
}

func (rr realResult) toJSON(l cos403.Lang) jsonReal {
	j := jsonReal{
		Mode: "real", Lang: l, Bucket: rr.opts.bucket, Region: rr.opts.region, Key: rr.opts.key,
		SecretID: checks.MaskSecretID(rr.opts.secretID), Temporary: rr.opts.sessionToken != "",
		RawError: rr.raw, Error: rr.err, Evidence: nonNilEvidence(rr.evidence), Report: rr.report, OK: rr.ok(),
	}
	switch {
	case rr.err != nil:
		rem := rr.err.Cause.Remediation(l)
		j.Remediation = &rem
	case rr.report.Cause != "":
		rem := rr.report.Remediation(l)
		j.Remediation = &rem
	}
	return j
}
