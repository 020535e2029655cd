//! Runtime support shared by every client the generator emits: what is the same for every API.
//!
//! Generated crates depend on this crate (or embed its source as their module `runtime`) so that
//! the generator emits only what is specific to a spec. It owns the value-level helpers ([`Nullable`], [`UnknownValue`], [`Pattern`],
//! [`ConstraintError`]) and the HTTP machinery (client configuration, auth, retries, errors).
//! What it promises against hostile servers, proxies and input is in the repository's
//! `SECURITY.md`.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod auth;
mod client;
mod constraint;
mod datetime;
mod encode;
mod error;
mod events;
pub mod examples;
mod extensions;
mod hook;
mod http;
pub mod lenient;
#[cfg(feature = "mock")]
mod mock;
mod multipart;
mod nullable;
mod paging;
mod properties;
mod redact;
mod redacted;
mod response;
mod retry;
mod style;
pub mod tagged;
#[doc(hidden)]
pub mod typestate;
mod unknown;
mod value;

pub use constraint::{ConstraintError, Pattern};
pub use nullable::Nullable;
pub use redacted::Redacted;
#[doc(hidden)]
pub use unknown::__private;
pub use unknown::UnknownValue;

pub use auth::{AuthError, ClientCredentials, Secret, StaticToken, TokenFuture, TokenSource};
pub use client::{ClientConfig, ConfigError, RequestParts, Transport, DEFAULT_DEADLINE};
pub use encode::{encode_path_segment, query_value_via_serde, QueryValue};
pub use error::Error;
pub use events::{decode_events, Event, EventError, EventStream};
pub use extensions::Extensions;
pub use futures_core::Stream;
pub use hook::{Completed, Hook, Intercept, Prepare};
pub use http::{redirect_policy, DEFAULT_MAX_RESPONSE_SIZE, MAX_REDIRECTS};
#[cfg(feature = "mock")]
pub use mock::{Expectation, MockServer};
pub use multipart::{FilePart, Multipart};
pub use paging::Pages;
pub use properties::Properties;
pub use response::{
    decode_bytes, decode_empty, decode_json, decode_text, error_response,
    error_response_without_body, unexpected_response,
};
pub use retry::{is_idempotent, RetryPolicy};
pub use style::{
    cookie_text, encode_form, header_text, path_param, query_pairs, FormEncoding, ParamStyle,
    StyleError,
};
pub use value::ResponseValue;

/// The HTTP client crate, re-exported so generated crates need no direct dependency on it.
pub use reqwest;
pub use reqwest::header::HeaderMap;
pub use reqwest::{Method, Response, StatusCode};
/// The URL crate, re-exported for the same reason.
pub use url;
pub use url::Url;
