//! Redaction of secrets in text the runtime keeps or prints: secret-named fields, query
//! parameters and headers, and the bounded body prefixes errors carry.

use reqwest::header::{HeaderMap, HeaderName};
use url::Url;

/// What replaces a secret value.
pub(crate) const REDACTED: &str = "[REDACTED]";

/// How many bytes of a body an error keeps (the rest is dropped and the text marked truncated).
pub(crate) const ERROR_BODY_PREFIX: usize = 64 * 1024;

/// Whether a field, query parameter or header with this name carries a secret.
///
/// The name is compared without case, `_` and `-`: anything containing `password`, `passwd`,
/// `secret`, `token`, `apikey`, `privatekey`, `authorization`, `credential`, `signature`,
/// `cookie`, `session`, or a name that is or ends with `pin`, `otp` or `code` (e.g. `mfa_code`).
pub(crate) fn is_secret_name(name: &str) -> bool {
    // Normalised into a stack buffer: this runs for every response header.
    let mut buffer = [0u8; 64];
    let mut len = 0;
    for byte in name.bytes().filter(u8::is_ascii_alphanumeric) {
        if len == buffer.len() {
            return is_secret_long_name(name);
        }
        buffer[len] = byte.to_ascii_lowercase();
        len += 1;
    }
    // Only ASCII alphanumerics went in.
    is_secret_normalised(std::str::from_utf8(&buffer[..len]).unwrap_or_default())
}

/// [`is_secret_name`] for names longer than its buffer.
fn is_secret_long_name(name: &str) -> bool {
    let name: String = name
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    is_secret_normalised(&name)
}

/// [`is_secret_name`] of a name already lower case and alphanumeric only.
fn is_secret_normalised(name: &str) -> bool {
    const CONTAINS: [&str; 11] = [
        "password",
        "passwd",
        "secret",
        "token",
        "apikey",
        "privatekey",
        "authorization",
        "credential",
        "signature",
        "cookie",
        "session",
    ];
    CONTAINS.iter().any(|part| name.contains(part))
        || ["pin", "otp", "code"]
            .iter()
            .any(|suffix| name.ends_with(suffix))
}

/// Replace the values of secret-named query parameters of `url` by `[REDACTED]`.
pub(crate) fn redact_url_in_place(url: &mut Url) {
    if url.query().is_none() || !url.query_pairs().any(|(name, _)| is_secret_name(&name)) {
        return;
    }
    let pairs: Vec<(String, String)> = url
        .query_pairs()
        .map(|(name, value)| {
            let value = if is_secret_name(&name) {
                REDACTED.to_owned()
            } else {
                value.into_owned()
            };
            (name.into_owned(), value)
        })
        .collect();
    url.query_pairs_mut().clear().extend_pairs(pairs);
}

/// A `reqwest` error whose URL (printed by its `Display` and `Debug`) has secret query values
/// redacted.
pub(crate) fn redact_reqwest_error(mut err: reqwest::Error) -> reqwest::Error {
    if let Some(url) = err.url_mut() {
        redact_url_in_place(url);
    }
    err
}

/// Query pairs for `Debug`: the values of secret-named parameters replaced by [`REDACTED`].
pub(crate) fn redacted_pairs(query: &[(String, String)]) -> Vec<(&str, &str)> {
    query
        .iter()
        .map(|(name, value)| {
            let shown = if is_secret_name(name) {
                REDACTED
            } else {
                value
            };
            (name.as_str(), shown)
        })
        .collect()
}

/// Mark the values of secret-named headers sensitive, so `HeaderMap`'s `Debug` hides them.
pub(crate) fn mark_sensitive_headers(headers: &mut HeaderMap) {
    for (name, value) in headers.iter_mut() {
        if !is_common_header(name) && is_secret_name(name.as_str()) {
            value.set_sensitive(true);
        }
    }
}

/// Headers nearly every response has and that carry no secret, skipped cheaply (this runs for
/// every response; the name check costs a few hundred instructions per header).
fn is_common_header(name: &HeaderName) -> bool {
    use reqwest::header::{
        CACHE_CONTROL, CONNECTION, CONTENT_ENCODING, CONTENT_LENGTH, CONTENT_TYPE, DATE, ETAG,
        EXPIRES, LAST_MODIFIED, LOCATION, RETRY_AFTER, SERVER, TRANSFER_ENCODING, VARY,
    };
    [
        CONTENT_TYPE,
        CONTENT_LENGTH,
        DATE,
        SERVER,
        CONNECTION,
        TRANSFER_ENCODING,
        CACHE_CONTROL,
        CONTENT_ENCODING,
        ETAG,
        EXPIRES,
        LAST_MODIFIED,
        LOCATION,
        RETRY_AFTER,
        VARY,
    ]
    .iter()
    .any(|common| common == name)
}

/// The text an error keeps of `body`: at most [`ERROR_BODY_PREFIX`] bytes, as UTF-8 (invalid
/// sequences replaced by U+FFFD), the string values of secret-named JSON fields replaced by
/// `[REDACTED]`, and a marker at the end when anything was cut: by this function, or before
/// (`total` is the size of the whole body when the reader stopped early, if known).
///
/// Also returns the secret values it removed, so callers can check other text (a decoder's
/// message) for them.
pub(crate) fn error_body_text(body: &[u8], cut_before: Option<Cut>) -> (String, Vec<String>) {
    let keep = body.len().min(ERROR_BODY_PREFIX);
    let text = String::from_utf8_lossy(&body[..keep]);
    let (mut text, secrets) = redact_json_text(&text);
    let cut = match cut_before {
        Some(cut) => Some(cut),
        None if keep < body.len() => Some(Cut {
            total: Some(body.len() as u64),
        }),
        None => None,
    };
    if let Some(cut) = cut {
        match cut.total {
            Some(total) => text.push_str(&format!("… [truncated: {keep} of {total} bytes kept]")),
            None => text.push_str(&format!("… [truncated: first {keep} bytes kept]")),
        }
    }
    (text, secrets)
}

/// A body was not read to its end; `total` is its size if the server announced it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Cut {
    pub(crate) total: Option<u64>,
}

/// `text` (JSON, or a prefix of it, or something else) with the string values of secret-named
/// object keys replaced by `[REDACTED]`, and the values removed.
///
/// A lexical pass, so it also works on truncated or malformed JSON: every string literal
/// followed by `:` is a key; if the key is secret-named and the value is a string, the value is
/// replaced (up to the end of the text if it is unterminated). Non-string values of secret keys
/// (numbers, objects) are replaced up to the next `,` or `}` at the same level.
pub(crate) fn redact_json_text(text: &str) -> (String, Vec<String>) {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut secrets = Vec::new();
    let mut copied = 0; // bytes of `text` already in `out`
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'"' {
            i += 1;
            continue;
        }
        let key_end = string_end(bytes, i);
        let Some(key_end) = key_end else { break };
        let key = &text[i + 1..key_end];
        let mut j = skip_ws(bytes, key_end + 1);
        if j >= bytes.len() || bytes[j] != b':' || !is_secret_name(&unescape_lossy(key)) {
            i = key_end + 1;
            continue;
        }
        j = skip_ws(bytes, j + 1);
        if j >= bytes.len() {
            break;
        }
        let (value_start, value_end, quoted) = if bytes[j] == b'"' {
            let end = string_end(bytes, j).unwrap_or(bytes.len());
            (j + 1, end, true)
        } else {
            (j, scalar_end(bytes, j), false)
        };
        let value = &text[value_start..value_end];
        if !value.is_empty() {
            secrets.push(value.to_owned());
            out.push_str(&text[copied..value_start]);
            out.push_str(if quoted { REDACTED } else { "\"[REDACTED]\"" });
            copied = value_end;
        }
        i = (value_end + 1).max(key_end + 1);
    }
    out.push_str(&text[copied.min(text.len())..]);
    (out, secrets)
}

/// The index of the closing quote of the string literal starting at `start`, if any.
fn string_end(bytes: &[u8], start: usize) -> Option<usize> {
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return Some(i),
            _ => i += 1,
        }
    }
    None
}

fn skip_ws(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() && bytes[i].is_ascii_whitespace() {
        i += 1;
    }
    i
}

/// The end of a non-string value starting at `start`: the next `,`, `}` or `]` at its own
/// nesting level (strings inside skipped), or the end of the text.
fn scalar_end(bytes: &[u8], start: usize) -> usize {
    let mut depth = 0usize;
    let mut i = start;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                i = string_end(bytes, i).map_or(bytes.len(), |end| end + 1);
                continue;
            }
            b'{' | b'[' => depth += 1,
            b'}' | b']' if depth == 0 => return i,
            b'}' | b']' => depth -= 1,
            b',' if depth == 0 => return i,
            _ => {}
        }
        i += 1;
    }
    // Trim trailing whitespace so the replacement keeps the text's shape.
    let mut end = bytes.len();
    while end > start && bytes[end - 1].is_ascii_whitespace() {
        end -= 1;
    }
    end
}

/// A JSON key without its escapes resolved beyond the simple ones (enough to match names).
fn unescape_lossy(key: &str) -> String {
    key.replace("\\_", "_").replace("\\-", "-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_names() {
        for name in [
            "password",
            "access_token",
            "refresh-token",
            "client_secret",
            "X-Api-Key",
            "apiKey",
            "authorization",
            "token_value",
            "mfa_code",
            "pin",
        ] {
            assert!(is_secret_name(name), "{name}");
        }
        for name in [
            "email",
            "limit",
            "starting_after",
            "customer_id",
            "expires_in",
        ] {
            assert!(!is_secret_name(name), "{name}");
        }
    }

    #[test]
    fn json_secrets_are_redacted_even_in_broken_text() {
        let (text, secrets) = redact_json_text(
            r#"{"access_token": "s3cr\"et", "token_type": "Bearer", "n": {"pin": 1234}, "email": "a@b"}"#,
        );
        assert_eq!(
            text,
            r#"{"access_token": "[REDACTED]", "token_type": "[REDACTED]", "n": {"pin": "[REDACTED]"}, "email": "a@b"}"#
        );
        assert_eq!(secrets, [r#"s3cr\"et"#, "Bearer", "1234"]);
        let (text, _) = redact_json_text(r#"[{"password":"hunter2"#);
        assert_eq!(text, r#"[{"password":"[REDACTED]"#);
        let (text, _) = redact_json_text("not json \"password\" at all");
        assert_eq!(text, "not json \"password\" at all");
    }

    #[test]
    fn query_secrets_are_redacted() {
        let mut url = Url::parse("http://h/p?token_value=abc&limit=2&password=x%20y").unwrap();
        redact_url_in_place(&mut url);
        assert_eq!(
            url.as_str(),
            "http://h/p?token_value=%5BREDACTED%5D&limit=2&password=%5BREDACTED%5D"
        );
        let mut plain = Url::parse("http://h/p?limit=2").unwrap();
        redact_url_in_place(&mut plain);
        assert_eq!(plain.as_str(), "http://h/p?limit=2");
    }

    #[test]
    fn long_bodies_keep_a_marked_prefix() {
        let body = vec![b'a'; ERROR_BODY_PREFIX + 10];
        let (text, _) = error_body_text(&body, None);
        assert!(text.ends_with(&format!(
            "[truncated: {ERROR_BODY_PREFIX} of {} bytes kept]",
            ERROR_BODY_PREFIX + 10
        )));
        let (text, _) = error_body_text(b"abc", Some(Cut { total: None }));
        assert_eq!(text, "abc… [truncated: first 3 bytes kept]");
    }
}
