//! Reading the platform's answers leniently, where real responses vary:
//! - ids arrive as numbers or numeric strings (the update example sends `"id": "3962909"`);
//! - absent or `null` arrays, objects and strings become empty, absent numbers `None`;
//! - booleans and numbers may come as text;
//! - a warning may be an object or a bare string.
//!
//! Every domain's wire types read through these.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

// ------------------------------------------------------------------ lenient helpers

/// A platform id (group, user, org). Serialized as a JSON number; read from a number or a
/// string of digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Id(pub u64);

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl Serialize for Id {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u64(self.0)
    }
}

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match d.deserialize_any(Lenient::Id)? {
            Scalar::Id(id) => Ok(id),
            _ => Err(serde::de::Error::custom("expected an id, got nothing")),
        }
    }
}

// Hand-written visitors rather than going through serde_json::Value: a 30,000-member
// response reads 90,000 booleans, and a Value per field would allocate for each.

/// What a lenient field may hold once read.
enum Scalar {
    None,
    Bool(bool),
    Number(f64),
    Int(i64),
    Id(Id),
}

#[derive(Clone, Copy)]
enum Lenient {
    Id,
    Number,
    Bool,
}

impl<'de> serde::de::Visitor<'de> for Lenient {
    type Value = Scalar;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(match self {
            Lenient::Id => "an id (a number or a string of digits)",
            Lenient::Number => "a number",
            Lenient::Bool => "true or false",
        })
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<Scalar, E> {
        match self {
            Lenient::Bool => Ok(Scalar::Bool(false)),
            _ => Ok(Scalar::None),
        }
    }

    fn visit_none<E: serde::de::Error>(self) -> Result<Scalar, E> {
        self.visit_unit()
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Scalar, D::Error> {
        d.deserialize_any(self)
    }

    fn visit_bool<E: serde::de::Error>(self, b: bool) -> Result<Scalar, E> {
        match self {
            Lenient::Bool => Ok(Scalar::Bool(b)),
            _ => Err(E::invalid_type(serde::de::Unexpected::Bool(b), &self)),
        }
    }

    fn visit_u64<E: serde::de::Error>(self, n: u64) -> Result<Scalar, E> {
        match self {
            Lenient::Id => Ok(Scalar::Id(Id(n))),
            Lenient::Number => Ok(i64::try_from(n).map(Scalar::Int).unwrap_or(Scalar::Number(n as f64))),
            Lenient::Bool => Ok(Scalar::Bool(n != 0)),
        }
    }

    fn visit_i64<E: serde::de::Error>(self, n: i64) -> Result<Scalar, E> {
        match self {
            Lenient::Id if n >= 0 => Ok(Scalar::Id(Id(n as u64))),
            Lenient::Id => Err(E::invalid_value(serde::de::Unexpected::Signed(n), &self)),
            Lenient::Number => Ok(Scalar::Int(n)),
            Lenient::Bool => Ok(Scalar::Bool(n != 0)),
        }
    }

    fn visit_f64<E: serde::de::Error>(self, n: f64) -> Result<Scalar, E> {
        match self {
            Lenient::Id if n >= 0.0 && n.fract() == 0.0 && n < 1.8e19 => Ok(Scalar::Id(Id(n as u64))),
            Lenient::Number => Ok(Scalar::Number(n)),
            _ => Err(E::invalid_type(serde::de::Unexpected::Float(n), &self)),
        }
    }

    fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Scalar, E> {
        let t = s.trim();
        match self {
            Lenient::Bool => Ok(Scalar::Bool(t.eq_ignore_ascii_case("true"))),
            _ if t.is_empty() => match self {
                Lenient::Id => Err(E::invalid_value(serde::de::Unexpected::Str(s), &self)),
                _ => Ok(Scalar::None),
            },
            Lenient::Id => t
                .parse::<u64>()
                .map(|n| Scalar::Id(Id(n)))
                .map_err(|_| E::invalid_value(serde::de::Unexpected::Str(s), &self)),
            Lenient::Number => t
                .parse::<i64>()
                .map(Scalar::Int)
                .or_else(|_| t.parse::<f64>().map(Scalar::Number))
                .map_err(|_| E::invalid_value(serde::de::Unexpected::Str(s), &self)),
        }
    }
}

/// `null` or absent → `T::default()` (empty list or map).
pub fn or_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

/// A string that may be null (→ empty); a number or boolean is kept as its text.
pub fn lenient_string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    struct V;
    impl<'de> serde::de::Visitor<'de> for V {
        type Value = String;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("text")
        }
        fn visit_unit<E: serde::de::Error>(self) -> Result<String, E> {
            Ok(String::new())
        }
        fn visit_none<E: serde::de::Error>(self) -> Result<String, E> {
            Ok(String::new())
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<String, D::Error> {
            d.deserialize_any(self)
        }
        fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<String, E> {
            Ok(s.to_string())
        }
        fn visit_string<E: serde::de::Error>(self, s: String) -> Result<String, E> {
            Ok(s)
        }
        fn visit_bool<E: serde::de::Error>(self, b: bool) -> Result<String, E> {
            Ok(b.to_string())
        }
        fn visit_u64<E: serde::de::Error>(self, n: u64) -> Result<String, E> {
            Ok(n.to_string())
        }
        fn visit_i64<E: serde::de::Error>(self, n: i64) -> Result<String, E> {
            Ok(n.to_string())
        }
        fn visit_f64<E: serde::de::Error>(self, n: f64) -> Result<String, E> {
            Ok(n.to_string())
        }
    }
    d.deserialize_any(V)
}

/// A number that may arrive as a JSON number, a numeric string or null.
pub fn lenient_f64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    match d.deserialize_any(Lenient::Number)? {
        Scalar::Int(n) => Ok(Some(n as f64)),
        Scalar::Number(n) => Ok(Some(n)),
        _ => Ok(None),
    }
}

/// An integer that may arrive as a number (also `6.0`), a numeric string or null.
pub fn lenient_i64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    match d.deserialize_any(Lenient::Number)? {
        Scalar::Int(n) => Ok(Some(n)),
        Scalar::Number(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => Ok(Some(f as i64)),
        Scalar::Number(f) => Err(serde::de::Error::custom(format!("expected a whole number, got {f}"))),
        _ => Ok(None),
    }
}

/// A boolean that may be null or absent (→ false), or "true"/"false" as text.
pub fn lenient_bool<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    match d.deserialize_any(Lenient::Bool)? {
        Scalar::Bool(b) => Ok(b),
        _ => Ok(false),
    }
}

/// Writes a number read by [`lenient_f64`] as the platform's examples write it: a whole
/// number as an integer (`500`, not `500.0`: a Java `int` field may refuse a fraction), any
/// other as it is; `None` as null.
pub fn write_number<S: Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(n) if n.fract() == 0.0 && n.abs() < 9.0e15 => s.serialize_i64(*n as i64),
        Some(n) => s.serialize_f64(*n),
        None => s.serialize_none(),
    }
}

/// A person's first and last name as one line (either may be blank).
pub fn full_name(first: &str, last: &str) -> String {
    format!("{} {}", first.trim(), last.trim()).trim().to_string()
}

/// A boolean that may be absent or null (→ `None`), or "true"/"false" as text: for fields
/// whose absence means something else than `false`.
pub fn lenient_opt_bool<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    Ok(match Option::<Value>::deserialize(d)? {
        Some(Value::Bool(b)) => Some(b),
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().eq_ignore_ascii_case("true")),
        Some(Value::Number(n)) => Some(n.as_f64() != Some(0.0)),
        _ => None,
    })
}

/// An id that may be absent, null, blank, a number or a string of digits.
pub fn lenient_id<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Id>, D::Error> {
    struct V;
    impl<'de> serde::de::Visitor<'de> for V {
        type Value = Option<Id>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            Lenient::Id.expecting(f)
        }
        fn visit_unit<E: serde::de::Error>(self) -> Result<Option<Id>, E> {
            Ok(None)
        }
        fn visit_none<E: serde::de::Error>(self) -> Result<Option<Id>, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Option<Id>, D::Error> {
            d.deserialize_any(self)
        }
        fn visit_u64<E: serde::de::Error>(self, n: u64) -> Result<Option<Id>, E> {
            Ok(Some(Id(n)))
        }
        fn visit_i64<E: serde::de::Error>(self, n: i64) -> Result<Option<Id>, E> {
            match Lenient::Id.visit_i64(n)? {
                Scalar::Id(id) => Ok(Some(id)),
                _ => Ok(None),
            }
        }
        fn visit_f64<E: serde::de::Error>(self, n: f64) -> Result<Option<Id>, E> {
            match Lenient::Id.visit_f64(n)? {
                Scalar::Id(id) => Ok(Some(id)),
                _ => Ok(None),
            }
        }
        fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Option<Id>, E> {
            if s.trim().is_empty() {
                return Ok(None);
            }
            match Lenient::Id.visit_str(s)? {
                Scalar::Id(id) => Ok(Some(id)),
                _ => Ok(None),
            }
        }
    }
    d.deserialize_any(V)
}

// ------------------------------------------------------------------ warnings

/// A warning in a successful response (91016, 91017 on create/update; 1656 on get).
/// The docs show objects `{status, code, message}`; a bare string is accepted too.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct ApiWarning {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<i64>,
    pub message: String,
}

impl<'de> Deserialize<'de> for ApiWarning {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(rename_all = "camelCase")]
        struct Obj {
            #[serde(default)]
            status: Option<bool>,
            #[serde(default, deserialize_with = "lenient_i64")]
            code: Option<i64>,
            #[serde(default, deserialize_with = "lenient_string")]
            message: String,
        }
        match Value::deserialize(d)? {
            Value::String(message) => Ok(ApiWarning { status: None, code: None, message }),
            v @ Value::Object(_) => {
                let o = Obj::deserialize(v).map_err(serde::de::Error::custom)?;
                Ok(ApiWarning { status: o.status, code: o.code, message: o.message })
            }
            other => Ok(ApiWarning { status: None, code: None, message: other.to_string() }),
        }
    }
}
