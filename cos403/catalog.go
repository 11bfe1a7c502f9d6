package cos403

// catalog holds the remediation text for every Cause.
var catalog = map[Cause]entry{}
