//! Lower: `openapiv3::OpenAPI` into [`ir::Api`]. Every check and every name is decided here.
//!
//! Types are created on demand while operations and components are walked, keyed by where they
//! come from (`Origin`), so a schema reached twice is one type. Names are settled at the end,
//! once every candidate is known, which makes them independent of the walk order's accidents.

mod builders;
mod examples;
mod extras;
mod features;
mod names;
mod ops;
mod paging;
mod schema;
mod servers;

use crate::diag::{Diagnostic, Diagnostics, Pointer, Severity};
use crate::ir::{self, Api, Example, TypeId, TypeKind, TypeRef};
use crate::load::Document;
use openapiv3::{OpenAPI, ReferenceOr, Schema};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// Lower a loaded document: the one entry of the stage. Its diagnostics (the loader's warnings,
/// then lowering's) point into the files the user edits. The [`Api`] is reached only through
/// [`Lowered::check`] or [`Lowered::best_effort`], so no caller can overlook an error.
pub fn lower(doc: &Document, options: &crate::Options) -> Lowered {
    let mut cx = Lowerer::new(&doc.spec, options);
    cx.check_overrides();
    cx.lower_component_strings();
    let operations = cx.lower_operations();
    let servers = cx.lower_servers();
    cx.lower_remaining_components();
    let (mut api, mut diags) = cx.finish(operations, servers);
    paging::detect(&mut api, options, &mut diags);
    let mut lowered = diags.into_vec();
    doc.relocate(&mut lowered);
    let mut diagnostics = doc.warnings.clone();
    diagnostics.extend(lowered);
    // Errors first, each kind in the order found.
    diagnostics.sort_by_key(|d| d.severity != Severity::Error);
    Lowered { api, diagnostics }
}

/// What [`lower`] made of a document, with every diagnostic, errors first.
#[derive(Debug)]
#[must_use = "call `check()` (or `best_effort()`): the document may have errors"]
pub struct Lowered {
    api: Api,
    diagnostics: Vec<Diagnostic>,
}

impl Lowered {
    /// The API and its warnings, or every diagnostic when one is an error.
    pub fn check(self) -> Result<(Api, Vec<Diagnostic>), Vec<Diagnostic>> {
        if self.has_errors() {
            return Err(self.diagnostics);
        }
        Ok((self.api, self.diagnostics))
    }

    /// The API even when the document has errors (what could not be lowered is untyped JSON),
    /// with every diagnostic: for the proc-macro, so that one spec error is one compiler error,
    /// and for tests and tools that look at the diagnostics themselves.
    pub fn best_effort(self) -> (Api, Vec<Diagnostic>) {
        (self.api, self.diagnostics)
    }

    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .first()
            .is_some_and(|d| d.severity == Severity::Error)
    }
}

/// Which side of the wire a type is for: `readOnly` properties exist only in `Read`,
/// `writeOnly` only in `Write`. Schemas without either are lowered once, as `Any`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Dir {
    Any,
    Read,
    Write,
}

/// Where a type comes from: the schema's pointer, the direction, and the discriminator
/// property left out when the type is the payload of a tagged union. An interned type's is
/// the first schema of its shape.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Origin {
    at: Pointer,
    dir: Dir,
    omit: Option<String>,
}

/// What makes two string types declared in different places one type.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Interned {
    /// A string enum: its values, in order.
    Enum(Vec<String>),
    /// A constrained string: the property (or context) name it is for, and its constraints.
    Newtype {
        name: String,
        min_length: Option<usize>,
        max_length: Option<usize>,
        pattern: Option<String>,
    },
}

/// Naming context for an inline schema: the name its owner suggests (`CustomerType` for the
/// `type` property of `Customer`) and the bare property name it sits under, if any.
#[derive(Debug, Clone)]
pub(crate) struct Hint {
    name: String,
    prop: Option<String>,
}

impl Hint {
    fn new(name: impl Into<String>) -> Self {
        Hint {
            name: name.into(),
            prop: None,
        }
    }

    /// The hint for a property (or parameter) `prop` of this owner.
    fn prop(&self, prop: &str) -> Self {
        Hint {
            name: format!("{}{}", self.name, crate::naming::type_ident(prop, "Field")),
            prop: Some(prop.to_string()),
        }
    }

    fn suffix(&self, suffix: &str) -> Self {
        Hint {
            name: format!("{}{suffix}", self.name),
            prop: None,
        }
    }
}

/// A type under construction.
#[derive(Debug)]
struct Slot {
    origin: Origin,
    /// A component's own name; collisions between these are errors.
    required_name: Option<String>,
    /// Context names suggested by every place that uses the type.
    candidates: BTreeSet<String>,
    /// Bare property names (`PhoneNumber`) offered by multi-word properties.
    bare: BTreeSet<String>,
    /// How many places use the type (offered a name).
    sites: usize,
    docs: ir::Docs,
    deprecated: bool,
    kind: Option<TypeKind>,
}

pub(crate) struct Lowerer<'a> {
    spec: &'a OpenAPI,
    options: &'a crate::Options,
    diags: Diagnostics,
    slots: Vec<Slot>,
    by_origin: BTreeMap<Origin, TypeId>,
    /// Enums and newtypes by their shape, so identical ones declared in several places
    /// become one type.
    interned: BTreeMap<Interned, TypeId>,
    sensitive: HashMap<Pointer, bool>,
    visiting: HashSet<Pointer>,
    /// Set when `is_sensitive` answered `false` for a schema still being visited (a cycle):
    /// results that depend on such an answer are not cached.
    provisional: bool,
    examples: BTreeMap<Pointer, Example>,
}

impl<'a> Lowerer<'a> {
    fn new(spec: &'a OpenAPI, options: &'a crate::Options) -> Self {
        Lowerer {
            spec,
            options,
            diags: Diagnostics::default(),
            slots: Vec::new(),
            by_origin: BTreeMap::new(),
            interned: BTreeMap::new(),
            sensitive: HashMap::new(),
            visiting: HashSet::new(),
            provisional: false,
            examples: BTreeMap::new(),
        }
    }

    fn error(&mut self, at: &Pointer, message: impl Into<String>) {
        self.diags.push(Diagnostic::error(at, message));
    }

    fn warn(&mut self, at: &Pointer, message: impl Into<String>) {
        self.diags.push(Diagnostic::warning(at, message));
    }

    /// Type overrides must be Rust types, and a schema override must name a schema.
    fn check_overrides(&mut self) {
        let options = self.options;
        for derive in &options.extra_derives {
            if ir::RustCode::path(derive).is_none() {
                self.diags.push(
                    Diagnostic::global(format!("extra derive `{derive}` is not a Rust path"))
                        .with_help(
                        "write a derive macro's path, e.g. `Eq` or `serde_with::SerializeDisplay`",
                    ),
                );
            }
        }
        for (key, path) in &options.type_overrides {
            if ir::RustCode::ty(path).is_none() {
                self.diags.push(Diagnostic {
                    help: Some("write a type path such as `my_crate::CustomerId`".into()),
                    ..Diagnostic::error(
                        &Pointer::root(),
                        format!("type override `{key}`: `{path}` is not a Rust type"),
                    )
                });
            }
            let known = key.starts_with("format:")
                || self
                    .spec
                    .components
                    .as_ref()
                    .is_some_and(|c| c.schemas.contains_key(key));
            if !known {
                self.diags.push(Diagnostic {
                    help: Some("use a schema name or `format:<format>`".into()),
                    ..Diagnostic::warning(
                        &Pointer::from_tokens(["components", "schemas"]),
                        format!("type override `{key}` matches no schema; it is unused"),
                    )
                });
            }
        }
    }

    /// The user's type in place of a component schema or a string format, if overridden.
    fn override_for(&self, key: &str) -> Option<TypeRef> {
        let path = self.options.type_overrides.get(key)?;
        // One that does not parse is an error already (`check_overrides`).
        ir::RustCode::ty(path).map(TypeRef::External)
    }

    /// Reserve a type slot for a schema, found again by its `origin`; its kind is filled in
    /// later (so cycles can refer to it).
    fn new_slot(
        &mut self,
        origin: Origin,
        required_name: Option<String>,
        hint: Option<&Hint>,
    ) -> TypeId {
        let id = self.push_slot(origin.clone(), required_name, hint);
        self.by_origin.insert(origin, id);
        id
    }

    /// A type slot found by other means than its origin (an interned shape).
    fn push_slot(
        &mut self,
        origin: Origin,
        required_name: Option<String>,
        hint: Option<&Hint>,
    ) -> TypeId {
        let id = TypeId(self.slots.len());
        self.slots.push(Slot {
            origin,
            required_name,
            candidates: BTreeSet::new(),
            bare: BTreeSet::new(),
            sites: 0,
            docs: ir::Docs::default(),
            deprecated: false,
            kind: None,
        });
        if let Some(hint) = hint {
            self.offer_name(id, hint);
        }
        id
    }

    fn offer_name(&mut self, id: TypeId, hint: &Hint) {
        let slot = &mut self.slots[id.0];
        slot.sites += 1;
        slot.candidates.insert(hint.name.clone());
        if let Some(prop) = &hint.prop {
            let snake = crate::naming::field_ident(prop, "field");
            if snake.trim_matches('_').contains('_') {
                slot.bare.insert(crate::naming::type_ident(prop, "Field"));
            }
        }
    }

    /// Resolve a local `$ref` to a component of the given section (`schemas`, `parameters`, ...).
    /// Reports a missing target or an external reference at `at`.
    fn resolve_ref<T>(
        &mut self,
        reference: &str,
        at: &Pointer,
        section: &str,
        get: impl Fn(&'a openapiv3::Components) -> &'a indexmap::IndexMap<String, ReferenceOr<T>>,
    ) -> Option<(&'a T, Pointer)> {
        let mut reference = reference.to_string();
        // A component may itself be a $ref; follow a bounded chain.
        for _ in 0..32 {
            let Some(ptr) = Pointer::parse_ref(&reference) else {
                self.diags.push(
                    Diagnostic::error(at, format!("external $ref `{reference}` is not supported"))
                        .with_help(
                            "bundle the document into one file first (e.g. `redocly bundle`)",
                        ),
                );
                return None;
            };
            let tokens = ptr.tokens();
            let found = match tokens {
                [c, s, name] if &**c == "components" && &**s == section => self
                    .spec
                    .components
                    .as_ref()
                    .and_then(|c| get(c).get(&**name)),
                _ => {
                    self.error(
                        at,
                        format!("$ref `{reference}` must point into `#/components/{section}/`"),
                    );
                    return None;
                }
            };
            match found {
                Some(ReferenceOr::Item(item)) => return Some((item, ptr)),
                Some(ReferenceOr::Reference { reference: next }) => reference = next.clone(),
                None => {
                    self.error(
                        at,
                        format!("$ref `{reference}` points to a missing {section} entry"),
                    );
                    return None;
                }
            }
        }
        self.error(
            at,
            format!("$ref `{reference}` is part of a reference cycle"),
        );
        None
    }

    fn resolve_schema(&mut self, reference: &str, at: &Pointer) -> Option<(&'a Schema, Pointer)> {
        self.resolve_ref(reference, at, "schemas", |c| &c.schemas)
    }

    /// Lower every component schema no operation reached, in their read shape.
    fn lower_remaining_components(&mut self) {
        let Some(components) = &self.spec.components else {
            return;
        };
        for (name, schema) in &components.schemas {
            let at = Pointer::from_tokens(["components", "schemas", name.as_str()]);
            let reached = self
                .by_origin
                .range(
                    Origin {
                        at: at.clone(),
                        dir: Dir::Any,
                        omit: None,
                    }..,
                )
                .next()
                .is_some_and(|(o, _)| o.at == at);
            if reached {
                continue;
            }
            match schema {
                ReferenceOr::Item(schema) => {
                    self.named_schema(schema, at, Dir::Read);
                }
                ReferenceOr::Reference { reference } => {
                    self.resolve_schema(reference, &at);
                }
            }
        }
    }

    fn record_example(&mut self, at: Pointer, ty: &TypeRef, value: &serde_json::Value) {
        if self.examples.contains_key(&at) {
            return;
        }
        self.examples.insert(
            at.clone(),
            Example {
                // Settled with every example's (`names::examples`).
                name: String::new(),
                at,
                ty: ty.clone(),
                value: value.clone(),
                // Decided in `finish`, once every type is known.
                fit: ir::Fit::Fits,
            },
        );
    }

    fn finish(
        mut self,
        operations: Vec<ir::Operation>,
        servers: Vec<ir::Server>,
    ) -> (Api, Diagnostics) {
        let names = names::settle(&self.slots, &mut self.diags);
        let mut types: Vec<ir::TypeDef> = self
            .slots
            .into_iter()
            .zip(names)
            .map(|(slot, name)| ir::TypeDef {
                name,
                features: Vec::new(),
                at: slot.origin.at,
                docs: slot.docs,
                deprecated: slot.deprecated,
                kind: slot.kind.unwrap_or(TypeKind::Alias(TypeRef::Json)),
            })
            .collect();
        names::box_cycles(&mut types);
        let mut by_name: Vec<TypeId> = (0..types.len()).map(TypeId).collect();
        by_name.sort_by(|a, b| types[a.0].name.cmp(&types[b.0].name));
        let mut examples: Vec<Example> = self.examples.into_values().collect();
        for example in &mut examples {
            example.fit = examples::fit(&types, &example.ty, &example.value);
            let (what, reason) = match &example.fit {
                ir::Fit::Fits => continue,
                ir::Fit::Fails { reason } => {
                    ("does not fit its schema, so it cannot decode", reason)
                }
                ir::Fit::Drops { reason } => ("loses a property in a round trip", reason),
            };
            self.diags.push(
                Diagnostic::warning(&example.at, format!("example {what}: {reason}")).with_help(
                    "kept as documentation; its test checks what the generated code does with it",
                ),
            );
        }
        names::examples(&mut examples);
        let spec = self.spec;
        let mut api = Api {
            title: spec.info.title.clone(),
            version: spec.info.version.clone(),
            description: spec.info.description.clone(),
            servers,
            types,
            by_name,
            operations,
            examples,
            builders: Vec::new(),
            derives: self
                .options
                .extra_derives
                .iter()
                .filter_map(|d| ir::RustCode::path(d))
                .collect(),
            features: Vec::new(),
        };
        api.builders = builders::plan(&api);
        if self.options.features_by_tag {
            features::assign(&mut api);
        }
        (api, self.diags)
    }
}
