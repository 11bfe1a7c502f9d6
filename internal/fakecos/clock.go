package fakecos

import (
	"sync"
	"time"
)

// clock is the server's notion of "now". COS compares q-sign-time with its
// own clock (cos-errors.md §4), so tests move this clock instead of the
// client's: a server running behind makes fresh signatures look like they
// start in the future (RequestTimeTooSkewed), one running ahead makes them
// look expired (Request has expired).
type clock struct {
	base func() time.Time

	mu     sync.Mutex
	offset time.Duration
	frozen bool
	at     time.Time
}

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.frozen {
		return c.at
	}
	return c.base().Add(c.offset)
}

func (c *clock) setOffset(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.frozen = false
	c.offset = d
}

func (c *clock) freeze(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.frozen = true
	c.at = t
}

func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.frozen {
		c.at = c.at.Add(d)
		return
	}
	c.offset += d
}

// Now returns the server clock: the base clock (Config.Now, or time.Now)
// plus the offset, or the frozen instant. It is what the Date header, the
// time checks and restore completion use.
func (s *Server) Now() time.Time { return s.clock.now() }

// SetOffset makes the server clock run d ahead of the base clock (negative
// d: behind) and unfreezes it. SetOffset(0) restores the real time.
func (s *Server) SetOffset(d time.Duration) { s.clock.setOffset(d) }

// Freeze stops the server clock at t until SetOffset is called.
func (s *Server) Freeze(t time.Time) { s.clock.freeze(t) }

// Advance moves the server clock forward by d (backward when negative),
// whether it is frozen or running. Restores whose ready time the clock
// passes are complete from then on.
func (s *Server) Advance(d time.Duration) { s.clock.advance(d) }
