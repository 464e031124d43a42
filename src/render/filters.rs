//! Tera filters of the default theme, available to every theme's templates.

use std::collections::HashMap;
use tera::{Result, Value};

/// `n` with a comma between each group of three digits: `21400` is `21,400`.
pub fn thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `{{ count | num }}`: a whole number with thousands separators; anything else as it is.
pub fn num(value: &Value, _: &HashMap<String, Value>) -> Result<Value> {
    Ok(match value.as_i64() {
        Some(n) => Value::String(thousands(n)),
        None => value.clone(),
    })
}

/// Adds the filters to `tera`.
pub fn register(tera: &mut tera::Tera) {
    tera.register_filter("num", num);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_of_three_digits_are_separated() {
        for (n, s) in [
            (0, "0"),
            (999, "999"),
            (1_000, "1,000"),
            (21_400, "21,400"),
            (1_234_567, "1,234,567"),
            (-45_000, "-45,000"),
        ] {
            assert_eq!(thousands(n), s);
        }
    }
}
