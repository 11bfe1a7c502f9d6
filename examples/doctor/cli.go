package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strings"
	"time"

	"github.com/tencentyun/cos-go-sdk-v5"

	"github.com/cos403/cos403-go/cos403"
)

// Exit statuses.
const (
	exitOK    = 0
	exitFound = 1 // a scenario was misclassified, or a check confirmed a cause
	exitUsage = 2
)

// options are the parsed command line and environment.
type options struct {
	lang    cos403.Lang
	json    bool
	run     *regexp.Regexp
	timeout time.Duration
	real    *realOptions
}

// realOptions select a real bucket to diagnose.
type realOptions struct {
	bucket, region, key string
	secretID, secretKey string
	sessionToken        string
	// transport reaches COS; nil means http.DefaultTransport. The tests
	// point it at the embedded COS on 127.0.0.1.
	transport http.RoundTripper
}

// usageError is a command-line mistake; it exits with status 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &usageError{fmt.Sprintf(format, args...)}
}

var (
	// A bucket name is <name>-<appid> (COS bucket naming rules).
	bucketShape = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]*[a-z0-9])?-[0-9]+$`)
	// A region is like ap-guangzhou, na-siliconvalley or ap-shanghai-fsi.
	regionShape = regexp.MustCompile(`^[a-z]{2,}(-[a-z0-9]+)+$`)
)

// parseArgs reads the flags and, in real mode, the credentials from the
// environment.
func parseArgs(args []string, getenv func(string) string, stderr io.Writer) (*options, error) {
	fs := flag.NewFlagSet("doctor", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		lang    = fs.String("lang", "", "language of the report: en, ja or zh (default from LC_ALL, LC_MESSAGES or LANG, else en)")
		asJSON  = fs.Bool("json", false, "print one JSON document instead of text")
		runExpr = fs.String("run", "", "run only the embedded scenarios whose name matches this regular expression")
		timeout = fs.Duration("timeout", time.Minute, "give up after this long")
		bucket  = fs.String("bucket", "", "diagnose this real bucket, <name>-<appid> (needs -region, -key, COS_SECRET_ID and COS_SECRET_KEY)")
		region  = fs.String("region", "", "the real bucket's region, such as ap-guangzhou")
		key     = fs.String("key", "", "the object key to diagnose in the real bucket")
	)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: doctor [-lang en|ja|zh] [-json] [-run regexp]")
		fmt.Fprintln(fs.Output(), "       doctor -bucket name-appid -region region -key object-key [-lang en|ja|zh] [-json]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, usagef("unexpected argument %q", fs.Arg(0))
	}
	o := &options{json: *asJSON, timeout: *timeout}
	if *timeout <= 0 {
		return nil, usagef("-timeout must be positive")
	}

	if *lang == "" {
		o.lang = envLang(getenv)
	} else {
		switch l := cos403.Lang(strings.ToLower(*lang)); l {
		case cos403.English, cos403.Japanese, cos403.Chinese:
			o.lang = l
		default:
			return nil, usagef("-lang must be en, ja or zh, not %q", *lang)
		}
	}

	if *runExpr != "" {
		re, err := regexp.Compile(*runExpr)
		if err != nil {
			return nil, usagef("-run: %v", err)
		}
		o.run = re
	}

	if *bucket == "" && *region == "" && *key == "" {
		return o, nil
	}
	switch {
	case *bucket == "" && *region != "":
		return nil, usagef("-region needs -bucket")
	case *bucket == "":
		return nil, usagef("-key needs -bucket")
	case *region == "":
		return nil, usagef("-region is required with -bucket")
	case *key == "":
		return nil, usagef("-key is required with -bucket (the object to diagnose)")
	case o.run != nil:
		return nil, usagef("-run selects embedded scenarios; it cannot be used with -bucket")
	case !bucketShape.MatchString(*bucket):
		return nil, usagef("-bucket must be <name>-<appid>, such as examplebucket-1250000000, not %q", *bucket)
	case !regionShape.MatchString(*region):
		return nil, usagef("-region must be a COS region such as ap-guangzhou, not %q", *region)
	}
	r := &realOptions{
		bucket: *bucket, region: *region, key: strings.TrimPrefix(*key, "/"),
		secretID: getenv("COS_SECRET_ID"), secretKey: getenv("COS_SECRET_KEY"),
		sessionToken: getenv("COS_SESSION_TOKEN"),
	}
	switch {
	case r.secretID == "" && r.secretKey == "":
		return nil, usagef("-bucket needs credentials: set COS_SECRET_ID and COS_SECRET_KEY (and COS_SESSION_TOKEN for a temporary key)")
	case r.secretID == "":
		return nil, usagef("COS_SECRET_ID is not set (COS_SECRET_KEY is)")
	case r.secretKey == "":
		return nil, usagef("COS_SECRET_KEY is not set (COS_SECRET_ID is)")
	case r.key == "":
		return nil, usagef("-key must name an object, not only %q", *key)
	}
	o.real = r
	return o, nil
}

// envLang picks the language from the locale variables in POSIX order of
// precedence: LC_ALL, then LC_MESSAGES, then LANG.
func envLang(getenv func(string) string) cos403.Lang {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := getenv(name); v != "" {
			return cos403.ParseLang(v)
		}
	}
	return cos403.English
}

// run is the whole program; main only supplies the process's streams and
// environment.
func run(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	o, err := parseArgs(args, getenv, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if err != nil {
		var ue *usageError
		if errors.As(err, &ue) {
			fmt.Fprintf(stderr, "doctor: %s\n", ue.msg)
		}
		// The flag package has already printed its own parse errors.
		return exitUsage
	}
	ctx, cancel := context.WithTimeout(ctx, o.timeout)
	defer cancel()
	if o.real != nil {
		return runReal(ctx, o, stdout, stderr)
	}
	return runEmbedded(ctx, o, stdout, stderr)
}

// runEmbedded reproduces the selected scenarios and reports them.
func runEmbedded(ctx context.Context, o *options, stdout, stderr io.Writer) int {
	var selected []scenario
	for _, sc := range scenarios() {
		if o.run == nil || o.run.MatchString(sc.name) {
			selected = append(selected, sc)
		}
	}
	if len(selected) == 0 {
		fmt.Fprintf(stderr, "doctor: -run %q matches no scenario\n", o.run)
		return exitUsage
	}
	sdk := "v" + cos.Version
	var p *printer
	if !o.json {
		p = newPrinter(stdout, o.lang)
		p.para(0, "", "", fmt.Sprintf(p.lab.intro, len(selected), sdk))
		p.line(0, "")
	}
	results := make([]result, 0, len(selected))
	for i, sc := range selected {
		r := runScenario(ctx, sc)
		results = append(results, r)
		if p != nil {
			p.result(i+1, len(selected), r)
		}
	}
	if o.json {
		if err := writeJSON(stdout, toJSON(results, o.lang, sdk)); err != nil {
			fmt.Fprintf(stderr, "doctor: %v\n", err)
			return exitFound
		}
	} else {
		p.line(0, "%s", summaryLine(results))
		if p.err != nil {
			fmt.Fprintf(stderr, "doctor: %v\n", p.err)
			return exitFound
		}
	}
	if countOK(results) != len(results) {
		return exitFound
	}
	return exitOK
}
