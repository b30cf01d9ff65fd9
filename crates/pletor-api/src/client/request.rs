//! A request described before it is sent, so that it can be sent again: its method, path,
//! query, headers, body, and whether repeating it is safe.

use std::sync::Arc;

use reqwest::Method;
use serde_json::Value;

/// An HTTP method named by the user (`pletor api -X`), checked before anything is sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpMethod(Method);

impl HttpMethod {
    /// The method named `text`, in any case (`get`, `POST`); `None` when it is not a token
    /// HTTP allows as a method.
    pub fn parse(text: &str) -> Option<Self> {
        Method::from_bytes(text.to_ascii_uppercase().as_bytes())
            .ok()
            .map(Self)
    }

    /// GET, HEAD and DELETE: fields travel as query parameters and no body is sent.
    pub fn takes_query(&self) -> bool {
        matches!(self.0, Method::GET | Method::HEAD | Method::DELETE)
    }
}

impl std::fmt::Display for HttpMethod {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0.as_str())
    }
}

/// Builds a multipart form anew for every attempt (a streamed body cannot be replayed).
pub type FormFactory =
    Arc<dyn Fn() -> std::io::Result<reqwest::multipart::Form> + Send + Sync + 'static>;

/// An upload's file changed (size or modification time) while it was being sent; the body
/// stream fails with it, and the client stops at once instead of retrying (a retry would send
/// yet another version). Holds the file's name.
#[derive(Debug)]
pub struct FileChanged(pub String);

impl std::fmt::Display for FileChanged {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "`{}` changed while it was being uploaded", self.0)
    }
}

impl std::error::Error for FileChanged {}

/// A request body.
#[derive(Clone, Default)]
pub enum Body {
    /// No body.
    #[default]
    Empty,
    /// A JSON document.
    Json(Value),
    /// A multipart form, rebuilt per attempt.
    Multipart(FormFactory),
}

/// One API request, described before it is sent so that it can be sent again.
#[derive(Clone)]
pub struct Request {
    pub(super) method: Method,
    pub(super) path: String,
    pub(super) query: Vec<(String, String)>,
    pub(super) body: Body,
    pub(super) headers: Vec<(&'static str, String)>,
    pub(super) retry_safe: bool,
}

impl Request {
    /// A request with any method; GET, HEAD, PUT and DELETE are retried, others only when
    /// [`Request::idempotent`].
    pub fn new(method: Method, path: impl Into<String>) -> Self {
        let retry_safe = matches!(
            method,
            Method::GET | Method::HEAD | Method::DELETE | Method::PUT
        );
        Self {
            method,
            path: path.into(),
            query: Vec::new(),
            body: Body::Empty,
            headers: Vec::new(),
            retry_safe,
        }
    }

    /// A request with a method the user named (`pletor api`); retried as [`Request::new`] says.
    pub fn raw(method: HttpMethod, path: impl Into<String>) -> Self {
        Self::new(method.0, path)
    }

    /// A GET.
    pub fn get(path: impl Into<String>) -> Self {
        Self::new(Method::GET, path)
    }

    /// A POST with a JSON body.
    pub fn post_json(path: impl Into<String>, body: Value) -> Self {
        Self::new(Method::POST, path).json(body)
    }

    /// Sets a JSON body.
    pub fn json(mut self, body: Value) -> Self {
        self.body = Body::Json(body);
        self
    }

    /// Sets a multipart body.
    pub fn multipart(mut self, factory: FormFactory) -> Self {
        self.body = Body::Multipart(factory);
        self
    }

    /// Adds a query parameter.
    pub fn query(mut self, key: &str, value: impl Into<String>) -> Self {
        self.query.push((key.to_string(), value.into()));
        self
    }

    /// Adds a header.
    pub fn header(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.headers.push((name, value.into()));
        self
    }

    /// Marks the request safe to repeat: it carries an idempotency key.
    pub fn idempotent(mut self) -> Self {
        self.retry_safe = true;
        self
    }

    /// Marks the request as sent once, never retried here: the caller owns the cadence (a poll
    /// loop that must not knock faster than its own interval).
    pub fn once(mut self) -> Self {
        self.retry_safe = false;
        self
    }

    /// The path.
    pub fn path(&self) -> &str {
        &self.path
    }
}
