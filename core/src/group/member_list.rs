//! One entry of the group GET's member list (`fleetGroupUsers`), and the list read without
//! serde. A 30,000-member answer is 2.8 MB, nearly all
//! of it `fleetGroupUsers`, and serde_json in wasm reads that at a third of the browser's
//! `JSON.parse` (measured with `make bench`). This reader takes the list in the shape the
//! platform sends it — ids as JSON integers, flags as `true`/`false`/`null`, keys without
//! escapes, each key once, other keys with plain scalar values — and declines everything else,
//! which serde then reads. So what it returns is exactly what serde would, and every error is
//! still serde's, with serde's path.

use serde::{Deserialize, Serialize};

use crate::platform::read::{lenient_bool, lenient_id, Id};

/// One entry of `fleetGroupUsers`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct Member {
    pub user_id: Id,
    #[serde(default, deserialize_with = "lenient_id", skip_serializing_if = "Option::is_none")]
    pub group_id: Option<Id>,
    #[serde(default, deserialize_with = "lenient_bool")]
    pub default_group: bool,
    #[serde(default, deserialize_with = "lenient_bool")]
    pub primary_member: bool,
    #[serde(default, deserialize_with = "lenient_bool")]
    pub active: bool,
}

struct Cursor<'a> {
    s: &'a [u8],
    i: usize,
}

impl<'a> Cursor<'a> {
    #[inline(always)]
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    #[inline(always)]
    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.i += 1;
        }
    }

    #[inline(always)]
    fn eat(&mut self, b: u8) -> Option<()> {
        (self.peek()? == b).then(|| self.i += 1)
    }

    #[inline(always)]
    fn literal(&mut self, word: &[u8]) -> Option<()> {
        self.s.get(self.i..self.i + word.len()).filter(|w| *w == word).map(|_| self.i += word.len())
    }

    /// The four bytes at `at` as one number: a word of JSON compared in one step.
    #[inline(always)]
    fn four(&self, at: usize) -> Option<u32> {
        Some(u32::from_le_bytes(self.s.get(at..at + 4)?.try_into().ok()?))
    }

    /// The text of a string after its opening quote, up to its closing one. Escapes and
    /// control characters (which serde reads, or refuses, in its own way) are declined.
    #[inline(always)]
    fn plain_string(&mut self) -> Option<&'a [u8]> {
        let start = self.i;
        loop {
            match self.peek()? {
                b'"' => break,
                b'\\' | 0..=0x1f => return None,
                _ => self.i += 1,
            }
        }
        self.i += 1;
        Some(&self.s[start..self.i - 1])
    }

    /// A JSON integer that fits a u64. Fractions, exponents, signs and leading zeros are
    /// declined: serde reads them as floats or refuses them.
    /// Up to 19 digits, which always fit: longer ids (u64 has 20) are left to serde. Not
    /// `checked_mul`, whose overflow test is a 128-bit multiply: a function call per digit
    /// in wasm.
    #[inline(always)]
    fn id(&mut self) -> Option<Id> {
        let start = self.i;
        let mut n: u64 = 0;
        while let Some(d @ b'0'..=b'9') = self.peek() {
            n = n.wrapping_mul(10).wrapping_add(u64::from(d - b'0'));
            self.i += 1;
        }
        let digits = self.i - start;
        let leading_zero = digits > 1 && self.s[start] == b'0';
        let plain = (1..=19).contains(&digits) && !leading_zero && !matches!(self.peek(), Some(b'.' | b'e' | b'E'));
        plain.then_some(Id(n))
    }

    /// `true`, `false`, or `null` (false, as the lenient reading has it).
    #[inline(always)]
    fn flag(&mut self) -> Option<bool> {
        const TRUE: u32 = u32::from_le_bytes(*b"true");
        const FALS: u32 = u32::from_le_bytes(*b"fals");
        const NULL: u32 = u32::from_le_bytes(*b"null");
        let (value, len) = match self.four(self.i)? {
            TRUE => (true, 4),
            FALS if self.s.get(self.i + 4) == Some(&b'e') => (false, 5),
            NULL => (false, 4),
            _ => return None,
        };
        self.i += len;
        Some(value)
    }

    /// A key this reader does not use: its value may be a number, a plain string, a boolean
    /// or null (serde ignores it); a list or an object is declined.
    fn skip_scalar(&mut self) -> Option<()> {
        match self.peek()? {
            b'"' => {
                self.i += 1;
                self.plain_string().map(drop)
            }
            b't' => self.literal(b"true"),
            b'f' => self.literal(b"false"),
            b'n' => self.literal(b"null"),
            b'-' | b'0'..=b'9' => self.number(),
            _ => None,
        }
    }

    /// JSON's number grammar: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    fn number(&mut self) -> Option<()> {
        let digits = |c: &mut Self| {
            let start = c.i;
            while c.peek().is_some_and(|b| b.is_ascii_digit()) {
                c.i += 1;
            }
            (c.i > start).then_some(())
        };
        let _ = self.eat(b'-');
        if self.eat(b'0').is_none() {
            digits(self)?;
        }
        if self.eat(b'.').is_some() {
            digits(self)?;
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.i += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.i += 1;
            }
            digits(self)?;
        }
        Some(())
    }

    /// `word` (8 bytes or more) at the cursor, compared eight bytes at a time, the last eight
    /// overlapping the ones before: no byte loop, no call to memcmp.
    #[inline(always)]
    fn word(&mut self, word: &[u8]) -> Option<()> {
        let got = self.s.get(self.i..self.i + word.len())?;
        let eight = |b: &[u8], at: usize| u64::from_le_bytes(b[at..at + 8].try_into().unwrap_or_default());
        let mut k = 0;
        while k + 8 < word.len() {
            if eight(got, k) != eight(word, k) {
                return None;
            }
            k += 8;
        }
        (eight(got, word.len() - 8) == eight(word, word.len() - 8)).then(|| self.i += word.len())
    }

    /// One `{…}` of the list. Not inlined: the browser optimises a function after some calls,
    /// never one long call already running, so the list's loop calls this thousands of times.
    #[inline(never)]
    fn member(&mut self) -> Option<Member> {
        let start = self.i;
        self.member_as_sent().or_else(|| {
            self.i = start;
            self.member_any_order()
        })
    }

    /// A member as the platform writes it: the docs' keys in the docs' order, no spaces. Its
    /// keys are compared a word at a time, about twice as fast as reading them.
    #[inline(always)]
    fn member_as_sent(&mut self) -> Option<Member> {
        self.word(b"{\"userId\":")?;
        let user_id = self.id()?;
        self.word(b",\"groupId\":")?;
        let group_id = self.group_id()?;
        self.word(b",\"defaultGroup\":")?;
        let default_group = self.flag()?;
        self.word(b",\"primaryMember\":")?;
        let primary_member = self.flag()?;
        self.word(b",\"active\":")?;
        let active = self.flag()?;
        self.eat(b'}')?;
        Some(Member { user_id, group_id, default_group, primary_member, active })
    }

    #[inline(always)]
    fn group_id(&mut self) -> Option<Option<Id>> {
        match self.peek()? {
            b'n' => self.literal(b"null").map(|_| None),
            _ => self.id().map(Some),
        }
    }

    /// Any order, any spacing, keys serde ignores.
    fn member_any_order(&mut self) -> Option<Member> {
        const USER_ID: u8 = 1;
        const GROUP_ID: u8 = 2;
        const DEFAULT_GROUP: u8 = 4;
        const PRIMARY_MEMBER: u8 = 8;
        const ACTIVE: u8 = 16;
        self.eat(b'{')?;
        let mut m = Member::default();
        let mut seen = 0u8;
        self.ws();
        if self.eat(b'}').is_some() {
            return None; // no userId: serde's "missing field"
        }
        loop {
            self.eat(b'"')?;
            let key = self.plain_string()?;
            self.ws();
            self.eat(b':')?;
            self.ws();
            let bit = match key {
                b"userId" => {
                    m.user_id = self.id()?;
                    USER_ID
                }
                b"groupId" => {
                    m.group_id = self.group_id()?;
                    GROUP_ID
                }
                b"defaultGroup" => {
                    m.default_group = self.flag()?;
                    DEFAULT_GROUP
                }
                b"primaryMember" => {
                    m.primary_member = self.flag()?;
                    PRIMARY_MEMBER
                }
                b"active" => {
                    m.active = self.flag()?;
                    ACTIVE
                }
                _ => {
                    self.skip_scalar()?;
                    0
                }
            };
            if seen & bit != 0 {
                return None; // serde's "duplicate field"
            }
            seen |= bit;
            self.ws();
            match self.peek()? {
                b',' => {
                    self.i += 1;
                    self.ws();
                }
                b'}' => {
                    self.i += 1;
                    break;
                }
                _ => return None,
            }
        }
        (seen & USER_ID != 0).then_some(m)
    }
}

/// Where the value of the top-level key `key` of the JSON object `text` starts. Values before
/// it are skipped, not checked: serde reads them afterwards.
pub(super) fn top_level_value(text: &[u8], key: &[u8]) -> Option<usize> {
    let mut c = Cursor { s: text, i: 0 };
    c.ws();
    c.eat(b'{')?;
    loop {
        c.ws();
        c.eat(b'"')?;
        let start = c.i;
        skip_string(&mut c)?;
        let name = &text[start..c.i - 1];
        c.ws();
        c.eat(b':')?;
        c.ws();
        if name == key {
            return Some(c.i);
        }
        skip_value(&mut c)?;
        c.ws();
        c.eat(b',')?;
    }
}

/// Past the closing quote of a string whose opening quote is behind the cursor.
fn skip_string(c: &mut Cursor) -> Option<()> {
    loop {
        match c.peek()? {
            b'"' => {
                c.i += 1;
                return Some(());
            }
            b'\\' => c.i += 2,
            _ => c.i += 1,
        }
    }
}

/// Past one value of any kind: strings by their quotes, lists and objects by their brackets.
fn skip_value(c: &mut Cursor) -> Option<()> {
    let mut depth = 0usize;
    loop {
        match c.peek()? {
            b'"' => {
                c.i += 1;
                skip_string(c)?;
            }
            b'[' | b'{' => {
                depth += 1;
                c.i += 1;
            }
            b']' | b'}' if depth > 0 => {
                depth -= 1;
                c.i += 1;
            }
            b',' | b']' | b'}' if depth == 0 => return Some(()),
            _ => c.i += 1,
        }
        if depth == 0 && matches!(c.s.get(c.i.wrapping_sub(1)), Some(b'"' | b']' | b'}')) {
            return Some(());
        }
    }
}

/// The list (or `null`) whose value starts at `at`: its members and the offset just past it.
pub(super) fn read_members(text: &[u8], at: usize) -> Option<(Vec<Member>, usize)> {
    let mut c = Cursor { s: text, i: at };
    if c.literal(b"null").is_some() {
        return Some((Vec::new(), c.i));
    }
    c.eat(b'[')?;
    // About 90 bytes a member in the platform's answer: one allocation for most lists.
    let mut members = Vec::with_capacity((text.len() - at) / 90 + 1);
    c.ws();
    if c.eat(b']').is_some() {
        return Some((members, c.i));
    }
    loop {
        members.push(c.member()?);
        c.ws();
        match c.peek()? {
            b',' => {
                c.i += 1;
                c.ws();
            }
            b']' => return Some((members, c.i + 1)),
            _ => return None,
        }
    }
}
