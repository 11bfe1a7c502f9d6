package fakecos_test

import "fmt"

func sprintf(format string, args ...any) string { return fmt.Sprintf(format, args...) }

func toString(v any) string { return fmt.Sprint(v) }
