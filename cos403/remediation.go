package cos403

import (
	"fmt"
	"strings"
	"time"
)

// Lang selects the language of remediation text.
type Lang string

// Supported languages. Any other value falls back to English.
const (
	English  Lang = "en"
	Japanese Lang = "ja"
	Chinese  Lang = "zh"
)

// Langs returns the supported languages.
func Langs() []Lang { return []Lang{English, Japanese, Chinese} }

// ParseLang maps a locale such as "ja_JP.UTF-8", "zh-CN" or "en" to a Lang,
// falling back to English.
func ParseLang(locale string) Lang {
	l := strings.ToLower(strings.TrimSpace(locale))
	switch {
	case strings.HasPrefix(l, "ja"):
		return Japanese
	case strings.HasPrefix(l, "zh"):
		return Chinese
	}
	return English
}

func (l Lang) index() int {
	switch l {
	case Japanese:
		return 1
	case Chinese:
		return 2
	}
	return 0
}

// Remediation is what to do about a Cause, in one language.
type Remediation struct {
	Cause Cause `json:"cause"`
	Lang  Lang  `json:"lang"`
	// Title names the cause in a few words.
	Title string `json:"title"`
	// Summary explains the cause in one paragraph; on an *Error it ends with
	// the evidence the refusal carried (storage class, server time, ...).
	Summary string `json:"summary"`
	// Steps are the checks and fixes, in the order to try them.
	Steps []string `json:"steps"`
	// DocURL is the COS documentation page for the cause.
	DocURL string `json:"doc_url"`
}

// String renders the remediation as plain text: title, summary, numbered
// steps and the documentation link.
func (r Remediation) String() string {
	var b strings.Builder
	b.WriteString(r.Title)
	b.WriteString("\n")
	if r.Summary != "" {
		b.WriteString(r.Summary)
		b.WriteString("\n")
	}
	for i, s := range r.Steps {
		fmt.Fprintf(&b, "%d. %s\n", i+1, s)
	}
	if r.DocURL != "" {
		b.WriteString(r.DocURL)
		b.WriteString("\n")
	}
	return b.String()
}

// text is one language's wording of a catalog entry.
type text struct {
	title   string
	summary string
	steps   []string
}

// entry is a catalog row: the documentation link and the text in English,
// Japanese and Chinese (indexed by Lang.index).
type entry struct {
	doc  string
	text [3]text
}

// Remediation returns the catalog text for c in l. An undeclared cause gets
// the CauseUnknown text.
func (c Cause) Remediation(l Lang) Remediation {
	e, ok := catalog[c]
	if !ok {
		c = CauseUnknown
		e = catalog[CauseUnknown]
	}
	if l.index() == 0 {
		l = English
	}
	t := e.text[l.index()]
	steps := make([]string, len(t.steps))
	copy(steps, t.steps)
	return Remediation{Cause: c, Lang: l, Title: t.title, Summary: t.summary, Steps: steps, DocURL: e.doc}
}

// Remediation returns the catalog text for e.Cause with the evidence this
// refusal carried appended to the summary: the signature difference, the
// storage class, the server clock and skew, whether the request was signed
// or used a temporary key, and the request id to quote to support.
func (e *Error) Remediation(l Lang) Remediation {
	if e == nil {
		return CauseUnknown.Remediation(l)
	}
	r := e.Cause.Remediation(l)
	ev := e.Evidence(l)
	if len(ev) > 0 {
		r.Summary = strings.TrimSpace(r.Summary + " " + strings.Join(ev, " "))
	}
	return r
}

// Evidence returns the facts this refusal carried, one sentence each, in l.
func (e *Error) Evidence(l Lang) []string {
	if e == nil {
		return nil
	}
	p := &evidencePhrases[l.index()]
	var out []string
	if d := e.Signature; d != nil && d.Stage != "" {
		d := d.redacted()
		switch {
		case d.Element != "":
			out = append(out, fmt.Sprintf(p.sigElement, d.Stage, d.Element, d.Client, d.Server))
		case d.Client != "" || d.Server != "":
			out = append(out, fmt.Sprintf(p.sigStage, d.Stage, d.Client, d.Server))
		default:
			out = append(out, fmt.Sprintf(p.sigOnly, d.Stage))
		}
		if l.index() == 0 && d.Explanation != "" {
			out = append(out, d.Explanation)
		}
	}
	if e.StorageClass != "" {
		out = append(out, fmt.Sprintf(p.storageClass, e.StorageClass))
	}
	if !e.ServerTime.IsZero() {
		st := e.ServerTime.UTC().Format(time.RFC1123)
		if !e.LocalTime.IsZero() {
			skew := e.ServerTime.Sub(e.LocalTime).Round(time.Second)
			out = append(out, fmt.Sprintf(p.serverTimeSkew, st, skew))
		} else {
			out = append(out, fmt.Sprintf(p.serverTime, st))
		}
	}
	switch e.Cause {
	case CauseAnonymousDenied, CausePermissionDenied, CauseRefererDenied, CauseInvalidAccessKeyID:
		if e.Signed {
			out = append(out, p.signed)
		} else {
			out = append(out, p.unsigned)
		}
	}
	if e.TempCredential {
		out = append(out, p.tempKey)
	}
	if e.RequestID != "" {
		out = append(out, fmt.Sprintf(p.requestID, e.RequestID))
	}
	return out
}

type phrases struct {
	sigElement, sigStage, sigOnly        string
	storageClass                         string
	serverTime, serverTimeSkew           string
	signed, unsigned, tempKey, requestID string
}

// evidencePhrases is indexed by Lang.index: English, Japanese, Chinese.
var evidencePhrases = [3]phrases{
	{
		sigElement:     "Signature evidence: at the %s stage, %s differs: your client signed %q, COS computed %q.",
		sigStage:       "Signature evidence: the %s differs: your client signed %q, COS computed %q.",
		sigOnly:        "Signature evidence: the first difference is at the %s stage.",
		storageClass:   "The object's storage class is %s.",
		serverTime:     "The COS clock read %s when it refused the request.",
		serverTimeSkew: "The COS clock read %s; it was %s ahead of this machine's clock (a negative value means behind).",
		signed:         "The request was signed.",
		unsigned:       "The request was not signed (anonymous).",
		tempKey:        "The request used a temporary key (x-cos-security-token).",
		requestID:      "Request ID: %s (quote it to COS support or the self-diagnosis tool).",
	},
	{
		sigElement:     "署名の証拠：%s の段階で %s が異なります。クライアントの署名値は %q、COS の計算値は %q です。",
		sigStage:       "署名の証拠：%s が異なります。クライアントの署名値は %q、COS の計算値は %q です。",
		sigOnly:        "署名の証拠：最初の相違は %s の段階にあります。",
		storageClass:   "オブジェクトのストレージクラスは %s です。",
		serverTime:     "リクエストを拒否した時点の COS の時刻は %s でした。",
		serverTimeSkew: "COS の時刻は %s で、このマシンの時計より %s 進んでいました（負の値は遅れを意味します）。",
		signed:         "リクエストには署名がありました。",
		unsigned:       "リクエストには署名がありませんでした（匿名リクエスト）。",
		tempKey:        "リクエストは一時キー（x-cos-security-token）を使用していました。",
		requestID:      "リクエスト ID：%s（COS サポートまたはセルフ診断ツールに伝えてください）。",
	},
	{
		sigElement:     "签名证据：在 %s 阶段，%s 不一致：客户端签名的值为 %q，COS 计算的值为 %q。",
		sigStage:       "签名证据：%s 不一致：客户端签名的值为 %q，COS 计算的值为 %q。",
		sigOnly:        "签名证据：第一个差异出现在 %s 阶段。",
		storageClass:   "该对象的存储类型为 %s。",
		serverTime:     "COS 拒绝请求时的服务器时间为 %s。",
		serverTimeSkew: "COS 服务器时间为 %s，比本机时钟快 %s（负值表示慢）。",
		signed:         "该请求携带了签名。",
		unsigned:       "该请求未携带签名（匿名请求）。",
		tempKey:        "该请求使用了临时密钥（x-cos-security-token）。",
		requestID:      "请求 ID：%s（可提供给 COS 技术支持或自助诊断工具）。",
	},
}
