//! The registry of a generated book (`--registry N`): N schemas across two roots, each in three
//! versions and a `current.yaml`, pulling shared fragments by `$ref` from both roots, with
//! examples, patterns and formats to check, and an allow-list naming a table per schema.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

/// Fragments of the second root that schemas share (schema k pulls part k % PARTS).
const PARTS: usize = 10;

/// The book.toml lines that name the registry.
pub const BOOK_TOML: &str =
    "\n[schemas]\nroots = [\"registry/secondary\", \"registry/primary\"]\nallow-list = \"registry/allowlist.yaml\"\n";

/// Writes the registry of `schemas` schemas below `book`/registry.
pub fn write(book: &Path, schemas: usize) {
    let primary = book.join("registry/primary");
    let secondary = book.join("registry/secondary");
    put(&primary.join("fragment/common/1.0.0.yaml"), COMMON);
    put(&secondary.join("fragment/http/1.0.0.yaml"), HTTP);
    for j in 0..PARTS {
        put(&secondary.join(format!("fragment/part/{j}/1.0.0.yaml")), &part(j));
    }
    let mut allow = String::from("__defaults__:\n  dt: keep\n");
    for k in 0..schemas {
        let root = if k % 2 == 0 { &primary } else { &secondary };
        let dir = root.join(format!("analytics/gen_{k:03}"));
        for minor in 0..3 {
            put(&dir.join(format!("1.{minor}.0.yaml")), &schema(k, minor));
        }
        put(&dir.join("current.yaml"), &schema(k, 2));
        let _ = writeln!(
            allow,
            "gen_{k:03}:\n  meta.stream: keep\n  event:\n    action: keep\n    session_token: hash"
        );
    }
    put(&book.join("registry/allowlist.yaml"), &allow);
}

/// A record's `schema:` naming schema `p % schemas` (its current version, or a fixed one).
pub fn record_schema(y: &mut String, p: usize, schemas: usize) {
    let k = p % schemas;
    let version = if p.is_multiple_of(3) { "current" } else { "1.2.0" };
    let _ = writeln!(
        y,
        "schema:\n  name: GeneratedEvent{p}\n  ref: analytics/gen_{k:03}/{version}\n  retention:\n    purge-after-days: 90\n  fields:\n    dt: {{ sensitivity: public }}\n    meta: {{ sensitivity: internal }}\n    http: {{ sensitivity: personal }}\n    event: {{ sensitivity: internal }}\n    part_{}: {{ sensitivity: internal }}",
        k % PARTS
    );
}

fn put(path: &Path, text: &str) {
    fs::create_dir_all(path.parent().expect("a parent folder")).expect("create folders");
    fs::write(path, text).expect("write a registry file");
}

const COMMON: &str = "\
$id: /fragment/common/1.0.0
$schema: https://json-schema.org/draft-07/schema#
title: fragment/common
type: object
properties:
  dt:
    type: string
    format: date-time
    description: When the event happened, in UTC.
    examples: ['2026-01-31T09:30:00Z']
  meta:
    type: object
    description: What the pipeline adds.
    properties:
      id:
        type: string
        format: uuid
        description: A unique id of the event.
      stream:
        type: string
        pattern: '^[a-z][a-z0-9_.]*$'
        maxLength: 100
        description: The stream the event was sent to.
      domain:
        type: [string, 'null']
        description: The site's domain.
required: [dt, meta]
";

const HTTP: &str = "\
$id: /fragment/http/1.0.0
$schema: https://json-schema.org/draft-07/schema#
title: fragment/http
type: object
properties:
  http:
    type: object
    description: The request that carried the event.
    properties:
      method:
        type: string
        enum: [GET, POST]
        description: The request's method.
      client_ip:
        type: string
        format: ipv4
        description: The client's address.
      request_headers:
        type: object
        description: Request headers by name.
        additionalProperties:
          type: string
          maxLength: 200
";

fn part(j: usize) -> String {
    format!(
        "$id: /fragment/part/{j}/1.0.0\n$schema: https://json-schema.org/draft-07/schema#\ntitle: fragment/part/{j}\ntype: object\nproperties:\n  part_{j}:\n    type: object\n    description: Shared context number {j}.\n    properties:\n      platform:\n        type: string\n        enum: [web, ios, android]\n        description: Where the event was sent from.\n      tags:\n        type: array\n        maxItems: 8\n        description: Labels of the context.\n        items:\n          type: string\n          minLength: 1\n"
    )
}

/// Version 1.`minor`.0 of schema `k`: each minor version adds one optional field.
fn schema(k: usize, minor: usize) -> String {
    let mut s = format!(
        "title: analytics/gen_{k:03}\n$id: /analytics/gen_{k:03}/1.{minor}.0\n$schema: https://json-schema.org/draft-07/schema#\ndescription: Events of generated schema {k}.\ntype: object\nallOf:\n  - $ref: /fragment/common/1.0.0\n  - $ref: /fragment/http/1.0.0\n  - $ref: /fragment/part/{}/1.0.0\n  - properties:\n      event:\n        type: object\n        description: The instrument's own fields.\n        properties:\n          action:\n            type: string\n            enum: [view, click, close]\n            description: What the user did.\n          position:\n            type: integer\n            minimum: 0\n            maximum: 9007199254740993\n            description: Where on the page, from the top.\n            examples: [0, 3]\n          session_token:\n            type: string\n            pattern: '^[0-9a-f]{{20}}$'\n            description: Random token of the session.\n",
        k % PARTS
    );
    if minor >= 1 {
        s += "          label:\n            type: string\n            maxLength: 64\n            description: The element's label.\n";
    }
    if minor >= 2 {
        s += "          duration_ms:\n            type: integer\n            exclusiveMinimum: 0\n            description: How long it took.\n";
    }
    s += "    required: [event]\n";
    let _ = write!(
        s,
        "examples:\n  - dt: '2026-01-31T09:30:00Z'\n    meta: {{ id: 123e4567-e89b-12d3-a456-426614174000, stream: analytics.gen_{k:03}, domain: null }}\n    http: {{ method: GET, client_ip: 192.0.2.1, request_headers: {{ user-agent: test }} }}\n    part_{}: {{ platform: web, tags: [a, b] }}\n    event: {{ action: click, position: 3, session_token: 0123456789abcdef0123{} }}\n",
        k % PARTS,
        if minor >= 2 { ", duration_ms: 120" } else { "" }
    );
    s
}
