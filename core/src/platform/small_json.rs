//! A small JSON reader for the texts the console reads before any page's code, or on pages
//! that read no answer of the platform's: the settings and secrets it keeps in the browser's
//! storage, the deployment's `config.json` ([`crate::console::settings`]), recent work and the
//! activity log ([`crate::console::recent`], [`crate::console::activity`]). serde_json's reader,
//! with the code its derives write for each type, is some 15 KB of compressed wasm that every
//! first visit would download for these few flat texts; this reader is a fraction of that,
//! and the pages that read the platform's answers bring serde_json with them.
//!
//! It reads exactly JSON's syntax (RFC 8259, as serde_json does: no comments, no trailing
//! commas, at most 127 nested arrays or objects) and keeps every member of an object in order.
//! The typing is its callers', with the helpers below that read a value as serde's derives
//! read it. A number beyond f64's range is read as syntax only where no one asks for its value
//! (serde_json's map refuses the whole text).

/// A JSON value.
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    /// A number: [`Number::Whole`] for a plain non-negative integer (no sign, fraction or
    /// exponent) up to `u64::MAX`, else [`Number::Other`] with its text.
    Number(Number),
    String(String),
    Array(Vec<Json>),
    /// Every member in the order written, repeated names included.
    Object(Vec<(String, Json)>),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Number {
    Whole(u64),
    Other(String),
}

/// serde_json's limit: deeper nesting is an error there too, and a bound on the recursion here.
const MAX_DEPTH: usize = 127;

/// Reads `text` as one JSON value (whitespace around it allowed); `None` if it is not JSON.
pub fn parse(text: &str) -> Option<Json> {
    let mut r = Reader { s: text.as_bytes(), at: 0 };
    let v = r.value(0)?;
    r.ws();
    (r.at == r.s.len()).then_some(v)
}

impl Json {
    /// The object's members, or `None` for any other value.
    pub fn members(&self) -> Option<&[(String, Json)]> {
        match self {
            Json::Object(m) => Some(m),
            _ => None,
        }
    }

    /// The array's items, or `None` for any other value.
    pub fn items(&self) -> Option<&[Json]> {
        match self {
            Json::Array(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Json::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// A whole number as serde reads an unsigned integer: no sign, fraction or exponent.
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Json::Number(Number::Whole(n)) => Some(*n),
            _ => None,
        }
    }

    /// Any number as serde_json reads an f64 ([`to_f64`]); `None` beyond its range
    /// (serde_json refuses it too).
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Json::Number(Number::Whole(n)) => Some(*n as f64),
            Json::Number(Number::Other(text)) => to_f64(text),
            _ => None,
        }
    }
}

/// A number's text (JSON's syntax, checked) as serde_json's default reader makes an f64: its
/// digits as an integer (those past `u64` dropped) times a power of ten. Exact, as there, for
/// what the console writes (an instant in epoch milliseconds, 15 digits at most, exponents
/// within ±22); otherwise within a few units in the last place of serde_json's reading, whose
/// table of powers of ten `powi` stands in for (so within a few units of f64::MAX it may find
/// the number out of range). Not `str::parse`: its tables would add some 11 KB of compressed
/// wasm to every page's first visit.
fn to_f64(text: &str) -> Option<f64> {
    let (negative, text) = text.strip_prefix('-').map_or((false, text), |t| (true, t));
    let (digits, exp) = text.split_once(['e', 'E']).unwrap_or((text, "0"));
    let (exp_negative, exp) = match exp.as_bytes().first() {
        Some(b'-') => (true, &exp[1..]),
        Some(b'+') => (false, &exp[1..]),
        _ => (false, exp),
    };
    let exp = exp.bytes().fold(0i64, |e, d| (e * 10 + i64::from(d - b'0')).min(1_000_000));
    let mut exponent = if exp_negative { -exp } else { exp };
    let (mut significand, mut fraction) = (0u64, false);
    for d in digits.bytes() {
        if d == b'.' {
            fraction = true;
            continue;
        }
        match significand.checked_mul(10).and_then(|s| s.checked_add(u64::from(d - b'0'))) {
            Some(s) => {
                significand = s;
                exponent -= i64::from(fraction);
            }
            // A digit past u64's reach is dropped, as serde_json drops it.
            None => exponent += i64::from(!fraction),
        }
    }
    let mut f = significand as f64;
    loop {
        if exponent.abs() <= 308 {
            let pow = 10f64.powi(exponent.unsigned_abs() as i32);
            if exponent >= 0 {
                f *= pow;
            } else {
                f /= pow;
            }
            break;
        }
        if f == 0.0 {
            break;
        }
        if exponent > 0 {
            return None;
        }
        f /= 1e308;
        exponent += 308;
    }
    f.is_finite().then_some(if negative { -f } else { f })
}

/// How a repeated member name is taken: serde's derive refuses it; a map (serde_json's
/// `Value`) keeps the last one.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Repeated {
    Refused,
    LastWins,
}

/// The members named `names`, in that order, as serde's derive finds a struct's fields;
/// `None` if `json` is not an object, or repeats one of them when that is refused. Other
/// members are skipped.
pub fn fields<'a, const N: usize>(
    json: &'a Json,
    names: [&str; N],
    repeated: Repeated,
) -> Option<[Option<&'a Json>; N]> {
    let mut found = [None; N];
    for (name, value) in json.members()? {
        if let Some(i) = names.iter().position(|n| n == name) {
            if found[i].replace(value).is_some() && repeated == Repeated::Refused {
                return None;
            }
        }
    }
    Some(found)
}

/// `text` as a JSON array of which `read` reads every item (serde reads a `Vec` so: one
/// item it cannot read refuses the whole list).
pub fn list<T>(text: &str, read: impl Fn(&Json) -> Option<T>) -> Option<Vec<T>> {
    parse(text)?.items()?.iter().map(read).collect()
}

/// A string value as an owned `String`.
pub fn string(v: &Json) -> Option<String> {
    v.as_str().map(str::to_string)
}

/// A field that serde's derive fills with its default when it is missing.
pub fn or_default<T: Default>(value: Option<&Json>, read: impl Fn(&Json) -> Option<T>) -> Option<T> {
    value.map_or(Some(T::default()), read)
}

struct Reader<'a> {
    s: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn ws(&mut self) {
        while let Some(b' ' | b'\n' | b'\t' | b'\r') = self.s.get(self.at) {
            self.at += 1;
        }
    }

    fn next(&mut self) -> Option<u8> {
        let b = *self.s.get(self.at)?;
        self.at += 1;
        Some(b)
    }

    fn eat(&mut self, word: &[u8]) -> Option<()> {
        self.s[self.at..].starts_with(word).then(|| self.at += word.len())
    }

    fn value(&mut self, depth: usize) -> Option<Json> {
        self.ws();
        Some(match *self.s.get(self.at)? {
            b'n' => self.eat(b"null").map(|_| Json::Null)?,
            b't' => self.eat(b"true").map(|_| Json::Bool(true))?,
            b'f' => self.eat(b"false").map(|_| Json::Bool(false))?,
            b'"' => Json::String(self.string()?),
            b'[' if depth < MAX_DEPTH => {
                self.at += 1;
                let mut items = Vec::new();
                if !self.close(b']') {
                    loop {
                        items.push(self.value(depth + 1)?);
                        if self.separator(b']')? {
                            break;
                        }
                    }
                }
                Json::Array(items)
            }
            b'{' if depth < MAX_DEPTH => {
                self.at += 1;
                let mut members = Vec::new();
                if !self.close(b'}') {
                    loop {
                        self.ws();
                        if self.s.get(self.at) != Some(&b'"') {
                            return None;
                        }
                        let key = self.string()?;
                        self.ws();
                        self.eat(b":")?;
                        members.push((key, self.value(depth + 1)?));
                        if self.separator(b'}')? {
                            break;
                        }
                    }
                }
                Json::Object(members)
            }
            b'-' | b'0'..=b'9' => Json::Number(self.number()?),
            _ => return None,
        })
    }

    /// After `[` or `{`: whether the container is empty (and then consumed).
    fn close(&mut self, end: u8) -> bool {
        self.ws();
        let empty = self.s.get(self.at) == Some(&end);
        if empty {
            self.at += 1;
        }
        empty
    }

    /// After an item: `Some(true)` at the container's end, `Some(false)` after a comma.
    fn separator(&mut self, end: u8) -> Option<bool> {
        self.ws();
        match self.next()? {
            b',' => Some(false),
            b if b == end => Some(true),
            _ => None,
        }
    }

    fn digits(&mut self) -> usize {
        let from = self.at;
        while self.s.get(self.at).is_some_and(u8::is_ascii_digit) {
            self.at += 1;
        }
        self.at - from
    }

    fn number(&mut self) -> Option<Number> {
        let from = self.at;
        let negative = self.s[self.at] == b'-';
        if negative {
            self.at += 1;
        }
        let int_from = self.at;
        match self.digits() {
            0 => return None,
            n if n > 1 && self.s[int_from] == b'0' => return None,
            _ => {}
        }
        let mut plain = !negative;
        if self.s.get(self.at) == Some(&b'.') {
            self.at += 1;
            if self.digits() == 0 {
                return None;
            }
            plain = false;
        }
        if let Some(b'e' | b'E') = self.s.get(self.at) {
            self.at += 1;
            if let Some(b'+' | b'-') = self.s.get(self.at) {
                self.at += 1;
            }
            if self.digits() == 0 {
                return None;
            }
            plain = false;
        }
        let text = std::str::from_utf8(&self.s[from..self.at]).ok()?;
        Some(match plain.then(|| text.parse::<u64>().ok()).flatten() {
            Some(n) => Number::Whole(n),
            None => Number::Other(text.to_string()),
        })
    }

    fn hex4(&mut self) -> Option<u32> {
        let digits = self.s.get(self.at..self.at + 4)?;
        let mut n = 0;
        for d in digits {
            n = n * 16 + (*d as char).to_digit(16)?;
        }
        self.at += 4;
        Some(n)
    }

    /// A string from its opening quote; `None` for a control character, a bad escape or a
    /// lone surrogate (serde_json refuses them too).
    fn string(&mut self) -> Option<String> {
        self.at += 1;
        let mut out = String::new();
        loop {
            let from = self.at;
            while let Some(&b) = self.s.get(self.at) {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.at += 1;
            }
            // The input is a &str and the run stops only at ASCII bytes: whole characters.
            out.push_str(std::str::from_utf8(&self.s[from..self.at]).ok()?);
            match self.next()? {
                b'"' => return Some(out),
                b'\\' => out.push(match self.next()? {
                    b'"' => '"',
                    b'\\' => '\\',
                    b'/' => '/',
                    b'b' => '\u{8}',
                    b'f' => '\u{c}',
                    b'n' => '\n',
                    b'r' => '\r',
                    b't' => '\t',
                    b'u' => match self.hex4()? {
                        high @ 0xD800..=0xDBFF => {
                            self.eat(b"\\u")?;
                            let low = self.hex4().filter(|n| (0xDC00..=0xDFFF).contains(n))?;
                            char::from_u32(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))?
                        }
                        n => char::from_u32(n)?,
                    },
                    _ => return None,
                }),
                _ => return None,
            }
        }
    }
}

/// Texts for the property tests of the readers built on this one (settings, recent work, the
/// activity log), which compare them with serde_json: values of every kind under the names
/// and words a reader knows and some it does not, repeats, whitespace, and texts cut or with
/// a character slipped in or replaced.
#[cfg(test)]
pub(crate) mod arbitrary {
    use proptest::prelude::*;

    /// A JSON value with its members in order (repeats allowed), written with the
    /// whitespace chosen per value.
    #[derive(Debug, Clone)]
    enum Tree {
        Lit(String),
        Str(String),
        Arr(Vec<Tree>, String),
        Obj(Vec<(String, Tree)>, String),
    }

    fn quoted(s: &str) -> String {
        serde_json::to_string(s).unwrap()
    }

    impl Tree {
        fn text(&self) -> String {
            match self {
                Tree::Lit(l) => l.clone(),
                Tree::Str(s) => quoted(s),
                Tree::Arr(items, ws) => {
                    format!("[{ws}{}{ws}]", items.iter().map(Tree::text).collect::<Vec<_>>().join(&format!(",{ws}")))
                }
                Tree::Obj(members, ws) => format!(
                    "{{{ws}{}{ws}}}",
                    members
                        .iter()
                        .map(|(k, v)| format!("{}{ws}:{ws}{}", quoted(k), v.text()))
                        .collect::<Vec<_>>()
                        .join(",")
                ),
            }
        }
    }

    fn scalar(words: &'static [&'static str]) -> impl Strategy<Value = Tree> {
        prop_oneof![
            Just(Tree::Lit("null".into())),
            any::<bool>().prop_map(|b| Tree::Lit(b.to_string())),
            prop_oneof![0u64..=300, Just(u32::MAX as u64), Just(u32::MAX as u64 + 1), any::<u64>()]
                .prop_map(|n| Tree::Lit(n.to_string())),
            "-?(0|[1-9][0-9]{0,3})(\\.[0-9]{1,3})?([eE][+-]?[0-9]{1,2})?".prop_map(Tree::Lit),
            prop_oneof![
                3 => prop::sample::select(words).prop_map(str::to_string),
                1 => "\\PC{0,8}",
                1 => "[\\u{0}-\\u{7f}]{0,6}",
            ]
            .prop_map(Tree::Str),
        ]
    }

    fn ws() -> impl Strategy<Value = String> {
        prop_oneof![Just(String::new()), "[ \t\r\n]{1,3}"]
    }

    fn members(
        names: &'static [&'static str],
        value: impl Strategy<Value = Tree> + Clone,
        most: usize,
    ) -> impl Strategy<Value = Tree> {
        (prop::collection::vec((prop::sample::select(names).prop_map(str::to_string), value), 0..most), ws())
            .prop_map(|(m, w)| Tree::Obj(m, w))
    }

    fn tree(names: &'static [&'static str], words: &'static [&'static str]) -> impl Strategy<Value = Tree> + Clone {
        scalar(words).prop_recursive(3, 24, 6, move |inner| {
            prop_oneof![
                (prop::collection::vec(inner.clone(), 0..4), ws()).prop_map(|(v, w)| Tree::Arr(v, w)),
                members(names, inner, 4),
            ]
        })
    }

    /// What the text mostly holds.
    #[derive(Debug, Clone, Copy)]
    pub enum Shape {
        /// An object (settings, config.json).
        Object,
        /// An array of objects, or of scalars (the stored lists).
        List,
    }

    pub fn text(
        names: &'static [&'static str],
        words: &'static [&'static str],
        shape: Shape,
    ) -> impl Strategy<Value = String> {
        let object = members(names, tree(names, words), 8);
        let main = match shape {
            Shape::Object => object.boxed(),
            Shape::List => (
                prop::collection::vec(prop_oneof![6 => object, 1 => scalar(words), 1 => tree(names, words)], 0..4),
                ws(),
            )
                .prop_map(|(items, w)| Tree::Arr(items, w))
                .boxed(),
        };
        slipped(prop_oneof![8 => main.prop_map(|t| t.text()), 1 => scalar(words).prop_map(|t| t.text())])
    }

    /// A JSON text for a value of a record's field (`"group"`, `42`, `1.5e3`).
    pub type Valid = BoxedStrategy<String>;

    /// Lists of records the way the console stores them, mostly: each field `(name, valid
    /// value)` there with a valid value, sometimes missing, repeated or of any other kind,
    /// in any order among other members.
    pub fn records(
        fields: Vec<(&'static str, Valid)>,
        names: &'static [&'static str],
        words: &'static [&'static str],
    ) -> impl Strategy<Value = String> {
        let member = |(name, valid): (&'static str, Valid)| {
            prop_oneof![
                16 => valid.prop_map(move |v| vec![(name.to_string(), Tree::Lit(v))]),
                1 => Just(Vec::new()),
                1 => tree(names, words).prop_map(move |t| vec![(name.to_string(), t)]),
                1 => (tree(names, words), tree(names, words))
                    .prop_map(move |(a, b)| vec![(name.to_string(), a), (name.to_string(), b)]),
            ]
        };
        let record = (
            fields.into_iter().map(member).collect::<Vec<_>>(),
            prop::collection::vec((prop::sample::select(names).prop_map(str::to_string), tree(names, words)), 0..2),
            ws(),
        )
            .prop_flat_map(|(parts, extra, w)| {
                let all: Vec<_> = parts.into_iter().flatten().chain(extra).collect();
                Just(all).prop_shuffle().prop_map(move |m| Tree::Obj(m, w.clone()))
            });
        let list = (prop::collection::vec(record, 0..4), ws()).prop_map(|(items, w)| Tree::Arr(items, w).text());
        slipped(prop_oneof![12 => list, 1 => text(names, words, Shape::List)])
    }

    /// Valid values: one of `words`, quoted.
    pub fn word(words: &'static [&'static str]) -> Valid {
        prop::sample::select(words).prop_map(quoted).boxed()
    }

    /// Valid values: any string, quoted.
    pub fn string() -> Valid {
        "\\PC{0,12}".prop_map(|s| quoted(&s)).boxed()
    }

    /// Valid values: a whole number.
    pub fn whole() -> Valid {
        any::<u64>().prop_map(|n| n.to_string()).boxed()
    }

    /// Valid values: a number as serde_json writes an f64 (an instant in epoch
    /// milliseconds, mostly).
    pub fn float() -> Valid {
        prop_oneof![
            (0u64..4_000_000_000_000).prop_map(|n| n as f64),
            // Not near f64::MAX, where the small reader may find a number out of range (to_f64).
            any::<f64>().prop_filter("finite, below 1e300", |x| x.abs() < 1e300),
        ]
        .prop_map(|x| serde_json::to_string(&x).unwrap())
        .boxed()
    }

    /// Valid values: true or false.
    pub fn flag() -> Valid {
        any::<bool>().prop_map(|b| b.to_string()).boxed()
    }

    /// Mostly `text` as it is; sometimes cut, or with a character slipped in or replaced.
    fn slipped(text: impl Strategy<Value = String>) -> impl Strategy<Value = String> {
        let punctuation = prop::sample::select(&['[', ']', '{', '}', ',', ':', '"', '\\', ' ', '0', '-', '.', 'e'][..]);
        let slip = prop_oneof![
            6 => Just(Slip::None),
            1 => Just(Slip::Cut),
            1 => proptest::char::any().prop_map(Slip::Insert),
            2 => punctuation.clone().prop_map(Slip::Insert),
            2 => punctuation.prop_map(Slip::Replace),
        ];
        (text, any::<prop::sample::Index>(), slip).prop_map(|(t, at, slip)| {
            let at = at.index(t.len() + 1);
            let at = (0..=at).rev().find(|&i| t.is_char_boundary(i)).unwrap_or(0);
            let (head, tail) = t.split_at(at);
            match slip {
                Slip::None => t.clone(),
                Slip::Cut => head.to_string(),
                Slip::Insert(c) => format!("{head}{c}{tail}"),
                Slip::Replace(c) => format!("{head}{c}{}", tail.chars().skip(1).collect::<String>()),
            }
        })
    }

    #[derive(Debug, Clone)]
    enum Slip {
        None,
        Cut,
        Insert(char),
        Replace(char),
    }

    /// Whether two readings of the same number agree: the small reader's powers of ten
    /// beyond 10^22 are `powi`'s, a few units in the last place from serde_json's table.
    pub fn same_f64(a: f64, b: f64) -> bool {
        a == b || (a - b).abs() <= a.abs().max(b.abs()) * 1e-13
    }

    /// Whether `text` holds a number beyond f64's range (where serde_json's map refuses what
    /// the small reader reads as syntax).
    pub fn far_number(text: &str) -> bool {
        text.split(|c: char| !(c.is_ascii_digit() || "-+.eE".contains(c)))
            .any(|n| n.parse::<f64>().is_ok_and(|x| x.abs() > 1e300))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn obj(members: &[(&str, Json)]) -> Json {
        Json::Object(members.iter().map(|(k, v)| (k.to_string(), v.clone())).collect())
    }

    #[test]
    fn reads_every_kind_of_value() {
        let text = r#" {"a": null, "b": [true, false], "c": {"d": "e\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00"},
                       "n": [0, 42, 18446744073709551615, 18446744073709551616, -1, -0, 1.5, 1e3, 2E-2]} "#;
        let n = Json::Number;
        assert_eq!(
            parse(text),
            Some(obj(&[
                ("a", Json::Null),
                ("b", Json::Array(vec![Json::Bool(true), Json::Bool(false)])),
                ("c", obj(&[("d", Json::String("e\"\\/\u{8}\u{c}\n\r\t\u{e9}\u{1F600}".into()))])),
                (
                    "n",
                    Json::Array(vec![
                        n(Number::Whole(0)),
                        n(Number::Whole(42)),
                        n(Number::Whole(u64::MAX)),
                        n(Number::Other("18446744073709551616".into())),
                        n(Number::Other("-1".into())),
                        n(Number::Other("-0".into())),
                        n(Number::Other("1.5".into())),
                        n(Number::Other("1e3".into())),
                        n(Number::Other("2E-2".into())),
                    ])
                ),
            ]))
        );
        assert_eq!(parse(r#"{"k": 1, "k": 2}"#).unwrap().members().unwrap().len(), 2, "repeated names are kept");
    }

    #[test]
    fn refuses_what_is_not_json() {
        for bad in [
            "",
            " ",
            "{",
            "{\"a\":}",
            "{\"a\" 1}",
            "{a: 1}",
            "{\"a\": 1,}",
            "[1,]",
            "[1 2]",
            "01",
            "1.",
            ".5",
            "+1",
            "1e",
            "-",
            "--1",
            "tru",
            "nul",
            "\"\\x\"",
            "\"\\u12\"",
            "\"\\ud800\"",
            "\"\\udc00\"",
            "\"\\ud800\\u0041\"",
            "\"a\u{1}b\"",
            "\"open",
            "{} {}",
            "{}x",
            "\u{feff}{}",
            "'a'",
            "[1]]",
            "[1}",
            "{\"a\": 1]",
            "{\"a\": 1}}",
            "{,}",
            "[,1]",
            "NaN",
            "Infinity",
        ] {
            assert_eq!(parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn numbers_read_as_serde_json_reads_them() {
        let exact = [
            "1733500000000.0",
            "1733500000000",
            "1733500000000.5",
            "-0",
            "-0.0",
            "0.1",
            "2.5e-3",
            "12345678901234.5",
            "1e22",
            "1E-22",
            "-7.25e+2",
            "4503599627370497",
            "1e-400",
            "0e999",
        ];
        for text in exact {
            let serde = serde_json::from_str::<f64>(text).unwrap();
            assert_eq!(to_f64(text).map(f64::to_bits), Some(serde.to_bits()), "{text}");
        }
        // Near f64::MAX a reading may overflow where serde_json's does not: not an instant.
        for text in ["1.7976931348623e308", "5e-324", "123456789012345678901234567890", "2.2250738585072014e-308"] {
            let (ours, serde) = (to_f64(text).unwrap(), serde_json::from_str::<f64>(text).unwrap());
            assert!(arbitrary::same_f64(ours, serde), "{text}: {ours} and {serde}");
        }
        for far in ["1e309", "-1e400", "1e99999999999"] {
            assert_eq!(to_f64(far), None, "{far}");
            assert!(serde_json::from_str::<f64>(far).is_err(), "{far}");
        }
    }

    #[test]
    fn nesting_stops_where_serde_json_stops() {
        let nested = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        assert!(parse(&nested(MAX_DEPTH)).is_some());
        assert!(parse(&nested(MAX_DEPTH + 1)).is_none());
        for n in [MAX_DEPTH, MAX_DEPTH + 1] {
            let serde = serde_json::from_str::<serde_json::Value>(&nested(n)).is_ok();
            assert_eq!(parse(&nested(n)).is_some(), serde, "{n} levels");
        }
    }
}
