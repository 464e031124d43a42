//! "Did you mean …?" for typos in ids and keys.

/// The known id closest to `unknown`, if it is close enough to be a likely typo.
pub fn nearest<'a, I, S>(unknown: &str, known: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a S>,
    S: AsRef<str> + ?Sized + 'a,
{
    let unknown_lower = unknown.to_lowercase();
    let mut best: Option<(f64, &'a str)> = None;
    for k in known {
        let k = k.as_ref();
        let score = strsim::jaro_winkler(&unknown_lower, &k.to_lowercase());
        let contains = k.contains(unknown) || unknown.contains(k);
        let score = if contains && !unknown.is_empty() {
            score.max(0.85)
        } else {
            score
        };
        // Short words: two edits away, and no more than half of the longer word, still count.
        let edits = strsim::osa_distance(&unknown_lower, &k.to_lowercase());
        let longer = unknown.chars().count().max(k.chars().count());
        let score = if edits <= 2 && edits * 2 <= longer {
            score.max(0.8)
        } else {
            score
        };
        if score >= 0.8 && best.is_none_or(|(s, _)| score > s) {
            best = Some((score, k));
        }
    }
    best.map(|(_, k)| k)
}

/// A `help:` text: the nearest id, or the list of known ids when it is short.
pub fn did_you_mean<'a, I, S>(unknown: &str, known: I, what: &str) -> Option<String>
where
    I: IntoIterator<Item = &'a S> + Clone,
    S: AsRef<str> + ?Sized + 'a,
{
    if let Some(n) = nearest(unknown, known.clone()) {
        return Some(format!("did you mean `{n}`?"));
    }
    let all: Vec<&str> = known.into_iter().map(|k| k.as_ref()).collect();
    match all.len() {
        0 => None,
        1..=12 => Some(format!(
            "known {what}: {}",
            all.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ")
        )),
        n => Some(format!("there are {n} known {what}; check the spelling")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_close_typos_and_ignores_unrelated_words() {
        let known = ["data-analyst", "product-manager", "legal-privacy"];
        assert_eq!(nearest("data-analist", &known), Some("data-analyst"));
        assert_eq!(nearest("product-manger", &known), Some("product-manager"));
        assert_eq!(nearest("zebra", &known), None);
    }

    #[test]
    fn short_lists_are_spelled_out_when_nothing_is_close() {
        let hint = did_you_mean("zzz", &["a", "b"], "codes").unwrap();
        assert_eq!(hint, "known codes: `a`, `b`");
    }
}
