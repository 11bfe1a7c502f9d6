package fakecos

import (
	"net"
	"regexp"
	"strings"
)

// hostKind says how a request addressed COS.
type hostKind int

const (
	// hostUnknown is a name the fake does not recognise.
	hostUnknown hostKind = iota
	// hostVirtual is <bucket>-<appid>.cos.<region>.myqcloud.com and its
	// cos-internal / cos-website / tencentcos.cn / accelerate variants.
	hostVirtual
	// hostRegion is cos.<region>.myqcloud.com: GET / lists buckets, any
	// other path is path-style /<bucket>-<appid>/<key>.
	hostRegion
	// hostService is service.cos.myqcloud.com, the SDK's default ServiceURL.
	hostService
	// hostSelf is the fake's own 127.0.0.1 address, served path-style. It is
	// not a COS default domain, so the 2024 path-style rule does not apply.
	hostSelf
)

var (
	bucketLabel = regexp.MustCompile(`^[a-z0-9-]+-[0-9]+$`)
	regionLabel = regexp.MustCompile(`^[a-z0-9-]+$`)
)

// addressing is the outcome of parsing the Host header.
type addressing struct {
	kind hostKind
	// hostname is the Host header without port, lower-cased.
	hostname string
	// bucket is set for hostVirtual; for path-style it is filled from the
	// first path segment later.
	bucket string
	// region is "" when the host does not name one (accelerate, service,
	// the fake's own address): any region matches.
	region string
	// defaultDomain reports a COS default domain (myqcloud.com or
	// tencentcos.cn), where the APK/IPA and path-style rules apply.
	defaultDomain bool
}

// isCOSDomain reports whether name is under one of the two COS default
// domains (cos.go hostSuffix in cos-go-sdk-v5 lists the same pair).
func isCOSDomain(name string) bool {
	return strings.HasSuffix(name, ".myqcloud.com") || strings.HasSuffix(name, ".tencentcos.cn")
}

// parseHost classifies a Host header. self is the fake's own listener
// addresses (host:port), which are served path-style.
func parseHost(host string, self []string) addressing {
	for _, s := range self {
		if strings.EqualFold(host, s) {
			return addressing{kind: hostSelf, hostname: hostnameOf(host)}
		}
	}
	name := hostnameOf(host)
	a := addressing{hostname: name}
	if name == "127.0.0.1" || name == "localhost" || name == "::1" {
		a.kind = hostSelf
		return a
	}
	if !isCOSDomain(name) {
		return a
	}
	a.defaultDomain = true
	labels := strings.Split(name, ".")
	// Strip the two-label domain (myqcloud.com / tencentcos.cn).
	labels = labels[:len(labels)-2]
	switch {
	case len(labels) == 2 && labels[0] == "service" && labels[1] == "cos":
		a.kind = hostService
	case len(labels) == 2 && isServiceLabel(labels[0]) && regionLabel.MatchString(labels[1]):
		a.kind = hostRegion
		a.region = labels[1]
	case len(labels) == 3 && bucketLabel.MatchString(labels[0]) && isServiceLabel(labels[1]) && regionLabel.MatchString(labels[2]):
		a.kind = hostVirtual
		a.bucket = labels[0]
		if labels[2] != "accelerate" {
			a.region = labels[2]
		}
	}
	return a
}

// isServiceLabel lists the service labels COS uses in front of the region
// (cos-go-sdk-v5 cos.go hostPrefix: cos, cos-internal, cos-website, ci).
func isServiceLabel(s string) bool {
	switch s {
	case "cos", "cos-internal", "cos-website", "ci", "pic":
		return true
	}
	return false
}

func hostnameOf(host string) string {
	h := host
	if hh, _, err := net.SplitHostPort(host); err == nil {
		h = hh
	}
	return strings.ToLower(strings.TrimSuffix(strings.Trim(h, "[]"), "."))
}
