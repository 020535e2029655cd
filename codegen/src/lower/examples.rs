//! Examples against the lowered types: whether each decodes, comes back whole, and if not why.
//!
//! The check follows what the generated serde code does with a value, not JSON Schema in
//! general, so that each example's test asserts what will really happen.

use crate::ir::{Field, Fit, Newtype, Presence, Prim, Struct, TypeDef, TypeKind, TypeRef, Variant};
use serde_json::Value;
use std::fmt::Write;

/// The runtime's reading of dates and date-times, the same file, so that what this check says
/// of an example is what the generated code does with it.
#[path = "../../runtime/src/datetime.rs"]
mod datetime;

/// How `value` fits `ty`.
pub(super) fn fit(types: &[TypeDef], ty: &TypeRef, value: &Value) -> Fit {
    let mut check = Check {
        types,
        at: String::new(),
        dropped: None,
        unions: Vec::new(),
    };
    // An example of a date or date-time itself is tested as a field of that type reads it.
    let checked = match (ty.wire_time(types), value) {
        (Some(p), Value::String(text)) => check.wire_time(p, text),
        _ => check.value(ty, value),
    };
    match checked {
        Err(reason) => Fit::Fails { reason },
        Ok(()) => match check.dropped {
            Some(reason) => Fit::Drops { reason },
            None => Fit::Fits,
        },
    }
}

struct Check<'a> {
    types: &'a [TypeDef],
    /// Where inside the example the check is (a JSON pointer).
    at: String,
    /// The first property a closed object drops.
    dropped: Option<String>,
    /// The untagged unions being checked, each with where in the example: one that holds
    /// itself (`oneOf: [{$ref: itself}, ...]`) would otherwise be checked forever.
    unions: Vec<(usize, String)>,
}

type Checked = Result<(), String>;

impl Check<'_> {
    fn wrong(&self, what: impl std::fmt::Display) -> Checked {
        let at = if self.at.is_empty() {
            String::new()
        } else {
            format!("at `{}`: ", self.at)
        };
        Err(format!("{at}{what}"))
    }

    fn value(&mut self, ty: &TypeRef, value: &Value) -> Checked {
        match ty {
            TypeRef::Json | TypeRef::External(_) => Ok(()),
            TypeRef::Option(inner) => match value {
                Value::Null => Ok(()),
                _ => self.value(inner, value),
            },
            TypeRef::Vec(item) => match value {
                Value::Array(items) => {
                    for (i, v) in items.iter().enumerate() {
                        self.inside(&i.to_string(), |c| c.value(item, v))?;
                    }
                    Ok(())
                }
                other => self.wrong(format_args!("{} where an array is expected", kind(other))),
            },
            TypeRef::Map(item) => match value {
                Value::Object(map) => {
                    for (k, v) in map {
                        self.inside(k, |c| c.value(item, v))?;
                    }
                    Ok(())
                }
                other => self.wrong(format_args!("{} where an object is expected", kind(other))),
            },
            TypeRef::Prim(p) => self.prim(*p, value),
            TypeRef::Named(id) => {
                let def = &self.types[id.0];
                match &def.kind {
                    TypeKind::Struct(s) => self.object(&def.name, s, value, None),
                    TypeKind::Enum(_) => match value {
                        // Any string decodes: unknown ones into the fallback variant.
                        Value::String(_) => Ok(()),
                        other => self.wrong(format_args!(
                            "{} where `{}` (a string enum) is expected",
                            kind(other),
                            def.name
                        )),
                    },
                    TypeKind::Newtype(n) => self.newtype(&def.name, n, value),
                    TypeKind::Alias(_) => match ty.through_aliases(self.types) {
                        // An alias chain that loops stands for no value to check.
                        TypeRef::Named(id)
                            if matches!(self.types[id.0].kind, TypeKind::Alias(_)) =>
                        {
                            Ok(())
                        }
                        end => self.value(end, value),
                    },
                    TypeKind::Tagged { tag, variants, .. } => {
                        let Value::Object(map) = value else {
                            return self.wrong(format_args!(
                                "{} where `{}` (an object tagged by `{tag}`) is expected",
                                kind(value),
                                def.name
                            ));
                        };
                        match map.get(tag) {
                            Some(Value::String(name)) => {
                                match variants.iter().find(|v| v.wire.as_deref() == Some(name)) {
                                    Some(variant) => self.tagged(&variant.ty, value, tag),
                                    // An unknown tag decodes into the fallback variant, whole.
                                    None => Ok(()),
                                }
                            }
                            Some(other) => self.inside(tag, |c| {
                                c.wrong(format_args!(
                                    "{} where a tag (a string) is expected",
                                    kind(other)
                                ))
                            }),
                            None => self.wrong(format_args!("the tag `{tag}` is missing")),
                        }
                    }
                    TypeKind::Untagged { variants } => {
                        let entered = (id.0, self.at.clone());
                        if self.unions.contains(&entered) {
                            return self.wrong(format_args!("`{}` holds itself", def.name));
                        }
                        self.unions.push(entered);
                        let result = self.untagged(&def.name, variants, value);
                        self.unions.pop();
                        result
                    }
                }
            }
        }
    }

    /// The first variant that decodes wins, as with serde's untagged enums.
    fn untagged(&mut self, name: &str, variants: &[Variant], value: &Value) -> Checked {
        let mut reasons = Vec::new();
        for variant in variants {
            let saved = self.dropped.clone();
            match self.value(&variant.ty, value) {
                Ok(()) => return Ok(()),
                Err(reason) => {
                    self.dropped = saved;
                    reasons.push(format!("`{}`: {reason}", variant.ident));
                }
            }
        }
        self.wrong(format_args!(
            "fits none of the variants of `{name}` ({})",
            reasons.join("; ")
        ))
    }

    /// A tagged variant: the tag is the enum's, not a property of the variant's struct.
    fn tagged(&mut self, ty: &TypeRef, value: &Value, tag: &str) -> Checked {
        let types = self.types;
        let end = ty.through_aliases(types);
        match end {
            TypeRef::Named(id) => match &types[id.0].kind {
                TypeKind::Struct(s) => self.object(&types[id.0].name, s, value, Some(tag)),
                _ => self.value(end, value),
            },
            _ => self.value(end, value),
        }
    }

    fn object(&mut self, name: &str, s: &Struct, value: &Value, tag: Option<&str>) -> Checked {
        let Value::Object(map) = value else {
            return self.wrong(format_args!(
                "{} where `{name}` (an object) is expected",
                kind(value)
            ));
        };
        for field in &s.fields {
            match map.get(&field.wire) {
                Some(v) => self.inside(&field.wire, |c| c.field(field, v))?,
                None if field.presence() == Presence::Required
                    && !accepts_missing(self.types, &field.ty) =>
                {
                    return self.wrong(format_args!(
                        "the required property `{}` of `{name}` is missing",
                        field.wire
                    ));
                }
                None => {}
            }
        }
        for (key, v) in map {
            if Some(key.as_str()) == tag || s.fields.iter().any(|f| f.wire == *key) {
                continue;
            }
            match &s.additional {
                Some(ty) => self.inside(key, |c| c.value(ty, v))?,
                None => {
                    if self.dropped.is_none() {
                        let mut at = self.at.clone();
                        push_token(&mut at, key);
                        self.dropped = Some(format!(
                            "`{at}` is not a property of `{name}`, which allows no others"
                        ));
                    }
                }
            }
        }
        Ok(())
    }

    fn field(&mut self, field: &Field, value: &Value) -> Checked {
        match (field.presence(), value, field.wire_time(self.types)) {
            // `null` is `None` for every field but a required, non-nullable one.
            (Presence::Required, Value::Null, _) => self.value(&field.ty, value),
            (_, Value::Null, _) => Ok(()),
            (_, Value::String(text), Some(p)) => self.wire_time(p, text),
            _ => self.value(&field.ty, value),
        }
    }

    /// A date or date-time read as a generated field reads it (`codegen_runtime::lenient`).
    fn wire_time(&mut self, p: Prim, text: &str) -> Checked {
        let fits = match p {
            Prim::Date => datetime::parse_date(text).is_some(),
            _ => datetime::parse_date_time(text).is_some(),
        };
        if fits {
            Ok(())
        } else if p == Prim::Date {
            self.wrong(format_args!(
                "`{text}` is not a date (`YYYY-MM-DD`, or a date-time)"
            ))
        } else {
            self.wrong(format_args!(
                "`{text}` is not a date-time (RFC 3339, or one without an offset)"
            ))
        }
    }

    fn prim(&mut self, p: Prim, value: &Value) -> Checked {
        let fits = match (p, value) {
            (Prim::Bool, Value::Bool(_)) => true,
            (Prim::I32, Value::Number(n)) => n.as_i64().is_some_and(|v| i32::try_from(v).is_ok()),
            (Prim::I64, Value::Number(n)) => n.as_i64().is_some(),
            (Prim::F64, Value::Number(_)) => true,
            (Prim::String, Value::String(_)) => true,
            (Prim::DateTime, Value::String(s)) => {
                return match s.parse::<chrono::DateTime<chrono::FixedOffset>>() {
                    Ok(_) => Ok(()),
                    Err(e) => self.wrong(format_args!("`{s}` is not an RFC 3339 date-time ({e})")),
                }
            }
            (Prim::Date, Value::String(s)) => {
                return match s.parse::<chrono::NaiveDate>() {
                    Ok(_) => Ok(()),
                    Err(e) => self.wrong(format_args!("`{s}` is not a date ({e})")),
                }
            }
            (Prim::Uuid, Value::String(s)) => {
                return match uuid::Uuid::parse_str(s) {
                    Ok(_) => Ok(()),
                    Err(e) => self.wrong(format_args!("`{s}` is not a UUID ({e})")),
                }
            }
            _ => false,
        };
        if fits {
            Ok(())
        } else if let (Prim::I32 | Prim::I64, Value::Number(n)) = (p, value) {
            let rust = if p == Prim::I32 { "i32" } else { "i64" };
            self.wrong(format_args!("`{n}` where an `{rust}` is expected"))
        } else {
            let want = match p {
                Prim::Bool => "a boolean",
                Prim::I32 | Prim::I64 => "an integer",
                Prim::F64 => "a number",
                _ => "a string",
            };
            self.wrong(format_args!("{} where {want} is expected", kind(value)))
        }
    }

    fn newtype(&mut self, name: &str, n: &Newtype, value: &Value) -> Checked {
        let Value::String(s) = value else {
            return self.wrong(format_args!(
                "{} where `{name}` (a string) is expected",
                kind(value)
            ));
        };
        let len = s.chars().count();
        if n.min_length.is_some_and(|min| len < min) || n.max_length.is_some_and(|max| len > max) {
            return self.wrong(format_args!(
                "`{s}` has {len} characters, outside the lengths `{name}` allows"
            ));
        }
        if let Some(pattern) = &n.pattern {
            let matches = regress::Regex::new(pattern).is_ok_and(|re| re.find(s).is_some());
            if !matches {
                return self.wrong(format_args!(
                    "`{s}` does not match `{name}`'s pattern `{pattern}`"
                ));
            }
        }
        Ok(())
    }

    /// Runs `f` one level down, at `token`.
    fn inside(&mut self, token: &str, f: impl FnOnce(&mut Self) -> Checked) -> Checked {
        let len = self.at.len();
        push_token(&mut self.at, token);
        let result = f(self);
        self.at.truncate(len);
        result
    }
}

/// Whether serde decodes a missing field of this type (an `Option` becomes `None`).
fn accepts_missing(types: &[TypeDef], ty: &TypeRef) -> bool {
    matches!(ty.through_aliases(types), TypeRef::Option(_))
}

fn push_token(at: &mut String, token: &str) {
    let _ = write!(at, "/{}", token.replace('~', "~0").replace('/', "~1"));
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "`null`",
        Value::Bool(_) => "a boolean",
        Value::Number(n) if n.is_f64() => "a fractional number",
        Value::Number(_) => "an integer",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
