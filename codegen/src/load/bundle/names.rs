//! Names of the components a bundle makes: from the target, unique per section.

use super::{Bundler, Target};
use crate::diag::Pointer;
use crate::naming;
use std::path::Path;

impl Bundler<'_> {
    /// A unique, readable name in `section` for a target.
    pub(super) fn fresh_name(&mut self, section: &'static str, target: &Target) -> String {
        let file = &self.files[target.file].path;
        let words = meaningful_words(&target.ptr);
        let stem = file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let base = match (words.is_empty(), target.file) {
            (false, _) => words.join("_"),
            (true, 0) => "Root".to_string(),
            (true, _) => stem.clone(),
        };
        let mut candidates = vec![base.clone()];
        if target.file != 0 {
            if let Some(dir) = file.parent().and_then(Path::file_name) {
                let dir = dir.to_string_lossy();
                if !matches!(&*dir, "models" | "schemas" | "components" | "." | "..") {
                    candidates.push(format!("{dir}_{base}"));
                }
            }
        }
        let taken = self.taken.entry(section).or_default();
        for candidate in candidates {
            if taken.insert(naming::type_ident(&candidate, "Component")) {
                return candidate;
            }
        }
        (2..)
            .map(|n| format!("{base}{n}"))
            .find(|c| taken.insert(naming::type_ident(c, "Component")))
            .unwrap_or(base)
    }
}

/// The words of a pointer that say what its node is: `components/schemas/A/properties/b/items`
/// gives `A`, `b`, `Item`.
fn meaningful_words(ptr: &Pointer) -> Vec<String> {
    let mut words = Vec::new();
    let mut skip_index = false;
    for token in ptr.tokens() {
        let t: &str = token;
        let numeric = t.chars().all(|c| c.is_ascii_digit()) && !t.is_empty();
        if skip_index && numeric {
            skip_index = false;
            continue;
        }
        skip_index = matches!(
            t,
            "allOf" | "oneOf" | "anyOf" | "prefixItems" | "parameters"
        );
        match t {
            "components" | "schemas" | "parameters" | "responses" | "requestBodies" | "headers"
            | "examples" | "content" | "schema" | "properties" | "paths" | "allOf" | "oneOf"
            | "anyOf" | "prefixItems" | "$defs" | "definitions" | "patternProperties"
            | "requestBody" => {}
            "items" => words.push("Item".to_string()),
            "additionalProperties" => words.push("Value".to_string()),
            media if media.contains('/') && !media.starts_with('/') => {}
            other => words.push(other.to_string()),
        }
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_come_from_the_meaningful_words() {
        let p =
            Pointer::parse_ref("#/components/schemas/A/allOf/1/properties/inputs/items").unwrap();
        assert_eq!(meaningful_words(&p), ["A", "inputs", "Item"]);
    }
}
