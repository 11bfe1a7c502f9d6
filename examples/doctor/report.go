package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"unicode"

	"github.com/cos403/cos403-go/checks"
	"github.com/cos403/cos403-go/cos403"
)

// labels are the report's fixed words in one language.
type labels struct {
	intro          string
	seedStep       string
	errorList      string
	sdkError       string
	httpReply      string
	classification string
	cause          string
	reply          string
	requestID      string
	evidence       string
	remediation    string
	docs           string
	findings       string
	noFindings     string
	confirms       string
	deciding       string
	resultOK       string
	resultBad      string
	problem        string
	realIntro      string
	getOK          string
	noCause        string
	realCause      string
}

var labelSets = map[cos403.Lang]labels{
	cos403.English: {
		intro:          "cos403 doctor: %d scenarios, each against its own embedded COS on 127.0.0.1, sent with cos-go-sdk-v5 %s.",
		seedStep:       "troubleshooting guide step %s",
		errorList:      "COS error code list",
		sdkError:       "SDK error",
		httpReply:      "HTTP reply (presigned URL, query redacted)",
		classification: "Classification",
		cause:          "cause",
		reply:          "reply",
		requestID:      "request id",
		evidence:       "Evidence",
		remediation:    "Remediation",
		docs:           "Documentation",
		findings:       "Checks",
		noFindings:     "(no check applies)",
		confirms:       "confirms",
		deciding:       "deciding",
		resultOK:       "classified as expected: %s",
		resultBad:      "NOT classified as expected: want %s, got %s",
		problem:        "problem",
		realIntro:      "cos403 doctor: diagnosing bucket %s in %s, object %q, as %s.",
		getOK:          "The SDK read the object's first byte without error.",
		noCause:        "no check confirmed a cause",
		realCause:      "cause %s, confirmed by the %s check",
	},
	cos403.Japanese: {
		intro:          "cos403 doctor：%d 件のシナリオを、それぞれ 127.0.0.1 上の専用の組み込み COS に対して cos-go-sdk-v5 %s で送信します。",
		seedStep:       "トラブルシューティングガイドの手順 %s",
		errorList:      "COS エラーコード一覧",
		sdkError:       "SDK のエラー",
		httpReply:      "HTTP 応答（署名付き URL、クエリは伏せ字）",
		classification: "分類",
		cause:          "原因",
		reply:          "応答",
		requestID:      "リクエスト ID",
		evidence:       "証拠",
		remediation:    "対処方法",
		docs:           "ドキュメント",
		findings:       "チェック結果",
		noFindings:     "（該当するチェックはありません）",
		confirms:       "原因を裏付け",
		deciding:       "決め手",
		resultOK:       "想定どおりに分類されました：%s",
		resultBad:      "想定どおりに分類されませんでした：想定 %s、結果 %s",
		problem:        "問題",
		realIntro:      "cos403 doctor：%s（%s）のバケット、オブジェクト %q を %s として診断します。",
		getOK:          "SDK はオブジェクトの先頭 1 バイトをエラーなく読み取りました。",
		noCause:        "原因を確認したチェックはありません",
		realCause:      "原因 %s（%s チェックで確認）",
	},
	cos403.Chinese: {
		intro:          "cos403 doctor：共 %d 个场景，每个场景都针对 127.0.0.1 上独立的内置 COS，使用 cos-go-sdk-v5 %s 发送请求。",
		seedStep:       "403 排查步骤 %s",
		errorList:      "COS 错误码列表",
		sdkError:       "SDK 错误",
		httpReply:      "HTTP 响应（预签名 URL，查询参数已脱敏）",
		classification: "分类",
		cause:          "原因",
		reply:          "响应",
		requestID:      "请求 ID",
		evidence:       "证据",
		remediation:    "处理方法",
		docs:           "文档",
		findings:       "检查结果",
		noFindings:     "（没有适用的检查）",
		confirms:       "佐证原因",
		deciding:       "决定性检查",
		resultOK:       "分类符合预期：%s",
		resultBad:      "分类不符合预期：预期 %s，实际 %s",
		problem:        "问题",
		realIntro:      "cos403 doctor：以 %[4]s 身份诊断存储桶 %[1]s（%[2]s）中的对象 %[3]q。",
		getOK:          "SDK 已成功读取对象的第一个字节。",
		noCause:        "没有检查确认任何原因",
		realCause:      "原因 %s（由 %s 检查确认）",
	},
}

func labelsFor(l cos403.Lang) labels {
	if s, ok := labelSets[l]; ok {
		return s
	}
	return labelSets[cos403.English]
}

// textWidth is where prose is wrapped.
const textWidth = 100

// printer writes the plain-text report: sections, indentation, no colour.
type printer struct {
	w    io.Writer
	lang cos403.Lang
	lab  labels
	err  error
}

func newPrinter(w io.Writer, l cos403.Lang) *printer {
	return &printer{w: w, lang: l, lab: labelsFor(l)}
}

func (p *printer) line(indent int, format string, args ...any) {
	if p.err != nil {
		return
	}
	s := format
	if len(args) > 0 {
		s = fmt.Sprintf(format, args...)
	}
	_, p.err = fmt.Fprintf(p.w, "%s%s\n", strings.Repeat("  ", indent), s)
}

// para prints prose wrapped at textWidth, first before the first line and
// rest before the others.
func (p *printer) para(indent int, first, rest, text string) {
	pad := 2 * indent
	lines := wrap(text, textWidth-pad-columns(first), textWidth-pad-columns(rest))
	for i, l := range lines {
		lead := first
		if i > 0 {
			lead = rest
		}
		p.line(indent, "%s%s", lead, l)
	}
}

// wrap splits text into lines, the first at most first terminal columns
// wide and the others at most rest. Lines break at spaces and, since
// Japanese and Chinese put none between words, between two characters when
// either is wide; never before closing punctuation nor after opening
// punctuation, so that "。" or "）" does not start a line. A run that
// cannot be broken and is longer than a line gets a line of its own.
func wrap(text string, first, rest int) []string {
	units := breakUnits(text)
	if len(units) == 0 {
		return []string{""}
	}
	width := max(first, 20)
	var out []string
	var cur strings.Builder
	used := 0
	for _, u := range units {
		add := columns(u.text)
		if u.space && used > 0 {
			add++
		}
		if used > 0 && used+add > width {
			out = append(out, cur.String())
			cur.Reset()
			used, add = 0, columns(u.text)
			width = max(rest, 20)
		}
		if u.space && used > 0 {
			cur.WriteByte(' ')
		}
		cur.WriteString(u.text)
		used += add
	}
	return append(out, cur.String())
}

// breakUnit is a piece of text no line break may split; space says that a
// space separates it from the previous one.
type breakUnit struct {
	text  string
	space bool
}

// breakUnits cuts text at every place wrap may break a line.
func breakUnits(text string) []breakUnit {
	var units []breakUnit
	for i, word := range strings.Fields(text) {
		start := len(units)
		var prev rune
		for j, r := range word {
			if j > 0 && (isWide(prev) || isWide(r)) && !noBreakBefore(r) && !noBreakAfter(prev) {
				units = append(units, breakUnit{})
			}
			if len(units) == start {
				units = append(units, breakUnit{space: i > 0})
			}
			units[len(units)-1].text += string(r)
			prev = r
		}
	}
	return units
}

// noBreakBefore lists what a line must not start with: closing
// punctuation, and the small kana and prolonged sound mark of Japanese line
// breaking rules (JIS X 4051).
func noBreakBefore(r rune) bool {
	return strings.ContainsRune("、。，．：；！？）」』】〕〉》ー…・,.:;!?)]}ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ", r)
}

// noBreakAfter lists the opening punctuation a line must not end with.
func noBreakAfter(r rune) bool {
	return strings.ContainsRune("（「『【〔〈《([{", r)
}

// isWide reports whether r takes two terminal columns: CJK ideographs,
// kana, Hangul and full-width forms.
func isWide(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) ||
		(r >= 0x3000 && r <= 0x303f) || (r >= 0xff00 && r <= 0xff60) || (r >= 0xffe0 && r <= 0xffe6)
}

// columns is the display width of s in a terminal.
func columns(s string) int {
	n := 0
	for _, r := range s {
		n++
		if isWide(r) {
			n++
		}
	}
	return n
}

// padRight pads s with spaces to width columns, leaving at least one.
func padRight(s string, width int) string {
	return s + strings.Repeat(" ", max(1, width-columns(s)))
}

// scenarioHeading is "[3/19] anonymous_private_object (troubleshooting guide step 3)".
func (p *printer) scenarioHeading(i, n int, sc scenario) {
	where := p.lab.errorList
	if sc.step != "" {
		where = fmt.Sprintf(p.lab.seedStep, sc.step)
	}
	p.line(0, "== [%d/%d] %s (%s) ==", i, n, sc.name, where)
	p.para(0, "", "", sc.describe(p.lang))
}

// result prints one scenario.
func (p *printer) result(i, n int, r result) {
	p.scenarioHeading(i, n, r.sc)
	if r.raw != "" {
		head := p.lab.sdkError
		if r.plainHTTP {
			head = p.lab.httpReply
		}
		p.line(0, "")
		p.line(0, "%s", head)
		p.line(1, "%s", r.raw)
	}
	if r.err != nil {
		p.refusal(r.err, r.evidence, r.findings, r.deciding)
	}
	p.line(0, "")
	if r.problem != "" {
		p.line(0, "%s: %s", p.lab.problem, r.problem)
	}
	if r.ok {
		p.line(0, "=> "+p.lab.resultOK, r.got)
	} else {
		got := string(r.got)
		if got == "" {
			got = "-"
		}
		p.line(0, "=> "+p.lab.resultBad, r.sc.want, got)
	}
	p.line(0, "")
}

// refusal prints the classification, evidence, remediation and findings of
// one classified error; the real mode uses it too.
func (p *printer) refusal(e *cos403.Error, evidence []checks.Evidence, findings []checks.Finding, deciding int) {
	rem := e.Cause.Remediation(p.lang)
	p.line(0, "")
	p.line(0, "%s", p.lab.classification)
	// Labels are padded by display columns: "リクエスト ID" is 13 wide.
	lw := 13
	for _, l := range []string{p.lab.cause, p.lab.reply, p.lab.requestID} {
		lw = max(lw, columns(l)+2)
	}
	p.line(1, "%s%s: %s", padRight(p.lab.cause, lw), e.Cause, rem.Title)
	reply := fmt.Sprintf("%d", e.StatusCode)
	if e.Code != "" {
		reply += " " + e.Code
	}
	if e.Message != "" {
		reply += fmt.Sprintf(" %q", e.Message)
	}
	p.line(1, "%s%s", padRight(p.lab.reply, lw), reply)
	if e.RequestID != "" {
		p.line(1, "%s%s", padRight(p.lab.requestID, lw), e.RequestID)
	}
	p.evidence(evidence)
	p.remediation(rem)
	p.findings(e.Cause, findings, deciding)
}

func (p *printer) evidence(evidence []checks.Evidence) {
	if len(evidence) == 0 {
		return
	}
	p.line(0, "")
	p.line(0, "%s", p.lab.evidence)
	width := 0
	for _, ev := range evidence {
		width = max(width, len(ev.Name))
	}
	for _, ev := range evidence {
		first := fmt.Sprintf("%-*s  ", width, ev.Name)
		p.para(1, first, strings.Repeat(" ", len(first)), ev.Value)
	}
}

func (p *printer) remediation(rem cos403.Remediation) {
	p.line(0, "")
	p.line(0, "%s", p.lab.remediation)
	p.para(1, "", "", rem.Summary)
	for i, s := range rem.Steps {
		first := fmt.Sprintf("%d. ", i+1)
		p.para(1, first, strings.Repeat(" ", len(first)), s)
	}
	if rem.DocURL != "" {
		p.line(1, "%s: %s", p.lab.docs, rem.DocURL)
	}
}

// findings prints the checks: failures and warnings with their evidence,
// the rest on one line each. The deciding finding and those that confirm
// cause are marked. The error's own finding ("cos_error") repeats the
// classification, so its evidence is not printed again.
func (p *printer) findings(cause cos403.Cause, fs []checks.Finding, deciding int) {
	p.line(0, "")
	p.line(0, "%s", p.lab.findings)
	shown := 0
	for i, f := range fs {
		if f.Status == checks.StatusNotApplicable {
			continue
		}
		shown++
		mark := ""
		switch {
		case i == deciding:
			mark = "  <- " + p.lab.deciding
		case f.Status == checks.StatusFail && f.Cause == cause && f.Check != "cos_error":
			mark = "  <- " + p.lab.confirms
		}
		head := fmt.Sprintf("[%s] %s", strings.ToUpper(string(f.Status)), f.Check)
		if f.Cause != "" && f.Status != checks.StatusPass {
			head += " (" + string(f.Cause) + ")"
		}
		// Text is the summary itself in English, so that output stays
		// as it was; Japanese and Chinese get the finding in their words.
		p.para(1, head+": ", "    ", f.Text(p.lang)+mark)
		if f.Status == checks.StatusPass || f.Check == "cos_error" {
			continue
		}
		for _, ev := range f.Evidence {
			if ev.Value != "" {
				p.para(3, ev.Name+": ", strings.Repeat(" ", len(ev.Name)+2), ev.Value)
			}
		}
	}
	if shown == 0 {
		p.line(1, "%s", p.lab.noFindings)
	}
}

// summaryLine is the last line of a scenario run. It stays in English so
// that scripts can match it.
func summaryLine(rs []result) string {
	return fmt.Sprintf("%d scenarios, %d classified as expected", len(rs), countOK(rs))
}

func countOK(rs []result) int {
	n := 0
	for _, r := range rs {
		if r.ok {
			n++
		}
	}
	return n
}

// jsonReport is the -json document of a scenario run.
type jsonReport struct {
	Mode      string         `json:"mode"`
	Lang      cos403.Lang    `json:"lang"`
	SDK       string         `json:"sdk"`
	Scenarios []jsonScenario `json:"scenarios"`
	Total     int            `json:"total"`
	Expected  int            `json:"classified_as_expected"`
	OK        bool           `json:"ok"`
}

// jsonScenario is one scenario in the -json document.
type jsonScenario struct {
	Name          string              `json:"name"`
	SeedStep      string              `json:"seed_step,omitempty"`
	Description   string              `json:"description"`
	ExpectedCause cos403.Cause        `json:"expected_cause"`
	GotCause      cos403.Cause        `json:"got_cause"`
	RawError      string              `json:"raw_error,omitempty"`
	PlainHTTP     bool                `json:"plain_http,omitempty"`
	Error         *cos403.Error       `json:"error,omitempty"`
	Evidence      []checks.Evidence   `json:"evidence"`
	Remediation   *cos403.Remediation `json:"remediation,omitempty"`
	Findings      []checks.Finding    `json:"findings"`
	Deciding      string              `json:"deciding_check,omitempty"`
	Problem       string              `json:"problem,omitempty"`
	OK            bool                `json:"ok"`
}

func toJSON(rs []result, l cos403.Lang, sdk string) jsonReport {
	rep := jsonReport{Mode: "embedded", Lang: l, SDK: sdk, Total: len(rs), Expected: countOK(rs), Scenarios: []jsonScenario{}}
	rep.OK = rep.Total > 0 && rep.Expected == rep.Total
	for _, r := range rs {
		js := jsonScenario{
			Name: r.sc.name, SeedStep: r.sc.step, Description: r.sc.describe(l),
			ExpectedCause: r.sc.want, GotCause: r.got,
			RawError: r.raw, PlainHTTP: r.plainHTTP, Error: r.err,
			Evidence: nonNilEvidence(r.evidence), Findings: nonNilFindings(r.findings),
			Problem: r.problem, OK: r.ok,
		}
		if r.deciding >= 0 && r.deciding < len(r.findings) {
			js.Deciding = r.findings[r.deciding].Check
		}
		if r.err != nil {
			rem := r.err.Cause.Remediation(l)
			js.Remediation = &rem
		}
		rep.Scenarios = append(rep.Scenarios, js)
	}
	return rep
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func nonNilEvidence(e []checks.Evidence) []checks.Evidence {
	if e == nil {
		return []checks.Evidence{}
	}
	return e
}

func nonNilFindings(f []checks.Finding) []checks.Finding {
	if f == nil {
		return []checks.Finding{}
	}
	return f
}
