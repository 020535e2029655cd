//! Which schemas have `readOnly`/`writeOnly` properties (and so a type per direction).

use super::shape::{shape, union_key, ObjectView, Shape};
use crate::diag::Pointer;
use crate::lower::{Dir, Lowerer};
use openapiv3::{AdditionalProperties, Schema};

impl<'a> Lowerer<'a> {
    /// Directions matter only for schemas that have `readOnly`/`writeOnly` properties.
    pub(super) fn effective_dir(&mut self, schema: &'a Schema, at: &Pointer, dir: Dir) -> Dir {
        if !self.is_sensitive(schema, at) {
            Dir::Any
        } else if dir == Dir::Any {
            Dir::Read
        } else {
            dir
        }
    }

    /// Does the schema (transitively) have `readOnly` or `writeOnly` properties?
    pub(super) fn is_sensitive(&mut self, schema: &'a Schema, at: &Pointer) -> bool {
        if let Some(&known) = self.sensitive.get(at) {
            return known;
        }
        if !self.visiting.insert(at.clone()) {
            // On a cycle: `false` for now, decided by the caller that started the cycle.
            self.provisional = true;
            return false;
        }
        let outer_provisional = std::mem::replace(&mut self.provisional, false);
        let mut found = false;
        let mut check = |cx: &mut Self, s: &'a Schema, p: &Pointer| {
            found = found || cx.is_sensitive(s, p);
        };
        match shape(schema) {
            Shape::AllOf(parts, own) => {
                for (i, part) in parts.iter().enumerate() {
                    let p = at.push("allOf").push(i);
                    if let Some((s, p)) = self.target(part, &p) {
                        check(self, s, &p);
                    }
                }
                if let Some(own) = own {
                    found = found || self.object_sensitive(own, at);
                }
            }
            Shape::OneOf(parts) | Shape::AnyOf(parts) => {
                for (i, part) in parts.iter().enumerate() {
                    let p = at.push(union_key(schema)).push(i);
                    if let Some((s, p)) = self.target(part, &p) {
                        check(self, s, &p);
                    }
                }
            }
            Shape::Object(view) => found = self.object_sensitive(view, at),
            Shape::Array(Some(items)) => {
                if let Some((s, p)) = self.target(items, &at.push("items")) {
                    check(self, s, &p);
                }
            }
            _ => {}
        }
        self.visiting.remove(at);
        // `true` is final; `false` only if no answer on the way was provisional (else the same
        // schema asked again later, outside the cycle, may well be sensitive).
        let provisional = self.provisional;
        if found || !provisional {
            self.sensitive.insert(at.clone(), found);
        }
        self.provisional = outer_provisional || (provisional && !found);
        found
    }

    fn object_sensitive(&mut self, view: ObjectView<'a>, at: &Pointer) -> bool {
        for (name, prop) in view.properties {
            let p = at.push("properties").push(name);
            if let Some((s, p)) = self.target(prop, &p) {
                if s.schema_data.read_only || s.schema_data.write_only || self.is_sensitive(s, &p) {
                    return true;
                }
            }
        }
        if let Some(AdditionalProperties::Schema(s)) = view.additional {
            let p = at.push("additionalProperties");
            if let Some((s, p)) = self.target(s, &p) {
                return self.is_sensitive(s, &p);
            }
        }
        false
    }
}
