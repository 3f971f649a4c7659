//! The preset API over HTTPS: `/accounts/{account}/realtime/kit/{app}/presets`, its
//! `{success, data, paging}` envelopes, retries and the errors a user can act on.
//!
//! - The token goes in an `Authorization: Bearer` header, over HTTPS only (plain HTTP only to
//!   the loopback interface, where the tests' server listens), and every message that could
//!   carry outside text is passed through [`Client::redact`].
//! - Retries with exponential backoff (and a little jitter) on 429, 5xx, timeouts and dropped
//!   connections, honouring `Retry-After` in seconds. `GET`, `PUT`, `PATCH` (it sets fields to
//!   values) and `DELETE` are retried as they are; a `POST` that may have reached the server is
//!   not sent again blindly: [`Client::create`] first looks for the preset by name.
//! - Lists are read to the last page; a list that changes while it is read (its `total_count`
//!   moves, or an id comes twice) is read again from the start.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde_json::{Map, Value};
use std::time::Duration;

/// The official SDKs' default base URL.
pub(crate) const DEFAULT_BASE_URL: &str = "https://api.cloudflare.com/client/v4";

/// Where the presets are and how to reach them.
pub(crate) struct Settings {
    /// The API's base URL, without a trailing `/`.
    pub(crate) base: String,
    /// The API token (never printed).
    pub(crate) token: String,
    /// The account id.
    pub(crate) account: String,
    /// The app id.
    pub(crate) app: String,
    /// The time one request may take, from connecting to the end of the body.
    pub(crate) timeout: Duration,
    /// How many times a failed request is tried again.
    pub(crate) retries: u32,
    /// Say every request on standard error.
    pub(crate) verbose: bool,
}

/// A preset of the list: its id and name.
#[derive(Debug, Clone)]
pub(crate) struct Listed {
    pub(crate) id: String,
    pub(crate) name: String,
}

/// Why a request failed, in words a user can act on (the token already redacted).
#[derive(Debug)]
pub(crate) struct Failure {
    pub(crate) message: String,
    /// The request may have been applied by the server (it was sent, and no answer says
    /// otherwise).
    pub(crate) maybe_applied: bool,
    /// The HTTP status, when there was an answer.
    pub(crate) status: Option<u16>,
}

/// What [`Client::create`] did.
pub(crate) enum Created {
    /// The server created it and answered.
    Created(Map<String, Value>),
    /// The answer was lost, but a preset of that name is there now: its id.
    Found(String),
}

/// Which requests may be sent again after a failure.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Method {
    Get,
    Post,
    Patch,
    Put,
    Delete,
}

impl Method {
    fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Patch => "PATCH",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
        }
    }
}

/// The characters escaped in a path segment (ids are uuids or hex; anything else is escaped).
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.');

/// Longest wait a `Retry-After` may ask for before the request is given up.
const MAX_RETRY_AFTER: u64 = 120;

/// The client of one app's presets.
pub(crate) struct Client {
    agent: ureq::Agent,
    settings: Settings,
}

/// Whether `base` may carry the token: HTTPS, or plain HTTP to this machine's loopback
/// interface. The error says what to change.
pub(crate) fn check_base_url(base: &str) -> Result<(), String> {
    let not_https =
        || format!("the base URL `{base}` is not an HTTPS URL (such as `{DEFAULT_BASE_URL}`)");
    let uri: ureq::http::Uri = base.parse().map_err(|_| not_https())?;
    let authority = uri.authority().map(|a| a.as_str()).unwrap_or_default();
    if authority.contains('@') {
        return Err(format!(
            "the base URL `{base}` holds a user name or password: leave them out (the token \
             comes from CLOUDFLARE_API_TOKEN)"
        ));
    }
    match (uri.scheme_str(), uri.host()) {
        (Some("https"), Some(_)) => Ok(()),
        (Some("http"), Some("localhost" | "127.0.0.1" | "[::1]")) => Ok(()),
        (Some("http"), Some(_)) => Err(format!(
            "the base URL `{base}` is plain HTTP: the API token is sent with every request, so \
             only `https://` is allowed (plain HTTP only to localhost)"
        )),
        _ => Err(not_https()),
    }
}

impl Client {
    /// A client for `settings` (whose base URL [`check_base_url`] accepted).
    pub(crate) fn new(mut settings: Settings) -> Client {
        settings.base = settings.base.trim_end_matches('/').to_owned();
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(settings.timeout))
            .user_agent(concat!("rtk-preset/", env!("CARGO_PKG_VERSION")))
            // A redirect elsewhere would take the token with it.
            .max_redirects(0)
            .build();
        Client {
            agent: config.into(),
            settings,
        }
    }

    /// `text` with the token replaced by `[redacted]`.
    pub(crate) fn redact(&self, text: &str) -> String {
        redact(text, &self.settings.token)
    }

    /// The path of the app's presets, or of one preset.
    fn path(&self, preset: Option<&str>) -> String {
        let segment = |s: &str| utf8_percent_encode(s, SEGMENT).to_string();
        let mut path = format!(
            "/accounts/{}/realtime/kit/{}/presets",
            segment(&self.settings.account),
            segment(&self.settings.app)
        );
        if let Some(id) = preset {
            path.push('/');
            path.push_str(&segment(id));
        }
        path
    }

    /// Every preset of the app (id and name), all pages, in the API's order. Pages are asked
    /// from 1; an API that counts them from 0 shows it by the offset of that page (its first
    /// preset is a whole page in), and page 0 is read too.
    pub(crate) fn list(&self) -> Result<Vec<Listed>, Failure> {
        const READS: usize = 3;
        for _ in 0..READS {
            if let Some(listed) = self.list_once()? {
                return Ok(listed);
            }
            self.say("the list of presets changed while it was read: reading it again");
        }
        Err(Failure {
            message: format!(
                "the list of presets kept changing while it was read ({READS} times): is \
                 someone else editing the app's presets? Try again"
            ),
            maybe_applied: false,
            status: None,
        })
    }

    /// One read of the list; `None` when it changed while it was read (its count moved, or an
    /// id came twice).
    fn list_once(&self) -> Result<Option<Vec<Listed>>, Failure> {
        const PER_PAGE: usize = 100;
        let mut listed: Vec<Listed> = Vec::new();
        let mut total = None;
        let mut zero_based = false;
        let mut page = 1;
        loop {
            let path = format!("{}?page_no={page}&per_page={PER_PAGE}", self.path(None));
            let envelope = self.call(Method::Get, &path, None)?;
            let data = match envelope.get("data") {
                Some(Value::Array(items)) => items.clone(),
                _ => return Err(self.unexpected(&path, "`data` is not a list")),
            };
            let paging = |key: &str| {
                envelope
                    .get("paging")
                    .and_then(|p| p.get(key))
                    .and_then(Value::as_f64)
            };
            let count = paging("total_count")
                .ok_or_else(|| self.unexpected(&path, "no `paging.total_count`"))?;
            if total.is_some_and(|t| t != count) {
                return Ok(None);
            }
            total = Some(count);
            if page == 1 && !data.is_empty() {
                zero_based = paging("start_offset").is_some_and(|o| o >= data.len() as f64);
            }
            let mut items = Vec::new();
            for item in &data {
                let (Some(id), Some(name)) = (
                    item.get("id").and_then(Value::as_str),
                    item.get("name").and_then(Value::as_str),
                ) else {
                    return Err(self.unexpected(&path, "a preset of the list has no id or name"));
                };
                if listed.iter().chain(&items).any(|l: &Listed| l.id == id) {
                    // Page 0 of an API that numbers from 1 may repeat page 1: not a change.
                    if page == 0 {
                        continue;
                    }
                    return Ok(None);
                }
                items.push(Listed {
                    id: id.to_owned(),
                    name: name.to_owned(),
                });
            }
            if page == 0 {
                // Page 0 comes first in the API's order.
                items.append(&mut listed);
                listed = items;
                break;
            }
            listed.extend(items);
            if data.is_empty() || listed.len() as f64 >= count {
                // Page 0 too when page 1 started a page in, or when the pages from 1 held fewer
                // presets than the count (page 1 of a small app that numbers from 0 is empty).
                if zero_based || (listed.len() as f64) < count {
                    page = 0;
                    continue;
                }
                break;
            }
            page += 1;
        }
        Ok(total
            .is_some_and(|t| listed.len() as f64 == t)
            .then_some(listed))
    }

    /// One preset, whole (`data` of the answer).
    pub(crate) fn get(&self, id: &str) -> Result<Map<String, Value>, Failure> {
        let path = self.path(Some(id));
        let envelope = self.call(Method::Get, &path, None)?;
        self.data(&path, envelope)
    }

    /// Presets whole, in the order of `ids`, read four at a time (an app of 200 presets is 200
    /// requests: at a real API's latency, one at a time is slow).
    pub(crate) fn get_all(&self, ids: &[&str]) -> Result<Vec<Map<String, Value>>, Failure> {
        const AT_ONCE: usize = 4;
        let chunk = ids.len().div_ceil(AT_ONCE).max(1);
        std::thread::scope(|scope| {
            let workers: Vec<_> = ids
                .chunks(chunk)
                .map(|part| {
                    scope.spawn(move || {
                        part.iter()
                            .map(|id| self.get(id))
                            .collect::<Result<Vec<_>, _>>()
                    })
                })
                .collect();
            let mut all = Vec::with_capacity(ids.len());
            for worker in workers {
                let part = worker.join().map_err(|_| Failure {
                    message: "internal error: a request thread stopped".into(),
                    maybe_applied: false,
                    status: None,
                })?;
                all.extend(part?);
            }
            Ok(all)
        })
    }

    /// Creates a preset. When the answer is lost after the request may have reached the server
    /// (a dropped connection, a timeout, a 5xx), the list is read before anything is sent
    /// again: a preset of that name (names are unique in an app) means it was created.
    pub(crate) fn create(&self, name: &str, body: &Value) -> Result<Created, Failure> {
        let path = self.path(None);
        let mut attempt = 0;
        loop {
            match self.call(Method::Post, &path, Some(body)) {
                Ok(envelope) => return self.data(&path, envelope).map(Created::Created),
                Err(failure) if failure.maybe_applied => {
                    self.say(&format!(
                        "POST {path}: {}; looking for `{name}` before sending it again",
                        failure.message
                    ));
                    // If the list cannot be read either, the POST may still have been applied.
                    let listed = self.list().map_err(|_| Failure {
                        message: failure.message.clone(),
                        maybe_applied: true,
                        status: failure.status,
                    })?;
                    if let Some(found) = listed.into_iter().find(|l| l.name == name) {
                        return Ok(Created::Found(found.id));
                    }
                    if attempt >= self.settings.retries {
                        return Err(Failure {
                            maybe_applied: false,
                            ..failure
                        });
                    }
                    attempt += 1;
                    self.pause(attempt, None);
                }
                Err(failure) => return Err(failure),
            }
        }
    }

    /// Changes the fields of `body` (`PATCH`).
    pub(crate) fn update(&self, id: &str, body: &Value) -> Result<Map<String, Value>, Failure> {
        let path = self.path(Some(id));
        let envelope = self.call(Method::Patch, &path, Some(body))?;
        self.data(&path, envelope)
    }

    /// Replaces the preset with `body` (`PUT`, API 2026-06).
    pub(crate) fn replace(&self, id: &str, body: &Value) -> Result<Map<String, Value>, Failure> {
        let path = self.path(Some(id));
        let envelope = self.call(Method::Put, &path, Some(body))?;
        self.data(&path, envelope)
    }

    /// Deletes a preset; one already gone (404, as after a retried delete) counts as deleted.
    pub(crate) fn delete(&self, id: &str) -> Result<(), Failure> {
        let path = self.path(Some(id));
        match self.call(Method::Delete, &path, None) {
            Ok(_) => Ok(()),
            Err(failure) if failure.status == Some(404) => Ok(()),
            Err(failure) => Err(failure),
        }
    }

    /// `data` of an envelope, as an object.
    fn data(
        &self,
        path: &str,
        envelope: Map<String, Value>,
    ) -> Result<Map<String, Value>, Failure> {
        match envelope.get("data") {
            Some(Value::Object(data)) => Ok(data.clone()),
            _ => Err(self.unexpected(path, "`data` is not a preset")),
        }
    }

    fn unexpected(&self, path: &str, what: &str) -> Failure {
        Failure {
            message: format!("unexpected answer to {path}: {what}"),
            maybe_applied: false,
            status: None,
        }
    }

    /// A note on standard error (redacted).
    fn say(&self, text: &str) {
        eprintln!("rtk-preset: {}", self.redact(text));
    }

    /// Waits before attempt `attempt` (1 = the first retry): `Retry-After` when the server gave
    /// one, else 0.5 s doubled each time, at most 8 s, give or take a quarter.
    fn pause(&self, attempt: u32, retry_after: Option<u64>) {
        let wait = match retry_after {
            Some(seconds) => Duration::from_secs(seconds),
            None => {
                let base = Duration::from_millis(500) * 2u32.pow(attempt.saturating_sub(1).min(4));
                let nanos = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| d.subsec_nanos());
                // 0.75 to 1.25 of the base.
                base.mul_f64(0.75 + f64::from(nanos % 1000) / 2000.0)
            }
        };
        std::thread::sleep(wait);
    }

    /// Sends a request, retrying what may be retried; returns the answer's envelope.
    fn call(
        &self,
        method: Method,
        path: &str,
        body: Option<&Value>,
    ) -> Result<Map<String, Value>, Failure> {
        let mut attempt = 0;
        loop {
            let (failure, retry_after) = match self.once(method, path, body) {
                Ok(envelope) => return Ok(envelope),
                Err(outcome) => outcome,
            };
            let retryable = match failure.status {
                Some(429) => true,
                // An answer of 5xx or none at all: a POST may have been applied.
                Some(500..=599) | None => method != Method::Post || !failure.maybe_applied,
                Some(_) => false,
            };
            if !retryable || attempt >= self.settings.retries {
                return Err(failure);
            }
            if let Some(seconds) = retry_after.filter(|&s| s > MAX_RETRY_AFTER) {
                return Err(Failure {
                    message: format!(
                        "{}; the API asks to wait {seconds} s before trying again",
                        failure.message
                    ),
                    ..failure
                });
            }
            attempt += 1;
            self.say(&format!(
                "{} {path}: {}; trying again{} (retry {attempt} of {})",
                method.as_str(),
                failure.message,
                retry_after.map_or(String::new(), |s| format!(" in {s} s, as asked")),
                self.settings.retries
            ));
            self.pause(attempt, retry_after);
        }
    }

    /// One request. On failure, the `Retry-After` the server asked for, if any.
    fn once(
        &self,
        method: Method,
        path: &str,
        body: Option<&Value>,
    ) -> Result<Map<String, Value>, (Failure, Option<u64>)> {
        let url = format!("{}{path}", self.settings.base);
        let bearer = format!("Bearer {}", self.settings.token);
        if self.settings.verbose {
            self.say(&format!("{} {url}", method.as_str()));
        }
        let sent = match (method, body) {
            (Method::Get, _) => self.agent.get(&url).header("Authorization", &bearer).call(),
            (Method::Delete, _) => self
                .agent
                .delete(&url)
                .header("Authorization", &bearer)
                .call(),
            (method, body) => {
                let text = body.map(Value::to_string).unwrap_or_else(|| "{}".into());
                let request = match method {
                    Method::Post => self.agent.post(&url),
                    Method::Put => self.agent.put(&url),
                    _ => self.agent.patch(&url),
                };
                request
                    .header("Authorization", &bearer)
                    .header("Content-Type", "application/json")
                    .send(text.as_bytes())
            }
        };
        let mut response = match sent {
            Ok(response) => response,
            Err(error) => {
                // Failing to connect means nothing was sent.
                let unsent = matches!(
                    error,
                    ureq::Error::ConnectionFailed
                        | ureq::Error::HostNotFound
                        | ureq::Error::Timeout(ureq::Timeout::Connect | ureq::Timeout::Resolve)
                );
                let message = match error {
                    ureq::Error::Timeout(_) => format!(
                        "no answer within {} s (--timeout)",
                        self.settings.timeout.as_secs_f64()
                    ),
                    ureq::Error::ConnectionFailed | ureq::Error::HostNotFound => {
                        format!("cannot connect to {}: {error}", self.settings.base)
                    }
                    other => format!("the connection failed: {other}"),
                };
                return Err((
                    Failure {
                        message: self.redact(&message),
                        maybe_applied: !unsent,
                        status: None,
                    },
                    None,
                ));
            }
        };
        let status = response.status().as_u16();
        let retry_after = response
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok())
            .and_then(retry_after_seconds);
        let text = match response.body_mut().read_to_string() {
            Ok(text) => text,
            Err(error) => {
                return Err((
                    Failure {
                        message: self.redact(&format!("the answer was cut off: {error}")),
                        maybe_applied: true,
                        status: None,
                    },
                    None,
                ))
            }
        };
        let parsed: Option<Map<String, Value>> = serde_json::from_str(&text).ok();
        if (200..300).contains(&status) {
            return match parsed {
                Some(envelope) if envelope.get("success") != Some(&Value::Bool(false)) => {
                    Ok(envelope)
                }
                _ => Err((
                    Failure {
                        message: self.redact(&format!(
                            "the answer ({status}) is not a successful API envelope: {}",
                            excerpt(&text)
                        )),
                        maybe_applied: true,
                        status: Some(status),
                    },
                    None,
                )),
            };
        }
        let said = parsed.as_ref().map_or_else(|| excerpt(&text), api_message);
        let message = match status {
            401 => format!(
                "the API refused the token (401): check CLOUDFLARE_API_TOKEN, a Cloudflare API \
                 token with the Realtime permission ({said})"
            ),
            403 => format!(
                "the token may not do this (403): give it the Realtime Admin permission on \
                 account `{}` ({said})",
                self.settings.account
            ),
            404 if path.contains("/presets/") => format!(
                "the preset is not in the app (404): deleted while this ran? Run the command \
                 again ({said})"
            ),
            404 => format!(
                "not found (404): check the account id `{}` and the app id `{}` (--account, \
                 --app) ({said})",
                self.settings.account, self.settings.app
            ),
            429 => format!("too many requests (429) ({said})"),
            status => format!("the API answered {status}: {said}"),
        };
        Err((
            Failure {
                message: self.redact(&message),
                maybe_applied: status >= 500,
                status: Some(status),
            },
            retry_after,
        ))
    }
}

/// The seconds a `Retry-After` value asks to wait: a number of seconds, or an HTTP date (a
/// date already past is no wait).
fn retry_after_seconds(value: &str) -> Option<u64> {
    let value = value.trim();
    value.parse::<u64>().ok().or_else(|| {
        let when = httpdate::parse_http_date(value).ok()?;
        Some(
            when.duration_since(std::time::SystemTime::now())
                .map_or(0, |d| d.as_secs_f64().ceil() as u64),
        )
    })
}

/// What an error envelope says: its `error`/`errors` messages, else the body.
fn api_message(envelope: &Map<String, Value>) -> String {
    let mut messages = Vec::new();
    let mut take = |value: &Value| match value {
        Value::String(s) => messages.push(s.clone()),
        Value::Object(o) => {
            if let Some(Value::String(s)) = o.get("message") {
                messages.push(s.clone());
            }
        }
        _ => {}
    };
    if let Some(error) = envelope.get("error") {
        take(error);
    }
    if let Some(Value::Array(errors)) = envelope.get("errors") {
        errors.iter().for_each(&mut take);
    }
    if messages.is_empty() {
        excerpt(&Value::Object(envelope.clone()).to_string())
    } else {
        messages.join("; ")
    }
}

/// At most 300 characters of `text`, on one line.
fn excerpt(text: &str) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match flat.char_indices().nth(300) {
        Some((end, _)) => format!("{}...", &flat[..end]),
        None if flat.is_empty() => "an empty answer".into(),
        None => flat,
    }
}

/// `text` with every occurrence of `token` replaced by `[redacted]`.
pub(crate) fn redact(text: &str, token: &str) -> String {
    if token.is_empty() {
        text.to_owned()
    } else {
        text.replace(token, "[redacted]")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_https_or_loopback_carries_the_token() {
        assert!(check_base_url("https://api.cloudflare.com/client/v4").is_ok());
        assert!(check_base_url("http://127.0.0.1:8080/client/v4").is_ok());
        assert!(check_base_url("http://localhost/client/v4").is_ok());
        assert!(check_base_url("http://[::1]:9/client/v4").is_ok());
        assert!(check_base_url("http://api.cloudflare.com/client/v4").is_err());
        assert!(check_base_url("http://127.0.0.1.example.com/").is_err());
        assert!(check_base_url("ftp://x").is_err());
        assert!(check_base_url("http://localhost:1@evil.example/").is_err());
        assert!(check_base_url("https://user:pw@api.cloudflare.com/").is_err());
        assert!(check_base_url("api.cloudflare.com/client/v4").is_err());
    }

    #[test]
    fn messages_lose_the_token() {
        assert_eq!(redact("a tok b tok", "tok"), "a [redacted] b [redacted]");
        assert_eq!(redact("a", ""), "a");
    }

    #[test]
    fn retry_after_in_seconds_or_as_a_date() {
        assert_eq!(retry_after_seconds(" 7 "), Some(7));
        assert_eq!(
            retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT"),
            Some(0)
        );
        let later = std::time::SystemTime::now() + Duration::from_secs(30);
        let waited = retry_after_seconds(&httpdate::fmt_http_date(later)).unwrap();
        assert!((29..=31).contains(&waited), "{waited}");
        assert_eq!(retry_after_seconds("soon"), None);
    }

    #[test]
    fn error_envelopes_are_read() {
        let envelope: Map<String, Value> = serde_json::from_str(
            r#"{"success":false,"errors":[{"code":1,"message":"bad name"},"also"]}"#,
        )
        .unwrap();
        assert_eq!(api_message(&envelope), "bad name; also");
        assert_eq!(excerpt(""), "an empty answer");
        assert_eq!(excerpt(&"x".repeat(400)).len(), 303);
    }
}
