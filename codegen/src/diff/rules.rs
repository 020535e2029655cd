//! Which changes break downstream code: the rules that depend on how generated items may be used.
//!
//! Growth is the one rule that depends on the generated code's design: an added field or
//! variant breaks code that names every field (struct literals, exhaustive patterns) or
//! matches every variant, unless the emitted item is `#[non_exhaustive]`. The rule reads the
//! attribute from the emitted item, so it changes with the generator, not with this file.

use super::Class;
use crate::ir::Newtype;

/// What grows: a struct by a field, an enum by a variant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Growth {
    /// An optional field (`Option`, `Nullable`): nothing has to set it.
    OptionalField,
    /// A required field: every construction must give it.
    RequiredField,
    Variant,
}

/// The item that grows, as emitted.
pub(super) struct Grown<'s> {
    /// `types::Customer`, `client::AidCustomersPostSuccess`.
    pub path: &'s str,
    pub non_exhaustive: bool,
    /// Derives `Default`.
    pub default: bool,
    /// Has `builder()` (with a typestate `build()`) or a constructor.
    pub builder: bool,
}

/// The class of adding a field or a variant to `item`, and why.
pub(super) fn growth(item: &Grown<'_>, what: Growth) -> (Class, String) {
    let path = item.path;
    match what {
        Growth::RequiredField => {
            let how = if item.builder {
                format!("`{path}::builder()...build()` does not compile until it is set, nor does a struct literal")
            } else {
                format!("struct literals of `{path}` do not compile without it")
            };
            (Class::Breaking, format!("a required field: {how}"))
        }
        Growth::OptionalField if item.non_exhaustive => (
            Class::Additive,
            format!("`{path}` is `#[non_exhaustive]`: no code names all its fields"),
        ),
        Growth::OptionalField => {
            let default = if item.default {
                " (a literal ending in `..Default::default()` still compiles)".to_string()
            } else {
                String::new()
            };
            (
                Class::Breaking,
                format!(
                    "`{path}` is not `#[non_exhaustive]`: struct literals and patterns that name every field no longer compile{default}"
                ),
            )
        }
        Growth::Variant if item.non_exhaustive => (
            Class::Additive,
            format!("`{path}` is `#[non_exhaustive]`: every `match` has a wildcard arm"),
        ),
        Growth::Variant => (
            Class::Breaking,
            format!("an exhaustive `match` on `{path}` does not cover it"),
        ),
    }
}

/// How a validated string's constraints changed: `(class, kind, detail)` per constraint.
pub(super) fn constraints(old: &Newtype, new: &Newtype) -> Vec<(Class, &'static str, String)> {
    let mut out = Vec::new();
    // A bound is tighter when it is new, or moves inward.
    let mut bound = |name: &str, old: Option<usize>, new: Option<usize>, lower: bool| {
        let tighter = match (old, new) {
            (None, Some(_)) => true,
            (Some(_), None) => false,
            (Some(o), Some(n)) if o == n => return,
            (Some(o), Some(n)) => (n > o) == lower,
            (None, None) => return,
        };
        let show = |v: Option<usize>| v.map_or("none".to_string(), |v| v.to_string());
        out.push(tightening(
            tighter,
            format!("`{name}` {} -> {}", show(old), show(new)),
        ));
    };
    bound("minLength", old.min_length, new.min_length, true);
    bound("maxLength", old.max_length, new.max_length, false);
    match (&old.pattern, &new.pattern) {
        (a, b) if a == b => {}
        (None, Some(p)) => out.push(tightening(true, format!("`pattern` `{p}` added"))),
        (Some(p), None) => out.push(tightening(false, format!("`pattern` `{p}` removed"))),
        (Some(a), Some(b)) => out.push((
            Class::Breaking,
            "constraint_changed",
            format!("`pattern` `{a}` -> `{b}`: `new` may reject values it accepted"),
        )),
        (None, None) => {}
    }
    out
}

/// Inclusive bounds of an integer parameter, checked before sending: like string bounds.
pub(super) fn int_range(
    old: (Option<i64>, Option<i64>),
    new: (Option<i64>, Option<i64>),
) -> Vec<(Class, &'static str, String)> {
    let mut out = Vec::new();
    let show = |v: Option<i64>| v.map_or("none".to_string(), |v| v.to_string());
    for (name, o, n, lower) in [
        ("minimum", old.0, new.0, true),
        ("maximum", old.1, new.1, false),
    ] {
        let tighter = match (o, n) {
            (None, Some(_)) => true,
            (Some(_), None) => false,
            (Some(a), Some(b)) if a != b => (b > a) == lower,
            _ => continue,
        };
        out.push(tightening(
            tighter,
            format!("`{name}` {} -> {}", show(o), show(n)),
        ));
    }
    out
}

/// A tighter constraint rejects values that passed (breaking); a looser one accepts more (a
/// capability added, minor).
fn tightening(tighter: bool, what: String) -> (Class, &'static str, String) {
    if tighter {
        (
            Class::Breaking,
            "constraint_tightened",
            format!("{what}: values accepted before are rejected now"),
        )
    } else {
        (
            Class::Additive,
            "constraint_loosened",
            format!("{what}: more values are accepted"),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nt(min: Option<usize>, max: Option<usize>, pattern: Option<&str>) -> Newtype {
        Newtype {
            min_length: min,
            max_length: max,
            pattern: pattern.map(String::from),
        }
    }

    #[test]
    fn a_bound_moving_inward_or_appearing_tightens() {
        let kinds = |a, b| -> Vec<&str> { constraints(&a, &b).iter().map(|c| c.1).collect() };
        assert_eq!(
            kinds(nt(None, Some(10), None), nt(None, Some(5), None)),
            ["constraint_tightened"]
        );
        assert_eq!(
            kinds(nt(None, Some(5), None), nt(None, Some(10), None)),
            ["constraint_loosened"]
        );
        assert_eq!(
            kinds(nt(Some(1), None, None), nt(Some(2), None, None)),
            ["constraint_tightened"]
        );
        assert_eq!(
            kinds(nt(Some(2), None, None), nt(None, None, None)),
            ["constraint_loosened"]
        );
        assert_eq!(
            kinds(nt(None, None, None), nt(None, None, Some("^a"))),
            ["constraint_tightened"]
        );
        assert_eq!(
            kinds(nt(None, None, Some("^a")), nt(None, None, Some("^b"))),
            ["constraint_changed"]
        );
        assert!(kinds(
            nt(Some(1), Some(2), Some("x")),
            nt(Some(1), Some(2), Some("x"))
        )
        .is_empty());
        let ranges: Vec<&str> = int_range((Some(1), Some(100)), (Some(1), Some(50)))
            .iter()
            .map(|c| c.1)
            .collect();
        assert_eq!(ranges, ["constraint_tightened"]);
    }

    #[test]
    fn growth_follows_the_emitted_attribute() {
        let mut item = Grown {
            path: "types::A",
            non_exhaustive: false,
            default: true,
            builder: false,
        };
        assert_eq!(growth(&item, Growth::OptionalField).0, Class::Breaking);
        assert_eq!(growth(&item, Growth::Variant).0, Class::Breaking);
        item.non_exhaustive = true;
        assert_eq!(growth(&item, Growth::OptionalField).0, Class::Additive);
        assert_eq!(growth(&item, Growth::Variant).0, Class::Additive);
        assert_eq!(growth(&item, Growth::RequiredField).0, Class::Breaking);
    }
}
