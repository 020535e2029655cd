//! `multipart/form-data` request bodies (RFC 7578): typed text fields and [`FilePart`]s.

use std::fmt;

use bytes::Bytes;
use serde::Serialize;
use serde_json::Value;

/// A file sent as one part of a `multipart/form-data` body: its bytes, and optionally a file
/// name and a media type.
///
/// ```
/// use codegen_runtime::FilePart;
/// let avatar = FilePart::new(vec![0x89, b'P', b'N', b'G'])
///     .file_name("me.png")
///     .content_type("image/png");
/// assert_eq!(avatar.bytes().len(), 4);
/// ```
///
/// Without a file name the part's name is sent as the file name (many servers only treat
/// parts that have one as files); without a media type the spec's (from the `encoding` map),
/// else `application/octet-stream`.
#[derive(Clone, PartialEq, Eq)]
pub struct FilePart {
    bytes: Bytes,
    file_name: Option<String>,
    content_type: Option<String>,
}

impl FilePart {
    /// A file with these contents.
    pub fn new(bytes: impl Into<Bytes>) -> Self {
        FilePart {
            bytes: bytes.into(),
            file_name: None,
            content_type: None,
        }
    }

    /// Set the file name sent in `Content-Disposition`.
    pub fn file_name(mut self, file_name: impl Into<String>) -> Self {
        self.file_name = Some(file_name.into());
        self
    }

    /// Set the part's `Content-Type`, e.g. `image/png`.
    pub fn content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = Some(content_type.into());
        self
    }

    /// The contents.
    pub fn bytes(&self) -> &Bytes {
        &self.bytes
    }

    /// The file name, if set.
    pub fn get_file_name(&self) -> Option<&str> {
        self.file_name.as_deref()
    }

    /// The media type, if set.
    pub fn get_content_type(&self) -> Option<&str> {
        self.content_type.as_deref()
    }
}

/// Shows the length, not the contents.
impl fmt::Debug for FilePart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FilePart")
            .field("len", &self.bytes.len())
            .field("file_name", &self.file_name)
            .field("content_type", &self.content_type)
            .finish()
    }
}

impl From<Vec<u8>> for FilePart {
    fn from(bytes: Vec<u8>) -> Self {
        FilePart::new(bytes)
    }
}

impl From<Bytes> for FilePart {
    fn from(bytes: Bytes) -> Self {
        FilePart::new(bytes)
    }
}

impl From<&'static [u8]> for FilePart {
    fn from(bytes: &'static [u8]) -> Self {
        FilePart::new(bytes)
    }
}

/// A `multipart/form-data` body under construction; generated code adds one call per property
/// of the spec's schema and hands it to [`RequestParts::multipart`](crate::RequestParts::multipart).
///
/// ```
/// use codegen_runtime::{FilePart, Multipart};
/// let form = Multipart::with_boundary("XyZ")
///     .text("title", &"Holiday", "text/plain")
///     .text("tags", &Some(vec!["sea", "sun"]), "text/plain")
///     .file("photo", [&FilePart::new(&b"..."[..]).file_name("a.jpg")], "image/jpeg");
/// let (content_type, bytes) = form.finish().unwrap();
/// assert_eq!(content_type, "multipart/form-data; boundary=XyZ");
/// assert!(String::from_utf8(bytes).unwrap().contains(
///     "Content-Disposition: form-data; name=\"photo\"; filename=\"a.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n...\r\n",
/// ));
/// ```
#[derive(Clone)]
pub struct Multipart {
    boundary: String,
    body: Vec<u8>,
    invalid: Option<String>,
}

/// Shows the size, not the contents (files can be large, or private).
impl fmt::Debug for Multipart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Multipart")
            .field("boundary", &self.boundary)
            .field("len", &self.body.len())
            .field("invalid", &self.invalid)
            .finish()
    }
}

impl Default for Multipart {
    fn default() -> Self {
        Self::new()
    }
}

/// `"` and line breaks in a `Content-Disposition` parameter, escaped as browsers do.
fn quoted(text: &str) -> String {
    text.replace('"', "%22")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn is_json(media_type: &str) -> bool {
    let essence = media_type.split(';').next().unwrap_or("").trim();
    essence == "application/json" || essence.ends_with("+json")
}

impl Multipart {
    /// An empty body with a random boundary.
    pub fn new() -> Self {
        let boundary: String = std::iter::repeat_with(fastrand::alphanumeric)
            .take(32)
            .collect();
        Self::with_boundary(format!("----codegen-{boundary}"))
    }

    /// An empty body with a fixed boundary (for tests; it must not occur in any part).
    pub fn with_boundary(boundary: impl Into<String>) -> Self {
        Multipart {
            boundary: boundary.into(),
            body: Vec::new(),
            invalid: None,
        }
    }

    fn part(&mut self, name: &str, file_name: Option<&str>, content_type: &str, bytes: &[u8]) {
        let mut head = format!(
            "--{}\r\nContent-Disposition: form-data; name=\"{}\"",
            self.boundary,
            quoted(name)
        );
        if let Some(file_name) = file_name {
            head.push_str(&format!("; filename=\"{}\"", quoted(file_name)));
        }
        head.push_str("\r\n");
        // `text/plain` is the default of a part without `Content-Type` (RFC 7578 section 4.4).
        if file_name.is_some() || content_type != "text/plain" {
            head.push_str(&format!(
                "Content-Type: {}\r\n",
                content_type.replace(['\r', '\n'], "")
            ));
        }
        head.push_str("\r\n");
        self.body.extend_from_slice(head.as_bytes());
        self.body.extend_from_slice(bytes);
        self.body.extend_from_slice(b"\r\n");
    }

    fn value_part(&mut self, name: &str, value: &Value, content_type: &str) {
        let text = match value {
            Value::Null => return,
            Value::String(text) if !is_json(content_type) => text.clone(),
            Value::Number(_) | Value::Bool(_) if !is_json(content_type) => value.to_string(),
            other => other.to_string(),
        };
        // An object in a text part is sent as JSON, and says so.
        let content_type = match value {
            Value::Array(_) | Value::Object(_) if !is_json(content_type) => "application/json",
            _ => content_type,
        };
        self.part(name, None, content_type, text.as_bytes());
    }

    fn serialized<T: Serialize + ?Sized>(&mut self, name: &str, value: &T) -> Option<Value> {
        match serde_json::to_value(value) {
            Ok(value) => Some(value),
            Err(err) => {
                self.invalid
                    .get_or_insert(format!("part {name:?} cannot be serialized: {err}"));
                None
            }
        }
    }

    /// Add `value` as one part named `name` with media type `content_type`: a string, number
    /// or bool as its text, anything else (or anything, if `content_type` is JSON) as JSON.
    /// `None`/`null` adds nothing.
    pub fn text<T: Serialize + ?Sized>(
        mut self,
        name: &str,
        value: &T,
        content_type: &str,
    ) -> Self {
        if let Some(value) = self.serialized(name, value) {
            self.value_part(name, &value, content_type);
        }
        self
    }

    /// Like [`text`](Self::text), but an array gives one part per item, all named `name`
    /// (OpenAPI's rule for array properties).
    pub fn text_each<T: Serialize + ?Sized>(
        mut self,
        name: &str,
        value: &T,
        content_type: &str,
    ) -> Self {
        match self.serialized(name, value) {
            Some(Value::Array(items)) => {
                for item in &items {
                    self.value_part(name, item, content_type);
                }
            }
            Some(other) => self.value_part(name, &other, content_type),
            None => {}
        }
        self
    }

    /// Add each file of `files` as a part named `name`; `content_type` is used for files that
    /// do not set their own.
    pub fn file<'a>(
        mut self,
        name: &str,
        files: impl IntoIterator<Item = &'a FilePart>,
        content_type: &str,
    ) -> Self {
        for file in files {
            let file_name = file.file_name.as_deref().unwrap_or(name);
            let content_type = file.content_type.as_deref().unwrap_or(content_type);
            self.part(name, Some(file_name), content_type, &file.bytes);
        }
        self
    }

    /// The `Content-Type` header value (`multipart/form-data; boundary=...`) and the body, or
    /// why a part could not be written.
    pub fn finish(mut self) -> Result<(String, Vec<u8>), String> {
        if let Some(problem) = self.invalid {
            return Err(problem);
        }
        self.body
            .extend_from_slice(format!("--{}--\r\n", self.boundary).as_bytes());
        Ok((
            format!("multipart/form-data; boundary={}", self.boundary),
            self.body,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_json_and_file_parts() {
        #[derive(Serialize)]
        struct Meta {
            a: u8,
        }
        let photo = FilePart::new(&b"\x89PNG"[..]).content_type("image/png");
        let (content_type, body) = Multipart::with_boundary("b")
            .text("title", &"Hi \"you\"", "text/plain")
            .text("count", &3, "text/plain")
            .text("skipped", &None::<String>, "text/plain")
            .text("meta", &Meta { a: 1 }, "application/json")
            .text_each("tags", &["x", "y"], "text/plain")
            .file("photo", [&photo], "application/octet-stream")
            .file("docs", &Vec::<FilePart>::new(), "application/pdf")
            .finish()
            .unwrap();
        assert_eq!(content_type, "multipart/form-data; boundary=b");
        assert_eq!(
            String::from_utf8_lossy(&body),
            "--b\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nHi \"you\"\r\n\
             --b\r\nContent-Disposition: form-data; name=\"count\"\r\n\r\n3\r\n\
             --b\r\nContent-Disposition: form-data; name=\"meta\"\r\nContent-Type: application/json\r\n\r\n{\"a\":1}\r\n\
             --b\r\nContent-Disposition: form-data; name=\"tags\"\r\n\r\nx\r\n\
             --b\r\nContent-Disposition: form-data; name=\"tags\"\r\n\r\ny\r\n\
             --b\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"photo\"\r\nContent-Type: image/png\r\n\r\n\u{FFFD}PNG\r\n\
             --b--\r\n"
        );
    }

    #[test]
    fn names_are_escaped() {
        let (_, body) = Multipart::with_boundary("b")
            .file(
                "f",
                [&FilePart::new(vec![1]).file_name("a\"b\r\n.txt")],
                "x/y",
            )
            .finish()
            .unwrap();
        assert!(String::from_utf8_lossy(&body).contains("filename=\"a%22b%0D%0A.txt\""));
    }

    #[test]
    fn file_parts_debug_without_contents() {
        let file = FilePart::new(vec![1, 2, 3]).file_name("x");
        assert_eq!(
            format!("{file:?}"),
            "FilePart { len: 3, file_name: Some(\"x\"), content_type: None }"
        );
    }
}
