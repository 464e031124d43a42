//! Whether a string is what its `format` says, as Ajv's ajv-formats ("full" mode) judges it, so
//! an example `check` accepts is one the exported schema's validators accept too.

use crate::model::FieldFormat;
use regex::Regex;
use std::sync::OnceLock;

/// Why `s` is not a value of `format`, with a value that is; none when it is one.
pub fn misfit(format: FieldFormat, s: &str) -> Option<String> {
    let ok = match format {
        FieldFormat::Date => is_date(s),
        FieldFormat::DateTime => chrono::DateTime::parse_from_rfc3339(s).is_ok(),
        FieldFormat::Uri => matches(&URI, URI_RE, s),
        FieldFormat::Email => matches(&EMAIL, EMAIL_RE, s),
        FieldFormat::Uuid => matches(&UUID, UUID_RE, s),
        FieldFormat::Ipv4 => matches(&IPV4, IPV4_RE, s),
    };
    let like = match format {
        FieldFormat::Date => "2026-01-31",
        FieldFormat::DateTime => "2026-01-31T09:30:00Z",
        FieldFormat::Uri => "https://example.org/page",
        FieldFormat::Email => "someone@example.org",
        FieldFormat::Uuid => "123e4567-e89b-12d3-a456-426614174000",
        FieldFormat::Ipv4 => "192.0.2.1",
    };
    (!ok).then(|| format!("is not a valid `{}` (e.g. `{like}`)", format.as_str()))
}

/// A full date, `YYYY-MM-DD`, that exists in the calendar.
fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
        && chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok()
}

static URI: OnceLock<Regex> = OnceLock::new();
static EMAIL: OnceLock<Regex> = OnceLock::new();
static UUID: OnceLock<Regex> = OnceLock::new();
static IPV4: OnceLock<Regex> = OnceLock::new();

// A scheme, a colon, then characters a URI may hold (no spaces, no `<>"{}|\^` or backquote).
const URI_RE: &str = r#"^[A-Za-z][A-Za-z0-9+.\-]*:[^\s<>"{}|\\^`]+$"#;
// ajv-formats' `email`.
const EMAIL_RE: &str = r"(?i)^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$";
// ajv-formats' `uuid`.
const UUID_RE: &str = r"(?i)^(?:urn:uuid:)?[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$";
// ajv-formats' `ipv4`: four decimal octets, no leading zeros.
const IPV4_RE: &str = r"^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$";

fn matches(cell: &OnceLock<Regex>, re: &str, s: &str) -> bool {
    cell.get_or_init(|| Regex::new(re).expect("the format expressions compile"))
        .is_match(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use FieldFormat::*;

    #[test]
    fn values_of_each_format_pass_and_near_misses_do_not() {
        let cases = [
            (Date, "2026-02-28", "2026-02-30"),
            (Date, "2026-01-05", "2026-1-5"),
            (DateTime, "2026-01-31T09:30:00+01:00", "2026-01-31 09:30"),
            (Uri, "https://example.org/a?b=c", "example.org/a"),
            (Uri, "mailto:someone@example.org", "https://example.org/a b"),
            (Email, "jdoe@example.org", "jdoe@example"),
            (
                Uuid,
                "123e4567-e89b-12d3-a456-426614174000",
                "123e4567e89b12d3a456426614174000",
            ),
            (Ipv4, "192.0.2.1", "192.0.2.01"),
            (Ipv4, "255.255.255.255", "256.0.0.1"),
        ];
        for (format, good, bad) in cases {
            assert_eq!(misfit(format, good), None, "{good}");
            assert!(misfit(format, bad).is_some(), "{bad}");
        }
        assert_eq!(
            misfit(Date, "31/01/2026").as_deref(),
            Some("is not a valid `date` (e.g. `2026-01-31`)")
        );
    }
}
