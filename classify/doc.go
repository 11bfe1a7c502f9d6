// Package classify turns Tencent COS error replies into [*cos403.Error]
// values with a typed cause.
//
// # Entry points
//
//   - [Classify] takes any error, finds the cos-go-sdk-v5 *cos.ErrorResponse
//     inside it (through %w wrapping, errors.Join and *cos.RetryError) and
//     returns a *cos403.Error wrapping it.
//   - [Response] classifies an *http.Response, reading a bounded copy of the
//     body and putting it back.
//   - [Reply] classifies raw parts (status, headers, body) and never panics.
//
// # The rules
//
// One ordered table decides the cause (rules.go). Each row cites the COS
// document or captured response it rests on and is exercised by a golden
// reply under testdata/responses. COS writes the same cause in two shapes,
// a distinct Code with a sentence Message and Code=AccessDenied with the
// cause name as Message; both are accepted. "Access Denied." is split by
// whether the request was signed. A reply with no trace of COS (no
// x-cos-request-id, no Server: tencent-cos) or an HTML page is
// cos403.CauseNotFromCOS: something in front of COS refused the request.
//
// # Recovering what the SDK discards
//
// cos-go-sdk-v5 keeps five elements of an error body and drops the server's
// StringToSign, FormatString and ServerTime. Put a [Transport] inside the
// SDK's AuthorizationTransport and Classify reports them, and compares the
// client's signing strings with the server's to name the exact header,
// parameter or path that differs.
//
// The body scanner is purpose-built for COS's flat <Error> document and falls
// back to encoding/xml for anything unusual; a fuzz test holds the two to the
// same answers.
package classify
