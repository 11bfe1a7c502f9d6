package main

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/tencentyun/cos-go-sdk-v5"

	"github.com/cos403/cos403-go/checks"
	"github.com/cos403/cos403-go/classify"
	"github.com/cos403/cos403-go/cos403"
	"github.com/cos403/cos403-go/internal/fakecos"
)

// scenario reproduces one cause against the embedded fake with the real
// cos-go-sdk-v5 client.
type scenario struct {
	// name is the stable identifier -run matches.
	name string
	// step is the step of the 403 troubleshooting guide the cause comes
	// from ("4.3"), or "" for causes from the COS error code list.
	step string
	// want is the cause the refusal must be classified as.
	want cos403.Cause
	// about says what the scenario does, in English, Japanese and Chinese.
	about [3]string
	// run changes the world as the scenario needs and sends the request
	// that COS refuses.
	run func(ctx context.Context, w *world) (*attempt, error)
}

// attempt is what a scenario's request produced.
type attempt struct {
	// err is the error the caller got: the SDK's, or for a plain HTTP
	// request (a presigned URL) the one classify.Response gave.
	err error
	// raw is err's text as the caller would print it, with presigned query
	// values redacted.
	raw string
	// plainHTTP marks a request sent without the SDK.
	plainHTTP bool
	// target describes the request for the checks.
	target target
}

// target is what the checks need to know about a refused request.
type target struct {
	// wire is what stood between the signed request and COS, if anything.
	wire func(http.RoundTripper) http.RoundTripper
	key  string
	// method is the request's method; for a preflight, the method the
	// page asks permission for.
	method   string
	cred     identity
	origin   string
	referer  string
	presign  string
	pathMode bool
}

func (s scenario) describe(l cos403.Lang) string {
	switch l {
	case cos403.Japanese:
		return s.about[1]
	case cos403.Chinese:
		return s.about[2]
	}
	return s.about[0]
}

// scenarios returns the reproduction of every cause in the seed, in its
// order, followed by the causes from the COS error code list.
func scenarios() []scenario {
	return []scenario{
		{
			name: "cors_preflight", step: "1", want: cos403.CauseCORSRejected,
			about: [3]string{
				"A browser on https://app.example.net sends the CORS preflight for GET public.txt; the bucket's only CORS rule allows https://www.example.com.",
				"https://app.example.net のブラウザが public.txt への GET のプリフライトを送信します。バケットの CORS ルールは https://www.example.com のみを許可しています。",
				"https://app.example.net 上的浏览器为 GET public.txt 发送 CORS 预检请求；存储桶唯一的 CORS 规则只允许 https://www.example.com。",
			},
			run: func(ctx context.Context, w *world) (*attempt, error) {
				rules := []cos.BucketCORSRule{{ID: "site", AllowedOrigins: []string{"https://www.example.com"}, AllowedMethods: []string{"GET", "HEAD"}, AllowedHeaders: []string{"*"}, MaxAgeSeconds: 600}}
				if err := w.setBucket(func(b *fakecos.Bucket) { b.CORS = rules }); err != nil {
					return nil, err
				}
				const origin = "https://app.example.net"
				// A preflight carries no signature (D-OPTIONS), so the
				// client is anonymous.
				c := w.sdk(identity{}, clientOpts{})
				_, err := c.Object.Options(ctx, "public.txt", &cos.ObjectOptionsOptions{Origin: origin, AccessControlRequestMethod: http.MethodGet})
				return sdkAttempt(err, target{key: "public.txt", method: http.MethodGet, origin: origin}), nil
			},
		},
		{
			name: "referer_hotlink", step: "2", want: cos403.CauseRefererDenied,
			about: [3]string{
				"A page on hotlinker.example.net embeds public.txt; hotlink protection whitelists www.example.com only.",
				"hotlinker.example.net のページが public.txt を埋め込みます。リンク不正アクセス防止のホワイトリストは www.example.com のみです。",
				"hotlinker.example.net 上的页面引用 public.txt；防盗链白名单只有 www.example.com。",
			},
			run: func(ctx context.Context, w *world) (*attempt, error) {
				cfg := checks.RefererConfig{Enabled: true, Type: checks.RefererWhiteList, Domains: []string{"www.example.com"}}
				if err := w.setBucket(func(b *fakecos.Bucket) { b.Referer = &cfg }); err != nil {
					return nil, err
				}
				const referer = "https://hotlinker.example.net/gallery.html"
				c := w.sdk(identity{}, clientOpts{})
				h := http.Header{"Referer": {referer}}
				_, err := c.Object.Get(ctx, "public.txt", &cos.ObjectGetOptions{XOptionHeader: &h})
				return sdkAttempt(err, target{key: "public.txt", method: http.MethodGet, referer: referer}), nil
			},
		},
		{
			name: "anonymous_private_object", step: "3", want: cos403.CauseAnonymousDenied,
			about: [3]string{
				"An unsigned GET of private.txt, an object that is not public-read.",
				"パブリック読み取りではない private.txt に署名なしの GET を送信します。",
				"对非公有读的 private.txt 发送未签名的 GET 请求。",
			},
			run: func(ctx context.Context, w *world) (*attempt, error) {
				c := w.sdk(identity{}, clientOpts{})
				_, err := c.Object.Get(ctx, "private.txt", nil)
				return sdkAttempt(err, target{key: "private.txt", method: http.MethodGet}), nil
			},
		},
		{
			name: "unknown_secret_id", step: "4.1", want: cos403.CauseInvalidAccessKeyID,
			about: [3]string{
				"A GET signed with a SecretId that does not exist in the account.",
				"アカウントに存在しない SecretId で署名した GET を送信します。",
				"使用账号中不存在的 SecretId 签名的 GET 请求。",
			},
			run: func(ctx context.Context, w *world) (*attempt, error) {
				c := w.sdk(unknownKey, clientOpts{})
				_, err := c.Object.Get(ctx, "private.txt", nil)
				return sdkAttempt(err, target{key: "private.txt", method: http.MethodGet, cred: unknownKey}), nil
			},
		},
		{
			name: "disabled_secret_id", step: "4.1", want: cos403.CauseInvalidAccessKeyID,
			about: [3]string{
				"A GET signed with a SecretId that exists but was disabled in API key management.",
				"存在するが API キー管理で無効化された SecretId で署名した GET を送信します。",
				"使用存在但已在 API 密钥管理中禁用的 SecretId 签名的 GET 请求。",
			},
			run: func(ctx context.Context, w *world) (*attempt, error) {
				c := w.sdk(disabledKey, clientOpts{})
				_, err := c.Object.Get(ctx, "private.txt", nil)
				return sdkAttempt(err, target{key: "private.txt", method: http.MethodGet, cred: disabledKey}), nil
			},
		},
		{
			name: "clock_skew", step: "4.2", want: cos403.CauseRequestTimeTooSkewed,
			about: [3]string{
				"This machine's clock runs 20 minutes ahead of COS (the embedded server's clock is set 20 minutes behind); the SDK signs with the local time.",
				"このマシンの時計が COS より 20 分進んでいます（組み込みサーバーの時計を 20 分遅らせています）。SDK はローカル時刻で署名します。",
				"本机时钟比 COS 快 20 分钟（内置服务器的时钟被调慢 20 分钟）；SDK 使用本地时间签名。",
			},
			run: func(ctx context.Context, w *world) (*attempt, error) {
				w.srv.SetOffset(-20 * time.Minute)
				c := w.sdk(rootKey, clientOpts{})
				_, err := c.Object.Get(ctx, "public.txt", nil)
				return sdkAttempt(err, target{key: "public.txt", method: http.MethodGet, cred: rootKey}), nil
			},
		},
		{
			name: "presigned_url_expired", step: "4.2", want: cos403.CauseRequestExpired,
			about: [3]string{
				"A presigned URL for private.txt, made with GetPresignedURL2 40 minutes ago and valid for 10 minutes, is opened now.",
				"40 分前に GetPresignedURL2 で作成した有効期間 10 分の private.txt の署名付き URL を、今開きます。",
				"40 分钟前用 GetPresignedURL2 生成、有效期 10 分钟的 private.txt 预签名 URL，现在才被打开。",
			},
			run: runPresignedExpired,
		},
		{
			name: "middlebox_changed_header", step: "4.3", want: cos403.CauseSignatureMismatch,
			about: [3]string{
				"A PUT signed with Content-Type text/plain; a gateway between the SDK and COS rewrites it to text/plain; charset=utf-8.",
				"Content-Type text/plain で署名した PUT を、SDK と COS の間のゲートウェイが text/plain; charset=utf-8 に書き換えます。",
				"以 Content-Type text/plain 签名的 PUT 请求，被 SDK 与 COS 之间的网关改写为 text/plain; charset=utf-8。",
			},
			run: func(ctx context.Context, w *world) (*attempt, error) {
				gateway := func(next http.RoundTripper) http.RoundTripper {
					return roundTripFunc(func(r *http.Request) (*http.Response, error) {
						r = r.Clone(r.Context())
						r.Header.Set("Content-Type", "text/plain; charset=utf-8")
						return next.RoundTrip(r)
					})
				}
				c := w.sdk(rootKey, clientOpts{wire: gateway})
				_, err := c.Object.Put(ctx, "uploads/notes.txt", strings.NewReader("notes\n"), &cos.ObjectPutOptions{
					ObjectPutHeaderOptions: &cos.ObjectPutHeaderOptions{ContentType: "text/plain"}})
				return sdkAttempt(err, target{key: "uploads/notes.txt", method: http.MethodPut, cred: rootKey, wire: gateway}), nil
			},
		},
		{
			name: "plus_in_key", step: "4.3", want: cos403.CauseSignatureMismatch,
			about: [3]string{
				"GET docs/resume-zh+en.pdf: the SDK signs the key with '+' and sends %2B, but a reverse proxy unescapes it and forwards a raw '+', which COS reads as a space.",
				"GET docs/resume-zh+en.pdf：SDK は '+' を含むキーで署名し %2B で送信しますが、リバースプロキシがデコードして生の '+' を転送し、COS はそれを空白として読みます。",
				"GET docs/resume-zh+en.pdf：SDK 用含 '+' 的键签名并以 %2B 发送，但反向代理将其解码后以原始 '+' 转发，COS 将其读作空格。",
			},
			run: func(ctx context.Context, w *world) (*attempt, error) {
				proxy := func(next http.RoundTripper) http.RoundTripper {
					return roundTripFunc(func(r *http.Request) (*http.Response, error) {
						r = r.Clone(r.Context())
						u := *r.URL
						// '+' is legal in a path, so RawPath keeps it
						// literal on the wire.
						u.RawPath = strings.ReplaceAll(u.EscapedPath(), "%2B", "+")
						r.URL = &u
						return next.RoundTrip(r)
					})
				}
				c := w.sdk(rootKey, clientOpts{wire: proxy})
				_, err := c.Object.Get(ctx, "docs/resume-zh+en.pdf", nil)
				return sdkAttempt(err, target{key: "docs/resume-zh+en.pdf", method: http.MethodGet, cred: rootKey, wire: proxy}), nil
			},
		},
		{
			name: "wrong_secret_key", step: "4.3", want: cos403.CauseSignatureMismatch,
			about: [3]string{
				"A GET signed with the right SecretId but a SecretKey that is not its pair.",
				"正しい SecretId と、その組ではない SecretKey で署名した GET を送信します。",
				"使用正确的 SecretId 和不匹配的 SecretKey 签名的 GET 请求。",
			},
			run: func(ctx context.Context, w *world) (*attempt, error) {
				k := identity{id: rootKey.id, key: wrongKey}
				c := w.sdk(k, clientOpts{})
				_, err := c.Object.Get(ctx, "private.txt", nil)
				return sdkAttempt(err, target{key: "private.txt", method: http.MethodGet, cred: k}), nil
			},
		},
		{
			name: "sub_account_no_policy", step: "5.1", want: cos403.CausePermissionDenied,
			about: [3]string{
				"Sub-account 100000000011, which has no policy at all, reads private.txt.",
				"ポリシーを一切持たないサブアカウント 100000000011 が private.txt を読み取ります。",
				"没有任何策略的子账号 100000000011 读取 private.txt。",
			},
			run: func(ctx context.Context, w *world) (*attempt, error) {
				c := w.sdk(subKey, clientOpts{})
				_, err := c.Object.Get(ctx, "private.txt", nil)
				return sdkAttempt(err, target{key: "private.txt", method: http.MethodGet, cred: subKey}), nil
			},
		},
		{
			name: "sub_account_denied", step: "5.1", want: cos403.CausePermissionDenied,
			about: [3]string{
				"Sub-account 100000000012 may read the whole bucket by its CAM policy, but a bucket policy statement denies it private.txt.",
				"サブアカウント 100000000012 は CAM ポリシーでバケット全体を読み取れますが、バケットポリシーのステートメントが private.txt を拒否しています。",
				"子账号 100000000012 的 CAM 策略允许读取整个存储桶，但存储桶策略中的一条语句拒绝其访问 private.txt。",
			},
			run: func(ctx context.Context, w *world) (*attempt, error) {
				policy := `{"version":"2.0","statement":[` +
					`{"sid":"PublicRead","principal":{"qcs":["qcs::cam::anyone:anyone"]},"effect":"allow","action":["name/cos:GetObject"],"resource":["` + resource("public.txt") + `"]},` +
					`{"sid":"DenyReaderPrivate","principal":{"qcs":["qcs::cam::uin/` + ownerUin + `:uin/` + readerUin + `"]},"effect":"deny","action":["name/cos:GetObject"],"resource":["` + resource("private.txt") + `"]}]}`
				if err := w.setBucket(func(b *fakecos.Bucket) { b.Policy = []byte(policy) }); err != nil {
					return nil, err
				}
				c := w.sdk(readerKey, clientOpts{})
				_, err := c.Object.Get(ctx, "private.txt", nil)
				return sdkAttempt(err, target{key: "private.txt", method: http.MethodGet, cred: readerKey}), nil
			},
		},
		{
			name: "temp_key_outside_policy", step: "5.2", want: cos403.CausePermissionDenied,
			about: [3]string{
				"A temporary key issued for uploads/* only reads private.txt.",
				"uploads/* のみを対象に発行された一時キーで private.txt を読み取ります。",
				"仅针对 uploads/* 签发的临时密钥读取 private.txt。",
			},
			run: func(ctx context.Context, w *world) (*attempt, error) {
				c := w.sdk(tmpKey, clientOpts{})
				_, err := c.Object.Get(ctx, "private.txt", nil)
				return sdkAttempt(err, target{key: "private.txt", method: http.MethodGet, cred: tmpKey}), nil
			},
		},
		{
			name: "archived_object", step: "6", want: cos403.CauseArchivedObject,
			about: [3]string{
				"GET backup/2019.tar, an ARCHIVE object that has not been restored.",
				"復元されていない ARCHIVE オブジェクト backup/2019.tar を GET します。",
				"GET 未恢复的 ARCHIVE 对象 backup/2019.tar。",
			},
			run: func(ctx context.Context, w *world) (*attempt, error) {
				return w.getArchived(ctx, "backup/2019.tar")
			},
		},
		{
			name: "deep_archived_object", step: "6", want: cos403.CauseArchivedObject,
			about: [3]string{
				"GET backup/2015.tar, a DEEP_ARCHIVE object that has not been restored.",
				"復元されていない DEEP_ARCHIVE オブジェクト backup/2015.tar を GET します。",
				"GET 未恢复的 DEEP_ARCHIVE 对象 backup/2015.tar。",
			},
			run: func(ctx context.Context, w *world) (*attempt, error) {
				return w.getArchived(ctx, "backup/2015.tar")
			},
		},
		{
			name: "temp_key_expired", want: cos403.CauseTempCredentialExpired,
			about: [3]string{
				"A GET with a temporary key whose token expired five minutes ago.",
				"5 分前に期限切れになったトークンの一時キーで GET を送信します。",
				"使用令牌已在 5 分钟前过期的临时密钥发送 GET 请求。",
			},
			run: func(ctx context.Context, w *world) (*attempt, error) {
				c := w.sdk(oldTmpKey, clientOpts{})
				_, err := c.Object.Get(ctx, "uploads/report.txt", nil)
				return sdkAttempt(err, target{key: "uploads/report.txt", method: http.MethodGet, cred: oldTmpKey}), nil
			},
		},
		{
			name: "strict_signature", want: cos403.CauseStrictSignature,
			about: [3]string{
				"The bucket's strict-signature rule requires Content-Language to be signed; cos-go-sdk-v5 sends it unsigned.",
				"バケットの厳格署名ルールは Content-Language の署名を要求しますが、cos-go-sdk-v5 は署名せずに送信します。",
				"存储桶的严格签名规则要求对 Content-Language 签名，而 cos-go-sdk-v5 发送时未对其签名。",
			},
			run: func(ctx context.Context, w *world) (*attempt, error) {
				if err := w.setBucket(func(b *fakecos.Bucket) {
					b.StrictSign = &fakecos.StrictSign{Headers: []string{"Host", "Content-Language"}}
				}); err != nil {
					return nil, err
				}
				c := w.sdk(rootKey, clientOpts{})
				_, err := c.Object.Put(ctx, "uploads/readme.txt", strings.NewReader("readme\n"), &cos.ObjectPutOptions{
					ObjectPutHeaderOptions: &cos.ObjectPutHeaderOptions{ContentType: "text/plain", ContentLanguage: "en"}})
				return sdkAttempt(err, target{key: "uploads/readme.txt", method: http.MethodPut, cred: rootKey}), nil
			},
		},
		{
			name: "path_style", want: cos403.CausePathStyleForbidden,
			about: [3]string{
				"A path-style URL (cos.ap-guangzhou.myqcloud.com/<bucket>/<key>) for a bucket created after 2024-01-01.",
				"2024-01-01 以降に作成されたバケットにパス形式の URL（cos.ap-guangzhou.myqcloud.com/<bucket>/<key>）でアクセスします。",
				"对 2024-01-01 之后创建的存储桶使用路径式 URL（cos.ap-guangzhou.myqcloud.com/<bucket>/<key>）。",
			},
			run: func(ctx context.Context, w *world) (*attempt, error) {
				c := w.sdk(rootKey, clientOpts{base: &cos.BaseURL{BucketURL: w.srv.ServiceURL(region)}})
				_, err := c.Object.Get(ctx, bucket+"/public.txt", nil)
				return sdkAttempt(err, target{key: "public.txt", method: http.MethodGet, cred: rootKey, pathMode: true}), nil
			},
		},
		{
			name: "proxy_html", want: cos403.CauseNotFromCOS,
			about: [3]string{
				"A corporate proxy in front of COS answers 403 with its own HTML page.",
				"COS の手前にある企業プロキシが独自の HTML ページで 403 を返します。",
				"COS 前面的企业代理用自己的 HTML 页面返回 403。",
			},
			run: func(ctx context.Context, w *world) (*attempt, error) {
				w.srv.SetFault(bucket, fakecos.Fault{ProxyHTML: true})
				c := w.sdk(rootKey, clientOpts{})
				_, err := c.Object.Get(ctx, "public.txt", nil)
				return sdkAttempt(err, target{key: "public.txt", method: http.MethodGet, cred: rootKey}), nil
			},
		},
	}
}

// runPresignedExpired opens a presigned URL after its window: the form in
// which "Request has expired" usually reaches people, since a link outlives
// the minutes it was signed for. The URL is signed for a window that ended
// 30 minutes ago, as if made 40 minutes ago, so the two clocks agree and
// only the window is wrong.
func runPresignedExpired(ctx context.Context, w *world) (*attempt, error) {
	c := w.sdk(rootKey, clientOpts{})
	signedAt := w.srv.Now().Add(-40 * time.Minute)
	window := &cos.AuthTime{
		SignStartTime: signedAt, SignEndTime: signedAt.Add(10 * time.Minute),
		KeyStartTime: signedAt, KeyEndTime: signedAt.Add(10 * time.Minute),
	}
	u, err := c.Object.GetPresignedURL2(ctx, http.MethodGet, "private.txt", 10*time.Minute, &cos.PresignedURLOptions{AuthTime: window})
	if err != nil {
		return nil, fmt.Errorf("presign: %w", err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("presigned request: %w", err)
	}
	hc := &http.Client{Transport: &classify.Transport{Base: w.srv.Transport()}, Timeout: 10 * time.Second}
	resp, err := hc.Do(req)
	if err != nil {
		return &attempt{err: err, raw: redactText(err.Error()), plainHTTP: true}, nil
	}
	received := time.Now()
	defer resp.Body.Close()
	cerr := classify.Response(resp)
	if e, ok := cos403.As(cerr); ok && e.LocalTime.IsZero() {
		// classify.Response does not read the Transport's capture; the
		// arrival time is what gives the skew.
		e.LocalTime = received
	}
	a := &attempt{
		err: cerr, plainHTTP: true,
		raw:    fmt.Sprintf("GET %s: %s", cos403.RedactedURL(u), resp.Status),
		target: target{key: "private.txt", method: http.MethodGet, cred: rootKey, presign: u.String()},
	}
	return a, nil
}

// getArchived reads an archived object with the root key.
func (w *world) getArchived(ctx context.Context, key string) (*attempt, error) {
	c := w.sdk(rootKey, clientOpts{})
	_, err := c.Object.Get(ctx, key, nil)
	return sdkAttempt(err, target{key: key, method: http.MethodGet, cred: rootKey}), nil
}

// sdkAttempt records an SDK call's error.
func sdkAttempt(err error, t target) *attempt {
	a := &attempt{err: err, target: t}
	if err != nil {
		a.raw = redactText(err.Error())
	}
	return a
}
