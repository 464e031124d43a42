//! The values a key of the process or of a record may take, for messages about a missing or
//! mistyped one: the allowed values of a missing key, and what a newcomer meant by a word
//! borrowed from another schema language (`timestamp`, `int`, `bool`).

use super::{Duty, FieldFormat, FieldType, Lifecycle, SamplingUnit, Sensitivity, StageStatus};
use serde::de::{self, Deserialize, Deserializer, Visitor};

/// The values allowed for key `key` of the mapping at `parent` (a locator path such as
/// `schema/fields/0`), when that key takes one of a fixed set of values.
pub fn allowed_values(parent: &str, key: &str) -> Option<&'static [&'static str]> {
    let segments: Vec<&str> = parent.split('/').filter(|s| !s.is_empty()).collect();
    Some(match (segments.as_slice(), key) {
        ([], "status") => variants::<Lifecycle>(),
        (["stages", _], "status") => variants::<StageStatus>(),
        (["schema", "fields", _], "type") => variants::<FieldType>(),
        (["schema", "fields", _], "sensitivity") => variants::<Sensitivity>(),
        (["schema", "fields", _], "format") => variants::<FieldFormat>(),
        (["schema", "sampling"], "unit") => variants::<SamplingUnit>(),
        (["codes", _], "duty") => variants::<Duty>(),
        _ => return None,
    })
}

/// A hint for `word`, written at `path` where it is not an allowed value, when it is a word
/// for the same thing in another language (`timestamp` for a string with a date-time format).
pub fn near_miss(path: &str, word: &str) -> Option<String> {
    let segments: Vec<&str> = path.split('/').collect();
    let word = word.trim().to_lowercase();
    match segments.as_slice() {
        ["schema", "fields", _, "type"] => field_type(&word),
        ["schema", "fields", _, "format"] => field_format(&word),
        ["schema", "fields", _, "sensitivity"] => sensitivity(&word),
        ["stages", _, "status"] => stage_status(&word),
        _ => None,
    }
}

fn field_type(word: &str) -> Option<String> {
    let with_format = |format: &str| {
        format!("`{word}` is not a type of its own: write `type: string` and, on the next line, `format: {format}`")
    };
    let instead = |ty: &str| format!("write `type: {ty}` (`{word}` is spelt `{ty}` here)");
    Some(match word {
        "timestamp" | "datetime" | "date-time" | "date_time" | "time" | "instant" | "timestamptz" => {
            with_format("date-time")
        }
        "date" => with_format("date"),
        "url" | "uri" | "link" => with_format("uri"),
        "email" | "e-mail" => with_format("email"),
        "uuid" | "guid" => with_format("uuid"),
        "ip" | "ipv4" | "ip-address" => with_format("ipv4"),
        "int" | "integer32" | "int32" | "int64" | "i32" | "i64" | "long" | "short" | "bigint" | "smallint"
        | "whole" | "count" => instead("integer"),
        "float" | "double" | "decimal" | "real" | "f32" | "f64" | "numeric" | "num" | "float64" => instead("number"),
        "bool" | "flag" | "yes/no" | "true/false" => instead("boolean"),
        "str" | "text" | "varchar" | "char" | "chars" | "enum" => instead("string"),
        "list" | "sequence" | "vec" => instead("array"),
        "map" | "dict" | "json" | "struct" | "record" | "hash" => instead("object"),
        _ => return None,
    })
}

fn field_format(word: &str) -> Option<String> {
    let to = match word {
        "datetime" | "date_time" | "timestamp" | "iso8601" | "iso-8601" | "rfc3339" => "date-time",
        "url" | "link" => "uri",
        "e-mail" | "mail" => "email",
        "guid" => "uuid",
        "ip" | "ipaddress" | "ip-address" => "ipv4",
        _ => return None,
    };
    Some(format!("write `format: {to}` (`{word}` is spelt `{to}` here)"))
}

fn sensitivity(word: &str) -> Option<String> {
    let to = match word {
        "private" | "pii" | "personal-data" | "identifying" => "personal",
        "confidential" | "secret" | "restricted" | "special" => "sensitive",
        "open" | "none" | "non-sensitive" => "public",
        "internal-only" | "private-internal" | "staff" => "internal",
        _ => return None,
    };
    Some(format!("for data that is `{word}`, write `sensitivity: {to}`"))
}

fn stage_status(word: &str) -> Option<String> {
    let to = match word {
        "complete" | "completed" | "finished" | "closed" | "signed-off" => "done",
        "started" | "ongoing" | "wip" | "doing" | "active" | "in_progress" | "in progress" | "inprogress" => {
            "in-progress"
        }
        "todo" | "to-do" | "pending" | "open" | "planned" | "not_started" | "not started" => "not-started",
        "waiting" | "stuck" | "on-hold" | "on hold" | "paused" => "blocked",
        "skip" | "n/a" | "not-needed" | "not-applicable" | "waived" => "skipped",
        _ => return None,
    };
    Some(format!("a stage that is `{word}` is written `status: {to}`"))
}

/// The names serde reads for the values of enum `T`, as it spells them (`not-started`).
fn variants<'de, T: Deserialize<'de>>() -> &'static [&'static str] {
    let mut capture = Capture(None);
    // The capture refuses every value, so this only ever fails; what matters is what it saw.
    let _ = T::deserialize(&mut capture);
    capture.0.unwrap_or(&[])
}

/// A deserializer that records the names an enum asks for, and reads nothing.
struct Capture(Option<&'static [&'static str]>);

impl<'de> Deserializer<'de> for &mut Capture {
    type Error = de::value::Error;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
        Err(de::Error::custom("not an enum"))
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        variants: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Self::Error> {
        self.0 = Some(variants);
        Err(de::Error::custom("names recorded"))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map struct identifier
        ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_allowed_values_are_serde_s_own_names() {
        assert_eq!(
            allowed_values("schema/fields/3", "sensitivity"),
            Some(&["public", "internal", "personal", "sensitive"][..])
        );
        assert_eq!(
            allowed_values("stages/plan", "status"),
            Some(&["not-started", "in-progress", "done", "skipped", "blocked"][..])
        );
        assert_eq!(
            allowed_values("", "status"),
            Some(&["proposed", "active", "paused", "decommissioned"][..])
        );
        assert_eq!(allowed_values("codes/0", "duty").map(<[_]>::len), Some(4));
        assert_eq!(allowed_values("schema/fields/0", "name"), None);
        assert_eq!(allowed_values("people/pm", "status"), None);
    }

    #[test]
    fn words_of_other_schema_languages_point_to_ours() {
        let hint = near_miss("schema/fields/0/type", "Timestamp").unwrap();
        assert!(
            hint.contains("`type: string`") && hint.contains("`format: date-time`"),
            "{hint}"
        );
        assert!(near_miss("schema/fields/0/type", "int")
            .unwrap()
            .contains("`type: integer`"));
        assert!(near_miss("stages/x/status", "completed")
            .unwrap()
            .contains("`status: done`"));
        assert_eq!(near_miss("schema/fields/0/type", "strnig"), None);
        assert_eq!(near_miss("status", "int"), None);
    }
}
