//! Error answers in FastAPI's shapes.
//!
//! Plain errors are `{"detail": "message"}`; validation errors are
//! `{"detail": [{"loc": [...], "msg": "...", "type": "..."}]}` with status 422, with the
//! messages and type names Pydantic uses where a Pydantic backend would produce them.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

/// One entry of a validation error's `detail` list.
#[derive(Debug, Clone)]
pub struct FieldError {
    /// Where: `["body", "inputs", 0, "value"]`.
    pub loc: Vec<Value>,
    /// Human message.
    pub msg: String,
    /// Machine type, e.g. `missing`, `string_type`.
    pub kind: &'static str,
}

impl FieldError {
    /// A field error at `loc`.
    pub fn new(loc: Vec<Value>, msg: impl Into<String>, kind: &'static str) -> FieldError {
        FieldError {
            loc,
            msg: msg.into(),
            kind,
        }
    }

    fn to_json(&self) -> Value {
        json!({"loc": self.loc, "msg": self.msg, "type": self.kind})
    }
}

/// Builds a `loc` list from mixed strings and indexes.
macro_rules! loc {
    ($($part:expr),* $(,)?) => {
        vec![$(serde_json::Value::from($part)),*]
    };
}
pub(crate) use loc;

/// An error answer.
#[derive(Debug)]
pub enum ApiError {
    /// `{"detail": message}` with a status.
    Detail(StatusCode, String),
    /// 422 with a list of field errors.
    Invalid(Vec<FieldError>),
}

impl ApiError {
    /// 404 `{"detail": "<what> not found"}`.
    pub fn not_found(what: &str) -> ApiError {
        ApiError::Detail(StatusCode::NOT_FOUND, format!("{what} not found"))
    }

    /// 409 with a message.
    pub fn conflict(message: impl Into<String>) -> ApiError {
        ApiError::Detail(StatusCode::CONFLICT, message.into())
    }

    /// 422 with one field error.
    pub fn invalid(loc: Vec<Value>, msg: impl Into<String>, kind: &'static str) -> ApiError {
        ApiError::Invalid(vec![FieldError::new(loc, msg, kind)])
    }

    /// 500 for storage trouble, with the cause.
    pub fn internal(error: impl std::fmt::Display) -> ApiError {
        ApiError::Detail(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("simulator storage error: {error}"),
        )
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        match self {
            ApiError::Detail(status, message) => {
                (status, Json(json!({"detail": message}))).into_response()
            }
            ApiError::Invalid(errors) => {
                let detail: Vec<Value> = errors.iter().map(FieldError::to_json).collect();
                (
                    StatusCode::UNPROCESSABLE_ENTITY,
                    Json(json!({"detail": detail})),
                )
                    .into_response()
            }
        }
    }
}

/// Parses a JSON request body, answering malformed JSON the way FastAPI does.
pub fn parse_json(body: &[u8]) -> Result<Value, ApiError> {
    serde_json::from_slice(body).map_err(|e| {
        ApiError::invalid(
            loc!["body", e.column()],
            format!("JSON decode error: {e}"),
            "json_invalid",
        )
    })
}

/// The body as an object, or FastAPI's error for anything else.
pub fn expect_object(value: &Value) -> Result<&serde_json::Map<String, Value>, ApiError> {
    value.as_object().ok_or_else(|| {
        ApiError::invalid(
            loc!["body"],
            "Input should be a valid dictionary or object to extract fields from",
            "model_attributes_type",
        )
    })
}

/// Parses a UUID path parameter; FastAPI answers 422 for a malformed one.
pub fn path_uuid(raw: &str, name: &str) -> Result<uuid::Uuid, ApiError> {
    uuid::Uuid::parse_str(raw).map_err(|e| {
        ApiError::invalid(
            loc!["path", name],
            format!("Input should be a valid UUID, {e}"),
            "uuid_parsing",
        )
    })
}

/// Checks an optional `external_id`: a string of at most 255 characters.
pub fn external_id(
    value: Option<&Value>,
    loc: Vec<Value>,
    errors: &mut Vec<FieldError>,
) -> Option<String> {
    match value {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => check_external_id(s, loc, errors),
        Some(_) => {
            errors.push(FieldError::new(
                loc,
                "Input should be a valid string",
                "string_type",
            ));
            None
        }
    }
}

/// The length rule for `external_id` (characters, not bytes).
pub fn check_external_id(s: &str, loc: Vec<Value>, errors: &mut Vec<FieldError>) -> Option<String> {
    if s.chars().count() > 255 {
        errors.push(FieldError::new(
            loc,
            "String should have at most 255 characters",
            "string_too_long",
        ));
        return None;
    }
    Some(s.to_owned())
}
