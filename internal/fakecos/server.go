package fakecos

import (
	"context"
	"crypto/tls"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// Config configures a Server. The zero value is ready to use.
type Config struct {
	// Now is the base clock; nil means time.Now. SetOffset, Freeze and
	// Advance apply on top of it.
	Now func() time.Time
	// SkewTolerance is how far in the server's future q-sign-time may start
	// before COS answers RequestTimeTooSkewed; zero means the documented
	// 15 minutes (cos-errors.md §4, D-ERR).
	SkewTolerance time.Duration
	// MaxObjectSize bounds PUT Object bodies; zero means 64 MiB. Larger
	// bodies get 400 EntityTooLarge.
	MaxObjectSize int64
	// Logf, when set, receives one line per request: method, host, path,
	// status and error code. It never receives a secret.
	Logf func(format string, args ...any)
}

const (
	defaultSkew      = 15 * time.Minute
	defaultMaxObject = 64 << 20
	// maxConfigBody bounds bucket-configuration bodies (policy is limited
	// to 20 KB by COS, D-BPOL; CORS to 100 rules).
	maxConfigBody = 1 << 20
)

// Server is a loopback COS endpoint. It listens on 127.0.0.1 only, on two
// ports: one plain HTTP, one HTTPS with a certificate authority generated
// for this Server and trusted only by [Server.Transport]. Create it with
// [New] or [NewTest]; all methods are safe for concurrent use.
type Server struct {
	cfg   Config
	clock clock
	ca    *authority

	plainLn net.Listener
	tlsLn   net.Listener
	srv     *http.Server
	tr      *http.Transport
	serveWG sync.WaitGroup

	closed    chan struct{}
	closeOnce sync.Once
	// closing and inflight let Close wait for running handlers; enter
	// refuses new ones once closing is set, so Add never races Wait.
	gate     sync.Mutex
	closing  bool
	inflight sync.WaitGroup
	// conns counts accepted connections until net/http is done with them,
	// including its lingering close (closeWriteAndWait), so that nothing
	// of the Server outlives Close.
	conns sync.WaitGroup

	seq atomic.Uint64

	mu      sync.RWMutex
	buckets map[string]*bucketState
	creds   map[string]Credential
	faults  map[string]Fault
}

// New starts a Server on 127.0.0.1 (two ephemeral ports). Call Close when
// done.
func New(cfg Config) (*Server, error) {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.SkewTolerance <= 0 {
		cfg.SkewTolerance = defaultSkew
	}
	if cfg.MaxObjectSize <= 0 {
		cfg.MaxObjectSize = defaultMaxObject
	}
	ca, err := newAuthority()
	if err != nil {
		return nil, err
	}
	s := &Server{
		cfg:     cfg,
		clock:   clock{base: cfg.Now},
		ca:      ca,
		closed:  make(chan struct{}),
		buckets: map[string]*bucketState{},
		creds:   map[string]Credential{},
		faults:  map[string]Fault{},
	}
	s.plainLn, err = net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("fakecos: listen: %w", err)
	}
	rawTLS, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		_ = s.plainLn.Close()
		return nil, fmt.Errorf("fakecos: listen: %w", err)
	}
	s.tlsLn = tls.NewListener(rawTLS, &tls.Config{
		GetCertificate: ca.getCertificate,
		MinVersion:     tls.VersionTLS12,
		// HTTP/1.1 only: COS's XML API is HTTP/1.1, and h2 would need a
		// second code path for the fault modes.
		NextProtos: []string{"http/1.1"},
	})
	s.srv = &http.Server{
		Handler:           http.HandlerFunc(s.serveHTTP),
		ReadHeaderTimeout: 10 * time.Second,
		ErrorLog:          nil,
		// An empty map switches off h2 on the TLS port.
		TLSNextProto: map[string]func(*http.Server, *tls.Conn, http.Handler){},
		ConnState: func(_ net.Conn, st http.ConnState) {
			switch st {
			case http.StateNew:
				s.conns.Add(1)
			case http.StateClosed, http.StateHijacked:
				s.conns.Done()
			}
		},
	}
	s.tr = s.newTransport()
	for _, ln := range []net.Listener{s.plainLn, s.tlsLn} {
		s.serveWG.Add(1)
		go func(ln net.Listener) {
			defer s.serveWG.Done()
			_ = s.srv.Serve(ln)
		}(ln)
	}
	return s, nil
}

// NewTest starts a Server and registers Close with t.Cleanup. It fails the
// test if the Server cannot start.
func NewTest(t testing.TB, cfg Config) *Server {
	t.Helper()
	s, err := New(cfg)
	if err != nil {
		t.Fatalf("fakecos.New: %v", err)
	}
	t.Cleanup(s.Close)
	return s
}

// Close stops the listeners, drops every connection (including ones held
// by a Delay fault) and closes the Transport's idle connections. It is
// safe to call more than once.
func (s *Server) Close() {
	s.closeOnce.Do(func() {
		s.gate.Lock()
		s.closing = true
		s.gate.Unlock()
		close(s.closed)
		_ = s.srv.Close()
		// Serve has returned, so no connection can be added any more.
		s.serveWG.Wait()
		s.inflight.Wait()
		s.conns.Wait()
		s.tr.CloseIdleConnections()
	})
}

// enter registers a running handler unless the Server is closing.
func (s *Server) enter() bool {
	s.gate.Lock()
	defer s.gate.Unlock()
	if s.closing {
		return false
	}
	s.inflight.Add(1)
	return true
}

// String identifies the Server by address; it never prints credentials.
func (s *Server) String() string {
	return "fakecos.Server(" + s.URL() + ")"
}

// GoString is String, so %#v cannot dump the credential table.
func (s *Server) GoString() string { return s.String() }

// URL is the plain-HTTP base URL of the fake, "http://127.0.0.1:<port>".
// Requests sent there directly are served path-style
// (/<bucket>-<appid>/<key>).
func (s *Server) URL() string { return "http://" + s.plainLn.Addr().String() }

// TLSURL is the HTTPS base URL of the fake. Only [Server.Transport] trusts
// its certificate.
func (s *Server) TLSURL() string { return "https://" + s.tlsLn.Addr().String() }

// BucketURL is the real virtual-hosted URL of a bucket,
// https://<bucket>.cos.<region>.myqcloud.com, as cos.NewBucketURL builds
// it. Requests to it reach the fake only through [Server.Transport] or
// [Server.Client], which keep the real Host so signatures cover it.
func (s *Server) BucketURL(bucket, region string) *url.URL {
	return &url.URL{Scheme: "https", Host: bucket + ".cos." + region + ".myqcloud.com"}
}

// ServiceURL is https://cos.<region>.myqcloud.com, the regional service
// endpoint (GET / lists buckets; other paths are path-style).
func (s *Server) ServiceURL(region string) *url.URL {
	return &url.URL{Scheme: "https", Host: "cos." + region + ".myqcloud.com"}
}

// Transport returns the Server's http.RoundTripper. It dials the fake for
// every *.myqcloud.com and *.tencentcos.cn host and for the fake's own
// addresses, whatever the port: plain connections for http URLs, TLS
// (verified against the Server's private CA, with the real host name as
// SNI) for https URLs. Any other host is refused, so nothing reaches the
// network. Wrap it as usual, for instance as the Transport of a
// cos.AuthorizationTransport. The same instance is returned every time;
// Close closes its idle connections.
func (s *Server) Transport() http.RoundTripper { return s.tr }

// Client returns an *http.Client using [Server.Transport]. It follows
// redirects only within the same host, mirroring cos-go-sdk-v5, which
// follows none.
func (s *Server) Client() *http.Client {
	return &http.Client{
		Transport: s.tr,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) >= 10 || !strings.EqualFold(req.URL.Host, via[0].URL.Host) {
				return http.ErrUseLastResponse
			}
			return nil
		},
	}
}

func (s *Server) newTransport() *http.Transport {
	var d net.Dialer
	return &http.Transport{
		Proxy: nil,
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			if !s.served(addr) {
				return nil, fmt.Errorf("dial %s: %w", addr, errNotServed)
			}
			return d.DialContext(ctx, "tcp4", s.plainLn.Addr().String())
		},
		DialTLSContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			if !s.served(addr) {
				return nil, fmt.Errorf("dial %s: %w", addr, errNotServed)
			}
			raw, err := d.DialContext(ctx, "tcp4", s.tlsLn.Addr().String())
			if err != nil {
				return nil, err
			}
			host := hostnameOf(addr)
			conn := tls.Client(raw, &tls.Config{
				RootCAs:    s.ca.pool,
				ServerName: host,
				MinVersion: tls.VersionTLS12,
				NextProtos: []string{"http/1.1"},
			})
			if err := conn.HandshakeContext(ctx); err != nil {
				_ = raw.Close()
				return nil, err
			}
			return conn, nil
		},
		ForceAttemptHTTP2:     false,
		MaxIdleConnsPerHost:   16,
		IdleConnTimeout:       30 * time.Second,
		ExpectContinueTimeout: time.Second,
	}
}

// served reports whether the Transport should send addr to the fake.
func (s *Server) served(addr string) bool {
	if strings.EqualFold(addr, s.plainLn.Addr().String()) || strings.EqualFold(addr, s.tlsLn.Addr().String()) {
		return true
	}
	return isCOSDomain(hostnameOf(addr))
}

// selfAddrs are the host:port strings that address the fake directly.
func (s *Server) selfAddrs() []string {
	return []string{s.plainLn.Addr().String(), s.tlsLn.Addr().String()}
}
