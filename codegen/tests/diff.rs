//! `codegen diff` scenarios: one edit of a description each (Customers, and the `params`
//! fixture), with the bump and the kinds of change it must give.
//!
//! Each edit changes the parsed document (`serde_yaml::Value`), so a scenario is its edit, not a
//! copy of the spec; the Customers edits are `support/customers_edits.rs`, which `cargo xtask
//! semver` runs too. Both sides are lowered and compared in-process: no crate is compiled.

#[path = "support/customers_edits.rs"]
mod customers_edits;
#[path = "support/mutate.rs"]
mod mutate;
#[path = "support/spec_edits.rs"]
mod spec_edits;

use codegen::diff::{compare_snapshots, Bump, Class, Report, Snapshot};
use codegen::ir::Api;
use codegen::Generator;
use customers_edits::{customers_edit, CUSTOMERS_EDITS, USERS};
use serde_yaml::Value;
use spec_edits::{at, insert, push, remove, yaml};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Mutex;

/// Whether generated structs and enums are `#[non_exhaustive]` (so that an added optional
/// field or an added enum value is additive). `today_is_what_the_generator_emits` fails when
/// the generator changes, and these two lines are what to update then.
const STRUCTS_MAY_GROW: bool = true;
const ENUMS_MAY_GROW: bool = true;

/// The bump of a change that only grows a struct (an optional field).
fn struct_growth() -> Bump {
    if STRUCTS_MAY_GROW {
        Bump::Minor
    } else {
        Bump::Major
    }
}

/// The bump of a change that only grows an enum (a value, a variant).
fn enum_growth() -> Bump {
    if ENUMS_MAY_GROW {
        Bump::Minor
    } else {
        Bump::Major
    }
}

fn customers() -> Value {
    let text = include_str!("../../spec/customers.yaml");
    serde_yaml::from_str(text).unwrap()
}

fn params_fixture() -> Value {
    fixture(include_str!("fixtures/params.yaml"))
}

fn api(name: &str, doc: &Value) -> Api {
    Generator::from_text(name, serde_yaml::to_string(doc).unwrap())
        .api()
        .unwrap_or_else(|e| panic!("{e}"))
}

/// The report from `old` to `new`. Each old description is lowered and read once (most
/// scenarios start from Customers).
fn report(old: &Value, new: &Value) -> Report {
    static BASES: Mutex<BTreeMap<String, &'static Snapshot<'static>>> = Mutex::new(BTreeMap::new());
    let text = serde_yaml::to_string(old).unwrap();
    let cached = BASES.lock().unwrap().get(&text).copied();
    let base = cached.unwrap_or_else(|| {
        let api: &'static Api = Box::leak(Box::new(api("old.yaml", old)));
        let snapshot: &'static Snapshot = Box::leak(Box::new(Snapshot::of(api)));
        BASES.lock().unwrap().insert(text, snapshot);
        snapshot
    });
    let new = api("new.yaml", new);
    compare_snapshots(base, &Snapshot::of(&new))
}

struct Scenario {
    name: &'static str,
    base: fn() -> Value,
    edit: fn(&mut Value),
    bump: fn() -> Bump,
    /// Every kind of change the report has, exactly.
    kinds: &'static [&'static str],
    /// `(kind, item, class)` that must be in the report.
    has: &'static [(&'static str, &'static str, Class)],
}

fn scenarios() -> Vec<Scenario> {
    vec![
        Scenario {
            name: "customers: add an enum value",
            base: customers,
            edit: customers_edit("add an enum value"),
            // The value alone is additive (`CustomerType` is `#[non_exhaustive]`), but
            // `BasicUser.type` had the same values, so it was the same type: now it has its own,
            // and the fields of that type are retyped.
            bump: || Bump::Major,
            kinds: &["enum_variant_added", "field_retyped", "type_added"],
            has: &[
                (
                    "enum_variant_added",
                    "types::CustomerType::Robot",
                    ENUM_GROWTH,
                ),
                (
                    "field_retyped",
                    "types::CustomerUpdate::type_",
                    Class::Breaking,
                ),
                ("type_added", "types::BasicUserType", Class::Additive),
            ],
        },
        Scenario {
            name: "customers: add an optional property",
            base: customers,
            edit: customers_edit("add an optional property"),
            bump: struct_growth,
            kinds: &["field_added"],
            has: &[
                ("field_added", "types::Address::floor", STRUCT_GROWTH),
                (
                    "field_added",
                    "types::CustomerAddress::floor",
                    STRUCT_GROWTH,
                ),
            ],
        },
        Scenario {
            name: "customers: add a required property",
            base: customers,
            edit: customers_edit("add a required property"),
            bump: || Bump::Major,
            kinds: &["field_added"],
            has: &[("field_added", "types::Address::region", Class::Breaking)],
        },
        Scenario {
            name: "customers: remove a property",
            base: customers,
            edit: customers_edit("remove a property"),
            bump: || Bump::Major,
            kinds: &["field_removed"],
            has: &[
                (
                    "field_removed",
                    "types::BasicUser::last_name",
                    Class::Breaking,
                ),
                (
                    "field_removed",
                    "types::CustomerResponse::last_name",
                    Class::Breaking,
                ),
            ],
        },
        Scenario {
            name: "customers: retype a property",
            base: customers,
            edit: customers_edit("retype a property"),
            bump: || Bump::Major,
            kinds: &["field_retyped", "field_docs_changed"],
            has: &[(
                "field_retyped",
                "types::MarketingConsentItem::consent",
                Class::Breaking,
            )],
        },
        Scenario {
            name: "customers: add an operation",
            base: customers,
            edit: customers_edit("add an operation"),
            bump: || Bump::Minor,
            kinds: &["operation_added"],
            has: &[(
                "operation_added",
                "Client::aid_customers_ping",
                Class::Additive,
            )],
        },
        Scenario {
            name: "customers: remove an operation",
            base: customers,
            edit: customers_edit("remove an operation"),
            bump: || Bump::Major,
            kinds: &["operation_removed"],
            has: &[(
                "operation_removed",
                "Client::aid_customers_tags_tid_delete",
                Class::Breaking,
            )],
        },
        Scenario {
            name: "customers: add an optional parameter",
            base: customers,
            edit: customers_edit("add an optional parameter"),
            bump: || Bump::Minor,
            kinds: &["parameter_added"],
            has: &[(
                "parameter_added",
                "client::AidCustomersGet::sort",
                Class::Additive,
            )],
        },
        Scenario {
            name: "customers: add a required parameter",
            base: customers,
            edit: customers_edit("add a required parameter"),
            bump: || Bump::Major,
            kinds: &["parameter_added"],
            has: &[(
                "parameter_added",
                "Client::aid_customers_get(region)",
                Class::Breaking,
            )],
        },
        Scenario {
            name: "customers: add an error status of the same type",
            base: customers,
            edit: customers_edit("add an error status of the same type"),
            bump: || Bump::Patch,
            kinds: &["response_added"],
            has: &[(
                "response_added",
                "client::AidCustomersTagsTidDelete::send",
                Class::Docs,
            )],
        },
        Scenario {
            name: "customers: add a success status with another body",
            base: customers,
            edit: customers_edit("add a success status with another body"),
            bump: || Bump::Major,
            kinds: &["response_added", "success_type_changed"],
            has: &[(
                "success_type_changed",
                "client::AidCustomersTagsTidDelete::send",
                Class::Breaking,
            )],
        },
        Scenario {
            name: "customers: tighten a constraint (maxLength)",
            base: customers,
            edit: customers_edit("tighten a constraint (maxLength)"),
            bump: || Bump::Major,
            kinds: &["constraint_tightened"],
            has: &[("constraint_tightened", "types::LocationId", Class::Breaking)],
        },
        Scenario {
            name: "customers: tighten a constraint that identical schemas shared",
            base: customers,
            edit: customers_edit("tighten a constraint that identical schemas shared"),
            bump: || Bump::Major,
            // The `customer_id` properties had the same constraints, so the same type: now they
            // have their own (named after the first), and keep 255.
            kinds: &[
                "constraint_tightened",
                "field_retyped",
                "type_added",
                "type_docs_changed",
            ],
            has: &[
                ("constraint_tightened", "types::CustomerId", Class::Breaking),
                (
                    "field_retyped",
                    "types::CustomerResponse::customer_id",
                    Class::Breaking,
                ),
                (
                    "type_added",
                    "types::CustomerCreateCustomerId",
                    Class::Additive,
                ),
            ],
        },
        Scenario {
            name: "customers: loosen a constraint (maxLength)",
            base: customers,
            edit: customers_edit("loosen a constraint (maxLength)"),
            bump: || Bump::Minor,
            kinds: &["constraint_loosened"],
            has: &[("constraint_loosened", "types::LocationId", Class::Additive)],
        },
        Scenario {
            name: "customers: docs only",
            base: customers,
            edit: customers_edit("docs only"),
            bump: || Bump::Patch,
            kinds: &["field_docs_changed", "operation_docs_changed"],
            has: &[
                ("field_docs_changed", "types::BasicUser::email", Class::Docs),
                (
                    "operation_docs_changed",
                    "Client::aid_customers_get",
                    Class::Docs,
                ),
            ],
        },
        Scenario {
            name: "customers: rename a type",
            base: customers,
            edit: customers_edit("rename a type"),
            bump: || Bump::Major,
            kinds: &["type_renamed"],
            has: &[("type_renamed", "types::TermsAndConditions", Class::Breaking)],
        },
        Scenario {
            name: "customers: make an optional parameter required",
            base: customers,
            edit: customers_edit("make an optional parameter required"),
            bump: || Bump::Major,
            kinds: &["parameter_made_required"],
            has: &[(
                "parameter_made_required",
                "Client::aid_customers_get(email)",
                Class::Breaking,
            )],
        },
        Scenario {
            name: "customers: deprecate an operation",
            base: customers,
            edit: customers_edit("deprecate an operation"),
            bump: || Bump::Minor,
            kinds: &["deprecated"],
            has: &[("deprecated", "Client::aid_customers_get", Class::Additive)],
        },
        // The `params` fixture: parameters of every style, objects in queries and headers.
        Scenario {
            name: "params: add an enum value",
            base: params_fixture,
            edit: |doc| {
                let status = at(
                    doc,
                    &[
                        "components",
                        "schemas",
                        "Filter",
                        "properties",
                        "status",
                        "enum",
                    ],
                );
                status.as_sequence_mut().unwrap().push("archived".into());
            },
            bump: enum_growth,
            kinds: &["enum_variant_added"],
            has: &[(
                "enum_variant_added",
                "types::FilterStatus::Archived",
                ENUM_GROWTH,
            )],
        },
        Scenario {
            name: "params: add an optional property",
            base: params_fixture,
            edit: |doc| {
                insert(
                    doc,
                    &["components", "schemas", "Point", "properties"],
                    "z",
                    yaml("{type: number}"),
                )
            },
            bump: struct_growth,
            kinds: &["field_added"],
            has: &[("field_added", "types::Point::z", STRUCT_GROWTH)],
        },
        Scenario {
            name: "params: add an operation",
            base: params_fixture,
            edit: |doc| {
                let op = "get: {operationId: health, responses: {'200': {description: OK, content: {text/plain: {schema: {type: string}}}}}}";
                insert(doc, &["paths"], "/health", yaml(op));
            },
            bump: || Bump::Minor,
            kinds: &["operation_added"],
            has: &[("operation_added", "Client::health", Class::Additive)],
        },
        Scenario {
            name: "params: make a required cookie optional",
            base: params_fixture,
            edit: |doc| {
                remove(
                    doc,
                    &["paths", "/items/{ids}/{coords}", "get", "parameters", "9"],
                    "required",
                );
            },
            bump: || Bump::Major,
            kinds: &["parameter_made_optional"],
            has: &[(
                "parameter_made_optional",
                "Client::list_items(session)",
                Class::Breaking,
            )],
        },
        Scenario {
            name: "params: change how a parameter is written",
            base: params_fixture,
            edit: |doc| {
                *at(
                    doc,
                    &[
                        "paths",
                        "/items/{ids}/{coords}",
                        "get",
                        "parameters",
                        "3",
                        "style",
                    ],
                ) = "spaceDelimited".into();
            },
            bump: || Bump::Patch,
            kinds: &["parameter_encoding_changed"],
            has: &[(
                "parameter_encoding_changed",
                "client::ListItems::tags",
                Class::Docs,
            )],
        },
        Scenario {
            name: "params: retype a query object",
            base: params_fixture,
            edit: |doc| {
                *at(
                    doc,
                    &[
                        "paths",
                        "/items/{ids}/{coords}",
                        "get",
                        "parameters",
                        "2",
                        "schema",
                    ],
                ) = yaml("{$ref: '#/components/schemas/Filter'}");
            },
            bump: || Bump::Major,
            kinds: &["parameter_retyped"],
            has: &[(
                "parameter_retyped",
                "client::ListItems::point",
                Class::Breaking,
            )],
        },
        // Other fixtures, for what Customers does not have.
        Scenario {
            name: "responses: another success body for an operation with a success enum",
            base: || fixture(include_str!("fixtures/responses.yaml")),
            edit: |doc| {
                let queued = "{description: Queued, content: {application/json: {schema: {$ref: '#/components/schemas/Problem'}}}}";
                insert(
                    doc,
                    &["paths", "/things/{id}", "put", "responses"],
                    "202",
                    yaml(queued),
                );
            },
            bump: enum_growth,
            kinds: &["response_added", "success_variant_added"],
            has: &[(
                "success_variant_added",
                "client::PutThingSuccess::Status202",
                ENUM_GROWTH,
            )],
        },
        Scenario {
            name: "bodies: add an optional multipart part",
            base: || fixture(include_str!("fixtures/bodies.yaml")),
            edit: |doc| {
                let props = &[
                    "paths",
                    "/profiles/{id}/avatar",
                    "put",
                    "requestBody",
                    "content",
                    "multipart/form-data",
                    "schema",
                    "properties",
                ];
                insert(doc, props, "caption", yaml("{type: string}"));
            },
            bump: struct_growth,
            kinds: &["field_added"],
            has: &[(
                "field_added",
                "client::UploadAvatarMultipart::caption",
                STRUCT_GROWTH,
            )],
        },
        Scenario {
            name: "composition: add a variant to an untagged union",
            base: || fixture(include_str!("fixtures/composition.yaml")),
            edit: |doc| {
                let breed =
                    "{type: object, required: [breed], properties: {breed: {type: string}}}";
                insert(doc, &["components", "schemas"], "Breed", yaml(breed));
                push(
                    doc,
                    &["components", "schemas", "SearchHit", "oneOf"],
                    yaml("{$ref: '#/components/schemas/Breed'}"),
                );
            },
            bump: enum_growth,
            kinds: &["type_added", "union_variant_added"],
            has: &[(
                "union_variant_added",
                "types::SearchHit::Breed",
                ENUM_GROWTH,
            )],
        },
    ]
}

fn fixture(text: &str) -> Value {
    serde_yaml::from_str(text).unwrap()
}

/// The class of a change that only grows a struct, an enum.
const STRUCT_GROWTH: Class = class_of(STRUCTS_MAY_GROW);
const ENUM_GROWTH: Class = class_of(ENUMS_MAY_GROW);

const fn class_of(may_grow: bool) -> Class {
    if may_grow {
        Class::Additive
    } else {
        Class::Breaking
    }
}

#[test]
fn every_scenario_gives_its_bump_and_kinds() {
    let list = scenarios();
    assert!(list.len() >= 12);
    // Each scenario lowers and compares two descriptions (about a second for Customers in a
    // debug build): on every core.
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let chunk = list.len().div_ceil(threads);
    let failures: Vec<String> = std::thread::scope(|scope| {
        let handles: Vec<_> = list
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().filter_map(check).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A scenario's failure, if it fails.
fn check(s: &Scenario) -> Option<String> {
    {
        let old = (s.base)();
        let mut new = old.clone();
        (s.edit)(&mut new);
        let r = report(&old, &new);
        let kinds: BTreeSet<&str> = r.changes.iter().map(|c| c.kind).collect();
        let want: BTreeSet<&str> = s.kinds.iter().copied().collect();
        let missing: Vec<_> = s
            .has
            .iter()
            .filter(|(kind, item, class)| {
                !r.changes
                    .iter()
                    .any(|c| c.kind == *kind && c.item == *item && c.class == *class)
            })
            .collect();
        (r.bump() != (s.bump)() || kinds != want || !missing.is_empty()).then(|| {
            format!(
                "{}: bump {:?} (want {:?}), kinds {kinds:?} (want {want:?}), missing {missing:?}\n{}",
                s.name,
                r.bump(),
                (s.bump)(),
                r.to_text()
            )
        })
    }
}

#[test]
fn the_same_description_has_no_change_and_is_a_patch() {
    let doc = customers();
    let r = report(&doc, &doc);
    assert!(r.changes.is_empty(), "{}", r.to_text());
    assert_eq!(r.bump(), Bump::Patch);
}

#[test]
fn changes_name_their_pointer_and_come_in_a_fixed_order() {
    let old = customers();
    let mut new = old.clone();
    // Several changes at once, in several places.
    remove(
        &mut new,
        &["components", "schemas", "BasicUser", "properties"],
        "last_name",
    );
    insert(
        &mut new,
        &["components", "schemas", "Address", "properties"],
        "floor",
        yaml("{type: string}"),
    );
    let param = yaml("{name: sort, in: query, schema: {type: string}}");
    push(&mut new, &["paths", USERS, "get", "parameters"], param);
    let a = report(&old, &new);
    let b = report(&old, &new);
    assert_eq!(a, b);
    let json = a.to_json();
    assert_eq!(json["bump"], "major");
    let changes = json["changes"].as_array().unwrap();
    // Breaking first, then additive, then docs; by item within a class.
    let order: Vec<(u8, String)> = a
        .changes
        .iter()
        .map(|c| (c.class as u8, c.item.clone()))
        .collect();
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted);
    let removed = changes
        .iter()
        .find(|c| c["item"] == "types::BasicUser::last_name")
        .unwrap();
    assert_eq!(removed["kind"], "field_removed");
    assert_eq!(removed["class"], "breaking");
    assert_eq!(
        removed["pointer"],
        "#/components/schemas/BasicUser/properties/last_name"
    );
    let sort = changes
        .iter()
        .find(|c| c["item"] == "client::AidCustomersGet::sort")
        .unwrap();
    assert_eq!(
        sort["pointer"],
        "#/paths/~1accounts~1{aid}~1customers~1users/get/parameters/15"
    );
    let text = a.to_text();
    assert!(text.contains("suggested bump: major"), "{text}");
    let breaking = text.find("Breaking").unwrap();
    let additive = text.find("Additive").unwrap();
    assert!(breaking < additive, "{text}");
}

/// Each Customers edit that `cargo xtask semver` runs has its verdict checked here, once.
#[test]
fn every_shared_customers_edit_is_a_scenario() {
    let names: Vec<&str> = scenarios()
        .iter()
        .filter_map(|s| s.name.strip_prefix("customers: "))
        .collect();
    for edit in CUSTOMERS_EDITS {
        let times = names.iter().filter(|n| **n == edit.name).count();
        assert_eq!(
            times, 1,
            "`customers: {}` is a scenario {times} times",
            edit.name
        );
    }
    assert_eq!(names.len(), CUSTOMERS_EDITS.len(), "{names:?}");
}

/// The two constants at the top say what the generator emits today: whether a generated
/// struct and a generated string enum are `#[non_exhaustive]`.
#[test]
fn today_is_what_the_generator_emits() {
    let module = Generator::from_text("params.yaml", include_str!("fixtures/params.yaml"))
        .module()
        .unwrap();
    let file: syn::File = syn::parse2(module.tokens).unwrap();
    let mut found = (None, None);
    fn walk(items: &[syn::Item], found: &mut (Option<bool>, Option<bool>)) {
        let marked =
            |attrs: &[syn::Attribute]| attrs.iter().any(|a| a.path().is_ident("non_exhaustive"));
        for item in items {
            match item {
                syn::Item::Struct(s) if s.ident == "Point" => found.0 = Some(marked(&s.attrs)),
                syn::Item::Enum(e) if e.ident == "FilterStatus" => found.1 = Some(marked(&e.attrs)),
                syn::Item::Mod(m) => walk(m.content.as_ref().map_or(&[][..], |c| &c.1[..]), found),
                _ => {}
            }
        }
    }
    walk(&file.items, &mut found);
    assert_eq!(
        found,
        (Some(STRUCTS_MAY_GROW), Some(ENUMS_MAY_GROW)),
        "the generator's structs/enums changed: update STRUCTS_MAY_GROW / ENUMS_MAY_GROW"
    );
}

/// Every fixture against every other (unrelated descriptions: everything differs) and itself:
/// no panic, nothing against itself, the same report twice, the bump its changes call for.
#[test]
fn any_two_fixtures_compare() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    let apis: Vec<Api> = paths
        .iter()
        .map(|p| Generator::new(p).api().unwrap_or_else(|e| panic!("{e}")))
        .collect();
    let snapshots: Vec<Snapshot> = apis.iter().map(Snapshot::of).collect();
    assert!(snapshots.len() >= 10);
    for (i, old) in snapshots.iter().enumerate() {
        for (j, new) in snapshots.iter().enumerate() {
            let r = compare_snapshots(old, new);
            let name = format!("{} -> {}", paths[i].display(), paths[j].display());
            if i == j {
                assert!(r.changes.is_empty(), "{name}\n{}", r.to_text());
                continue;
            }
            assert!(!r.changes.is_empty(), "{name}");
            assert_eq!(r, compare_snapshots(old, new), "{name}");
            let worst = r.changes.iter().map(|c| c.class).min().unwrap();
            assert_eq!(r.bump(), worst.bump(), "{name}");
            assert!(r
                .changes
                .iter()
                .all(|c| !c.item.is_empty() && !c.detail.is_empty()));
        }
    }
}

/// Random structured mutations of the fixtures (the robustness test's), compared with the
/// original when they still generate: no panic, a bump its changes call for.
#[test]
fn mutated_fixtures_compare_without_panics() {
    struct Rng(fastrand::Rng);
    impl mutate::Choices for Rng {
        fn below(&mut self, n: usize) -> usize {
            self.0.usize(..n.max(1))
        }
    }
    let mut rng = Rng(fastrand::Rng::with_seed(0xD1FF));
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    let mut compared = 0;
    for path in &paths {
        let text = std::fs::read_to_string(path).unwrap();
        let original = Generator::from_text("old.yaml", text.as_str())
            .api()
            .unwrap();
        let base = Snapshot::of(&original);
        let doc = mutate::yaml_to_json(&serde_yaml::from_str(&text).unwrap());
        for _ in 0..8 {
            let mut changed = doc.clone();
            let n = 1 + rng.0.usize(..3);
            mutate::mutate(&mut rng, &mut changed, n);
            let Ok(api) = Generator::from_text("new.yaml", changed.to_string()).api() else {
                continue;
            };
            let r = compare_snapshots(&base, &Snapshot::of(&api));
            let worst = r.changes.iter().map(|c| c.class).min();
            assert_eq!(r.bump(), worst.map_or(Bump::Patch, Class::bump));
            compared += 1;
        }
    }
    eprintln!("compared {compared} mutated fixtures");
    // Most mutations keep a fixture generating; a loader that rejected all would compare none.
    assert!(compared >= 30, "only {compared} mutated fixtures generated");
}

/// The pair the trybuild cases compile one downstream body against (`tests/evolution`, see
/// `tests/ui/pass/evolution_*.rs`): each change in it is one that code written against v1
/// survives, so the report must call every change additive, and the bump minor.
#[test]
fn the_evolution_pair_only_grows() {
    let old = fixture(include_str!("../../tests/evolution/v1.yaml"));
    let new = fixture(include_str!("../../tests/evolution/v2.yaml"));
    let r = report(&old, &new);
    let text = r.to_text();
    assert_eq!(r.bump(), Bump::Minor, "{text}");
    let has = |kind: &str, item: &str| {
        r.changes
            .iter()
            .any(|c| c.kind == kind && c.item == item && c.class == Class::Additive)
    };
    for (kind, item) in [
        ("enum_variant_added", "types::PetKind::Bird"),
        ("field_added", "types::Pet::age"),
        ("operation_added", "Client::delete_pet"),
        ("parameter_added", "client::ListPets::offset"),
        (
            "success_variant_added",
            "client::CreatePetSuccess::Status202",
        ),
        ("union_variant_added", "types::Shape::Triangle"),
    ] {
        assert!(has(kind, item), "no additive {kind} {item}:\n{text}");
    }
}
