//! Groups from the file's rows: the create form's checks, the import's plan, what a look-up of an earlier try found.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::csv_file::{CsvFile, CsvRow, Role};
use super::job::{Found, PlanRow, RowLabel, RowRequest, Words};
use crate::group::checks::is_own_group;
use crate::group::checks::{validate_create, CreateGroupErrors, CreateGroupInput};
use crate::group::wire::{CreateGroupRequest, GroupDetails};

/// A row's verdict: the request to send, or every reason it cannot be sent.
pub type RowCheck = Result<CreateGroupRequest, Vec<String>>;

impl RowRequest for CreateGroupRequest {
    type Label = GroupLabel;
    const EXISTS_CODE: i64 = 1633;
    /// The platform creates one group per request.
    const MAX_BATCH: usize = 1;
    const WORDS: Words = Words {
        done: "created",
        id_column: "groupId",
        exists_now: "The external ID exists now: checking whether an earlier attempt for this row created it.",
        unknown_when_cancelled: "A request was sent but its answer never arrived, and the import was cancelled before checking: look the group up before sending it again.",
    };
}

/// What the results show of a row, as the file has it (also for a row that is skipped).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GroupLabel {
    #[serde(default)]
    pub external_id: String,
    #[serde(default)]
    pub group_name: String,
}

impl RowLabel for GroupLabel {
    const COLUMNS: &'static [&'static str] = &["externalId", "groupName"];

    fn cells(&self) -> Vec<&str> {
        vec![&self.external_id, &self.group_name]
    }
}

impl CsvFile {
    /// The row as the create form would hold it: ticked extended columns with a value.
    pub fn input(&self, row: &CsvRow) -> (CreateGroupInput, Vec<usize>) {
        let mut fields = Vec::new();
        let mut field_columns = Vec::new();
        for (i, c) in self.columns.iter().enumerate() {
            let value = row.values.get(i).map(String::as_str).unwrap_or("");
            // An empty cell means "not set for this group", not an error.
            if c.role == Role::Extended && c.included && !value.trim().is_empty() {
                fields.push((c.name.clone(), value.to_string()));
                field_columns.push(i);
            }
        }
        let input = CreateGroupInput {
            external_id: self.value(row, Role::ExternalId).to_string(),
            group_name: self.value(row, Role::GroupName).to_string(),
            max_group_size: self.value(row, Role::MaxGroupSize).to_string(),
            extended_fields: fields,
        };
        (input, field_columns)
    }

    pub fn external_id<'a>(&self, row: &'a CsvRow) -> &'a str {
        self.value(row, Role::ExternalId).trim()
    }

    pub fn group_name<'a>(&self, row: &'a CsvRow) -> &'a str {
        self.value(row, Role::GroupName).trim()
    }

    pub fn max_group_size<'a>(&self, row: &'a CsvRow) -> &'a str {
        self.value(row, Role::MaxGroupSize).trim()
    }
}

/// The create form's messages for a row, with extended fields named by their column.
fn messages(errors: CreateGroupErrors, file: &CsvFile, field_columns: &[usize]) -> Vec<String> {
    let per_field = errors.extended_fields.clone();
    let mut out = CreateGroupErrors { extended_fields: Vec::new(), ..errors }.messages();
    for (i, (name_err, value_err)) in per_field.into_iter().enumerate() {
        let column = field_columns.get(i).map(|&c| file.columns[c].label(c)).unwrap_or_default();
        for e in [name_err, value_err].into_iter().flatten() {
            out.push(format!("Column {column}: {e}"));
        }
    }
    out
}

/// Every row judged by the create form's rules, plus the file's own problems: a row with
/// more or fewer values than the header, and an external ID already used higher up.
pub fn check_rows(file: &CsvFile, limit: u32) -> Vec<RowCheck> {
    let width = file.columns.len();
    let mut first_seen: HashMap<&str, u64> = HashMap::new();
    file.rows
        .iter()
        .map(|row| {
            let mut problems = Vec::new();
            if row.values.len() != width {
                problems.push(format!(
                    "This row has {} values but the header has {} columns: check for a missing or extra {}.",
                    row.values.len(),
                    width,
                    if file.delimiter == b';' { "semicolon" } else { "comma" }
                ));
            }
            let (input, field_columns) = file.input(row);
            let verdict = validate_create(&input, limit);
            let ext = file.external_id(row);
            if !ext.is_empty() {
                match first_seen.get(ext) {
                    Some(first) => problems.push(format!(
                        "External ID: {ext} is also on row {first}; each group needs its own external ID."
                    )),
                    None => {
                        first_seen.insert(ext, row.row);
                    }
                }
            }
            match verdict {
                Ok(req) if problems.is_empty() => Ok(req),
                Ok(_) => Err(problems),
                Err(errors) => {
                    let mut all = messages(errors, file, &field_columns);
                    all.extend(problems);
                    Err(all)
                }
            }
        })
        .collect()
}

/// How many rows are invalid.
pub fn invalid_count(checks: &[RowCheck]) -> usize {
    checks.iter().filter(|c| c.is_err()).count()
}

/// The import's rows: each checked row with its request, or with why it is skipped.
pub fn plan_rows(file: &CsvFile, checks: &[RowCheck]) -> Vec<PlanRow<CreateGroupRequest>> {
    file.rows
        .iter()
        .zip(checks)
        .map(|(row, check)| PlanRow {
            row: row.row,
            label: GroupLabel {
                external_id: file.external_id(row).to_string(),
                group_name: file.group_name(row).to_string(),
            },
            request: check.as_ref().ok().cloned(),
            problems: check.as_ref().err().cloned().unwrap_or_default(),
        })
        .collect()
}

/// What a look-up by external ID found for a row whose earlier attempt may have gone
/// through: nothing (send it), the row's own group (same name and size: created, not sent
/// again), or another group that had the external ID before (the row fails as the create would).
pub fn found_group(req: &CreateGroupRequest, group: Option<&GroupDetails>) -> Found {
    match group {
        None => Found::Absent,
        Some(g) if is_own_group(req, g) => Found::Ours { id: Some(g.id.0) },
        Some(_) => {
            Found::Taken("A group with this external ID already exists, with another name or size. Not sent.".into())
        }
    }
}

/// An import of the file's rows as the page starts it (invalid rows skipped).
#[cfg(test)]
pub(crate) fn job_of(text: &str, concurrency: u32) -> super::job::ImportJob<CreateGroupRequest> {
    let f = super::csv_file::parsed(text);
    let checks = check_rows(&f, 30_000);
    super::job::ImportJob::new(1000.0, "groups.csv", plan_rows(&f, &checks), concurrency)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::csv_file::{parse, parsed, KNOWN_COLUMNS, TEMPLATE_CSV};

    #[test]
    fn a_very_long_field_is_read_whole_and_judged_by_the_rules() {
        let long = "x".repeat(100_000);
        let f = parsed(&format!("externalId,groupName,maxGroupSize\nok,\"{long}\",6\n"));
        assert_eq!(f.rows[0].values[1].len(), 100_000);
        let checks = check_rows(&f, 30_000);
        assert_eq!(checks[0], Err(vec!["Group name: Group name is 100000 characters; the limit is 50.".to_string()]));
    }

    #[test]
    fn unbalanced_quotes_read_to_the_end_instead_of_failing() {
        // The reader is lenient; the row is then judged (and usually fails) by the rules.
        let f = parsed("externalId,groupName,maxGroupSize\na,\"open,1\nb,c,2\n");
        assert_eq!(f.rows.len(), 1);
        assert!(check_rows(&f, 30_000)[0].is_err());
    }

    // ---- checking rows

    #[test]
    fn rows_are_judged_by_the_create_forms_rules() {
        let f = parsed(&format!(
            "externalId,groupName,maxGroupSize,ug_status\n\
             ok_1, Family ,6,Active\n\
             ,x,0,\n\
             {},{},30001,\n\
             emoji,{},abc,\n\
             ok_2,,30000,\n",
            "e".repeat(51),
            "n".repeat(50),
            "😀".repeat(26)
        ));
        let checks = check_rows(&f, 30_000);
        let req = checks[0].as_ref().unwrap();
        assert_eq!(
            serde_json::to_value(req).unwrap(),
            serde_json::json!({"externalId": "ok_1", "groupName": "Family", "maxGroupSize": 6, "extendedFields": {"ug_status": "Active"}})
        );
        assert_eq!(
            checks[1],
            Err(vec![
                "External ID: Enter an external ID.".to_string(),
                "Max group size: The group size must be at least 1.".to_string(),
            ])
        );
        assert_eq!(
            checks[2],
            Err(vec![
                "External ID: External ID is 51 characters; the limit is 50.".to_string(),
                "Max group size: The group size can be at most 30,000 (the org's limit).".to_string(),
            ])
        );
        assert_eq!(
            checks[3],
            Err(vec![
                "Group name: Group name is 52 characters; the limit is 50.".to_string(),
                "Max group size: Enter a whole number, like 6.".to_string(),
            ])
        );
        // An empty extended cell is "not set", not an error, and is not sent.
        assert_eq!(
            serde_json::to_value(checks[4].as_ref().unwrap()).unwrap(),
            serde_json::json!({"externalId": "ok_2", "maxGroupSize": 30000})
        );
        assert_eq!(invalid_count(&checks), 3);
        // The org's limit from Settings applies.
        assert!(check_rows(&f, 500)[4].is_err());
    }

    #[test]
    fn duplicate_external_ids_are_reported_on_the_later_rows() {
        let f = parsed("externalId,maxGroupSize\nsame,1\nother,2\n same ,3\nsame,x\n");
        let checks = check_rows(&f, 30_000);
        assert!(checks[0].is_ok() && checks[1].is_ok());
        assert_eq!(
            checks[2],
            Err(vec!["External ID: same is also on row 2; each group needs its own external ID.".to_string()])
        );
        assert_eq!(checks[3].as_ref().unwrap_err().len(), 2);
    }

    #[test]
    fn ragged_rows_are_reported_per_row() {
        let f = parsed("externalId,groupName,maxGroupSize\na,b,1\nc,d,2,extra\ne,3\n");
        let checks = check_rows(&f, 30_000);
        assert!(checks[0].is_ok());
        assert_eq!(
            checks[1],
            Err(vec![
                "This row has 4 values but the header has 3 columns: check for a missing or extra comma.".to_string()
            ])
        );
        let e = checks[2].as_ref().unwrap_err();
        assert!(e.iter().any(|m| m.starts_with("This row has 2 values")), "{e:?}");
    }

    #[test]
    fn unticked_columns_are_not_sent_and_bad_field_names_are_named_by_column() {
        let mut f = parsed("externalId,maxGroupSize,ug_status,bad name\na,1,Active,x\nb,2,,\n");
        let checks = check_rows(&f, 30_000);
        assert_eq!(checks[0], Err(vec!["Column bad name: Field names cannot contain spaces.".to_string()]));
        assert!(checks[1].is_ok(), "empty cells are not sent, so the bad name does not matter");
        f.set_included(3, false);
        let req = check_rows(&f, 30_000)[0].clone().unwrap();
        assert_eq!(serde_json::to_value(&req).unwrap()["extendedFields"], serde_json::json!({"ug_status": "Active"}));
        f.set_included(2, false);
        assert!(check_rows(&f, 30_000)[0].as_ref().unwrap().extended_fields.is_empty());
        // The known columns cannot be unticked.
        f.set_included(0, false);
        assert!(f.columns[0].included);
    }

    #[test]
    fn the_template_imports_cleanly() {
        let f = parse(TEMPLATE_CSV.as_bytes()).unwrap();
        assert_eq!(f.columns.iter().map(|c| c.name.as_str()).take(3).collect::<Vec<_>>(), KNOWN_COLUMNS);
        let checks = check_rows(&f, 30_000);
        assert_eq!(invalid_count(&checks), 0);
        assert_eq!(checks[1].as_ref().unwrap().group_name.as_deref(), Some("North fleet, vans"));
    }
}
