//! The checks that talk to the API: the way there (DNS, TCP, TLS, each timed), then one
//! unretried `GET` that tells whether the key is accepted, the rate-limit budget and the
//! server's clock.

use std::time::{Duration, SystemTime};

use serde_json::{Value, json};

use super::{Check, Status};
use crate::api::diagnose::{self, Route, StepFailed};
use crate::api::{ApiError, Client, Probe, RateState, spec};
use crate::context::Context;
use crate::error::{self, Exit};
use crate::output::human_duration;

/// A clock further off than this gets a warning: rate-limit resets are given as times.
const SKEW_WARNING: Duration = Duration::from_secs(5);

/// A clock further off than this is a problem: every reset is misread by minutes.
const SKEW_PROBLEM: Duration = Duration::from_secs(300);

/// The checks after the local ones, in report order.
pub async fn checks(ctx: &Context) -> Vec<Check> {
    let later = ["auth", "rate_limit", "clock"];
    let (Ok(route), Ok(client)) = (
        diagnose::route(&ctx.settings.api_base.0),
        super::client(ctx),
    ) else {
        let why = "not checked: the API base is not usable";
        let mut all = vec![Check::skipped("network", why)];
        all.extend(later.map(|name| Check::skipped(name, why)));
        return all;
    };
    let network = network(ctx, &route).await;
    if network.status == Status::Problem {
        let why = "not checked: the API cannot be reached";
        let mut all = vec![network];
        all.extend(later.map(|name| Check::skipped(name, why)));
        return all;
    }
    let answer = client.probe(crate::commands::auth::check_request()).await;
    let rate_limit = rate_limit(&client, answer.is_ok());
    let clock = clock(answer.as_ref().ok());
    vec![network, auth(ctx, answer), rate_limit, clock]
}

fn ms(took: Duration) -> String {
    format!("{} ms", took.as_millis())
}

fn millis(took: Duration) -> u64 {
    u64::try_from(took.as_millis()).unwrap_or(u64::MAX)
}

/// DNS, TCP and TLS to the first hop (the proxy when there is one), each within the connect
/// timeout.
async fn network(ctx: &Context, route: &Route) -> Check {
    let limit = ctx.settings.connect_timeout;
    let (host, port) = route.first_hop();
    let via = if route.proxy.is_some() {
        " (the proxy)"
    } else {
        ""
    };
    let dns = match diagnose::lookup(host, port, limit).await {
        Ok(found) => found,
        Err(err) => return unreachable(Step::Dns, format!("cannot resolve `{host}`{via}"), err),
    };
    let tcp = match diagnose::connect(&dns.value, limit).await {
        Ok(connected) => connected,
        Err(err) => {
            return unreachable(
                Step::Tcp,
                format!("cannot connect to {host}:{port}{via}"),
                err,
            );
        }
    };
    let (stream, address) = tcp.value;
    let addresses: Vec<String> = dns.value.iter().map(|a| a.ip().to_string()).collect();
    let mut details = json!({
        "dns": {"ms": millis(dns.took), "addresses": addresses},
        "tcp": {"ms": millis(tcp.took), "address": address.to_string()},
        "tls": null,
        "via_proxy": route.proxy.is_some(),
    });
    let tls = match (route.tls, &route.proxy) {
        (true, None) => match diagnose::handshake(stream, &route.host, limit).await {
            Ok(done) => {
                details["tls"] = json!({"ms": millis(done.took), "protocol": done.value});
                format!("{} {}", done.value, ms(done.took))
            }
            Err(err) => {
                let what = format!("handshake with {} failed", route.host);
                return unreachable(Step::Tls, what, err);
            }
        },
        (true, Some(_)) => "TLS through the proxy".to_string(),
        (false, _) => "no TLS (http://)".to_string(),
    };
    let (dns_ms, tcp_ms) = (ms(dns.took), ms(tcp.took));
    let message = format!("DNS {dns_ms} ({host}), TCP {tcp_ms} ({address}), {tls}");
    Check::ok("network", message).details(details)
}

/// The steps on the way to the API.
#[derive(Debug, Clone, Copy)]
enum Step {
    Dns,
    Tcp,
    Tls,
}

/// The problem of a failed step, with what to look at for that step.
fn unreachable(step: Step, what: String, err: StepFailed) -> Check {
    let (name, hint) = match step {
        Step::Dns => (
            "DNS",
            "check the host name in the API base and the network's DNS; offline, try `pletor-sim exec -- pletor doctor`",
        ),
        Step::Tcp => (
            "TCP",
            "check that the API (or the proxy) is up and the port is right; a firewall may block it; offline, try `pletor-sim exec -- pletor doctor`",
        ),
        Step::Tls => (
            "TLS",
            "the port may not speak TLS (an `http://` base?), or a proxy or firewall intercepts TLS; a clock far off also fails certificates",
        ),
    };
    let message = format!("{name}: {what}: {}", err.reason);
    Check::problem("network", Exit::Error, message)
        .hint(hint)
        .details(json!({"step": name, "error": err.reason, "ms": millis(err.took)}))
}

/// Whether the API accepts the key, from the probe's answer.
fn auth(ctx: &Context, answer: Result<Probe, ApiError>) -> Check {
    let mut probe = match answer {
        Ok(probe) => probe,
        Err(err) => {
            let report = error::classify(&anyhow::Error::from(err));
            let check = Check::problem(
                "auth",
                report.exit,
                format!("no answer: {}", report.message),
            );
            return match report.hint {
                Some(hint) => check.hint(hint),
                None => check.hint("check the network and any proxy, then try again"),
            };
        }
    };
    let answered = format!(
        "GET {} answered {} in {}",
        spec::collection("agents"),
        probe.status,
        ms(probe.took)
    );
    let details = json!({"status": probe.status, "ms": millis(probe.took)});
    if ctx.settings.credential.is_none() {
        return Check::skipped("auth", format!("no key to check ({answered})")).details(details);
    }
    let Some(err) = probe.error.take() else {
        return Check::ok("auth", format!("the key is accepted ({answered})")).details(details);
    };
    let report = error::classify(&anyhow::Error::new(err));
    let check = match probe.status {
        401 | 403 => Check::problem("auth", Exit::Auth, format!("the API refused the key: {}", report.message))
            .hint("copy the key again from the web app's account settings, then `pletor auth login` (or fix `PLETOR_API_KEY`)"),
        404 => Check::problem("auth", Exit::Usage, format!("the API base does not lead to the API: {}", report.message))
            .hint(format!("an API base looks like {}", spec::DEFAULT_API_BASE)),
        _ => {
            let check = Check::problem("auth", report.exit, report.message);
            match report.hint {
                Some(hint) => check.hint(hint),
                None => check,
            }
        }
    };
    check.details(details)
}

/// The budget of each bucket. Doctor only reads, so only the `default` bucket is measured; the
/// others are known once a run or an upload has answered.
fn rate_limit(client: &Client, answered: bool) -> Check {
    if !answered {
        return Check::skipped("rate_limit", "not checked: no answer from the API");
    }
    if client.rate_state("default").is_none() {
        let hint =
            "pletor then paces by 429 answers alone; a proxy may strip `X-RateLimit-*` headers";
        return Check::warning(
            "rate_limit",
            "the answer carried no rate-limit headers",
            hint,
        );
    }
    let (mut parts, mut details, mut low) = (Vec::new(), serde_json::Map::new(), None);
    let (mut unmeasured, mut documented_limits) = (Vec::new(), Vec::new());
    for &(bucket, documented) in spec::DOCUMENTED_RATE_LIMITS {
        let Some(state) = client.rate_state(bucket) else {
            unmeasured.push(bucket);
            documented_limits.push(documented.to_string());
            details.insert(bucket.into(), Value::Null);
            continue;
        };
        let (text, measured, is_low) = budget(bucket, &state, documented);
        parts.push(text);
        details.insert(bucket.into(), measured);
        if is_low {
            low.get_or_insert(bucket);
        }
    }
    if !unmeasured.is_empty() {
        documented_limits.dedup();
        parts.push(format!(
            "{}: not measured, doctor only reads ({} a minute documented)",
            unmeasured.join(" and "),
            documented_limits.join("/")
        ));
    }
    let check = match low {
        Some(bucket) => Check::warning(
            "rate_limit",
            parts.join("; "),
            format!(
                "less than a tenth of the `{bucket}` budget is left: something else uses this key heavily; pletor slows down to stay inside it"
            ),
        ),
        None => Check::ok("rate_limit", parts.join("; ")),
    };
    check.details(Value::Object(details))
}

/// One bucket's budget: the text, the `--json` details, and whether less than a tenth is left.
fn budget(bucket: &str, state: &RateState, documented: u64) -> (String, Value, bool) {
    let reset_in = state
        .reset_at
        .duration_since(SystemTime::now())
        .unwrap_or_default();
    let (left, limit) = (state.remaining, state.limit.unwrap_or(documented));
    let text = format!(
        "{bucket}: {left} of {limit} left, resets in {}",
        human_duration(reset_in)
    );
    let details =
        json!({"limit": state.limit, "remaining": left, "reset_in_seconds": reset_in.as_secs()});
    (text, details, left.saturating_mul(10) < limit)
}

/// This machine's clock against the server's `Date`.
fn clock(probe: Option<&Probe>) -> Check {
    let Some(probe) = probe else {
        return Check::skipped("clock", "not checked: no answer from the API");
    };
    let Some(skew) = probe.clock_skew() else {
        return Check::skipped("clock", "not checked: the answer had no `Date` header");
    };
    let off = Duration::from_secs_f64(skew.abs());
    let details = json!({"skew_seconds": (skew * 10.0).round() / 10.0});
    if off <= SKEW_WARNING {
        let message = format!(
            "within {} of the server's (`Date`)",
            human_duration(SKEW_WARNING)
        );
        return Check::ok("clock", message).details(details);
    }
    let side = if skew > 0.0 { "behind" } else { "ahead of" };
    let message = format!(
        "this machine's clock is {} {side} the server's (`Date`)",
        human_duration(off)
    );
    let hint = "turn on time sync (`timedatectl set-ntp true`; on macOS and Windows, \"set time automatically\"): rate-limit resets are given as times, so a clock off waits too long or too little";
    let check = if off > SKEW_PROBLEM {
        Check::problem("clock", Exit::Error, message).hint(hint)
    } else {
        Check::warning("clock", message, hint)
    };
    check.details(details)
}
