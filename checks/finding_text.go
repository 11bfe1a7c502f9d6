package checks

import (
	"strings"
	"time"

	"github.com/cos403/cos403-go/cos403"
)

// Text returns the finding's one-line summary in lang. English, and any
// language cos403 does not translate, gets Summary unchanged.
//
// Japanese and Chinese are written from the check, the status, the cause
// and the Evidence (skew, storage class, deciding statement, CORS rule,
// masked q-ak, COS's answer, signature stage), in the terms of the Japanese
// troubleshooting guide and of the Chinese COS console (跨域访问 CORS 设置,
// 防盗链, 存储桶策略, 归档存储). COS codes, messages, identifiers and
// evidence values stay verbatim. A variant without a template of its own is
// reported as the check's name, its status and its cause in that language,
// never in English. Like Summary, the text never holds a secret: it is
// built from the Evidence, which holds none.
func (f Finding) Text(lang cos403.Lang) string {
	var t findingText
	switch lang {
	case cos403.Japanese:
	case cos403.Chinese:
		t.zh = true
	default:
		return f.Summary
	}
	t.f = f
	if s := t.render(); s != "" {
		return oneLine(s)
	}
	return t.generic()
}

// findingText writes one finding in Japanese or Chinese.
type findingText struct {
	f  Finding
	zh bool
}

// s picks the Japanese or the Chinese phrase.
func (t findingText) s(ja, zh string) string {
	if t.zh {
		return zh
	}
	return ja
}

// v is the value of an evidence item, "" when absent.
func (t findingText) v(name string) string {
	v, _ := t.f.Value(name)
	return v
}

// has reports whether the English summary contains part. Some variants of
// a check differ only in their summary, which is built in this package, so
// its fixed English wording identifies them.
func (t findingText) has(part string) bool { return strings.Contains(t.f.Summary, part) }

// after returns what follows prefix in the summary (a COS answer or an
// error text, kept verbatim), or "".
func (t findingText) after(prefix string) string {
	if i := strings.Index(t.f.Summary, prefix); i >= 0 {
		return strings.TrimSpace(t.f.Summary[i+len(prefix):])
	}
	return ""
}

// colon appends ": detail" in the language's punctuation when detail is
// not empty.
func (t findingText) colon(s, detail string) string {
	if detail == "" {
		return s + "。"
	}
	return s + t.s("：", "：") + detail
}

// paren appends "（detail）" when detail is not empty.
func (t findingText) paren(detail string) string {
	if detail == "" {
		return ""
	}
	return "（" + detail + "）"
}

// statusWord names a status.
func (t findingText) statusWord() string {
	switch t.f.Status {
	case StatusPass:
		return t.s("合格", "通过")
	case StatusFail:
		return t.s("失敗", "失败")
	case StatusWarn:
		return t.s("警告", "警告")
	case StatusNotApplicable:
		return t.s("対象外", "不适用")
	}
	return string(t.f.Status)
}

// generic is the fallback: 「<check>：失敗（<cause>）」.
func (t findingText) generic() string {
	s := t.f.Check + "：" + t.statusWord()
	if t.f.Cause != "" {
		if t.f.Status == StatusPass {
			s += t.paren(t.s(string(t.f.Cause)+" ではありません", "已排除 "+string(t.f.Cause)))
		} else {
			s += t.paren(string(t.f.Cause))
		}
	}
	return s
}

// render dispatches on the check; "" means no template fits.
func (t findingText) render() string {
	switch c := t.f.Check; {
	case c == "cos_error":
		return t.cosError()
	case c == "target":
		return t.colon(t.s("診断対象が不正なため、何もプローブしていません", "诊断目标无效，未发送任何探测请求"), t.after("nothing was probed: "))
	case c == "cors":
		return t.cors()
	case c == "referer":
		return t.referer()
	case c == "anonymous":
		return t.anonymous()
	case c == "credentials":
		return t.credentialsNA()
	case strings.HasPrefix(c, "credentials."):
		return t.credentials()
	case c == "clock_skew":
		return t.clockSkew()
	case c == "signature_time":
		return t.signatureTime()
	case c == "signed_request":
		return t.signedRequest()
	case c == "signature":
		return t.signature()
	case c == "permission":
		return t.permission()
	case c == "archive":
		return t.archive()
	case c == "access" || c == "policy" || strings.HasPrefix(c, "policy."):
		return t.policy()
	}
	return ""
}

// answer is COS's answer as recorded in evidence, without the request id
// clause: status, code, quoted message and cause, all verbatim.
func answerText(v string) string {
	if i := strings.Index(v, ", request id "); i >= 0 {
		return v[:i]
	}
	return v
}

func (t findingText) cosError() string {
	switch t.f.Status {
	case StatusWarn:
		return t.colon(t.s("エラーに COS の応答が含まれていないため、すべてのチェックを実行しました",
			"该错误不含 COS 的响应，因此执行了全部检查"), t.after("so the full flow ran: "))
	case StatusFail:
	default:
		return ""
	}
	reply := t.v("status")
	if c := t.v("code"); c != "" {
		reply += " " + c
	}
	if m := t.v("message"); m != "" {
		reply += ` "` + m + `"`
	}
	reply = strings.TrimSpace(reply)
	var s string
	if t.f.Cause == cos403.CauseNotFromCOS {
		s = t.s("COS の前段（プロキシ、CDN、ゲートウェイ）が "+reply+" を返しました",
			"COS 前面的组件（代理、CDN 或网关）返回了 "+reply)
	} else {
		s = t.s("COS が "+reply+" を返しました", "COS 返回了 "+reply)
	}
	if t.f.Cause != "" {
		s += t.paren(t.s("原因：", "原因：") + string(t.f.Cause))
	}
	if sc := t.v("storage_class"); sc != "" {
		s += t.s("。ストレージクラス："+sc, "。存储类型："+sc)
	}
	if sk := t.v("skew"); sk != "" && (t.f.Cause == cos403.CauseRequestTimeTooSkewed || t.f.Cause == cos403.CauseRequestExpired) {
		s += t.s("。サーバー時刻とのずれ："+sk, "。与服务器时间的偏差："+sk)
	}
	if st := t.v("signature_stage"); st != "" {
		s += t.s("。署名の相違段階："+st, "。签名不一致的环节："+st)
		if el := t.v("signature_element"); el != "" {
			s += t.s("（要素 "+el+"）", "（元素 "+el+"）")
		}
	}
	return s + "。"
}

// corsPart explains the failed part of a refused preflight.
func (t findingText) corsPart() string {
	failed := t.v("failed")
	var s string
	switch {
	case failed == "":
		return ""
	case failed == "no_rules":
		return t.s("バケットにクロスドメインアクセスCORS設定のルールがありません。", "存储桶没有任何跨域访问 CORS 设置规则。")
	case failed == "origin":
		s = t.s("Origin "+t.v("origin")+" が許可されていません", "来源 Origin "+t.v("origin")+" 不在允许范围内")
	case failed == "method":
		s = t.s("メソッド "+t.v("method")+" が許可されていません", "方法 "+t.v("method")+" 不在允许范围内")
	case strings.HasPrefix(failed, "header:"):
		h := strings.TrimPrefix(failed, "header:")
		s = t.s("ヘッダー "+h+" が許可されていません", "请求头 "+h+" 不在允许范围内")
	default:
		s = t.s("拒否された部分："+failed, "被拒绝的部分："+failed)
	}
	rule := t.v("closest_rule")
	if rule == "" {
		rule = t.v("rule")
	}
	if rule != "" {
		return t.s("最も近いルール "+rule+" では "+s+"。", "最接近的规则 "+rule+" 中"+s+"。")
	}
	return s + "。"
}

func (t findingText) cors() string {
	origin, method := t.v("origin"), t.v("method")
	switch t.f.Status {
	case StatusNotApplicable:
		switch {
		case t.has("no Origin"):
			return t.s("Origin がないためクロスドメインのブラウザーリクエストではなく、クロスドメインアクセスCORS設定は対象外です（手順 1）。",
				"没有 Origin，不是浏览器跨域请求，跨域访问 CORS 设置不适用（步骤 1）。")
		case t.has("invalid object URL: "):
			return t.colon(t.s("オブジェクトの URL が不正です", "对象 URL 无效"), t.after("invalid object URL: "))
		case t.has("cannot build the preflight: "):
			return t.colon(t.s("プリフライトリクエストを作成できません", "无法构造预检请求"), t.after("cannot build the preflight: "))
		}
	case StatusWarn:
		switch {
		case t.has("the preflight got no answer: "):
			return t.colon(t.s("プリフライトリクエストに応答がありません", "预检请求没有收到响应"), t.after("the preflight got no answer: "))
		case t.has("no Access-Control-Allow-Origin"):
			return t.s("COS は "+origin+" からの "+method+" のプリフライトリクエストを受け入れましたが、応答に Access-Control-Allow-Origin がないため、ブラウザーはリクエストをブロックします。COS の前段（CDN など）を確認してください。",
				"COS 接受了来自 "+origin+" 的 "+method+" 预检请求，但响应中没有 Access-Control-Allow-Origin，浏览器仍会拦截该请求；请检查 COS 前面的组件（如 CDN）。")
		case t.has("not a CORS decision: "):
			return t.colon(t.s("プリフライトリクエストへの応答は CORS の判定ではありません", "预检请求的响应不是 CORS 判定"), answerText(t.after("not a CORS decision: ")))
		}
	case StatusPass:
		if origin != "" && method != "" && t.v("answer") != "" {
			return t.s("COS は "+origin+" からの "+method+" のプリフライトリクエストを受け入れました。",
				"COS 接受了来自 "+origin+" 的 "+method+" 预检请求。")
		}
		if r := t.v("rule"); r != "" {
			return t.s("クロスドメインアクセスCORS設定のルール "+r+" が "+origin+" からの "+method+" を許可します。",
				"跨域访问 CORS 设置的规则 "+r+" 允许来自 "+origin+" 的 "+method+" 请求。")
		}
	case StatusFail:
		var s string
		if t.v("answer") != "" {
			s = t.s("COS は "+origin+" からの "+method+" のプリフライトリクエストを拒否しました（403 AccessForbidden）。",
				"COS 拒绝了来自 "+origin+" 的 "+method+" 预检请求（403 AccessForbidden）。")
		} else {
			s = t.s(origin+" からの "+method+" を許可するクロスドメインアクセスCORS設定のルールはありません。",
				"没有跨域访问 CORS 设置规则允许来自 "+origin+" 的 "+method+" 请求。")
		}
		rules := t.v("cors_rules")
		switch {
		case t.v("local_evaluation") != "":
			return s + t.s("ただし、ルール "+strings.TrimPrefix(t.v("local_evaluation"), "allowed by rule ")+" はこれを許可します。応答はこのルールによるものではありません（CDN ドメインには独自の CORS 設定があります。またはルールが変更されました）。",
				"但规则 "+strings.TrimPrefix(t.v("local_evaluation"), "allowed by rule ")+" 允许该请求：响应并非来自这些规则（CDN 域名有自己的 CORS 设置，或规则已被修改）。")
		case strings.HasPrefix(rules, "not read: no cos.Client"):
			return s + t.s("この Origin、メソッド、ヘッダーの組み合わせを許可するルールがありません（ルールは読み取っていません）。",
				"没有规则允许该 Origin、方法和请求头的组合（未读取规则）。")
		case rules != "" && t.v("failed") == "":
			return s + t.s("バケットの CORS ルールを読み取れませんでした（"+rules+"）。", "无法读取存储桶的 CORS 规则（"+rules+"）。")
		}
		return s + t.corsPart()
	}
	return ""
}

// listText names a referer list type.
func (t findingText) listText(list string) string {
	switch list {
	case RefererWhiteList:
		return t.s("ホワイトリスト（"+list+"）", "白名单（"+list+"）")
	case RefererBlackList:
		return t.s("ブラックリスト（"+list+"）", "黑名单（"+list+"）")
	}
	return list
}

// refererRule says which list and rule decided, as a sentence.
func (t findingText) refererRule() string {
	if t.v("rule") == "disabled" {
		return t.s("リンク不正アクセス防止設定は無効です。", "防盗链设置未启用。")
	}
	var parts []string
	if l := t.v("list"); l != "" {
		parts = append(parts, t.listText(l))
	}
	if r := t.v("rule"); r != "" {
		parts = append(parts, t.s("ルール ", "规则 ")+r)
	}
	if len(parts) == 0 {
		return ""
	}
	return t.s("決め手：", "依据：") + strings.Join(parts, t.s("、", "，")) + "。"
}

func (t findingText) refererName() string {
	r := t.v("referer")
	if r == "" || r == "(empty)" {
		return t.s("空の Referer ", "空 Referer")
	}
	return " Referer " + r + " "
}

func (t findingText) referer() string {
	switch t.f.Status {
	case StatusNotApplicable:
		switch {
		case t.has("signed"):
			return t.s("リクエストは署名付きであり、COS は署名付きリクエストにリンク不正アクセス防止設定を適用しません。",
				"请求已签名，COS 不对签名请求执行防盗链检查。")
		case t.has("no object key"):
			return t.s("オブジェクトキーがありません。リンク不正アクセス防止設定はオブジェクトのダウンロードを対象とします。",
				"没有对象键：防盗链设置针对的是对象下载。")
		case t.has("invalid object URL: "):
			return t.colon(t.s("オブジェクトの URL が不正です", "对象 URL 无效"), t.after("invalid object URL: "))
		}
	case StatusWarn:
		return t.colon(t.s("プローブに応答がありません", "探测请求没有收到响应"), t.after("got no answer: "))
	case StatusFail:
		name := t.refererName()
		s := t.s("リンク不正アクセス防止設定により"+name+"が拒否されました（\"You are denied by bucket referer rule\"）。",
			"防盗链设置拒绝了"+strings.TrimRight(name, " ")+"（\"You are denied by bucket referer rule\"）。")
		s += t.refererRule()
		switch {
		case t.v("local_evaluation") == "allowed":
			s += t.s("ただし読み取った設定では許可されます。COS の前段の CDN が独自のルールを先に適用しているか、設定が変更されました。",
				"但读取到的配置允许该请求：COS 前面的 CDN 先执行了自己的防盗链规则，或配置已被修改。")
		case t.has("denies an empty referer"):
			s += t.s("バケットは空の Referer を拒否します（EmptyReferConfiguration=Deny が既定）。", "存储桶拒绝空 Referer（默认 EmptyReferConfiguration=Deny）。")
		}
		return s
	case StatusPass:
		s := t.s("リンク不正アクセス防止設定は"+t.refererName()+"を通しました", "防盗链设置放行了"+strings.TrimRight(t.refererName(), " "))
		if c := t.after("(the request was refused later: "); c != "" {
			c = strings.SplitN(c, ")", 2)[0]
			s += t.s("（その後 "+c+" で拒否）", "（之后因 "+c+" 被拒绝）")
		}
		s += "。" + t.refererRule()
		if t.has("a request without Referer is refused") {
			s += t.s("Referer のないリクエストは拒否されるため、ブラウザーで URL を直接開くと失敗します。必要なら空の Referer を許可してください。",
				"不带 Referer 的请求会被拒绝，因此在浏览器中直接打开 URL 会失败；如需支持，请允许空 Referer。")
		}
		if t.v("local_evaluation") == "denied" {
			s += t.s("ただし読み取った設定ではこのリクエストは拒否されます。", "但读取到的配置会拒绝该请求。")
		}
		return s
	}
	return ""
}

// sourceText names what decided an access decision.
func (t findingText) sourceText(src string) string {
	switch src {
	case SourceRoot:
		return t.s("ルートアカウント", "主账号")
	case SourceBucketPolicy:
		return t.s("バケットポリシー", "存储桶策略")
	case SourceUserPolicy:
		return t.s("CAM ユーザーポリシー", "CAM 用户策略")
	case SourceSTSPolicy:
		return t.s("一時キーのポリシー", "临时密钥策略")
	case SourceACL:
		return "ACL"
	case SourceDefault:
		return t.s("許可するものなし", "无任何授权")
	}
	return src
}

// decisionText names a policy decision.
func (t findingText) decisionText(d string) string {
	switch Decision(d) {
	case DecisionAllow:
		return t.s("許可", "允许")
	case DecisionExplicitDeny:
		return t.s("明示的な拒否", "显式拒绝")
	case DecisionImplicitDeny:
		return t.s("暗黙の拒否（許可するステートメントなし）", "隐式拒绝（没有允许的语句）")
	}
	return d
}

// policyDetail is the local evaluation: decision, source and deciding
// statement, when present.
func (t findingText) policyDetail() string {
	var parts []string
	if d := t.v("decision"); d != "" {
		parts = append(parts, t.s("判定：", "判定：")+t.decisionText(d))
	}
	if src := t.v("source"); src != "" {
		parts = append(parts, t.s("決め手：", "依据：")+t.sourceText(src))
	}
	if st := t.v("deciding_statement"); st != "" {
		parts = append(parts, t.s("決め手のステートメント：", "决定性语句：")+st)
	}
	if len(parts) == 0 {
		return ""
	}
	return t.s("ポリシーと ACL の評価：", "策略与 ACL 的评估：") + strings.Join(parts, t.s("、", "，")) + "。"
}

func (t findingText) anonymous() string {
	detail := t.policyDetail()
	if t.has("the referer rule stopped the probe") {
		if t.f.Status == StatusPass {
			return t.s("リンク不正アクセス防止設定がプローブを止めましたが、バケットポリシーと ACL は匿名アクセスを許可します。",
				"防盗链设置拦截了探测请求，但存储桶策略和 ACL 允许匿名访问。") + detail
		}
		return t.s("リンク不正アクセス防止設定がプローブを止めました。その先でも、バケットポリシーと ACL は匿名アクセスを拒否します。",
			"防盗链设置拦截了探测请求；即使通过防盗链，存储桶策略和 ACL 也拒绝匿名访问。") + detail
	}
	switch t.f.Status {
	case StatusNotApplicable:
		switch {
		case t.has("signed"):
			return t.s("リクエストは署名付きです。COS は署名があれば必ず検証し、パブリック読み取りのオブジェクトでも匿名アクセスとして扱うことはありません。",
				"请求已签名：只要带有签名，COS 就会校验签名，即使是公有读对象也不会按匿名访问处理。")
		case t.has("invalid object URL: "):
			return t.colon(t.s("オブジェクトの URL が不正です", "对象 URL 无效"), t.after("invalid object URL: "))
		}
	case StatusWarn:
		switch {
		case t.has("got no answer: "):
			return t.colon(t.s("署名なしのリクエストに応答がありません", "未签名请求没有收到响应"), t.after("got no answer: "))
		case t.f.Cause == cos403.CauseRefererDenied || t.has("referer rule"):
			return t.s("権限の判定より前に、リンク不正アクセス防止設定が署名なしのリクエストを拒否しました（手順 2 が先）。",
				"在判断权限之前，防盗链设置已拒绝了该未签名请求（先看步骤 2）。") + detail
		case t.has("does not say whether the object is public: "):
			return t.colon(t.s("署名なしのリクエストへの応答からは、オブジェクトがパブリック読み取りかどうか判断できません", "未签名请求的响应无法说明对象是否为公有读"),
				answerText(t.after("does not say whether the object is public: ")))
		}
	case StatusPass:
		switch {
		case t.v("storage_class") != "" || t.has("archived"):
			sc := t.v("storage_class")
			return t.s("COS は署名なしのリクエストの権限チェックを通しました（パブリック読み取り）が、オブジェクトがアーカイブされているため拒否しました"+t.paren(sc)+"。",
				"COS 让未签名请求通过了权限检查（公有读），但因对象已归档而拒绝"+t.paren(sc)+"。")
		case t.has("NoSuchKey"):
			return t.s("COS は署名なしのリクエストの権限チェックを通しました（パブリック読み取り）が、オブジェクトが存在しません（404 NoSuchKey）。",
				"COS 让未签名请求通过了权限检查（公有读），但对象不存在（404 NoSuchKey）。")
		default:
			return t.s("COS は署名なしでオブジェクトを返しました。オブジェクトは（ACL またはバケットポリシーにより）パブリック読み取りです。",
				"COS 无需签名即返回了对象：该对象为公有读（由 ACL 或存储桶策略授予）。") + t.removedSig()
		}
	case StatusFail:
		s := t.s("COS は署名なしのリクエストを \"Access Denied.\" で拒否しました。オブジェクトはパブリック読み取りではありません。リクエストに署名するか、ACL またはバケットポリシーで匿名の読み取りを許可してください（手順 3）。",
			"COS 以 \"Access Denied.\" 拒绝了未签名请求：对象不是公有读。请对请求签名，或在 ACL 或存储桶策略中授予匿名读取权限（步骤 3）。")
		if t.v("local_evaluation") == "allowed" {
			s += t.s("ただし読み取ったバケットポリシーと ACL では許可されます。条件（IP、VPC）か、その後の変更が原因かもしれません。",
				"但读取到的存储桶策略和 ACL 允许该请求：可能是条件（IP、VPC）或之后的修改所致。")
		}
		return s + detail + t.removedSig()
	}
	return ""
}

// removedSig notes that the probe dropped the request's signature.
func (t findingText) removedSig() string {
	if t.v("signature_removed") != "true" {
		return ""
	}
	return t.s("署名はこのプローブでのみ外しました。COS は署名付きリクエストを匿名として扱わず、期限切れや誤った署名はパブリック読み取りのオブジェクトでも拒否されます。",
		"仅在此探测中去掉了签名：COS 从不把签名请求当作匿名请求，过期或错误的签名即使访问公有读对象也会被拒绝。")
}

func (t findingText) credentialsNA() string {
	if t.f.Status != StatusNotApplicable {
		return ""
	}
	qak := t.after("to compare q-ak ")
	qak = strings.TrimSuffix(qak, " with")
	return t.s("q-ak "+qak+" と比較する Target.Credentials がありません。", "没有可与 q-ak "+qak+" 比较的 Target.Credentials。")
}

// credentialPhrases translates the fixed summaries of CheckCredentials.
var credentialPhrases = map[string][2]string{
	"SecretId is empty":  {"SecretId が空です。", "SecretId 为空。"},
	"SecretKey is empty": {"SecretKey が空です。", "SecretKey 为空。"},
	"SecretId contains whitespace or control characters": {
		"SecretId に空白文字または制御文字が含まれています。", "SecretId 中含有空白字符或控制字符。"},
	"SecretKey contains whitespace or control characters": {
		"SecretKey に空白文字または制御文字が含まれています。", "SecretKey 中含有空白字符或控制字符。"},
	"SecretId and SecretKey look swapped: the SecretKey starts with AKID, the SecretId does not": {
		"SecretId と SecretKey が入れ替わっているようです。SecretKey が AKID で始まり、SecretId は始まっていません。",
		"SecretId 与 SecretKey 似乎填反了：SecretKey 以 AKID 开头，而 SecretId 不是。"},
	"SecretKey starts with AKID like a SecretId: the SecretId and SecretKey look swapped": {
		"SecretKey が SecretId のように AKID で始まっています。SecretId と SecretKey が入れ替わっているようです。",
		"SecretKey 像 SecretId 一样以 AKID 开头：SecretId 与 SecretKey 似乎填反了。"},
	"SecretId does not start with AKID, as Tencent Cloud SecretIds do; check it was copied from API key management (seed, InvalidAccessKeyId step 2)": {
		"SecretId が Tencent Cloud の SecretId のように AKID で始まっていません。API キー管理からコピーしたものか確認してください。",
		"SecretId 不像腾讯云的 SecretId 那样以 AKID 开头；请确认它是从 API 密钥管理中复制的。"},
	"SecretId contains characters SecretIds do not use (only letters, digits, '_' and '-')": {
		"SecretId に SecretId で使われない文字が含まれています（使えるのは英字、数字、'_'、'-' のみ）。",
		"SecretId 中含有 SecretId 不会使用的字符（只有字母、数字、'_' 和 '-'）。"},
	"SecretId is well-formed; whether it exists and is enabled only CAM can tell (seed, InvalidAccessKeyId step 2)": {
		"SecretId の形式は正しいです。存在して有効かどうかは CAM（API キー管理）でのみ確認できます。",
		"SecretId 格式正确；它是否存在且已启用，只能在 CAM（API 密钥管理）中确认。"},
	"SecretKey is set and has no stray whitespace; only a signature comparison can tell whether it is the right one": {
		"SecretKey は設定されており、余分な空白もありません。正しいキーかどうかは署名の比較でのみ判断できます。",
		"SecretKey 已设置且没有多余空白；是否为正确的密钥只能通过签名比对判断。"},
	"SecretId looks like a temporary key (longer than 36 characters) but no session token is set; a temporary key must send x-cos-security-token (D-SIGN, D-REQ)": {
		"SecretId は一時キーのようです（36 文字より長い）が、セッショントークンが設定されていません。一時キーでは x-cos-security-token を送る必要があります。",
		"SecretId 看起来是临时密钥（长于 36 个字符），但未设置会话令牌；使用临时密钥必须发送 x-cos-security-token。"},
	"no session token: a permanent key needs none": {
		"セッショントークンはありません。永続キーには不要です。", "没有会话令牌：永久密钥不需要。"},
	"a session token is set with what looks like a permanent SecretId; the token belongs to the temporary SecretId and SecretKey of the same STS response": {
		"永続キーらしい SecretId にセッショントークンが設定されています。トークンは同じ STS 応答の一時 SecretId・SecretKey と組で使います。",
		"为看起来是永久密钥的 SecretId 设置了会话令牌；令牌应与同一 STS 响应中的临时 SecretId 和 SecretKey 配套使用。"},
	"temporary key with a session token; an expired one gives ExpiredToken or InvalidAccessKeyId (catalog 1.4)": {
		"セッショントークン付きの一時キーです。期限切れの場合は ExpiredToken または InvalidAccessKeyId になります。",
		"带会话令牌的临时密钥；过期后会返回 ExpiredToken 或 InvalidAccessKeyId。"},
	"no Authorization given to compare q-ak with": {
		"q-ak と比較する Authorization がありません。", "没有可与 q-ak 比较的 Authorization。"},
	"q-ak is the SecretId": {"q-ak は SecretId と一致します。", "q-ak 与 SecretId 一致。"},
	"q-ak and the SecretId differ only in surrounding whitespace": {
		"q-ak と SecretId の違いは前後の空白だけです。", "q-ak 与 SecretId 仅在首尾空白上不同。"},
	"no readable Authorization to check the token against": {
		"トークンを照合できる読み取り可能な Authorization がありません。", "没有可读取的 Authorization 用于核对令牌。"},
	"the signature covers x-cos-security-token but no session token was given: the request was signed with a temporary key": {
		"署名は x-cos-security-token を含みますが、セッショントークンが指定されていません。リクエストは一時キーで署名されています。",
		"签名覆盖了 x-cos-security-token，但未提供会话令牌：该请求是用临时密钥签名的。"},
	"no session token":               {"セッショントークンはありません。", "没有会话令牌。"},
	"x-cos-security-token is signed": {"x-cos-security-token は署名に含まれています。", "x-cos-security-token 已包含在签名中。"},
	"q-ak is a different SecretId from the one given: the request was signed with another key; check it belongs to the account that owns the bucket (seed, Access Denied step 9)": {
		"q-ak は指定された SecretId と異なります。リクエストは別のキーで署名されています。バケットを所有するアカウントのキーか確認してください。",
		"q-ak 与提供的 SecretId 不同：请求是用另一个密钥签名的；请确认它属于拥有该存储桶的账号。"},
	"the session token is not in q-header-list or q-url-param-list; cos-go-sdk-v5 signs it (as a header, or as a parameter of a presigned URL), and a strict-signature rule refuses unsigned x-cos-* headers and parameters (D-STRICT)": {
		"セッショントークンが q-header-list にも q-url-param-list にも含まれていません。cos-go-sdk-v5 はこれを署名に含めます。厳格な署名ルールは署名されていない x-cos-* ヘッダーとパラメータを拒否します。",
		"会话令牌不在 q-header-list 或 q-url-param-list 中；cos-go-sdk-v5 会对其签名，严格签名规则会拒绝未签名的 x-cos-* 请求头和参数。"},
}

func (t findingText) credentials() string {
	if p, ok := credentialPhrases[t.f.Summary]; ok {
		s := t.s(p[0], p[1])
		if id := t.v("q_ak"); id != "" && t.f.Check == "credentials.q_ak" && t.f.Status == StatusFail {
			s += t.s("（q-ak："+id+"、SecretId："+t.v("secret_id")+"）", "（q-ak："+id+"，SecretId："+t.v("secret_id")+"）")
		}
		return s
	}
	who := "SecretId"
	switch t.f.Check {
	case "credentials.secret_key":
		who = "SecretKey"
	case "credentials.security_token":
		who = t.s("セッショントークン", "会话令牌")
	}
	switch {
	case t.has(" has ") && (strings.HasPrefix(t.f.Summary, "SecretId has") || strings.HasPrefix(t.f.Summary, "SecretKey has") || strings.HasPrefix(t.f.Summary, "session token has")):
		return t.s(who+" の前後または内部に余分な空白文字があります。COS はこれを一致しないものとして扱います。",
			who+" 首尾或中间有多余的空白字符，COS 会因此判定不匹配。")
	case strings.HasPrefix(t.f.Summary, "SecretId starts with "):
		pre := t.after("SecretId starts with ")
		if i := strings.Index(pre, " instead of AKID"); i >= 0 {
			pre = pre[:i]
		}
		return t.s("SecretId が AKID ではなく "+pre+" で始まっています。SecretId は大文字と小文字を区別します。",
			"SecretId 以 "+pre+" 而不是 AKID 开头；SecretId 区分大小写。")
	case strings.HasPrefix(t.f.Summary, "SecretId is ") && t.v("length") != "":
		return t.s("SecretId は "+t.v("length")+" 文字で、永続 SecretId の 36 文字より短いため、途中で切れている可能性があります。",
			"SecretId 只有 "+t.v("length")+" 个字符，比永久 SecretId 的 36 个字符短，可能被截断了。")
	case strings.HasPrefix(t.f.Summary, "q-ak differs from the SecretId only in letter case"):
		return t.s("q-ak と SecretId は大文字・小文字だけが異なります（最初の相違は "+t.v("first_difference")+" 文字目）。SecretId は大文字と小文字を区別します。",
			"q-ak 与 SecretId 仅大小写不同（第 "+t.v("first_difference")+" 个字符起不同）；SecretId 区分大小写。")
	case strings.HasPrefix(t.f.Summary, "the Authorization cannot be read: "):
		return t.colon(t.s("Authorization を読み取れません", "无法读取 Authorization"), t.after("the Authorization cannot be read: "))
	}
	return ""
}

// clockDir says whether the local clock is ahead of or behind the server's,
// from the offset to apply (server minus local).
func (t findingText) clockDir(offset string) string {
	if strings.HasPrefix(offset, "-") {
		return t.s("進んでいます", "快")
	}
	return t.s("遅れています", "慢")
}

// skewPhrase is "ローカル時刻がサーバー時刻より 20.0 分進んでいます".
func (t findingText) skewPhrase(minutes, offset string) string {
	if t.zh {
		return "本地时间比服务器时间" + t.clockDir(offset) + " " + minutes + " 分钟"
	}
	return "ローカル時刻がサーバー時刻より " + minutes + " 分" + t.clockDir(offset)
}

// sourceName localises where the server time came from.
func (t findingText) timeSource() string {
	switch t.v("server_time_source") {
	case "Date header":
		return t.s("Date ヘッダー", "Date 响应头")
	case "ServerTime element":
		return t.s("ServerTime 要素", "ServerTime 元素")
	}
	return t.v("server_time_source")
}

func (t findingText) clockSkew() string {
	mins, off, src := t.v("skew_minutes"), t.v("offset_to_apply"), t.timeSource()
	switch {
	case t.f.Status == StatusNotApplicable:
		switch {
		case t.has("no endpoint"):
			return t.colon(t.s("サーバー時刻を読むエンドポイントがありません", "没有可读取服务器时间的端点"), t.after("server time from: "))
		case t.has("cannot build the request: "):
			return t.colon(t.s("リクエストを作成できません", "无法构造请求"), t.after("cannot build the request: "))
		}
		return ""
	case t.f.Status == StatusWarn && mins == "":
		if t.has("could not read the server time: ") {
			return t.colon(t.s("サーバー時刻を読み取れませんでした", "无法读取服务器时间"), t.after("could not read the server time: "))
		}
		return t.s("応答に読み取れる Date ヘッダーも ServerTime もないため、時刻を比較できません。", "响应中没有可读取的 Date 响应头或 ServerTime，无法比较时间。")
	case mins == "":
		return ""
	}
	s := t.skewPhrase(mins, off) + t.paren(src)
	switch t.f.Status {
	case StatusPass:
		if mins == "0.0" {
			return t.s("ローカル時刻はサーバー時刻と秒単位で一致しています（ずれ "+mins+" 分、"+src+"）。",
				"本地时间与服务器时间精确到秒一致（偏差 "+mins+" 分钟，"+src+"）。")
		}
		return s + t.s("。COS が許容する範囲内です。", "，在 COS 允许的范围内。")
	case StatusFail:
		return s + t.s("。COS が許容する 15 分を超えています。NTP で時刻を同期するか、オフセット "+off+" を加えて署名してください。",
			"，超过了 COS 允许的 15 分钟；请通过 NTP 同步时间，或在签名时加上偏移 "+off+"。")
	}
	// Warnings: within tolerance, or tempered by the signed probe.
	switch {
	case t.f.Cause == cos403.CauseRequestExpired:
		return s + t.s("。この時刻で署名したリクエストに COS は \"Request has expired\" を返します（signed_request を参照）。署名の有効期間がサーバー時刻より前に終わるためです。",
			"。用此时间签名的请求会被 COS 以 \"Request has expired\" 拒绝（见 signed_request），因为签名有效期在服务器时间之前就已结束。")
	case t.has("yet COS accepted"):
		return s + t.s("。ただし署名の有効期間がサーバー時刻をまだ含むため、COS はこの時刻で署名したリクエストを受け入れました。署名付き URL など有効期間の短い署名は期限切れになるため、時刻は同期してください。",
			"。但签名有效期仍覆盖服务器时间，因此 COS 接受了用此时间签名的请求；有效期较短的签名（如预签名 URL）会过期，仍请同步时间。")
	case t.has("for another reason first ("):
		c := t.after("for another reason first (")
		if i := strings.IndexAny(c, ",)"); i >= 0 {
			c = c[:i]
		}
		return s + t.s("。COS は今署名したリクエストを先に別の理由（"+c+"、signed_request を参照）で拒否します。まずそれを直し、次に時刻を直してください。",
			"。COS 会先因其他原因（"+c+"，见 signed_request）拒绝现在签名的请求：请先修复该问题，再校正时间。")
	}
	return s + t.s("。COS が許容する 15 分以内ですが、有効期間の短い署名はすでに失敗する可能性があります。NTP で時刻を同期してください。",
		"，在 COS 允许的 15 分钟以内，但有效期较短的签名可能已经失败；请通过 NTP 同步时间。")
}

// durMinutes turns a duration string into absolute minutes, "" when it
// cannot be read.
func durMinutes(s string) string {
	d, err := time.ParseDuration(s)
	if err != nil {
		return ""
	}
	return minutesText(d)
}

func (t findingText) signatureTime() string {
	switch {
	case t.f.Status == StatusNotApplicable:
		return t.s("確認する署名時刻がありません。", "没有可检查的签名时间。")
	case t.has("Target.Authorization cannot be read"):
		return t.colon(t.s("Target.Authorization を読み取れないため、署名時刻は確認していません", "无法读取 Target.Authorization，因此未检查签名时间"),
			t.after("its times are not checked: "))
	case t.v("expired_by") != "":
		return t.s("署名は "+t.v("expired_by")+" 前に有効期限が切れています（q-sign-time："+t.v("q_sign_time")+"）。COS は AccessDenied \"Request has expired\" を返します。新しい KeyTime で署名し直してください。",
			"签名已在 "+t.v("expired_by")+" 前过期（q-sign-time："+t.v("q_sign_time")+"）；COS 会返回 AccessDenied \"Request has expired\"：请使用新的 KeyTime 重新签名。")
	case t.v("starts_in") != "":
		in := t.v("starts_in")
		if t.f.Status == StatusFail {
			return t.s("署名の開始時刻が "+in+" 先の未来で、15 分の許容範囲を超えています。COS は RequestTimeTooSkewed を返す可能性が高いため、署名した側の時刻を確認してください。",
				"签名开始时间在 "+in+" 之后，超出 15 分钟的容差；COS 很可能返回 RequestTimeTooSkewed：请检查签名一方的时钟。")
		}
		return t.s("署名の開始時刻が "+in+" 先の未来です。COS の扱いは文書化されておらず、SDK は開始時刻を少し前にずらしてこれを避けています。",
			"签名开始时间在 "+in+" 之后；COS 对未来开始时间的处理没有文档说明，SDK 会将开始时间提前以避免此问题。")
	case t.f.Cause == cos403.CauseRequestTimeTooSkewed && t.v("skew") != "":
		return t.skewPhrase(durMinutes(t.v("skew")), t.v("skew")) + t.s("。COS が許容する 15 分を超えています。NTP で時刻を同期してください。",
			"，超过了 COS 允许的 15 分钟；请通过 NTP 同步时间。")
	case t.f.Cause == cos403.CauseSignatureMismatch:
		if t.f.Status == StatusFail {
			return t.s("q-sign-time "+t.v("q_sign_time")+" が q-key-time "+t.v("q_key_time")+" の範囲外です。署名鍵は署名の有効期間全体では有効ではありません。",
				"q-sign-time "+t.v("q_sign_time")+" 超出了 q-key-time "+t.v("q_key_time")+" 的范围：签名密钥并非在整个签名有效期内都有效。")
		}
		return t.s("q-sign-time "+t.v("q_sign_time")+" が q-key-time "+t.v("q_key_time")+" と異なります。ドキュメントは両方に同じ KeyTime を使い、どちらを StringToSign に使うかは SDK によって異なります。",
			"q-sign-time "+t.v("q_sign_time")+" 与 q-key-time "+t.v("q_key_time")+" 不同；文档中两者使用同一个 KeyTime，而 SDK 在 StringToSign 中使用哪一个并不一致。")
	case t.f.Status == StatusPass && t.v("remaining") != "":
		return t.s("署名は有効です（q-sign-time："+t.v("q_sign_time")+"、残り "+t.v("remaining")+"）。",
			"签名有效（q-sign-time："+t.v("q_sign_time")+"，剩余 "+t.v("remaining")+"）。")
	}
	return ""
}

func (t findingText) signedRequest() string {
	ans := answerText(t.v("answer"))
	qak := t.v("q_ak")
	switch t.f.Status {
	case StatusNotApplicable:
		switch {
		case t.has("the request is unsigned"):
			return t.s("リクエストは署名なしのため、キー、時刻、署名の確認はありません（手順 4）。", "请求未签名：没有需要检查的密钥、时间或签名（步骤 4）。")
		case t.has("needs a SecretID and SecretKey"):
			return t.s("署名付きプローブは送っていません。署名するには Target.Credentials に SecretID と SecretKey が必要です（署名はローカルで行い、キーは送信しません）。",
				"未发送签名探测：Target.Credentials 需要 SecretID 和 SecretKey 才能签名（在本地签名，密钥不会被发送）。")
		case t.has("the credentials cannot sign: "):
			return t.colon(t.s("署名付きプローブは送っていません。この認証情報では署名できません", "未发送签名探测：该凭证无法签名"), t.after("the credentials cannot sign: "))
		}
		return t.colon(t.s("署名付きプローブは送っていません", "未发送签名探测"), t.after("no signed probe: "))
	case StatusPass:
		if t.has("refused the request later") {
			return t.s("COS は SecretId、時刻、署名を受け入れ、その後の段階でリクエストを拒否しました："+ans+"。",
				"COS 接受了 SecretId、时间和签名，之后在后续环节拒绝了请求："+ans+"。")
		}
		return t.s("COS は今この認証情報（q-ak："+qak+"）で署名したリクエストを受け入れました。SecretId、時刻、署名はいずれも正しいです。",
			"COS 接受了现在用该凭证（q-ak："+qak+"）签名的请求：SecretId、时间和签名均正确。")
	case StatusWarn:
		switch {
		case t.f.Cause == cos403.CauseNotFromCOS:
			return t.s("署名付きプローブに COS の前段のものが応答しました："+ans+"。", "签名探测被 COS 前面的组件响应："+ans+"。")
		case t.has("got no answer: "):
			return t.colon(t.s("署名付きプローブに応答がありません", "签名探测没有收到响应"), t.after("got no answer: "))
		}
		return t.s("署名付きプローブへの応答は手順 4 の範囲外です："+ans+"。", "签名探测收到的响应不属于步骤 4："+ans+"。")
	case StatusFail:
	default:
		return ""
	}
	switch t.f.Cause {
	case cos403.CauseInvalidAccessKeyID:
		return t.s("COS は SecretId "+qak+" を受け付けません。存在しないか、無効化されているか、有効なトークンなしで使われた一時キーです（手順 4.1）。COS の応答："+ans+"。",
			"COS 不接受 SecretId "+qak+"：它不存在、已被禁用，或是未携带有效令牌的临时密钥（步骤 4.1）。COS 响应："+ans+"。")
	case cos403.CauseTempCredentialExpired:
		return t.s("一時キーの有効期限が切れています（400 ExpiredToken）。STS から新しい一時キーを取得してください。",
			"临时密钥已过期（400 ExpiredToken）：请从 STS 重新获取临时密钥。")
	case cos403.CauseRequestTimeTooSkewed, cos403.CauseRequestExpired:
		s := t.s("COS は今署名したリクエストを拒否しました："+ans+"。ローカル時刻がずれています（手順 4.2）", "COS 拒绝了现在签名的请求："+ans+"；本地时间不准（步骤 4.2）")
		if mins := t.v("skew_minutes"); mins != "" {
			s += t.s("。"+t.skewPhrase(mins, t.v("skew")), "："+t.skewPhrase(mins, t.v("skew")))
		}
		return s + "。"
	case cos403.CauseStrictSignature:
		return t.s("バケットの厳格な署名ルールが、プローブが署名していないヘッダーまたはパラメータの署名を求めています："+ans+"。",
			"存储桶的严格签名规则要求对探测请求未签名的请求头或参数签名："+ans+"。")
	case cos403.CauseSignatureMismatch:
		s := t.s("COS は今この認証情報で署名したリクエストについて別の署名を計算しました（手順 4.3）", "对于现在用该凭证签名的请求，COS 计算出了不同的签名（步骤 4.3）")
		return s + t.stageDetail() + "。"
	}
	return t.s("COS は署名付きプローブを拒否しました："+ans+"。", "COS 拒绝了签名探测："+ans+"。")
}

// stageDetail names where COS's and the client's signing strings part.
func (t findingText) stageDetail() string {
	st := t.v("stage")
	if st == "" {
		return ""
	}
	s := t.s("相違する段階："+st, "不一致的环节："+st)
	if st == "secret_key" {
		s = t.s("FormatString と StringToSign は一致しており、SecretKey が異なります（段階 "+st+"）", "FormatString 与 StringToSign 一致，SecretKey 不同（环节 "+st+"）")
	}
	if el := t.v("element"); el != "" {
		s += t.s("、要素："+el, "，元素："+el)
	}
	return t.s("。", "：") + s
}

func (t findingText) signature() string {
	switch t.f.Status {
	case StatusNotApplicable:
		if t.has("carries no signature") {
			return t.s("リクエストに署名がないため、COS は匿名リクエストとして扱います（手順 3）。", "请求不带签名，COS 会将其视为匿名请求（步骤 3）。")
		}
		return t.s("確認するリクエストがありません。", "没有可检查的请求。")
	case StatusPass:
		return t.s("署名は、この SecretKey でリクエストから再計算した署名と一致します。", "签名与用该 SecretKey 根据请求重新计算的签名一致。")
	}
	switch {
	case t.has("the signature cannot be read: "):
		return t.colon(t.s("署名を読み取れません", "无法读取签名"), t.after("the signature cannot be read: "))
	case t.has("cannot compare with COS"):
		return t.s("COS の文字列と比較できません", "无法与 COS 的字符串比较") + t.stageDetail() + "。"
	case t.has("COS signed something different at "):
		return t.s("COS は別の内容に署名しました", "COS 签名的内容与请求不同") + t.stageDetail() + "。"
	case t.has("COS holds a different SecretKey"):
		return t.s("リクエストの署名はこの SecretKey による再計算と一致し、COS の文字列も一致するため、COS は q-ak に別の SecretKey を保持しています。",
			"请求的签名与用该 SecretKey 重新计算的结果一致，COS 的字符串也一致，因此 COS 为该 q-ak 保存的是另一个 SecretKey。")
	case t.has("signed with another SecretKey"):
		return t.s("COS の文字列はリクエストと一致しますが、リクエストの署名はこの SecretKey と一致しません。リクエストは別の SecretKey で署名されています。",
			"COS 的字符串与请求一致，但请求的签名与该 SecretKey 不符：请求是用另一个 SecretKey 签名的。")
	case t.f.Status == StatusFail:
		return t.s("署名はこの SecretKey による再計算と一致しません。SecretKey が署名したものと異なるか、署名後に署名対象のヘッダー、パラメータ、パスが変更されました。COS の <FormatString> と <StringToSign> を渡すとどこが違うか分かります。",
			"签名与用该 SecretKey 重新计算的结果不一致：要么 SecretKey 不是签名时所用的，要么签名后被签名的请求头、参数或路径被修改；提供 COS 返回的 <FormatString> 和 <StringToSign> 可找出差异所在。")
	}
	return ""
}

func (t findingText) permission() string {
	detail := t.policyDetail()
	switch t.f.Status {
	case StatusNotApplicable:
		if t.has("the request is unsigned") {
			return t.s("リクエストは署名なしです。権限は匿名ユーザーのものとして手順 3 で確認しています。", "请求未签名：其权限即匿名用户的权限，已在步骤 3 中检查。")
		}
		return t.s("判断できません。判定できた署名付き GET プローブがなく、ポリシーも評価していません。", "无法判断：没有签名 GET 探测得出结论，也未评估策略。")
	case StatusPass:
		if t.has("from the policies") {
			return t.s("（判定できたプローブがないため）ポリシーから判断すると、リクエストは許可されます。", "（没有探测得出结论）根据策略判断，请求会被允许。") + detail
		}
		return t.s("COS は署名付きリクエストの権限チェックを通しました。", "COS 让签名请求通过了权限检查。") + detail
	case StatusWarn:
		if t.has("from the policies") {
			return t.s("（判定できたプローブがないため）ポリシーから判断すると、結果は確定できません。", "（没有探测得出结论）根据策略判断，结果无法确定。") + detail
		}
	case StatusFail:
		if t.has("from the policies") {
			return t.s("（判定できたプローブがないため）ポリシーから判断すると、リクエストは拒否されます。", "（没有探测得出结论）根据策略判断，请求会被拒绝。") + detail
		}
		act := displayAction(t.v("action"))
		if act == "" {
			act = t.after("has no grant for ")
			if i := strings.Index(act, " ("); i >= 0 {
				act = act[:i]
			}
		}
		if act == "" {
			act = t.s("この操作", "该操作")
		}
		s := t.s("COS は署名付きリクエストを \"Access Denied.\" で拒否しました。アカウント、サブアカウントまたは一時キーに "+act+" の権限がありません（手順 5）。",
			"COS 以 \"Access Denied.\" 拒绝了签名请求：主账号、子账号或临时密钥没有 "+act+" 的权限（步骤 5）。")
		if t.v("local_evaluation") == "allowed" {
			s += t.s("ここで評価したポリシーでは許可されるため、ここに渡していないポリシー（CAM ユーザーポリシー、一時キーのポリシー）か条件が拒否しています。",
				"此处评估的策略允许该请求，因此是未提供的策略（CAM 用户策略、临时密钥策略）或某个条件拒绝了它。")
		}
		return s + detail
	}
	return ""
}

// classText names a storage class with the console's term, keeping the
// identifier.
func (t findingText) classText(class string) string {
	switch class {
	case StorageClassArchive:
		return t.s("アーカイブタイプ（ARCHIVE）", "归档存储（ARCHIVE）")
	case StorageClassDeepArchive:
		return t.s("ディープアーカイブタイプ（DEEP_ARCHIVE）", "深度归档存储（DEEP_ARCHIVE）")
	}
	return class
}

// restoreAdvice is the recommended PostRestore call, identifiers only.
func (t findingText) restoreAdvice() string {
	r := t.v("recommended_restore")
	if i := strings.Index(r, " ("); i >= 0 {
		r = r[:i]
	}
	if r == "" {
		return ""
	}
	return t.s("推奨："+r+"。", "建议："+r+"。")
}

func (t findingText) archive() string {
	class := t.v("storage_class")
	switch t.f.Status {
	case StatusNotApplicable:
		switch {
		case t.has("no object key"):
			return t.s("オブジェクトキーがありません。ストレージクラスを持つのはオブジェクトだけです（手順 6）。", "没有对象键：只有对象才有存储类型（步骤 6）。")
		case t.has("only GET is refused"):
			m := t.after("(D-GETOBJ); ")
			m = strings.TrimSuffix(m, " is not")
			return t.s("復元されていない ARCHIVE・DEEP_ARCHIVE オブジェクトで拒否されるのは GET だけで、"+m+" は拒否されません。",
				"未恢复的 ARCHIVE / DEEP_ARCHIVE 对象只会拒绝 GET，"+m+" 不会被拒绝。")
		case t.has("no cos.Client to send HEAD Object with"):
			return t.s("HEAD Object を送る cos.Client がなく、オブジェクトに届いたプローブもありません。Target.COS を設定してください。",
				"没有用于发送 HEAD Object 的 cos.Client，也没有探测请求到达该对象；请设置 Target.COS。")
		}
		return ""
	case StatusWarn:
		switch {
		case t.has("HEAD Object got no answer: "):
			return t.colon(t.s("HEAD Object に応答がありません", "HEAD Object 没有收到响应"), t.after("HEAD Object got no answer: "))
		case t.has("HEAD Object failed"):
			return t.s("HEAD Object が失敗したため、ストレージクラスは不明です（HEAD の応答には本文がなく、403 の理由は分かりません。認証情報に HeadObject の権限がない可能性があります）。",
				"HEAD Object 失败，存储类型未知（HEAD 响应没有正文，403 不会说明原因；凭证可能没有 HeadObject 权限）。")
		}
		return ""
	case StatusPass:
		if t.v("restore") == string(RestoreRestored) {
			s := t.s(t.classText(class)+"のオブジェクトには復元済みのコピーがあります", t.classText(class)+"对象已有恢复的副本")
			if e := t.v("expiry_date"); e != "" {
				s += t.s("（"+e+" まで）", "（有效至 "+e+"）")
			}
			return s + "。"
		}
		if class != "" {
			return t.s("ストレージクラス "+class+" は復元不要です。", "存储类型 "+class+" 无需恢复。")
		}
		return ""
	case StatusFail:
	default:
		return ""
	}
	if class == "" {
		return t.s("COS はストレージクラスを示さずに InvalidObjectState を返しました。オブジェクトは復元済みコピーのない ARCHIVE または DEEP_ARCHIVE です。先に POST Object restore で復元してください。",
			"COS 返回 InvalidObjectState 但未说明存储类型：该对象是没有恢复副本的 ARCHIVE 或 DEEP_ARCHIVE；请先用 POST Object restore 恢复。")
	}
	c := t.classText(class)
	switch RestoreState(t.v("restore")) {
	case RestoreRestored:
		return t.s(c+"のオブジェクトの復元済みコピーは "+t.v("expiry_date")+" に期限切れになりました。POST Object restore で再度復元してください。",
			c+"对象的恢复副本已于 "+t.v("expiry_date")+" 过期；请用 POST Object restore 再次恢复。") + t.restoreAdvice()
	case RestoreOngoing:
		s := t.s(c+"のオブジェクトは復元中です", c+"对象正在恢复中")
		if tier := t.v("tier"); tier != "" {
			extra := ""
			if rd := t.v("request_date"); rd != "" {
				extra = t.s("、"+rd+" にリクエスト", "，请求时间 "+rd)
			}
			s += t.s("（階層 "+tier+extra+"）", "（恢复模式 "+tier+extra+"）")
		}
		s += t.s("。完了するまで GET は InvalidObjectState で失敗します。", "；恢复完成前，GET 会以 InvalidObjectState 失败。")
		if class == StorageClassDeepArchive {
			s += t.s("新しい DEEP_ARCHIVE の復元は、階層がより速い場合にだけこの復元を置き換えます。", "新的 DEEP_ARCHIVE 恢复请求只有在模式更快时才会替代当前请求。")
		}
		return s
	}
	return t.s(c+"のオブジェクトには復元済みのコピーがないため、GET は 403 InvalidObjectState で失敗します。先に POST Object restore で復元してください。",
		c+"对象没有恢复的副本，因此 GET 会以 403 InvalidObjectState 失败；请先用 POST Object restore 恢复。") + t.restoreAdvice()
}

func (t findingText) policy() string {
	detail := t.policyDetail()
	switch t.f.Status {
	case StatusNotApplicable:
		switch {
		case t.has("no resource to evaluate"):
			return t.s("評価するリソースがありません。PolicyRequest.Resource を設定してください（ResourceName を参照）。", "没有可评估的资源：请设置 PolicyRequest.Resource（参见 ResourceName）。")
		case t.has("no access decision"), t.has("no policy decision"):
			return t.s("ポリシーの判定はありません。", "没有策略判定。")
		}
		return ""
	case StatusWarn:
		switch {
		case t.has("the policies cannot be evaluated: "):
			s := t.colon(t.s("ポリシーを評価できません", "无法评估策略"), t.after("the policies cannot be evaluated: "))
			if p := t.v("invalid_policy"); p != "" {
				s += t.paren(p)
			}
			return s
		case t.has("could not be read; without it"):
			return t.s("バケットポリシーまたは ACL の一部を読み取れませんでした。それを除いた評価：", "部分存储桶策略或 ACL 无法读取；不含它们的评估：") + t.decisionText(t.v("decision")) + "。" + detail
		case t.has("no CAM user policy of the sub-account was given"):
			return t.s("サブアカウントの CAM ユーザーポリシーが指定されていません。それを除いた評価：", "未提供子账号的 CAM 用户策略；不含它的评估：") + t.decisionText(t.v("decision")) + "。" + detail
		}
		return ""
	case StatusPass:
		return t.s("リクエストは許可されます。", "请求会被允许。") + detail
	case StatusFail:
		if t.f.Cause == cos403.CauseAnonymousDenied {
			return t.s("匿名リクエストは拒否されます。", "匿名请求会被拒绝。") + detail
		}
		return t.s("リクエストは拒否されます。", "请求会被拒绝。") + detail
	}
	return ""
}
