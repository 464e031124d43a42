//! JSON Schema's `pattern` is an ECMA-262 regular expression, which validators compile in
//! Unicode mode (Ajv's default, the `u` flag). `check` compiles it with an ECMAScript engine
//! (`regress`), so a construct of another dialect is refused here rather than by every
//! validator, with a hint naming the ECMAScript way to write it.

/// A pattern compiled as ECMAScript in Unicode mode, with the text it was written as.
pub struct EcmaPattern {
    pub text: String,
    regex: regress::Regex,
}

impl EcmaPattern {
    pub fn is_match(&self, s: &str) -> bool {
        self.regex.find(s).is_some()
    }
}

/// Why a pattern is refused, and how to write it instead.
#[derive(Clone, Debug, PartialEq)]
pub struct PatternError {
    pub why: String,
    pub hint: String,
}

pub fn compile(pattern: &str) -> Result<EcmaPattern, PatternError> {
    match regress::Regex::with_flags(pattern, "u") {
        Ok(regex) => Ok(EcmaPattern {
            text: pattern.to_string(),
            regex,
        }),
        Err(e) => Err(PatternError {
            why: e.to_string(),
            hint: hint(pattern).to_string(),
        }),
    }
}

/// The ECMAScript way to write what another dialect's construct in `pattern` meant.
fn hint(pattern: &str) -> &'static str {
    let inline_flag = ["(?i", "(?m", "(?s", "(?x", "(?u"].iter().any(|f| pattern.contains(f));
    if inline_flag {
        "ECMAScript has no inline flags such as `(?i)`: spell out both cases, e.g. `[Aa]`"
    } else if pattern.contains("[:") && pattern.contains(":]") {
        "ECMAScript has no POSIX classes such as `[[:alpha:]]`: write the range, e.g. `[A-Za-z]`"
    } else if ["\\A", "\\z", "\\Z"].iter().any(|a| pattern.contains(a)) {
        "ECMAScript has no `\\A`, `\\z` or `\\Z`: anchor with `^` and `$`"
    } else {
        "write an ECMAScript regular expression (JSON Schema's dialect), e.g. `^[a-z]+$`; quote it in single quotes"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(p: &str) -> PatternError {
        match compile(p) {
            Ok(_) => panic!("`{p}` compiles"),
            Err(e) => e,
        }
    }

    #[test]
    fn other_dialects_constructs_are_refused_with_the_ecmascript_way() {
        assert!(refused("(?i)^abc$").hint.contains("inline flags"));
        assert!(refused("^[[:alpha:]]+$").hint.contains("POSIX classes"));
        assert!(refused("^abc\\z").hint.contains("anchor with `^` and `$`"));
    }

    #[test]
    fn ecmascript_patterns_compile_and_match() {
        let p = compile("^(?=.*\\d)[a-z0-9]+$").expect("lookahead is ECMAScript");
        assert!(p.is_match("abc1"));
        assert!(!p.is_match("abc"));
        assert!(compile("^\\p{L}+$").expect("Unicode property escapes").is_match("été"));
    }
}
