package archtest

import (
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const module = "github.com/cos403/cos403-go"

// allowed lists, for each library package, the project packages and
// third-party modules its non-test code may import. The standard library is
// always allowed, except where stdlibOnly says so.
var allowed = map[string][]string{
	"cos403":           {},
	"signature":        {},
	"classify":         {"cos403", "signature", "github.com/tencentyun/cos-go-sdk-v5"},
	"checks":           {"cos403", "signature", "classify", "github.com/tencentyun/cos-go-sdk-v5"},
	"internal/fakecos": {"cos403", "signature", "classify", "checks", "github.com/tencentyun/cos-go-sdk-v5"},
}

// TestImportGraph parses every non-test file of the library packages and
// checks their imports against the table: cos403 and signature are
// standard-library only, only checks and fakecos may reach checks, and
// nothing imports internal/fakecos or the examples.
func TestImportGraph(t *testing.T) {
	root := filepath.Join("..", "..")
	imports := map[string]map[string]bool{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			name := d.Name()
			if path != root && (strings.HasPrefix(name, ".") || name == "testdata") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		rel, err := filepath.Rel(root, filepath.Dir(path))
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		if imports[rel] == nil {
			imports[rel] = map[string]bool{}
		}
		for _, spec := range f.Imports {
			p, _ := strconv.Unquote(spec.Path.Value)
			imports[rel][p] = true
		}
		return nil
	})
	require.NoError(t, err)
	for pkg := range allowed {
		require.Contains(t, imports, pkg, "package %s has no source files", pkg)
	}
	for pkg, deps := range imports {
		rules, isLib := allowed[pkg]
		for dep := range deps {
			isProject := strings.HasPrefix(dep, module+"/")
			isStd := !strings.Contains(strings.SplitN(dep, "/", 2)[0], ".")
			if isProject {
				target := strings.TrimPrefix(dep, module+"/")
				assert.False(t, strings.HasPrefix(target, "examples"), "%s imports example %s", pkg, target)
				if target == "internal/fakecos" && !strings.HasPrefix(pkg, "examples") {
					t.Errorf("%s imports the test emulator internal/fakecos", pkg)
				}
				if isLib {
					assert.Contains(t, rules, target, "%s may not import %s", pkg, target)
				}
				continue
			}
			if isStd || !isLib {
				continue
			}
			ok := false
			for _, r := range rules {
				if dep == r || strings.HasPrefix(dep, r+"/") {
					ok = true
				}
			}
			assert.True(t, ok, "%s may not import %s", pkg, dep)
		}
	}
}
