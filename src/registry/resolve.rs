//! `$ref` and `allOf`: a registry schema resolved into one tree of nodes, each knowing the
//! file (and `$id`) it was written in.

use super::store::{join_clean, Doc, Store};
use crate::diagnostic::Diagnostic;
use crate::source::Location;
use serde_json::{Map, Value};
use std::path::PathBuf;
use std::rc::Rc;

/// One schema node after resolution.
#[derive(Debug, Clone)]
pub struct Node {
    /// Every keyword but the structural ones below.
    pub keywords: Map<String, Value>,
    pub properties: Vec<(String, Node)>,
    pub required: Vec<String>,
    pub items: Option<Box<Node>>,
    /// `additionalProperties` when it is a schema (a map's values).
    pub additional: Option<Box<Node>>,
    /// The `$id` (or path) of the file the node is written in.
    pub origin: String,
    /// Where it is written: the property's key, or the file's start.
    pub at: Location,
}

const STRUCTURAL: &[&str] = &[
    "$ref",
    "allOf",
    "properties",
    "required",
    "items",
    "additionalProperties",
];

impl Node {
    fn empty(origin: String, at: Location) -> Node {
        Node {
            keywords: Map::new(),
            properties: Vec::new(),
            required: Vec::new(),
            items: None,
            additional: None,
            origin,
            at,
        }
    }

    /// The node's `type` as a list (`"string"` or `[string, "null"]`).
    pub fn types(&self) -> Vec<String> {
        match self.keywords.get("type") {
            Some(Value::String(s)) => vec![s.clone()],
            Some(Value::Array(a)) => a.iter().filter_map(|t| t.as_str().map(str::to_string)).collect(),
            _ => Vec::new(),
        }
    }

    /// The node as a JSON Schema with nothing left to resolve.
    pub fn to_json(&self) -> Value {
        let mut out = self.keywords.clone();
        if !self.properties.is_empty() {
            let props: Map<String, Value> = self.properties.iter().map(|(k, n)| (k.clone(), n.to_json())).collect();
            out.insert("properties".into(), Value::Object(props));
        }
        if !self.required.is_empty() {
            out.insert(
                "required".into(),
                self.required.iter().cloned().map(Value::String).collect(),
            );
        }
        if let Some(items) = &self.items {
            out.insert("items".into(), items.to_json());
        }
        if let Some(a) = &self.additional {
            out.insert("additionalProperties".into(), a.to_json());
        }
        Value::Object(out)
    }
}

/// Resolves schemas against the store's roots, reporting into it.
pub struct Resolver<'s, 'a> {
    pub store: &'s mut Store<'a>,
    /// The `$ref` targets being resolved, outermost first (file, pointer): a cycle's trail.
    stack: Vec<(PathBuf, String)>,
    /// Whether the files read are checked as JSON Schemas and their examples against them
    /// (each file and each `examples` once per store).
    checking: bool,
}

impl<'s, 'a> Resolver<'s, 'a> {
    pub fn new(store: &'s mut Store<'a>) -> Self {
        Resolver {
            store,
            stack: Vec::new(),
            checking: true,
        }
    }

    /// A resolver that leaves the files it reads unchecked (other versions, read for the
    /// history only).
    pub fn unchecked(store: &'s mut Store<'a>) -> Self {
        Resolver {
            checking: false,
            ..Resolver::new(store)
        }
    }

    /// Checks `doc` as a JSON Schema, the first time it is resolved.
    fn check_file(&mut self, doc: &Doc) {
        if self.checking && self.store.checked_files.insert(doc.path.clone()) {
            super::validate::schema_file(doc, &mut self.store.diagnostics);
        }
    }

    /// The whole schema of `doc`.
    pub fn resolve_doc(&mut self, doc: &Rc<Doc>) -> Node {
        self.check_file(doc);
        self.stack.push((doc.path.clone(), String::new()));
        let node = self.resolve(doc, &[]);
        self.stack.pop();
        node
    }

    fn resolve(&mut self, doc: &Rc<Doc>, pointer: &[String]) -> Node {
        let path = pointer.join("/");
        let locator = &doc.value.locator;
        let at = if path.is_empty() {
            locator.file().start()
        } else {
            locator.key(&path)
        };
        let mut node = Node::empty(doc.name(), at);
        let Some(obj) = lookup(&doc.value.value, pointer).and_then(Value::as_object) else {
            return node;
        };
        if let Some(reference) = obj.get("$ref").and_then(Value::as_str) {
            let ref_at = locator.value(&sub(&path, "$ref"));
            if let Some(target) = self.follow(doc, reference, ref_at.clone()) {
                self.merge(&mut node, target, ref_at);
            }
        }
        if let Some(parts) = obj.get("allOf").and_then(Value::as_array) {
            for i in 0..parts.len() {
                let part_path: Vec<String> = pointer.iter().cloned().chain(["allOf".into(), i.to_string()]).collect();
                let part = self.resolve(doc, &part_path);
                let part_at = locator.value(&part_path.join("/"));
                self.merge(&mut node, part, part_at);
            }
        }
        let mut own = Node::empty(node.origin.clone(), node.at.clone());
        for (k, v) in obj {
            if !STRUCTURAL.contains(&k.as_str()) {
                own.keywords.insert(k.clone(), v.clone());
            }
        }
        if let Some(props) = obj.get("properties").and_then(Value::as_object) {
            for key in props.keys() {
                let p: Vec<String> = pointer
                    .iter()
                    .cloned()
                    .chain(["properties".into(), key.clone()])
                    .collect();
                own.properties.push((key.clone(), self.resolve(doc, &p)));
            }
        }
        if let Some(req) = obj.get("required").and_then(Value::as_array) {
            own.required = req.iter().filter_map(|r| r.as_str().map(str::to_string)).collect();
        }
        for (key, slot) in [("items", &mut own.items), ("additionalProperties", &mut own.additional)] {
            if obj.get(key).is_some_and(Value::is_object) {
                let p: Vec<String> = pointer.iter().cloned().chain([key.to_string()]).collect();
                *slot = Some(Box::new(self.resolve(doc, &p)));
            } else if let Some(v) = obj.get(key) {
                own.keywords.insert(key.to_string(), v.clone());
            }
        }
        let own_at = node.at.clone();
        // The node's own words win over what it pulls in (its description, title).
        let pulled = std::mem::replace(&mut node, own);
        let keywords = pulled.keywords.clone();
        self.merge(&mut node, pulled, own_at);
        for (k, v) in keywords {
            node.keywords.entry(k).or_insert(v);
        }
        if let Some(Value::Array(examples)) = obj.get("examples") {
            if self.checking && self.store.checked_examples.insert((doc.path.clone(), path.clone())) {
                super::examples::check(doc, &path, &node, examples, &mut self.store.diagnostics);
            }
        }
        node
    }

    /// The node a `$ref` names, or `None` after reporting why it cannot be had.
    fn follow(&mut self, doc: &Rc<Doc>, reference: &str, at: Location) -> Option<Node> {
        let (file_part, pointer_part) = reference.split_once('#').unwrap_or((reference, ""));
        let pointer: Vec<String> = pointer_part
            .split('/')
            .skip(1)
            .map(|s| s.replace("~1", "/").replace("~0", "~"))
            .collect();
        let unresolved = |why: String, hint: &str| {
            Diagnostic::error("unresolved-ref", format!("`$ref: {reference}` {why}"))
                .at(at.clone())
                .hint(hint.to_string())
        };
        let target_path = if file_part.is_empty() {
            Some(doc.path.clone())
        } else if file_part.contains("://") {
            self.store.diagnostics.push(unresolved(
                "is a URL, and dacibook reads no schema from the network".into(),
                "give the schema's path from a root instead, e.g. `$ref: /fragment/common/1.0.0`",
            ));
            return None;
        } else if file_part.starts_with('/') {
            self.store.find(file_part)
        } else {
            let base = doc.path.parent().unwrap_or(std::path::Path::new(""));
            self.store.candidate(&join_clean(base, file_part))
        };
        let Some(target_path) = target_path else {
            let roots: Vec<String> = self.store.roots.iter().map(|r| format!("`{}`", r.display())).collect();
            let why = if file_part.starts_with('/') {
                format!("names no file in the schema roots ({})", roots.join(", "))
            } else {
                "names no file next to this one".to_string()
            };
            self.store.diagnostics.push(unresolved(
                why,
                "fix the path (a `<path>.yaml` or `<path>.json` must exist below a root), or add the root that holds it to `[schemas] roots` in book.toml",
            ));
            return None;
        };
        let target = self.store.get(&target_path)?;
        self.check_file(&target);
        if lookup(&target.value.value, &pointer).is_none() {
            self.store.diagnostics.push(unresolved(
                format!(
                    "points at `#{pointer_part}`, which {} does not have",
                    target_path.display()
                ),
                "fix the JSON pointer after `#`, e.g. `#/properties`",
            ));
            return None;
        }
        let key = (target_path.clone(), pointer.join("/"));
        if let Some(i) = self.stack.iter().position(|k| *k == key) {
            let trail: Vec<String> = self.stack[i..]
                .iter()
                .chain(std::iter::once(&key))
                .map(|(f, p)| {
                    if p.is_empty() {
                        f.display().to_string()
                    } else {
                        format!("{}#/{p}", f.display())
                    }
                })
                .collect();
            self.store.diagnostics.push(
                Diagnostic::error(
                    "cyclic-ref",
                    format!("`$ref: {reference}` leads back to itself: {}", trail.join(" → ")),
                )
                .at(at)
                .hint("a schema cannot contain itself: break the cycle by removing one of these `$ref`s"),
            );
            return None;
        }
        self.stack.push(key);
        let node = self.resolve(&target, &pointer);
        self.stack.pop();
        Some(node)
    }

    /// Unites `from` into `into`: properties and `required` united, a `type` that differs
    /// is an error at `at` (or at the clashing property).
    fn merge(&mut self, into: &mut Node, from: Node, at: Location) {
        let (a, b) = (into.types(), from.types());
        if !a.is_empty() && !b.is_empty() && a != b {
            self.store.diagnostics.push(
                Diagnostic::error(
                    "allof-type-clash",
                    format!(
                        "{} makes this `type` {}, but {} made it {}",
                        from.origin,
                        shown(&b),
                        into.origin,
                        shown(&a)
                    ),
                )
                .at(at)
                .related(into.at.clone(), "the other type is written here")
                .hint("the parts that `allOf` and `$ref` unite must agree on each type: make them the same"),
            );
        }
        for (k, v) in from.keywords {
            into.keywords.entry(k).or_insert(v);
        }
        for (name, prop) in from.properties {
            match into.properties.iter_mut().find(|(n, _)| *n == name) {
                Some((_, existing)) => {
                    let prop_at = prop.at.clone();
                    self.merge(existing, prop, prop_at);
                }
                None => into.properties.push((name, prop)),
            }
        }
        for r in from.required {
            if !into.required.contains(&r) {
                into.required.push(r);
            }
        }
        for (mine, theirs) in [(&mut into.items, from.items), (&mut into.additional, from.additional)] {
            match (mine.as_mut(), theirs) {
                (Some(m), Some(t)) => {
                    let t_at = t.at.clone();
                    self.merge(m, *t, t_at);
                }
                (None, Some(t)) => *mine = Some(t),
                _ => {}
            }
        }
    }
}

fn shown(types: &[String]) -> String {
    types.iter().map(|t| format!("`{t}`")).collect::<Vec<_>>().join(" or ")
}

fn sub(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}/{key}")
    }
}

/// The value at a JSON pointer's segments.
fn lookup<'v>(value: &'v Value, pointer: &[String]) -> Option<&'v Value> {
    pointer.iter().try_fold(value, |v, seg| match v {
        Value::Object(m) => m.get(seg),
        Value::Array(a) => a.get(seg.parse::<usize>().ok()?),
        _ => None,
    })
}
