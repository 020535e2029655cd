//! Resolving a `$ref`: the file it names (read once, kept inside the tree) and the place in it.

use super::{ptr_text, Bundler, Cx, SourceFile, Target};
use crate::diag::Pointer;
use serde_json::Value;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

impl Bundler<'_> {
    /// Resolve a `$ref` written in `cx.file`: read the file it names (once) and check the
    /// pointer names something.
    pub(super) fn resolve(&mut self, reference: &str, cx: &Cx) -> Option<Target> {
        let (path_part, fragment) = match reference.split_once('#') {
            Some((p, f)) => (p, f),
            None => (reference, ""),
        };
        if path_part.starts_with("http://") || path_part.starts_with("https://") {
            self.error(
                cx,
                format!(
                    "`$ref` `{reference}` names a URL; documents are not fetched over the network"
                ),
                Some("download the file next to the spec and refer to it by a relative path"),
            );
            return None;
        }
        let Some(ptr) = Pointer::parse_ref(&format!("#{fragment}")) else {
            self.error(
                cx,
                format!("`$ref` `{reference}` has a fragment that is not a JSON pointer"),
                Some("write `file.yaml#/path/to/node`"),
            );
            return None;
        };
        let file = if path_part.is_empty() {
            cx.file
        } else {
            self.file_id(path_part, cx)?
        };
        let target = self.locate(Target { file, ptr }, cx);
        if self.tree_at(&target).is_none() {
            let shown = match &self.files[file].shown {
                Some(name) => format!(" in `{name}`"),
                None => String::new(),
            };
            self.error(
                cx,
                format!("`$ref` `{reference}` points to nothing{shown}"),
                None,
            );
            return None;
        }
        Some(target)
    }

    /// The literal place a pointer names: a pointer that passes through a `$ref` (as bundlers
    /// write them, `.../items/allOf/0/properties/x` where `items` is a reference) continues in
    /// the reference's target.
    pub(super) fn locate(&mut self, mut target: Target, cx: &Cx) -> Target {
        for _ in 0..32 {
            let tokens = target.ptr.tokens().to_vec();
            let mut node = &self.files[target.file].tree;
            let mut detour = None;
            for (i, token) in tokens.iter().enumerate() {
                let next = match node {
                    Value::Object(map) => map.get(&**token),
                    Value::Array(items) => token.parse::<usize>().ok().and_then(|i| items.get(i)),
                    _ => None,
                };
                match next {
                    Some(next) => node = next,
                    None => {
                        if let Some(Value::String(r)) = node.get("$ref") {
                            detour = Some((r.clone(), tokens[i..].to_vec()));
                        }
                        break;
                    }
                }
            }
            let Some((reference, rest)) = detour else {
                return target;
            };
            let (path_part, fragment) = reference.split_once('#').unwrap_or((&reference, ""));
            let Some(ptr) = Pointer::parse_ref(&format!("#{fragment}")) else {
                return target;
            };
            let file = if path_part.is_empty() {
                target.file
            } else {
                let from = Cx {
                    file: target.file,
                    ..cx.clone()
                };
                match self.file_id(path_part, &from) {
                    Some(id) => id,
                    None => return target,
                }
            };
            let mut tokens = ptr.tokens().to_vec();
            tokens.extend(rest);
            target = Target {
                file,
                ptr: Pointer::from_tokens(tokens),
            };
        }
        target
    }

    pub(super) fn tree_at(&self, target: &Target) -> Option<&Value> {
        self.files[target.file].tree.pointer(&ptr_text(&target.ptr))
    }

    /// The id of the file `relative` names (relative to the file of `cx`), reading it on first use.
    fn file_id(&mut self, relative: &str, cx: &Cx) -> Option<usize> {
        let decoded = relative.replace("%20", " ");
        let base = self.files[cx.file]
            .path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let path = normalize(&base.join(&decoded));
        if let Some(&id) = self.by_path.get(&path) {
            return Some(id);
        }
        let Some(reader) = self.files_reader else {
            self.error(
                cx,
                format!("`$ref` `{relative}` names another file, but the spec was given as text"),
                Some(
                    "generate from the spec's file (its path) so that relative `$ref`s can be read",
                ),
            );
            return None;
        };
        let shown: Arc<str> = crate::load::shown(
            path.strip_prefix(normalize(&self.root_dir))
                .unwrap_or(&path),
        );
        let text = match reader.read(&path) {
            Ok(text) => text,
            Err(e) => {
                self.error(
                    cx,
                    format!("cannot read `{shown}`, named by a `$ref`: {e}"),
                    None,
                );
                return None;
            }
        };
        let tree = match crate::load::read_tree(&text) {
            Ok(tree) => tree,
            Err(mut d) => {
                d.file = Some(shown);
                d.at = Some(Pointer::root());
                self.errors.push(d);
                return None;
            }
        };
        let id = self.files.len();
        self.files.push(SourceFile {
            path: path.clone(),
            shown: Some(shown),
            tree,
        });
        self.by_path.insert(path, id);
        Some(id)
    }
}

/// `a/./b/../c` as `a/c`, without touching the file system.
pub(super) fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}
