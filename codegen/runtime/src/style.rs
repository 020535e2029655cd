//! OpenAPI parameter styles (`form`, `deepObject`, `simple`, ...): any `Serialize` value written by the spec's table.
//!
//! The rules, and the table they follow, are documented on [`ParamStyle`].

use std::borrow::Cow;

use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS, NON_ALPHANUMERIC};
use serde::Serialize;
use serde_json::Value;

/// How a parameter, or a property of a form body, is written: OpenAPI's `style`, or
/// [`Json`](Self::Json) for a parameter described with `content: application/json`.
///
/// Generated code passes it with the spec's `explode` to
/// [`RequestParts::query_styled`](crate::RequestParts::query_styled),
/// [`header_styled`](crate::RequestParts::header_styled),
/// [`cookie`](crate::RequestParts::cookie), [`path_param`] and
/// [`RequestParts::form`](crate::RequestParts::form).
///
/// The rules are those of the OpenAPI 3.0 "Style Values" table (section 4.8.12.4). A value is
/// first turned into its serde form (as `serde_json` sees it, so `#[serde(rename)]`,
/// `skip_serializing_if` and friends apply), then written by its shape:
///
/// | style | explode | array `[blue, black]` | object `{R: 100, G: 200}` |
/// |---|---|---|---|
/// | `form` | false | `color=blue,black` | `color=R,100,G,200` |
/// | `form` | true | `color=blue&color=black` | `R=100&G=200` |
/// | `spaceDelimited` | false | `color=blue black` | `color=R 100 G 200` |
/// | `pipeDelimited` | false | `color=blue\|black` | `color=R\|100\|G\|200` |
/// | `deepObject` | any | `color[0]=blue&color[1]=black` | `color[R]=100&color[G]=200` |
/// | `simple` | false / true | `blue,black` | `R,100,G,200` / `R=100,G=200` |
/// | `label` | false / true | `.blue,black` / `.blue.black` | `.R,100,G,200` / `.R=100.G=200` |
/// | `matrix` | false / true | `;color=blue,black` / `;color=blue;color=black` | `;color=R,100,G,200` / `;R=100;G=200` |
///
/// Where the spec leaves a case open this crate decides, and says so: `null` (and `None`)
/// values and properties are left out; an empty array or object adds nothing; `spaceDelimited`
/// and `pipeDelimited` with `explode: true` are `form`'s; `deepObject` nests with brackets
/// (`filter[owner][name]=x`) and numbers array items (`ids[0]=1`); a nested array or object in
/// any other style is written as its compact JSON text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ParamStyle {
    /// Path and header default: `blue,black`.
    Simple,
    /// Path: `.blue.black`.
    Label,
    /// Path: `;color=blue,black`.
    Matrix,
    /// Query and cookie default: `color=blue&color=black`.
    Form,
    /// Query: `color=blue black`.
    SpaceDelimited,
    /// Query: `color=blue|black`.
    PipeDelimited,
    /// Query objects: `color[R]=100&color[G]=200`.
    DeepObject,
    /// `content: application/json`: the value's compact JSON text as one value
    /// (`filter={"a":1}`); `explode` is ignored.
    Json,
}

/// Why a value could not be written as a parameter (it does not serialize, or the style does
/// not apply where it is used).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct StyleError(String);

fn to_value<T: Serialize + ?Sized>(value: &T) -> Result<Value, StyleError> {
    serde_json::to_value(value).map_err(|err| StyleError(format!("cannot be serialized: {err}")))
}

/// The text of a scalar; `None` for `null`, arrays and objects.
fn scalar(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Null | Value::Array(_) | Value::Object(_) => None,
    }
}

/// One atom of a delimited list: a scalar's text, `""` for `null`, or nested JSON.
fn atom(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::Array(_) | Value::Object(_) => value.to_string(),
        other => scalar(other).unwrap_or_default(),
    }
}

/// A value by shape, with `null` properties dropped and everything else made text.
enum Shape {
    Absent,
    Scalar(String),
    Array(Vec<String>),
    Object(Vec<(String, String)>),
}

fn shape(value: &Value) -> Shape {
    match value {
        Value::Null => Shape::Absent,
        Value::Array(items) if items.is_empty() => Shape::Absent,
        Value::Array(items) => Shape::Array(items.iter().map(atom).collect()),
        Value::Object(props) => {
            let props: Vec<(String, String)> = props
                .iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k.clone(), atom(v)))
                .collect();
            if props.is_empty() {
                Shape::Absent
            } else {
                Shape::Object(props)
            }
        }
        other => Shape::Scalar(atom(other)),
    }
}

fn delimiter(style: ParamStyle) -> &'static str {
    match style {
        ParamStyle::SpaceDelimited => " ",
        ParamStyle::PipeDelimited => "|",
        _ => ",",
    }
}

/// `k1,v1,k2,v2` (or with another delimiter).
fn flat(props: &[(String, String)], delim: &str) -> String {
    let mut out = Vec::with_capacity(props.len() * 2);
    for (k, v) in props {
        out.push(k.as_str());
        out.push(v.as_str());
    }
    out.join(delim)
}

/// `k1=v1,k2=v2` (or with another separator).
fn pairs_joined(props: &[(String, String)], sep: &str) -> String {
    props
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join(sep)
}

fn deep(prefix: String, value: &Value, out: &mut Vec<(String, String)>) {
    match value {
        Value::Null => {}
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                deep(format!("{prefix}[{i}]"), item, out);
            }
        }
        Value::Object(props) => {
            for (k, v) in props {
                deep(format!("{prefix}[{k}]"), v, out);
            }
        }
        other => out.push((prefix, atom(other))),
    }
}

fn pairs_of(
    name: &str,
    value: &Value,
    style: ParamStyle,
    explode: bool,
) -> Result<Vec<(String, String)>, StyleError> {
    let out = match style {
        ParamStyle::Json => match value {
            Value::Null => Vec::new(),
            other => vec![(name.to_owned(), other.to_string())],
        },
        ParamStyle::DeepObject => match value {
            Value::Array(_) | Value::Object(_) => {
                let mut out = Vec::new();
                deep(name.to_owned(), value, &mut out);
                out
            }
            Value::Null => Vec::new(),
            other => vec![(name.to_owned(), atom(other))],
        },
        ParamStyle::Form | ParamStyle::SpaceDelimited | ParamStyle::PipeDelimited => {
            let delim = delimiter(style);
            match shape(value) {
                Shape::Absent => Vec::new(),
                Shape::Scalar(text) => vec![(name.to_owned(), text)],
                Shape::Array(items) if explode => {
                    items.into_iter().map(|v| (name.to_owned(), v)).collect()
                }
                Shape::Array(items) => vec![(name.to_owned(), items.join(delim))],
                Shape::Object(props) if explode => props,
                Shape::Object(props) => vec![(name.to_owned(), flat(&props, delim))],
            }
        }
        ParamStyle::Simple | ParamStyle::Label | ParamStyle::Matrix => {
            return Err(StyleError(format!(
                "parameter {name:?}: style {style:?} is for path (or header) parameters"
            )))
        }
    };
    Ok(out)
}

/// The raw `(key, value)` pairs of the query parameter `name` in `style` (`Form`,
/// `SpaceDelimited`, `PipeDelimited`, `DeepObject` or `Json`), before percent-encoding.
///
/// ```
/// use codegen_runtime::{query_pairs, ParamStyle};
/// #[derive(serde::Serialize)]
/// struct Color { #[serde(rename = "R")] r: u8, #[serde(rename = "G")] g: u8 }
/// let color = Color { r: 100, g: 200 };
/// let pairs = query_pairs("color", &color, ParamStyle::DeepObject, true).unwrap();
/// assert_eq!(pairs, [("color[R]".to_owned(), "100".to_owned()), ("color[G]".to_owned(), "200".to_owned())]);
/// let pairs = query_pairs("color", &color, ParamStyle::Form, false).unwrap();
/// assert_eq!(pairs, [("color".to_owned(), "R,100,G,200".to_owned())]);
/// ```
///
/// `None`/`null` gives no pairs. Fails if the value does not serialize or the style is a path
/// or header style.
pub fn query_pairs<T: Serialize + ?Sized>(
    name: &str,
    value: &T,
    style: ParamStyle,
    explode: bool,
) -> Result<Vec<(String, String)>, StyleError> {
    pairs_of(name, &to_value(value)?, style, explode)
}

/// The text of a header parameter in `style` (`Simple` or `Json`): `blue,black`,
/// `R,100,G,200`, or with `explode` `R=100,G=200`. `None` for `None`/`null` or an empty
/// array or object (no header is sent).
pub fn header_text<T: Serialize + ?Sized>(
    value: &T,
    style: ParamStyle,
    explode: bool,
) -> Result<Option<String>, StyleError> {
    let value = to_value(value)?;
    match style {
        ParamStyle::Json => Ok((!value.is_null()).then(|| value.to_string())),
        ParamStyle::Simple => Ok(match shape(&value) {
            Shape::Absent => None,
            Shape::Scalar(text) => Some(text),
            Shape::Array(items) => Some(items.join(",")),
            Shape::Object(props) if explode => Some(pairs_joined(&props, ",")),
            Shape::Object(props) => Some(flat(&props, ",")),
        }),
        other => Err(StyleError(format!(
            "style {other:?} does not apply to headers"
        ))),
    }
}

/// Bytes a cookie value cannot hold (RFC 6265 `cookie-octet`, plus `%` so the encoding is
/// reversible); `,` and `=` stay, since the `form` style uses them as delimiters.
const NOT_COOKIE_OCTET: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b';')
    .add(b'\\')
    .add(b'%')
    .add(0x7f);

/// The `name=value` pairs of a cookie parameter in `style` (`Form` or `Json`), joined with
/// `; ` as one `Cookie` header value: `color=blue`, `color=blue,black`, `color=R,100,G,200`, or
/// with `explode` `color=blue; color=black` and `R=100; G=200`. Values are percent-encoded
/// where a cookie cannot carry them (spaces, `"`, `;`, `\`, `%`, controls, non-ASCII). `None`
/// when there is nothing to send.
pub fn cookie_text<T: Serialize + ?Sized>(
    name: &str,
    value: &T,
    style: ParamStyle,
    explode: bool,
) -> Result<Option<String>, StyleError> {
    if !matches!(style, ParamStyle::Form | ParamStyle::Json) {
        return Err(StyleError(format!(
            "cookie {name:?}: style {style:?} does not apply to cookies"
        )));
    }
    let pairs = pairs_of(name, &to_value(value)?, style, explode)?;
    if pairs.is_empty() {
        return Ok(None);
    }
    let text = pairs
        .iter()
        .map(|(k, v)| {
            format!(
                "{}={}",
                utf8_percent_encode(k, NOT_COOKIE_OCTET),
                utf8_percent_encode(v, NOT_COOKIE_OCTET)
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    Ok(Some(text))
}

/// Every byte except RFC 3986 unreserved characters, as in
/// [`encode_path_segment`](crate::encode_path_segment).
const NOT_UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

fn enc(text: &str) -> Cow<'_, str> {
    utf8_percent_encode(text, NOT_UNRESERVED).into()
}

/// The path text of the path parameter `name` in `style` (`Simple`, `Label`, `Matrix`, or
/// `Json`: the percent-encoded JSON text), percent-encoded except for the style's own
/// delimiters, ready for the path template:
/// `blue,black`, `.blue.black`, `;color=blue,black`, `R=100,G=200`, ... (see the table on
/// [`ParamStyle`]). Fails with [`Error::InvalidRequest`](crate::Error::InvalidRequest)
/// if the value does not serialize or the style is not a path style.
pub fn path_param<T: Serialize + ?Sized, E>(
    name: &str,
    value: &T,
    style: ParamStyle,
    explode: bool,
) -> Result<String, crate::Error<E>> {
    path_text(name, value, style, explode).map_err(|err| crate::Error::InvalidRequest(err.0))
}

fn path_text<T: Serialize + ?Sized>(
    name: &str,
    value: &T,
    style: ParamStyle,
    explode: bool,
) -> Result<String, StyleError> {
    let value = to_value(value)?;
    if style == ParamStyle::Json {
        return Ok(enc(&value.to_string()).into_owned());
    }
    let name = enc(name);
    let shape = match shape(&value) {
        Shape::Absent => Shape::Scalar(String::new()),
        other => other,
    };
    let text = match (style, shape) {
        (ParamStyle::Simple, Shape::Scalar(v)) => enc(&v).into_owned(),
        (ParamStyle::Simple, Shape::Array(items)) => join_enc(&items, ","),
        (ParamStyle::Simple, Shape::Object(props)) => obj_enc(&props, explode, ","),
        (ParamStyle::Label, Shape::Scalar(v)) => format!(".{}", enc(&v)),
        (ParamStyle::Label, Shape::Array(items)) => {
            format!(".{}", join_enc(&items, if explode { "." } else { "," }))
        }
        (ParamStyle::Label, Shape::Object(props)) => {
            format!(
                ".{}",
                obj_enc(&props, explode, if explode { "." } else { "," })
            )
        }
        (ParamStyle::Matrix, Shape::Scalar(v)) if v.is_empty() => format!(";{name}"),
        (ParamStyle::Matrix, Shape::Scalar(v)) => format!(";{name}={}", enc(&v)),
        (ParamStyle::Matrix, Shape::Array(items)) if explode => items
            .iter()
            .map(|v| format!(";{name}={}", enc(v)))
            .collect(),
        (ParamStyle::Matrix, Shape::Array(items)) => format!(";{name}={}", join_enc(&items, ",")),
        (ParamStyle::Matrix, Shape::Object(props)) if explode => {
            format!(";{}", obj_enc(&props, true, ";"))
        }
        (ParamStyle::Matrix, Shape::Object(props)) => {
            format!(";{name}={}", obj_enc(&props, false, ","))
        }
        (other, _) => {
            return Err(StyleError(format!(
                "path parameter {name:?}: style {other:?} does not apply to paths"
            )))
        }
    };
    Ok(text)
}

fn join_enc(items: &[String], delim: &str) -> String {
    items.iter().map(|v| enc(v)).collect::<Vec<_>>().join(delim)
}

/// `k=v<sep>k=v` when exploded, else `k,v,k,v` (always comma-joined).
fn obj_enc(props: &[(String, String)], explode: bool, sep: &str) -> String {
    if explode {
        props
            .iter()
            .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
            .collect::<Vec<_>>()
            .join(sep)
    } else {
        let mut out = Vec::with_capacity(props.len() * 2);
        for (k, v) in props {
            out.push(enc(k));
            out.push(enc(v));
        }
        out.join(",")
    }
}

/// The encoding of one property of a form body: its wire name, style and `explode`, from the
/// media type's `encoding` map. Properties not listed use `form` with `explode: true`.
pub type FormEncoding = (&'static str, ParamStyle, bool);

/// The `application/x-www-form-urlencoded` text of `body`, an object (a struct or map), each
/// property written like a query parameter per `encoding` (default `form`, `explode: true`):
/// `name=Ann&tags=a&tags=b&filter%5Bstatus%5D=open`. `None`/`null` properties are left out.
pub fn encode_form<T: Serialize + ?Sized>(
    body: &T,
    encoding: &[FormEncoding],
) -> Result<String, StyleError> {
    let value = to_value(body)?;
    let props = match &value {
        Value::Object(props) => props,
        Value::Null => return Ok(String::new()),
        _ => {
            return Err(StyleError(
                "a form body must be an object (a struct or a map)".to_owned(),
            ))
        }
    };
    let mut form = url::form_urlencoded::Serializer::new(String::new());
    for (name, value) in props {
        let (style, explode) = encoding
            .iter()
            .find(|(n, ..)| n == name)
            .map_or((ParamStyle::Form, true), |&(_, s, e)| (s, e));
        form.extend_pairs(pairs_of(name, value, style, explode)?);
    }
    Ok(form.finish())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// `&`-joined raw pairs, as the spec's table writes them.
    fn query(value: Value, style: ParamStyle, explode: bool) -> String {
        query_pairs("color", &value, style, explode)
            .unwrap()
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("&")
    }

    fn path(value: Value, style: ParamStyle, explode: bool) -> String {
        path_text("color", &value, style, explode).unwrap()
    }

    fn rgb() -> Value {
        json!({"R": 100, "G": 200, "B": 150})
    }

    fn colors() -> Value {
        json!(["blue", "black", "brown"])
    }

    #[test]
    fn form_matches_the_spec_table() {
        use ParamStyle::Form;
        assert_eq!(query(json!("blue"), Form, false), "color=blue");
        assert_eq!(query(json!("blue"), Form, true), "color=blue");
        assert_eq!(query(colors(), Form, false), "color=blue,black,brown");
        assert_eq!(
            query(colors(), Form, true),
            "color=blue&color=black&color=brown"
        );
        assert_eq!(query(rgb(), Form, false), "color=R,100,G,200,B,150");
        assert_eq!(query(rgb(), Form, true), "R=100&G=200&B=150");
    }

    #[test]
    fn delimited_and_deep_object_match_the_spec_table() {
        use ParamStyle::{DeepObject, PipeDelimited, SpaceDelimited};
        assert_eq!(
            query(colors(), SpaceDelimited, false),
            "color=blue black brown"
        );
        assert_eq!(
            query(colors(), PipeDelimited, false),
            "color=blue|black|brown"
        );
        assert_eq!(
            query(rgb(), SpaceDelimited, false),
            "color=R 100 G 200 B 150"
        );
        assert_eq!(
            query(rgb(), PipeDelimited, false),
            "color=R|100|G|200|B|150"
        );
        assert_eq!(
            query(rgb(), DeepObject, true),
            "color[R]=100&color[G]=200&color[B]=150"
        );
        // Percent-encoded on the wire as the table shows it (`%20`, or `+` in a form).
        let pairs = query_pairs("color", &colors(), SpaceDelimited, false).unwrap();
        let encoded = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(pairs)
            .finish();
        assert_eq!(encoded, "color=blue+black+brown");
    }

    #[test]
    fn deep_objects_nest_with_brackets_and_number_array_items() {
        let filter = json!({"owner": {"name": "Ann"}, "ids": [1, 2], "gone": null});
        assert_eq!(
            query_pairs("filter", &filter, ParamStyle::DeepObject, true)
                .unwrap()
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>(),
            [
                "filter[owner][name]=Ann",
                "filter[ids][0]=1",
                "filter[ids][1]=2"
            ]
        );
    }

    #[test]
    fn absent_values_and_empty_arrays_add_nothing() {
        assert_eq!(query(Value::Null, ParamStyle::Form, true), "");
        assert_eq!(query(json!([]), ParamStyle::Form, false), "");
        assert_eq!(query(json!({"R": null}), ParamStyle::Form, true), "");
        assert_eq!(
            query(json!({"R": 1, "G": null}), ParamStyle::Form, false),
            "color=R,1"
        );
        assert_eq!(
            query_pairs("color", &None::<u8>, ParamStyle::DeepObject, true).unwrap(),
            []
        );
    }

    #[test]
    fn json_content_is_the_compact_json_text() {
        assert_eq!(
            query(json!({"a": [1, "x"]}), ParamStyle::Json, false),
            r#"color={"a":[1,"x"]}"#
        );
        assert_eq!(
            header_text(&json!({"a": 1}), ParamStyle::Json, false).unwrap(),
            Some(r#"{"a":1}"#.to_owned())
        );
    }

    #[test]
    fn path_styles_match_the_spec_table() {
        use ParamStyle::{Label, Matrix, Simple};
        assert_eq!(path(json!("blue"), Simple, false), "blue");
        assert_eq!(path(colors(), Simple, false), "blue,black,brown");
        assert_eq!(path(colors(), Simple, true), "blue,black,brown");
        assert_eq!(path(rgb(), Simple, false), "R,100,G,200,B,150");
        assert_eq!(path(rgb(), Simple, true), "R=100,G=200,B=150");
        assert_eq!(path(json!("blue"), Label, false), ".blue");
        assert_eq!(path(colors(), Label, false), ".blue,black,brown");
        assert_eq!(path(colors(), Label, true), ".blue.black.brown");
        assert_eq!(path(rgb(), Label, false), ".R,100,G,200,B,150");
        assert_eq!(path(rgb(), Label, true), ".R=100.G=200.B=150");
        assert_eq!(path(json!("blue"), Matrix, false), ";color=blue");
        assert_eq!(path(Value::Null, Matrix, false), ";color");
        assert_eq!(path(colors(), Matrix, false), ";color=blue,black,brown");
        assert_eq!(
            path(colors(), Matrix, true),
            ";color=blue;color=black;color=brown"
        );
        assert_eq!(path(rgb(), Matrix, false), ";color=R,100,G,200,B,150");
        assert_eq!(path(rgb(), Matrix, true), ";R=100;G=200;B=150");
        // Values are percent-encoded; the style's delimiters are not.
        assert_eq!(path(json!(["a/b", "c,d"]), Simple, false), "a%2Fb,c%2Cd");
        assert!(path_text("color", &colors(), ParamStyle::Form, false).is_err());
        assert_eq!(
            path(json!({"a": 1}), ParamStyle::Json, false),
            "%7B%22a%22%3A1%7D"
        );
    }

    #[test]
    fn headers_are_simple() {
        use ParamStyle::Simple;
        assert_eq!(
            header_text(&colors(), Simple, false).unwrap().as_deref(),
            Some("blue,black,brown")
        );
        assert_eq!(
            header_text(&rgb(), Simple, false).unwrap().as_deref(),
            Some("R,100,G,200,B,150")
        );
        assert_eq!(
            header_text(&rgb(), Simple, true).unwrap().as_deref(),
            Some("R=100,G=200,B=150")
        );
        assert_eq!(header_text(&None::<u8>, Simple, false).unwrap(), None);
        assert!(header_text(&rgb(), ParamStyle::DeepObject, false).is_err());
    }

    #[test]
    fn cookies_are_form_joined_with_semicolons() {
        use ParamStyle::Form;
        let text = |v: Value, explode| cookie_text("color", &v, Form, explode).unwrap();
        assert_eq!(text(json!("blue"), false).as_deref(), Some("color=blue"));
        assert_eq!(
            text(colors(), false).as_deref(),
            Some("color=blue,black,brown")
        );
        assert_eq!(
            text(colors(), true).as_deref(),
            Some("color=blue; color=black; color=brown")
        );
        assert_eq!(
            text(rgb(), false).as_deref(),
            Some("color=R,100,G,200,B,150")
        );
        assert_eq!(text(rgb(), true).as_deref(), Some("R=100; G=200; B=150"));
        assert_eq!(
            text(json!("a b;c"), false).as_deref(),
            Some("color=a%20b%3Bc")
        );
        assert_eq!(text(Value::Null, false), None);
    }

    #[test]
    fn form_bodies_follow_their_encoding() {
        let body = json!({
            "name": "Ann Lee",
            "tags": ["a", "b"],
            "filter": {"status": "open"},
            "ids": [1, 2],
            "meta": {"k": true},
            "missing": null,
        });
        let encoding: [FormEncoding; 3] = [
            ("filter", ParamStyle::DeepObject, true),
            ("ids", ParamStyle::Form, false),
            ("meta", ParamStyle::Json, false),
        ];
        assert_eq!(
            encode_form(&body, &encoding).unwrap(),
            "name=Ann+Lee&tags=a&tags=b&filter%5Bstatus%5D=open&ids=1%2C2&meta=%7B%22k%22%3Atrue%7D"
        );
        // Default `form` + `explode: true`: an object property's properties become keys.
        assert_eq!(
            encode_form(&json!({"address": {"city": "Oslo"}}), &[]).unwrap(),
            "city=Oslo"
        );
        assert!(encode_form(&json!([1]), &[]).is_err());
    }
}
