package signature

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// A Window is a validity period: q-key-time or q-sign-time. COS writes it as
// "start;end" in Unix seconds (D-SIGN step 1); sub-second parts are dropped.
// The zero Window means "not set".
type Window struct {
	Start, End time.Time
}

// String returns the wire form "start;end" in Unix seconds.
func (w Window) String() string {
	return string(w.appendTo(make([]byte, 0, 24)))
}

func (w Window) appendTo(b []byte) []byte {
	b = strconv.AppendInt(b, w.Start.Unix(), 10)
	b = append(b, ';')
	return strconv.AppendInt(b, w.End.Unix(), 10)
}

// IsZero reports whether neither Start nor End is set.
func (w Window) IsZero() bool { return w.Start.IsZero() && w.End.IsZero() }

// Contains reports whether t lies in the window, both ends included, at the
// one-second resolution of the wire form.
func (w Window) Contains(t time.Time) bool {
	s := t.Unix()
	return w.Start.Unix() <= s && s <= w.End.Unix()
}

// MarshalText returns the wire form, so that a Window reads "start;end" in
// JSON.
func (w Window) MarshalText() ([]byte, error) {
	if err := w.validate("window"); err != nil {
		return nil, err
	}
	return w.appendTo(nil), nil
}

// UnmarshalText parses the wire form with [ParseWindow].
func (w *Window) UnmarshalText(b []byte) error {
	v, err := parseWindow(string(b), "window")
	if err != nil {
		return err
	}
	*w = v
	return nil
}

// validate rejects windows that cannot be written in the wire form that
// ParseWindow reads back: negative Unix times and an end before the start.
func (w Window) validate(field string) error {
	switch {
	case w.Start.Unix() < 0 || w.End.Unix() < 0:
		return &ParseError{Field: field, Reason: "time before 1970", Err: ErrInvalidInput}
	case w.End.Unix() < w.Start.Unix():
		return &ParseError{Field: field, Reason: "end before start", Err: ErrInvalidInput}
	}
	return nil
}

// ParseWindow parses "start;end" in Unix seconds. It accepts exactly what
// [Window.String] writes: decimal digits without sign or leading zeros, and
// an end not before the start. Errors are *[ParseError] matching
// [ErrMalformed].
func ParseWindow(s string) (Window, error) {
	return parseWindow(s, "window")
}

func parseWindow(s, field string) (Window, error) {
	a, b, ok := strings.Cut(s, ";")
	if !ok {
		return Window{}, &ParseError{Field: field, Reason: "want start;end", Err: ErrMalformed}
	}
	start, ok := parseUnix(a)
	if !ok {
		return Window{}, &ParseError{Field: field, Reason: "start is not a Unix time in seconds", Err: ErrMalformed}
	}
	end, ok := parseUnix(b)
	if !ok {
		return Window{}, &ParseError{Field: field, Reason: "end is not a Unix time in seconds", Err: ErrMalformed}
	}
	if end < start {
		return Window{}, &ParseError{Field: field, Reason: "end before start", Err: ErrMalformed}
	}
	return Window{Start: time.Unix(start, 0).UTC(), End: time.Unix(end, 0).UTC()}, nil
}

// parseUnix reads canonical non-negative decimal seconds that fit in an
// int64.
func parseUnix(s string) (int64, bool) {
	if s == "" || len(s) > 19 || len(s) > 1 && s[0] == '0' {
		return 0, false
	}
	var n uint64
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + uint64(c-'0') // 19 digits cannot overflow a uint64
	}
	if n > math.MaxInt64 {
		return 0, false
	}
	return int64(n), true
}
