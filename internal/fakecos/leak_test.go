package fakecos_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/cos403/cos403-go/internal/fakecos"
)

// TestCloseLeavesNoGoroutines runs plain, TLS, erroring, delayed and
// truncated exchanges, closes the Server and checks nothing is left. It is
// not parallel, so parallel tests are paused while it counts goroutines.
func TestCloseLeavesNoGoroutines(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	s, err := fakecos.New(fakecos.Config{})
	require.NoError(t, err)
	require.NoError(t, s.AddBucket(fakecos.Bucket{Name: bucketName, Region: region, OwnerUin: ownerUin}))
	require.NoError(t, s.AddCredential(fakecos.Credential{SecretID: rootID, SecretKey: rootKey, OwnerUin: ownerUin}))
	c := rootClient(s)
	_, err = c.Object.Put(context.Background(), "k.txt", strings.NewReader("v"), nil)
	require.NoError(t, err)
	_, err = sdk(s, nil, "", "", "").Object.Get(context.Background(), "k.txt", nil)
	assert.Error(t, err)
	r, err := s.Client().Get(s.URL() + "/" + bucketName + "/k.txt")
	require.NoError(t, err)
	r.Body.Close()

	s.SetFault("*", fakecos.Fault{Delay: time.Minute})
	go func() {
		_, _ = c.Object.Get(context.Background(), "k.txt", nil)
	}()
	time.Sleep(50 * time.Millisecond)
	s.Close()
	s.Close()
}
