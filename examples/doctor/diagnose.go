package main

import (
	"context"
	"net/http"
	"time"

	"github.com/tencentyun/cos-go-sdk-v5"

	"github.com/cos403/cos403-go/checks"
	"github.com/cos403/cos403-go/signature"
)

// diagnoseScenario runs checks.DiagnoseError on a scenario's refusal, with
// everything the embedded world knows about the request: the requester's
// key, its identity and policies (which COS cannot be asked for), the
// bucket owner's client to read the bucket's configuration, and the same
// network path the request took.
func diagnoseScenario(ctx context.Context, w *world, a *attempt, err error) checks.Report {
	var wire http.RoundTripper = w.srv.Transport()
	if a.target.wire != nil {
		wire = a.target.wire(wire)
	}
	hc := &http.Client{Transport: wire, Timeout: 10 * time.Second}
	t := checks.Target{
		BucketURL:     w.srv.BucketURL(bucket, region).String(),
		Key:           a.target.key,
		Method:        a.target.method,
		Authorization: a.target.presign,
		Origin:        a.target.origin,
		Referer:       a.target.referer,
		HTTPClient:    hc,
		COS:           w.ownerClient(wire),
	}
	if k := a.target.cred; k.id != "" {
		t.Credentials = signature.Credentials{SecretID: k.id, SecretKey: k.key, SessionToken: k.token}
		t.Principal, t.UserPolicies, t.STSPolicy = identityOf(k)
	}
	return checks.DiagnoseError(ctx, t, err)
}

// ownerClient is the bucket owner's SDK client, which may read every part
// of the bucket's configuration.
func (w *world) ownerClient(wire http.RoundTripper) *cos.Client {
	auth := &cos.AuthorizationTransport{SecretID: rootKey.id, SecretKey: rootKey.key, Transport: wire}
	c := cos.NewClient(&cos.BaseURL{BucketURL: w.srv.BucketURL(bucket, region)}, &http.Client{Transport: auth, Timeout: 10 * time.Second})
	c.Conf.RetryOpt.Count = 1
	return c
}

// identityOf is what CAM and STS know about a key of the embedded world:
// who it belongs to and the policies attached to it.
func identityOf(k identity) (checks.Principal, [][]byte, []byte) {
	switch k.id {
	case subKey.id:
		return checks.Principal{OwnerUin: ownerUin, Uin: subUin}, nil, nil
	case readerKey.id:
		return checks.Principal{OwnerUin: ownerUin, Uin: readerUin}, [][]byte{readerPolicy()}, nil
	case tmpKey.id, oldTmpKey.id:
		return checks.Principal{OwnerUin: ownerUin, Uin: ownerUin}, nil, stsPolicy()
	case rootKey.id:
		return checks.Principal{OwnerUin: ownerUin, Uin: ownerUin}, nil, nil
	}
	// An unknown or disabled SecretId has no identity COS would accept.
	return checks.Principal{}, nil, nil
}
