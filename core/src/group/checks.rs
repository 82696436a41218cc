//! The rules a group must pass before it is created or updated, over the raw text a user
//! typed: the create form, the edit form and the CSV import all use these functions, so a
//! value is judged the same way wherever it comes from.

use std::fmt;

use serde_json::Value;

use super::wire::{CreateGroupRequest, ExtendedFields, GroupDetails, UpdateGroupRequest, UpdatedGroup};
use crate::platform::fields::{text, whole_number, FieldError, NumberKind, MAX_TEXT_UNITS};
use crate::platform::format::group_digits;
use crate::platform::read::Id;

pub fn external_id(raw: &str) -> Result<String, FieldError> {
    text(raw, "External ID", "an external ID", true, MAX_TEXT_UNITS).map(Option::unwrap_or_default)
}

pub fn group_name(raw: &str, required: bool) -> Result<Option<String>, FieldError> {
    text(raw, "Group name", "a group name", required, MAX_TEXT_UNITS)
}

/// "Max group size": required, 1..=limit, and on update not below the active members
/// (pass 0 on create).
pub fn max_group_size(raw: &str, limit: u32, active_members: u64) -> Result<u32, FieldError> {
    let n = group_size_number(raw)?;
    if n > limit as u64 {
        return Err(FieldError::AboveLimit(limit));
    }
    if n < active_members {
        return Err(FieldError::BelowActive(active_members));
    }
    Ok(n as u32)
}

/// The typed size as a number ≥ 1, before any limit.
fn group_size_number(raw: &str) -> Result<u64, FieldError> {
    if raw.trim().is_empty() {
        return Err(FieldError::Required("the maximum group size"));
    }
    whole_number(raw, NumberKind::GroupSize)
}

/// What is wrong with one extended-field row: (name error, value error).
pub type RowErrors = (Option<FieldError>, Option<FieldError>);

/// (name error, value error) for each extended-field row, and the valid fields.
pub fn extended_fields(rows: &[(String, String)]) -> (ExtendedFields, Vec<RowErrors>) {
    let mut fields = ExtendedFields::new();
    let mut errors = Vec::with_capacity(rows.len());
    for (i, (name, value)) in rows.iter().enumerate() {
        let n = name.trim();
        let name_err = if n.is_empty() {
            Some(FieldError::Required("a field name"))
        } else if n.chars().any(char::is_whitespace) {
            Some(FieldError::NameHasSpace)
        } else if rows[..i].iter().any(|(earlier, _)| earlier.trim() == n) {
            Some(FieldError::DuplicateName)
        } else {
            None
        };
        let v = value.trim();
        let value_err = v.is_empty().then_some(FieldError::Required("a value"));
        if name_err.is_none() && value_err.is_none() {
            fields.insert(n.to_string(), Value::String(v.to_string()));
        }
        errors.push((name_err, value_err));
    }
    (fields, errors)
}

// ------------------------------------------------------------------ create

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CreateGroupInput {
    pub external_id: String,
    pub group_name: String,
    pub max_group_size: String,
    pub extended_fields: Vec<(String, String)>,
}

/// A form field, in form order (what gets focus first).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CreateField {
    ExternalId,
    GroupName,
    MaxGroupSize,
    ExtendedFieldName(usize),
    ExtendedFieldValue(usize),
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CreateGroupErrors {
    pub external_id: Option<FieldError>,
    pub group_name: Option<FieldError>,
    pub max_group_size: Option<FieldError>,
    pub extended_fields: Vec<RowErrors>,
}

impl CreateGroupErrors {
    pub fn is_empty(&self) -> bool {
        self.first_invalid().is_none()
    }

    pub fn first_invalid(&self) -> Option<CreateField> {
        if self.external_id.is_some() {
            return Some(CreateField::ExternalId);
        }
        if self.group_name.is_some() {
            return Some(CreateField::GroupName);
        }
        if self.max_group_size.is_some() {
            return Some(CreateField::MaxGroupSize);
        }
        self.extended_fields.iter().enumerate().find_map(|(i, (n, v))| {
            if n.is_some() {
                Some(CreateField::ExtendedFieldName(i))
            } else {
                v.is_some().then_some(CreateField::ExtendedFieldValue(i))
            }
        })
    }

    /// Every message with the field it belongs to (the CSV import lists them per row).
    pub fn messages(&self) -> Vec<String> {
        let mut out = Vec::new();
        for (label, e) in [
            ("External ID", &self.external_id),
            ("Group name", &self.group_name),
            ("Max group size", &self.max_group_size),
        ] {
            if let Some(e) = e {
                out.push(format!("{label}: {e}"));
            }
        }
        for (i, (n, v)) in self.extended_fields.iter().enumerate() {
            for e in [n, v].into_iter().flatten() {
                out.push(format!("Extended field {}: {e}", i + 1));
            }
        }
        out
    }
}

// The errors are every message of the form at once, made once per submit: boxing buys nothing.
#[allow(clippy::result_large_err)]
pub fn validate_create(input: &CreateGroupInput, limit: u32) -> Result<CreateGroupRequest, CreateGroupErrors> {
    let ext = external_id(&input.external_id);
    let name = group_name(&input.group_name, false);
    let size = max_group_size(&input.max_group_size, limit, 0);
    let (fields, field_errors) = extended_fields(&input.extended_fields);
    match (ext, name, size) {
        (Ok(external_id), Ok(group_name), Ok(max_group_size))
            if field_errors.iter().all(|(n, v)| n.is_none() && v.is_none()) =>
        {
            Ok(CreateGroupRequest { external_id, group_name, max_group_size, extended_fields: fields })
        }
        (ext, name, size) => Err(CreateGroupErrors {
            external_id: ext.err(),
            group_name: name.err(),
            max_group_size: size.err(),
            extended_fields: field_errors,
        }),
    }
}

// ------------------------------------------------------------------ update

/// The group as it is now, for comparing with the edit form.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct GroupSnapshot {
    pub external_id: String,
    pub group_name: String,
    pub max_group_size: Option<i64>,
    pub extended_fields: ExtendedFields,
}

impl From<&GroupDetails> for GroupSnapshot {
    fn from(g: &GroupDetails) -> Self {
        GroupSnapshot {
            external_id: g.external_id.clone(),
            group_name: g.group_name.clone(),
            max_group_size: g.max_group_size,
            extended_fields: g.extended_fields.clone(),
        }
    }
}

impl From<&UpdatedGroup> for GroupSnapshot {
    fn from(g: &UpdatedGroup) -> Self {
        GroupSnapshot {
            external_id: g.external_id.clone(),
            group_name: g.group_name.clone(),
            max_group_size: g.max_group_size,
            extended_fields: g.extended_fields.clone(),
        }
    }
}

pub type UpdateGroupInput = CreateGroupInput;
pub type UpdateField = CreateField;

/// One line of "what will change": label, old → new, as displayed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub label: String,
    pub old: String,
    pub new: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct UpdatePlan {
    pub request: UpdateGroupRequest,
    pub changes: Vec<Change>,
}

/// A form-level problem of the edit form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormError {
    /// The platform answers 1643 for this; say it before sending.
    NothingChanged,
}

impl fmt::Display for FormError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FormError::NothingChanged => f.write_str("Nothing to save: no field changed."),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct UpdateGroupErrors {
    pub external_id: Option<FieldError>,
    pub group_name: Option<FieldError>,
    pub max_group_size: Option<FieldError>,
    pub extended_fields: Vec<RowErrors>,
    pub form: Option<FormError>,
}

impl UpdateGroupErrors {
    /// No field and no form-level error.
    pub fn is_empty(&self) -> bool {
        self.form.is_none() && self.first_invalid().is_none()
    }

    /// The first field to fix, in form order (the edit form puts the name first).
    pub fn first_invalid(&self) -> Option<UpdateField> {
        if self.group_name.is_some() {
            return Some(CreateField::GroupName);
        }
        let fields = CreateGroupErrors {
            external_id: self.external_id.clone(),
            group_name: None,
            max_group_size: self.max_group_size.clone(),
            extended_fields: self.extended_fields.clone(),
        };
        fields.first_invalid()
    }
}

fn value_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The PUT for an edited group: id and groupName always (the docs mark both mandatory),
/// plus only what changed. Extended fields carry only added or modified entries; the API
/// has no way to delete one.
///
/// A value left as it was is not sent, so it is not held to the limits either: a group whose
/// size is already below its active members (or above a since-lowered org limit) can still
/// be renamed. A size the group never had stays unset when the field is left empty.
#[allow(clippy::result_large_err)] // as validate_create
pub fn validate_update(
    id: Id,
    original: &GroupSnapshot,
    input: &UpdateGroupInput,
    limit: u32,
    active_members: u64,
) -> Result<UpdatePlan, UpdateGroupErrors> {
    let name = group_name(&input.group_name, true);
    let ext = if input.external_id.trim() == original.external_id && !original.external_id.is_empty() {
        Ok(original.external_id.clone())
    } else {
        external_id(&input.external_id)
    };
    let size = match (original.max_group_size, input.max_group_size.trim()) {
        (None, "") => Ok(None),
        (Some(old), raw) => match group_size_number(raw) {
            Ok(n) if n as i64 == old => Ok(None),
            _ => max_group_size(raw, limit, active_members).map(Some),
        },
        (None, raw) => max_group_size(raw, limit, active_members).map(Some),
    };
    let (fields, field_errors) = extended_fields(&input.extended_fields);
    let fields_ok = field_errors.iter().all(|(n, v)| n.is_none() && v.is_none());
    let (Ok(Some(group_name)), Ok(external_id), Ok(size), true) = (&name, &ext, &size, fields_ok) else {
        return Err(UpdateGroupErrors {
            external_id: ext.err(),
            group_name: name.err(),
            max_group_size: size.err(),
            extended_fields: field_errors,
            form: None,
        });
    };

    let mut changes = Vec::new();
    let dash = |s: &str| if s.is_empty() { "—".to_string() } else { s.to_string() };
    if *group_name != original.group_name {
        changes.push(Change { label: "Group name".into(), old: dash(&original.group_name), new: group_name.clone() });
    }
    let ext_changed = *external_id != original.external_id;
    if ext_changed {
        changes.push(Change {
            label: "External ID".into(),
            old: dash(&original.external_id),
            new: external_id.clone(),
        });
    }
    // `size` is Some only when it differs from the group's.
    if let Some(size) = size {
        let old = original.max_group_size.map(|n| group_digits(n.max(0) as u64)).unwrap_or_else(|| "—".into());
        changes.push(Change { label: "Max group size".into(), old, new: group_digits(*size as u64) });
    }
    let mut changed_fields = ExtendedFields::new();
    for (k, v) in &fields {
        let old = original.extended_fields.get(k);
        // 25 and "25" are the same value: the API returns numbers for fields sent as text.
        if old.map(value_text).as_deref() != Some(value_text(v).as_str()) {
            changes.push(Change {
                label: format!("Extended field {k}"),
                old: old.map(value_text).unwrap_or_else(|| "—".into()),
                new: value_text(v),
            });
            changed_fields.insert(k.clone(), v.clone());
        }
    }
    if changes.is_empty() {
        return Err(UpdateGroupErrors { form: Some(FormError::NothingChanged), ..Default::default() });
    }
    Ok(UpdatePlan {
        request: UpdateGroupRequest {
            id,
            group_name: group_name.clone(),
            external_id: ext_changed.then(|| external_id.clone()),
            max_group_size: *size,
            extended_fields: (!changed_fields.is_empty()).then_some(changed_fields),
        },
        changes,
    })
}

// ------------------------------------------------------------------ a lost answer

/// After a lost answer (platform::send_once): whether the group a look-up by external ID found is this request's own earlier creation
/// (same name and size) rather than another group that had the external ID before.
pub fn is_own_group(req: &CreateGroupRequest, found: &GroupDetails) -> bool {
    found.external_id == req.external_id
        && found.group_name == req.group_name.clone().unwrap_or_default()
        && found.max_group_size == Some(i64::from(req.max_group_size))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::fields::utf16_len;
    use crate::rewards::checks::{rank, validate_reward};

    fn msg<T: fmt::Debug>(r: Result<T, FieldError>) -> String {
        r.expect_err("expected an error").to_string()
    }

    #[test]
    fn external_id_limits_at_50_units_after_trimming() {
        assert_eq!(external_id(&"a".repeat(50)), Ok("a".repeat(50)));
        assert_eq!(msg(external_id(&"a".repeat(51))), "External ID is 51 characters; the limit is 50.");
        assert_eq!(external_id(&format!("  {}  ", "a".repeat(50))), Ok("a".repeat(50)));
        assert_eq!(external_id(&"😀".repeat(25)).map(|s| utf16_len(&s)), Ok(50));
        assert_eq!(msg(external_id(&"😀".repeat(26))), "External ID is 52 characters; the limit is 50.");
        assert_eq!(
            msg(external_id(&format!("{}😀", "a".repeat(49)))),
            "External ID is 51 characters; the limit is 50."
        );
        assert!(external_id(&"e\u{301}".repeat(25)).is_ok());
        assert!(external_id(&"e\u{301}".repeat(26)).is_err());
        assert_eq!(msg(external_id("   \t ")), "Enter an external ID.");
        assert_eq!(msg(external_id("")), "Enter an external ID.");
    }

    #[test]
    fn group_name_is_optional_on_create_and_required_on_update() {
        assert_eq!(group_name("  ", false), Ok(None));
        assert_eq!(msg(group_name("  ", true)), "Enter a group name.");
        assert_eq!(msg(group_name(&"ñ".repeat(51), false)), "Group name is 51 characters; the limit is 50.");
        assert_eq!(group_name(&"ñ".repeat(50), true), Ok(Some("ñ".repeat(50))));
    }

    #[test]
    fn group_size_boundaries() {
        assert_eq!(msg(max_group_size("", 30_000, 0)), "Enter the maximum group size.");
        assert_eq!(msg(max_group_size("0", 30_000, 0)), "The group size must be at least 1.");
        assert_eq!(max_group_size("1", 30_000, 0), Ok(1));
        assert_eq!(max_group_size("30000", 30_000, 0), Ok(30_000));
        assert_eq!(msg(max_group_size("30001", 30_000, 0)), "The group size can be at most 30,000 (the org's limit).");
        assert_eq!(max_group_size(" 500 ", 500, 0), Ok(500));
        assert_eq!(msg(max_group_size("501", 500, 0)), "The group size can be at most 500 (the org's limit).");
        assert_eq!(
            msg(max_group_size("99999999999999999999999", 500, 0)),
            "The group size can be at most 500 (the org's limit)."
        );
    }

    #[test]
    fn group_size_says_what_kind_of_wrong() {
        for s in ["abc", "12abc", "1e3", "30,000", "+5", "-", "."] {
            assert_eq!(msg(max_group_size(s, 30_000, 0)), "Enter a whole number, like 6.", "{s}");
        }
        for s in ["2.5", "6.0", ".5"] {
            assert_eq!(
                msg(max_group_size(s, 30_000, 0)),
                "The group size must be a whole number, not a decimal.",
                "{s}"
            );
        }
        assert_eq!(msg(max_group_size("-3", 30_000, 0)), "The group size must be at least 1.");
        assert_eq!(msg(max_group_size("000", 30_000, 0)), "The group size must be at least 1.");
    }

    #[test]
    fn group_size_on_update_not_below_active_members() {
        assert_eq!(max_group_size("4", 30_000, 4), Ok(4));
        assert_eq!(
            msg(max_group_size("3", 30_000, 4)),
            "The group has 4 active members, so the size cannot be below 4."
        );
    }

    #[test]
    fn extended_field_rows() {
        let rows = vec![
            ("ug_status".to_string(), "Active".to_string()),
            ("".to_string(), "x".to_string()),
            ("has space".to_string(), "x".to_string()),
            (" ug_status ".to_string(), "y".to_string()),
            ("metadata".to_string(), "  ".to_string()),
        ];
        let (fields, errors) = extended_fields(&rows);
        assert_eq!(fields.len(), 1);
        assert_eq!(fields["ug_status"], Value::String("Active".into()));
        let text = |e: &Option<FieldError>| e.as_ref().map(|e| e.to_string());
        assert_eq!(text(&errors[0].0), None);
        assert_eq!(text(&errors[1].0).as_deref(), Some("Enter a field name."));
        assert_eq!(text(&errors[2].0).as_deref(), Some("Field names cannot contain spaces."));
        assert_eq!(text(&errors[3].0).as_deref(), Some("This field name is already used."));
        assert_eq!(text(&errors[4].1).as_deref(), Some("Enter a value."));
    }

    #[test]
    fn create_builds_the_documented_request() {
        let input = CreateGroupInput {
            external_id: " natwest_16 ".into(),
            group_name: "natwest14".into(),
            max_group_size: "110".into(),
            extended_fields: vec![("platinum".into(), "25".into())],
        };
        let req = validate_create(&input, 30_000).unwrap();
        assert_eq!(
            serde_json::to_value(&req).unwrap(),
            serde_json::json!({"externalId": "natwest_16", "groupName": "natwest14", "maxGroupSize": 110, "extendedFields": {"platinum": "25"}})
        );
        let no_name = CreateGroupInput { group_name: " ".into(), extended_fields: vec![], ..input };
        let v = serde_json::to_value(validate_create(&no_name, 30_000).unwrap()).unwrap();
        assert!(v.get("groupName").is_none() && v.get("extendedFields").is_none());
    }

    #[test]
    fn create_errors_point_at_the_first_invalid_field() {
        let input = CreateGroupInput {
            external_id: "ok".into(),
            group_name: "x".repeat(51),
            max_group_size: "".into(),
            extended_fields: vec![("a".into(), "".into())],
        };
        let e = validate_create(&input, 30_000).unwrap_err();
        assert_eq!(e.first_invalid(), Some(CreateField::GroupName));
        assert_eq!(e.messages().len(), 3);
        let only_row = CreateGroupInput { group_name: "".into(), max_group_size: "5".into(), ..input };
        assert_eq!(
            validate_create(&only_row, 30_000).unwrap_err().first_invalid(),
            Some(CreateField::ExtendedFieldValue(0))
        );
    }

    fn snapshot() -> GroupSnapshot {
        let mut ext = ExtendedFields::new();
        ext.insert("ug_status".into(), Value::String("Active".into()));
        ext.insert("usergroup2_automation_extended_field".into(), Value::from(25));
        GroupSnapshot {
            external_id: "uat_ug_10_txn".into(),
            group_name: "uatUserGroup10Transactions".into(),
            max_group_size: Some(6),
            extended_fields: ext,
        }
    }

    fn same_input() -> UpdateGroupInput {
        UpdateGroupInput {
            external_id: "uat_ug_10_txn".into(),
            group_name: "uatUserGroup10Transactions".into(),
            max_group_size: "6".into(),
            extended_fields: vec![
                ("ug_status".into(), "Active".into()),
                ("usergroup2_automation_extended_field".into(), "25".into()),
            ],
        }
    }

    #[test]
    fn update_sends_id_name_and_only_what_changed() {
        let mut input = same_input();
        input.max_group_size = "8".into();
        input.extended_fields.push(("metadata".into(), "vip".into()));
        let plan = validate_update(Id(3918893), &snapshot(), &input, 30_000, 3).unwrap();
        assert_eq!(
            serde_json::to_value(&plan.request).unwrap(),
            serde_json::json!({"id": 3918893, "groupName": "uatUserGroup10Transactions", "maxGroupSize": 8, "extendedFields": {"metadata": "vip"}})
        );
        assert_eq!(
            plan.changes,
            vec![
                Change { label: "Max group size".into(), old: "6".into(), new: "8".into() },
                Change { label: "Extended field metadata".into(), old: "—".into(), new: "vip".into() },
            ]
        );
    }

    #[test]
    fn update_with_nothing_changed_says_so() {
        let e = validate_update(Id(1), &snapshot(), &same_input(), 30_000, 3).unwrap_err();
        assert_eq!(e.form.map(|f| f.to_string()).as_deref(), Some("Nothing to save: no field changed."));
    }

    #[test]
    fn update_requires_a_name_and_respects_active_members() {
        let mut input = same_input();
        input.group_name = " ".into();
        input.max_group_size = "2".into();
        let e = validate_update(Id(1), &snapshot(), &input, 30_000, 3).unwrap_err();
        assert_eq!(e.first_invalid(), Some(CreateField::GroupName));
        assert_eq!(e.group_name.map(|e| e.to_string()).as_deref(), Some("Enter a group name."));
        assert_eq!(
            e.max_group_size.map(|e| e.to_string()).as_deref(),
            Some("The group has 3 active members, so the size cannot be below 3.")
        );
    }

    // ------------------------------------------------------------ boundaries and wording

    /// Every message the forms and the import show, word for word: browser tests match them.
    #[test]
    fn the_exact_messages() {
        let cases: Vec<(Result<String, FieldError>, &str)> = vec![
            (external_id(" "), "Enter an external ID."),
            (external_id(&"x".repeat(51)), "External ID is 51 characters; the limit is 50."),
            (group_name("", true).map(Option::unwrap_or_default), "Enter a group name."),
            (
                group_name(&"x".repeat(60), false).map(Option::unwrap_or_default),
                "Group name is 60 characters; the limit is 50.",
            ),
            (max_group_size("", 30_000, 0).map(|n| n.to_string()), "Enter the maximum group size."),
            (max_group_size("abc", 30_000, 0).map(|n| n.to_string()), "Enter a whole number, like 6."),
            (
                max_group_size("2.5", 30_000, 0).map(|n| n.to_string()),
                "The group size must be a whole number, not a decimal.",
            ),
            (max_group_size("0", 30_000, 0).map(|n| n.to_string()), "The group size must be at least 1."),
            (
                max_group_size("30001", 30_000, 0).map(|n| n.to_string()),
                "The group size can be at most 30,000 (the org's limit).",
            ),
            (
                max_group_size("2", 30_000, 3).map(|n| n.to_string()),
                "The group has 3 active members, so the size cannot be below 3.",
            ),
            (rank("x").map(|r| format!("{r:?}")), "Enter a whole number, like 1, or leave it empty."),
            (rank("1.5").map(|r| format!("{r:?}")), "The rank must be a whole number, not a decimal."),
            (rank("0").map(|r| format!("{r:?}")), "The rank must be at least 1."),
            (rank("2147483648").map(|r| format!("{r:?}")), "The rank can be at most 2,147,483,647."),
        ];
        for (result, expected) in cases {
            assert_eq!(result.unwrap_err().to_string(), expected);
        }
        let rows = |name: &str, value: &str| {
            extended_fields(&[("a".into(), "1".into()), (name.into(), value.into())]).1[1].clone()
        };
        assert_eq!(rows(" ", "v").0.unwrap().to_string(), "Enter a field name.");
        assert_eq!(rows("a b", "v").0.unwrap().to_string(), "Field names cannot contain spaces.");
        assert_eq!(rows("a", "v").0.unwrap().to_string(), "This field name is already used.");
        assert_eq!(rows("b", " \t").1.unwrap().to_string(), "Enter a value.");
        let reward = validate_reward(" ", "").unwrap_err();
        assert_eq!(reward.name.unwrap().to_string(), "Enter a name.");
        assert_eq!(
            validate_reward(&"x".repeat(300), "").unwrap_err().name.unwrap().to_string(),
            "Name is 300 characters; the limit is 255."
        );
        assert_eq!(FormError::NothingChanged.to_string(), "Nothing to save: no field changed.");
    }

    #[test]
    fn group_size_at_0_1_limit_and_limit_plus_1() {
        for limit in [30_000u32, 500, 1, u32::MAX] {
            let at_most = format!("The group size can be at most {} (the org's limit).", group_digits(limit as u64));
            assert_eq!(msg(max_group_size("0", limit, 0)), "The group size must be at least 1.", "{limit}");
            assert_eq!(max_group_size("1", limit, 0), Ok(1), "{limit}");
            assert_eq!(max_group_size(&limit.to_string(), limit, 0), Ok(limit), "{limit}");
            assert_eq!(msg(max_group_size(&(limit as u64 + 1).to_string(), limit, 0)), at_most, "{limit}");
            // The same through the form.
            let input =
                |size: String| CreateGroupInput { external_id: "e".into(), max_group_size: size, ..Default::default() };
            assert_eq!(validate_create(&input(limit.to_string()), limit).map(|r| r.max_group_size), Ok(limit));
            let e = validate_create(&input((limit as u64 + 1).to_string()), limit).unwrap_err();
            assert_eq!(e.first_invalid(), Some(CreateField::MaxGroupSize));
            assert_eq!(e.max_group_size.unwrap().to_string(), at_most);
            let e = validate_create(&input("0".into()), limit).unwrap_err();
            assert_eq!(e.max_group_size.unwrap().to_string(), "The group size must be at least 1.");
        }
        assert_eq!(msg(max_group_size("30001", 30_000, 0)), "The group size can be at most 30,000 (the org's limit).");
        assert_eq!(msg(max_group_size("501", 500, 0)), "The group size can be at most 500 (the org's limit).");
        assert_eq!(msg(max_group_size("1001", 1000, 0)), "The group size can be at most 1,000 (the org's limit).");
    }

    #[test]
    fn group_size_text_that_is_not_a_whole_number() {
        for s in [
            "x", "12abc", "abc12", "1e3", "1E3", "0x10", "30,000", "30 000", "+5", "+", "-", "--3", "6.", "1.2.3",
            "١٢", "６", "∞", "NaN",
        ] {
            assert_eq!(msg(max_group_size(s, 30_000, 0)), "Enter a whole number, like 6.", "{s:?}");
        }
        for s in ["2.5", "6.0", "0.5", ".5", "-2.5", "30000.0"] {
            assert_eq!(
                msg(max_group_size(s, 30_000, 0)),
                "The group size must be a whole number, not a decimal.",
                "{s:?}"
            );
        }
        for s in ["0", "-3", "-0", "00", " -1 "] {
            assert_eq!(msg(max_group_size(s, 30_000, 0)), "The group size must be at least 1.", "{s:?}");
        }
        // Surrounding whitespace (a tab, a newline, a no-break space) and leading zeros are fine.
        for s in [" 6", "6 ", "\t6\n", "\u{a0}6", "006"] {
            assert_eq!(max_group_size(s, 30_000, 0), Ok(6), "{s:?}");
        }
        for s in ["", " ", "\t\n"] {
            assert_eq!(msg(max_group_size(s, 30_000, 0)), "Enter the maximum group size.", "{s:?}");
        }
    }

    #[test]
    fn text_limits_count_utf16_units_after_trimming() {
        let ext = |s: &str| external_id(s).map(|v| utf16_len(&v));
        let name = |s: &str| group_name(s, true).map(|v| v.map(|v| utf16_len(&v)).unwrap_or(0));
        let too_long = |label: &str, n: usize| format!("{label} is {n} characters; the limit is 50.");
        let emoji = "😀"; // 2 units
        let cases: Vec<(String, Result<usize, usize>)> = vec![
            ("a".repeat(50), Ok(50)),
            ("a".repeat(51), Err(51)),
            (emoji.repeat(25), Ok(50)),
            (emoji.repeat(26), Err(52)),
            (format!("{}{emoji}", "a".repeat(49)), Err(51)),
            (format!("{}{emoji}", "a".repeat(48)), Ok(50)),
            ("e\u{301}".repeat(25), Ok(50)),
            ("e\u{301}".repeat(25) + "x", Err(51)),
            ("ñ".repeat(50), Ok(50)),
            ("漢".repeat(50), Ok(50)),
            ("👍🏽".repeat(12), Ok(48)),
            ("👍🏽".repeat(13), Err(52)),
            (format!("   {}   ", "a".repeat(50)), Ok(50)),
            (format!("\t\n{}\u{a0}\u{3000}", "b".repeat(50)), Ok(50)),
            (format!(" {} ", emoji.repeat(25)), Ok(50)),
            // Inner spaces count.
            (format!("{} {}", "a".repeat(25), "a".repeat(25)), Err(51)),
        ];
        for (text, expected) in &cases {
            match expected {
                Ok(n) => {
                    assert_eq!(ext(text), Ok(*n), "{text:?}");
                    assert_eq!(name(text), Ok(*n), "{text:?}");
                }
                Err(n) => {
                    assert_eq!(msg(ext(text)), too_long("External ID", *n), "{text:?}");
                    assert_eq!(msg(name(text)), too_long("Group name", *n), "{text:?}");
                }
            }
        }
        // The trimmed value is what is sent; nothing is ever cut.
        assert_eq!(external_id("  a b  "), Ok("a b".to_string()));
        assert_eq!(utf16_len("👍🏽"), 4);
        assert_eq!(utf16_len(""), 0);
        for blank in ["", " ", "\t", "\n\r", "\u{a0}", "\u{3000}", "\u{2003}"] {
            assert_eq!(msg(external_id(blank)), "Enter an external ID.", "{blank:?}");
            assert_eq!(msg(group_name(blank, true)), "Enter a group name.", "{blank:?}");
            assert_eq!(group_name(blank, false), Ok(None), "{blank:?}");
        }
    }

    #[test]
    fn extended_field_names_and_values() {
        let (fields, errors) = extended_fields(&[
            (" platinum ".into(), " 25 ".into()),
            ("tab\tname".into(), "v".into()),
            ("nbsp\u{a0}name".into(), "v".into()),
            ("Platinum".into(), "v".into()),
            ("platinum".into(), "again".into()),
            ("".into(), "".into()),
        ]);
        // Sent as the JSON string of the trimmed value.
        assert_eq!(fields.len(), 2);
        assert_eq!(fields["platinum"], Value::String("25".into()));
        assert_eq!(fields["Platinum"], Value::String("v".into()), "names are case-sensitive");
        assert_eq!(errors[1].0, Some(FieldError::NameHasSpace));
        assert_eq!(errors[2].0, Some(FieldError::NameHasSpace));
        assert_eq!(errors[3], (None, None));
        assert_eq!(errors[4].0, Some(FieldError::DuplicateName));
        assert_eq!(errors[5], (Some(FieldError::Required("a field name")), Some(FieldError::Required("a value"))));
        // A duplicate of a row that is itself invalid is still a duplicate.
        let (_, errors) = extended_fields(&[("a b".into(), "1".into()), ("a b".into(), "2".into())]);
        assert_eq!(errors[1].0, Some(FieldError::NameHasSpace), "spaces are said first");
        let (_, errors) = extended_fields(&[("x".into(), "".into()), ("x".into(), "2".into())]);
        assert_eq!(errors[1].0, Some(FieldError::DuplicateName));
    }

    #[test]
    fn create_first_invalid_follows_form_order() {
        let ok = CreateGroupInput {
            external_id: "e".into(),
            group_name: "n".into(),
            max_group_size: "5".into(),
            extended_fields: vec![("a".into(), "1".into()), ("b".into(), "2".into())],
        };
        assert!(validate_create(&ok, 30_000).is_ok());
        let first = |f: &dyn Fn(&mut CreateGroupInput)| {
            let mut input = ok.clone();
            f(&mut input);
            let e = validate_create(&input, 30_000).unwrap_err();
            assert!(!e.is_empty());
            e.first_invalid()
        };
        assert_eq!(first(&|i| i.external_id.clear()), Some(CreateField::ExternalId));
        assert_eq!(
            first(&|i| {
                i.external_id.clear();
                i.max_group_size.clear()
            }),
            Some(CreateField::ExternalId)
        );
        assert_eq!(
            first(&|i| {
                i.group_name = "g".repeat(51);
                i.max_group_size.clear()
            }),
            Some(CreateField::GroupName)
        );
        assert_eq!(
            first(&|i| {
                i.max_group_size = "0".into();
                i.extended_fields[0].0.clear()
            }),
            Some(CreateField::MaxGroupSize)
        );
        assert_eq!(
            first(&|i| {
                i.extended_fields[1].0 = "a".into();
            }),
            Some(CreateField::ExtendedFieldName(1))
        );
        assert_eq!(
            first(&|i| {
                i.extended_fields[0].1.clear();
                i.extended_fields[1].0.clear()
            }),
            Some(CreateField::ExtendedFieldValue(0))
        );
        assert_eq!(
            first(&|i| {
                i.extended_fields[1].1.clear();
                i.extended_fields[1].0.clear()
            }),
            Some(CreateField::ExtendedFieldName(1))
        );
        // Errors of every field are reported at once, not just the first.
        let mut bad = ok.clone();
        bad.external_id.clear();
        bad.max_group_size = "x".into();
        let e = validate_create(&bad, 30_000).unwrap_err();
        assert!(e.external_id.is_some() && e.group_name.is_none() && e.max_group_size.is_some());
        assert_eq!(e.extended_fields, vec![(None, None), (None, None)]);
        assert_eq!(
            e.messages(),
            vec!["External ID: Enter an external ID.", "Max group size: Enter a whole number, like 6."]
        );
        assert!(CreateGroupErrors::default().is_empty());
    }

    #[test]
    fn update_sends_changed_external_id_and_lists_every_change() {
        let mut input = same_input();
        input.external_id = " uat_ug_10_new ".into();
        input.group_name = "Renamed".into();
        input.max_group_size = "30000".into();
        input.extended_fields[0].1 = "Inactive".into();
        let plan = validate_update(Id(3918893), &snapshot(), &input, 30_000, 3).unwrap();
        assert_eq!(
            serde_json::to_value(&plan.request).unwrap(),
            serde_json::json!({"id": 3918893, "groupName": "Renamed", "externalId": "uat_ug_10_new", "maxGroupSize": 30000, "extendedFields": {"ug_status": "Inactive"}})
        );
        let change =
            |label: &str, old: &str, new: &str| Change { label: label.into(), old: old.into(), new: new.into() };
        assert_eq!(
            plan.changes,
            vec![
                change("Group name", "uatUserGroup10Transactions", "Renamed"),
                change("External ID", "uat_ug_10_txn", "uat_ug_10_new"),
                change("Max group size", "6", "30,000"),
                change("Extended field ug_status", "Active", "Inactive"),
            ]
        );
    }

    #[test]
    fn update_only_the_name_sends_id_and_name() {
        let mut input = same_input();
        input.group_name = "  New name ".into();
        let plan = validate_update(Id(7), &snapshot(), &input, 30_000, 3).unwrap();
        assert_eq!(serde_json::to_value(&plan.request).unwrap(), serde_json::json!({"id": 7, "groupName": "New name"}));
        assert_eq!(plan.changes.len(), 1);
        // "25" typed for a field the platform holds as 25 is no change.
        assert!(plan.request.extended_fields.is_none());
    }

    #[test]
    fn update_rules_for_the_external_id_and_size() {
        let mut input = same_input();
        input.external_id = "   ".into();
        let e = validate_update(Id(1), &snapshot(), &input, 30_000, 3).unwrap_err();
        assert_eq!(e.external_id.as_ref().map(|e| e.to_string()).as_deref(), Some("Enter an external ID."));
        assert_eq!(e.first_invalid(), Some(CreateField::ExternalId));
        assert!(!e.is_empty());
        // Size at the active members is fine, one below is not, above the limit is not.
        let size = |s: &str, limit: u32| {
            let mut input = same_input();
            input.max_group_size = s.into();
            validate_update(Id(1), &snapshot(), &input, limit, 3)
                .map(|p| p.request.max_group_size)
                .map_err(|e| e.max_group_size.map(|e| e.to_string()))
        };
        assert_eq!(size("3", 30_000), Ok(Some(3)));
        assert_eq!(
            size("2", 30_000),
            Err(Some("The group has 3 active members, so the size cannot be below 3.".into()))
        );
        assert_eq!(size("501", 500), Err(Some("The group size can be at most 500 (the org's limit).".into())));
        assert_eq!(size("", 30_000), Err(Some("Enter the maximum group size.".into())));
        assert_eq!(size("6.0", 30_000), Err(Some("The group size must be a whole number, not a decimal.".into())));
    }

    #[test]
    fn update_does_not_judge_what_it_does_not_send() {
        // The group is already below its active members and above a lowered org limit, and
        // its external ID is longer than today's limit: renaming it must still work.
        let original = GroupSnapshot { external_id: "x".repeat(60), max_group_size: Some(2), ..snapshot() };
        let input = UpdateGroupInput {
            external_id: "x".repeat(60),
            group_name: "Renamed".into(),
            max_group_size: " 2 ".into(),
            ..same_input()
        };
        let plan = validate_update(Id(1), &original, &input, 1, 3).unwrap();
        assert_eq!(serde_json::to_value(&plan.request).unwrap(), serde_json::json!({"id": 1, "groupName": "Renamed"}));
        // Changing them holds them to the rules.
        let input = UpdateGroupInput { max_group_size: "4".into(), ..input };
        assert!(validate_update(Id(1), &original, &input, 1, 3).unwrap_err().max_group_size.is_some());
        // A group the platform answered without a size: an empty field leaves it unset.
        let original = GroupSnapshot { max_group_size: None, ..snapshot() };
        let input = UpdateGroupInput { max_group_size: "".into(), group_name: "Renamed".into(), ..same_input() };
        let plan = validate_update(Id(1), &original, &input, 30_000, 3).unwrap();
        assert_eq!(plan.request.max_group_size, None);
        let input = UpdateGroupInput { max_group_size: "10".into(), ..same_input() };
        let plan = validate_update(Id(1), &original, &input, 30_000, 3).unwrap();
        assert_eq!(plan.changes, vec![Change { label: "Max group size".into(), old: "—".into(), new: "10".into() }]);
    }

    #[test]
    fn nothing_changed_is_a_form_level_error_only() {
        let mut input = same_input();
        // Whitespace around unchanged values is no change; neither is a dropped row (the API
        // cannot delete an extended field).
        input.group_name = format!(" {} ", input.group_name);
        input.max_group_size = " 6 ".into();
        input.extended_fields.pop();
        let e = validate_update(Id(1), &snapshot(), &input, 30_000, 3).unwrap_err();
        assert_eq!(e.form, Some(FormError::NothingChanged));
        assert_eq!(e.first_invalid(), None);
        assert!(!e.is_empty());
        assert_eq!(e.form.unwrap().to_string(), "Nothing to save: no field changed.");
    }

    #[test]
    fn snapshots_from_the_get_and_put_answers() {
        let g: GroupDetails = serde_json::from_str(
            r#"{"id": 1, "externalId": "e", "groupName": "n", "maxGroupSize": 6, "extendedFields": {"k": 25}}"#,
        )
        .unwrap();
        let u: UpdatedGroup = serde_json::from_str(
            r#"{"id": 1, "externalId": "e", "groupName": "n", "maxGroupSize": 6, "extendedFields": {"k": 25}}"#,
        )
        .unwrap();
        let a = GroupSnapshot::from(&g);
        assert_eq!(a, GroupSnapshot::from(&u));
        assert_eq!((a.external_id.as_str(), a.group_name.as_str(), a.max_group_size), ("e", "n", Some(6)));
        assert_eq!(a.extended_fields["k"], 25);
    }

    #[test]
    fn own_group_means_same_external_id_name_and_size() {
        let req = CreateGroupRequest {
            external_id: "fam_1".into(),
            group_name: Some("Family".into()),
            max_group_size: 4,
            extended_fields: Default::default(),
        };
        let mut g = GroupDetails { external_id: "fam_1".into(), group_name: "Family".into(), ..Default::default() };
        g.max_group_size = Some(4);
        assert!(is_own_group(&req, &g));
        g.max_group_size = Some(5);
        assert!(!is_own_group(&req, &g));
        g.max_group_size = Some(4);
        g.group_name = "Other".into();
        assert!(!is_own_group(&req, &g));
    }
}
