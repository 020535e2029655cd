//! The edits of `spec/customers.yaml` that both `tests/diff.rs` (the bump and kinds `codegen
//! diff` must give) and `cargo xtask semver` (cargo-semver-checks on the crates before and after)
//! run, shared via `#[path]` beside `spec_edits.rs`.

#![allow(dead_code)]

use super::spec_edits::{at, insert, max_length, push, remove, rename_schema, split, yaml};
use serde_yaml::Value;

/// One change of the Customers spec, by name.
pub struct CustomersEdit {
    pub name: &'static str,
    pub edit: fn(&mut Value),
}

pub const USERS: &str = "/accounts/{aid}/customers/users";
pub const TAG: &str = "/accounts/{aid}/customers/tags/{tag_id}";

pub const CUSTOMERS_EDITS: &[CustomersEdit] = &[
    CustomersEdit {
        name: "add an enum value",
        edit: |doc| {
            let path = "components/schemas/Customer/allOf/3/properties/type/enum";
            push(doc, &split(path), "robot".into());
        },
    },
    CustomersEdit {
        name: "add an optional property",
        edit: |doc| {
            let props = &["components", "schemas", "Address", "properties"];
            insert(doc, props, "floor", yaml("{type: string}"));
        },
    },
    CustomersEdit {
        name: "add a required property",
        edit: |doc| {
            let props = &["components", "schemas", "Address", "properties"];
            insert(doc, props, "region", yaml("{type: string}"));
            let required = &["components", "schemas", "Address", "required"];
            push(doc, required, "region".into());
        },
    },
    CustomersEdit {
        name: "remove a property",
        edit: |doc| {
            let props = &["components", "schemas", "BasicUser", "properties"];
            remove(doc, props, "last_name");
        },
    },
    CustomersEdit {
        name: "retype a property",
        edit: |doc| {
            let path = "components/schemas/MarketingConsentItem/properties/consent";
            *at(doc, &split(path)) = yaml("{type: string, example: 'yes'}");
        },
    },
    CustomersEdit {
        name: "add an operation",
        edit: |doc| {
            let op = "get: {operationId: aid_customers_ping, \
                      parameters: [{$ref: '#/components/parameters/accountId'}], \
                      responses: {'204': {description: Alive}}}";
            insert(doc, &["paths"], "/accounts/{aid}/customers/ping", yaml(op));
        },
    },
    CustomersEdit {
        name: "remove an operation",
        edit: |doc| remove(doc, &["paths"], TAG),
    },
    CustomersEdit {
        name: "add an optional parameter",
        edit: |doc| {
            let param = yaml("{name: sort, in: query, schema: {type: string}}");
            push(doc, &["paths", USERS, "get", "parameters"], param);
        },
    },
    CustomersEdit {
        name: "add a required parameter",
        edit: |doc| {
            let param = yaml("{name: region, in: query, required: true, schema: {type: string}}");
            push(doc, &["paths", USERS, "get", "parameters"], param);
        },
    },
    CustomersEdit {
        name: "make an optional parameter required",
        edit: |doc| {
            let email = at(doc, &["paths", USERS, "get", "parameters", "3"]);
            insert(email, &[], "required", true.into());
        },
    },
    CustomersEdit {
        name: "add an error status of the same type",
        edit: |doc| {
            let not_found = yaml("{$ref: '#/components/responses/NotFound'}");
            insert(
                doc,
                &["paths", TAG, "delete", "responses"],
                "404",
                not_found,
            );
        },
    },
    CustomersEdit {
        name: "add a success status with another body",
        edit: |doc| {
            let queued = yaml("{description: Deletion queued}");
            insert(doc, &["paths", TAG, "delete", "responses"], "202", queued);
        },
    },
    CustomersEdit {
        name: "tighten a constraint (maxLength)",
        edit: |doc| max_length(doc, "locationId", 100),
    },
    CustomersEdit {
        name: "tighten a constraint that identical schemas shared",
        edit: |doc| max_length(doc, "customerId", 64),
    },
    CustomersEdit {
        name: "loosen a constraint (maxLength)",
        edit: |doc| max_length(doc, "locationId", 300),
    },
    CustomersEdit {
        name: "rename a type",
        edit: |doc| rename_schema(doc, "TermsAndConditions", "Terms"),
    },
    CustomersEdit {
        name: "deprecate an operation",
        edit: |doc| insert(doc, &["paths", USERS, "get"], "deprecated", true.into()),
    },
    CustomersEdit {
        name: "docs only",
        edit: |doc| {
            let path = "components/schemas/BasicUser/properties/email/description";
            *at(doc, &split(path)) = "The customer's email address.".into();
            *at(doc, &["paths", USERS, "get", "summary"]) = "List customers".into();
        },
    },
];

/// The edit named `name`, which must exist (a scenario naming another is a bug in it).
pub fn customers_edit(name: &str) -> fn(&mut Value) {
    CUSTOMERS_EDITS
        .iter()
        .find(|e| e.name == name)
        .unwrap_or_else(|| panic!("no Customers edit named `{name}`"))
        .edit
}
