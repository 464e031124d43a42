//! A numeric bound (`minimum`, `maximum`) kept exactly as written: a whole number stays an
//! integer, so bounds and examples past 2^53 compare exactly rather than as rounded floats.

use super::Scalar;
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::cmp::Ordering;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Bound {
    Int(i64),
    Float(f64),
}

impl Bound {
    pub fn as_f64(self) -> f64 {
        match self {
            Bound::Int(i) => i as f64,
            Bound::Float(x) => x,
        }
    }

    /// Whether it is a whole number.
    pub fn is_whole(self) -> bool {
        match self {
            Bound::Int(_) => true,
            Bound::Float(x) => x.fract() == 0.0,
        }
    }

    /// `self` against `other`, exactly (an integer against a float without rounding either).
    pub fn cmp_exact(self, other: Bound) -> Option<Ordering> {
        match (self, other) {
            (Bound::Int(a), Bound::Int(b)) => Some(a.cmp(&b)),
            (Bound::Float(a), Bound::Float(b)) => a.partial_cmp(&b),
            (Bound::Int(a), Bound::Float(b)) => int_vs_float(a, b),
            (Bound::Float(a), Bound::Int(b)) => int_vs_float(b, a).map(Ordering::reverse),
        }
    }

    /// A numeric scalar as a bound.
    pub fn of(v: &Scalar) -> Option<Bound> {
        match v {
            Scalar::Int(i) => Some(Bound::Int(*i)),
            Scalar::Float(x) => Some(Bound::Float(*x)),
            _ => None,
        }
    }
}

/// The integer `a` against the float `b`, exactly.
fn int_vs_float(a: i64, b: f64) -> Option<Ordering> {
    if b.is_nan() {
        return None;
    }
    // 2^63 is exact as an f64: every i64 is below it and at least its negation.
    const TWO_63: f64 = 9_223_372_036_854_775_808.0;
    if b >= TWO_63 {
        return Some(Ordering::Less);
    }
    if b < -TWO_63 {
        return Some(Ordering::Greater);
    }
    let whole = b.trunc();
    // |whole| < 2^63, so the conversion is exact.
    match a.cmp(&(whole as i64)) {
        Ordering::Equal => 0.0f64.partial_cmp(&(b - whole)),
        other => Some(other),
    }
}

impl fmt::Display for Bound {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Bound::Int(i) => write!(f, "{i}"),
            Bound::Float(x) => write!(f, "{x}"),
        }
    }
}

struct BoundVisitor;

impl Visitor<'_> for BoundVisitor {
    type Value = Bound;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "a number")
    }
    fn visit_i64<E>(self, v: i64) -> Result<Bound, E> {
        Ok(Bound::Int(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Bound, E> {
        Ok(i64::try_from(v).map_or(Bound::Float(v as f64), Bound::Int))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Bound, E> {
        Ok(Bound::Float(v))
    }
}

impl<'de> Deserialize<'de> for Bound {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(BoundVisitor)
    }
}

impl Serialize for Bound {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Bound::Int(i) => s.serialize_i64(*i),
            Bound::Float(x) => s.serialize_f64(*x),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_past_2_53_compare_exactly() {
        let max = Bound::Int(9_007_199_254_740_992);
        let over = Bound::Int(9_007_199_254_740_993);
        assert_eq!(over.cmp_exact(max), Some(Ordering::Greater));
        // As floats both are 2^53: the comparison would say equal.
        assert_eq!(over.as_f64(), max.as_f64());
        assert_eq!(
            over.cmp_exact(Bound::Float(9_007_199_254_740_992.0)),
            Some(Ordering::Greater)
        );
        assert_eq!(Bound::Int(2).cmp_exact(Bound::Float(2.5)), Some(Ordering::Less));
        assert_eq!(Bound::Float(-2.5).cmp_exact(Bound::Int(-2)), Some(Ordering::Less));
        assert_eq!(
            Bound::Int(i64::MAX).cmp_exact(Bound::Float(9.3e18)),
            Some(Ordering::Less)
        );
        assert_eq!(Bound::Int(3).cmp_exact(Bound::Float(3.0)), Some(Ordering::Equal));
    }
}
