//! Fault rules: misbehaviour on demand, for testing what a client does when things go wrong.
//!
//! A rule matches requests by method (any when absent) and path prefix relative to the API base
//! (`"/"` matches everything). The first `after` matching requests pass untouched; the next
//! `times` ones get the fault, then the rule is gone. Rules are checked in the order they were
//! added and at most one fires per request. What each kind does is implemented in `gate.rs`;
//! this module only parses, stores and matches rules.

use std::collections::BTreeMap;
use std::sync::Mutex;

use axum::http::{HeaderName, HeaderValue};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::sync::lock;

/// Largest body any hostile kind may be asked for (`bytes`), so a typo cannot fill a disk.
pub const MAX_HOSTILE_BYTES: u64 = 16 << 30;

/// What a rule does to the request it fires on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FaultKind {
    /// Answer `status` without doing the work.
    Status,
    /// Wait `ms`, then handle the request normally.
    Delay,
    /// Never answer; the connection stays open until the client gives up.
    Hang,
    /// Close the connection without a response, without doing the work.
    Reset,
    /// Do the work, then close the connection without a response.
    CommitThenReset,
    /// Do the work, then answer `status` (default 500) instead of the real response.
    CommitThenStatus,
    /// Do the work, send `bytes` bytes of the body with the full length declared, then close.
    Truncate,
    /// Do the work, then answer 200 with a body that is not valid JSON.
    BadJson,
    /// Do the work and answer normally, with the rule's `headers` set (they replace the
    /// server's own, `Date` included: a skewed server clock, a stale cache header).
    Headers,
    /// Answer a list request with a page of a list that never ends (fresh ids on every page,
    /// always a next page), in the configured paging shape; with `same_cursor`, the first page
    /// every time, so the cursor repeats.
    EndlessPages,
    /// Do the work, then send the body one byte at a time: the first at once, then one every
    /// `ms` (default 1000), at most `bytes` of them.
    Trickle,
    /// Do the work, then send a body without a length that never ends (until `bytes`, default
    /// 1 GiB): JSON list items for a JSON reply, the real bytes then filler for a download.
    Endless,
    /// Do the work, then send `bytes` (default 1 MiB) past the real body: a download longer
    /// than its asset's `size`; `length` says whether the total is declared.
    Oversize,
    /// Do the work, then pad the JSON reply to `bytes` (default 96 MiB) with a long string;
    /// `length` says whether the total is declared.
    LargeJson,
    /// Answer `status` (default 401) with a body that repeats the key the request carried.
    EchoKey,
}

impl FaultKind {
    /// The name used in rules and in the request log.
    pub fn name(self) -> &'static str {
        match self {
            FaultKind::Status => "status",
            FaultKind::Delay => "delay",
            FaultKind::Hang => "hang",
            FaultKind::Reset => "reset",
            FaultKind::CommitThenReset => "commit_then_reset",
            FaultKind::CommitThenStatus => "commit_then_status",
            FaultKind::Truncate => "truncate",
            FaultKind::BadJson => "bad_json",
            FaultKind::Headers => "headers",
            FaultKind::EndlessPages => "endless_pages",
            FaultKind::Trickle => "trickle",
            FaultKind::Endless => "endless",
            FaultKind::Oversize => "oversize",
            FaultKind::LargeJson => "large_json",
            FaultKind::EchoKey => "echo_key",
        }
    }
}

fn default_path() -> String {
    "/".to_owned()
}

fn one() -> u32 {
    1
}

/// One rule, as posted to `/_sim/faults` and listed back with what remains of it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// HTTP method to match; `None` matches any.
    #[serde(default)]
    pub method: Option<String>,
    /// Path prefix relative to the API base.
    #[serde(default = "default_path")]
    pub path: String,
    /// What to do.
    pub kind: FaultKind,
    /// How many matching requests it fires on.
    #[serde(default = "one")]
    pub times: u32,
    /// How many matching requests to let through first.
    #[serde(default)]
    pub after: u32,
    /// Status for `status` (default 500) and `commit_then_status` (default 500).
    #[serde(default)]
    pub status: Option<u16>,
    /// `Retry-After` header value, sent verbatim.
    #[serde(default)]
    pub retry_after: Option<String>,
    /// Response headers to set, for `status`, `commit_then_status` and `headers`.
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    /// Raw response body (default: a JSON `detail`).
    #[serde(default)]
    pub body: Option<String>,
    /// Content type of `body` (default `text/plain` for a raw body).
    #[serde(default)]
    pub content_type: Option<String>,
    /// Delay of `delay` and pause between the bytes of `trickle`, in real milliseconds (not
    /// scaled).
    #[serde(default)]
    pub ms: Option<u64>,
    /// Body bytes `truncate` sends (default 0); the most `trickle` sends; the cap of
    /// `endless`; the extra bytes of `oversize`; the total size of `large_json`.
    #[serde(default)]
    pub bytes: Option<u64>,
    /// For `endless_pages`: answer the first page whatever is asked, so the cursor repeats.
    #[serde(default)]
    pub same_cursor: bool,
    /// Whether `oversize` and `large_json` declare their length (default: `oversize` yes,
    /// `large_json` no).
    #[serde(default)]
    pub length: Option<bool>,
}

impl Rule {
    /// Rejects rules that could only fail later, when a request is already in flight.
    fn check(&self) -> Result<(), String> {
        if !self.path.starts_with('/') {
            return Err(format!("path must start with '/': {:?}", self.path));
        }
        if let Some(status) = self.status
            && !(100..=999).contains(&status)
        {
            return Err(format!("status out of range: {status}"));
        }
        for (name, value) in &self.headers {
            HeaderName::from_bytes(name.as_bytes())
                .map_err(|_| format!("invalid header name: {name:?}"))?;
            HeaderValue::from_str(value)
                .map_err(|_| format!("invalid header value for {name}: {value:?}"))?;
        }
        if let Some(v) = &self.retry_after {
            HeaderValue::from_str(v).map_err(|_| format!("invalid retry_after: {v:?}"))?;
        }
        if let Some(v) = &self.content_type {
            HeaderValue::from_str(v).map_err(|_| format!("invalid content_type: {v:?}"))?;
        }
        let hostile = matches!(
            self.kind,
            FaultKind::Endless | FaultKind::Oversize | FaultKind::LargeJson | FaultKind::Trickle
        );
        if let Some(bytes) = self.bytes.filter(|_| hostile)
            && bytes > MAX_HOSTILE_BYTES
        {
            return Err(format!(
                "bytes {bytes} is over the cap of {}",
                MAX_HOSTILE_BYTES
            ));
        }
        if self.kind == FaultKind::Headers && self.headers.is_empty() {
            return Err("a `headers` rule needs `headers`".to_owned());
        }
        Ok(())
    }

    fn matches(&self, method: &str, path: &str) -> bool {
        let method_ok = self
            .method
            .as_deref()
            .is_none_or(|m| m.eq_ignore_ascii_case(method));
        method_ok && path.starts_with(&self.path)
    }
}

/// The active rules.
#[derive(Debug, Default)]
pub struct Faults {
    rules: Mutex<Vec<Rule>>,
}

impl Faults {
    /// Parses a JSON list of rules (or one rule) and appends them, all or nothing.
    pub fn add(&self, value: Value) -> Result<usize, String> {
        let list = match value {
            Value::Array(items) => items,
            one @ Value::Object(_) => vec![one],
            _ => return Err("expected a JSON list of fault rules".to_owned()),
        };
        let mut parsed = Vec::with_capacity(list.len());
        for (i, item) in list.into_iter().enumerate() {
            let rule: Rule = serde_json::from_value(item).map_err(|e| format!("rule {i}: {e}"))?;
            rule.check().map_err(|e| format!("rule {i}: {e}"))?;
            if rule.times > 0 {
                parsed.push(rule);
            }
        }
        let added = parsed.len();
        lock(&self.rules).extend(parsed);
        Ok(added)
    }

    /// Removes every rule.
    pub fn clear(&self) {
        lock(&self.rules).clear();
    }

    /// The rules with what remains of their `times` and `after`.
    pub fn list(&self) -> Vec<Rule> {
        lock(&self.rules).clone()
    }

    /// Counts a request against the rules and returns the one that fires on it, if any.
    pub fn take(&self, method: &str, path: &str) -> Option<Rule> {
        let mut rules = lock(&self.rules);
        let mut fired = None;
        for (i, rule) in rules.iter_mut().enumerate() {
            if !rule.matches(method, path) {
                continue;
            }
            if rule.after > 0 {
                rule.after -= 1;
                continue;
            }
            rule.times -= 1;
            fired = Some(i);
            break;
        }
        let i = fired?;
        let rule = rules[i].clone();
        if rules[i].times == 0 {
            rules.remove(i);
        }
        Some(rule)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn rules_skip_after_then_fire_times_then_vanish() {
        let faults = Faults::default();
        let added = faults
            .add(json!([{"method": "POST", "path": "/runs/", "kind": "reset", "after": 1, "times": 2}]))
            .expect("valid");
        assert_eq!(added, 1);
        assert!(faults.take("GET", "/runs/").is_none());
        assert!(faults.take("POST", "/runs/").is_none());
        assert!(faults.take("POST", "/runs/").is_some());
        assert!(faults.take("post", "/runs/abc").is_some());
        assert!(faults.take("POST", "/runs/").is_none());
        assert!(faults.list().is_empty());
    }

    #[test]
    fn invalid_rules_are_refused_as_a_whole() {
        let faults = Faults::default();
        let bad = json!([{"kind": "delay"}, {"kind": "explode"}]);
        assert!(faults.add(bad).is_err());
        assert!(faults.list().is_empty());
        assert!(
            faults
                .add(json!({"kind": "status", "path": "runs"}))
                .is_err()
        );
    }
}
