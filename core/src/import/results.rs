//! The results file: every row of the file with its outcome, as CSV a spreadsheet opens.

use super::job::{ImportJob, RowLabel, RowRequest, RowStatus};
use crate::platform::csv_writer::{Cell, CsvWriter};
use crate::platform::read::ApiWarning;

/// The results file's header: `row`, the kind's label columns, then the outcome's.
pub fn results_header<R: RowRequest>() -> Vec<&'static str> {
    let mut header = vec!["row"];
    header.extend_from_slice(<R::Label as RowLabel>::COLUMNS);
    header.extend_from_slice(&["outcome", R::WORDS.id_column, "code", "message", "warnings"]);
    header
}

fn warning_text(w: &ApiWarning) -> String {
    match w.code {
        Some(c) if w.message.is_empty() => format!("{c}"),
        Some(c) => format!("{c}: {}", w.message),
        None => w.message.clone(),
    }
}

/// Every row of the file with its outcome, as CSV (through the one writer,
/// `platform::csv_writer`): the file's own cells and the platform's words are text; the row,
/// the ID made and the platform's code are numbers.
pub fn results_csv<R: RowRequest>(job: &ImportJob<R>) -> String {
    let mut w = CsvWriter::new(results_header::<R>());
    let cancelled = job.progress.cancelled;
    for (i, (plan, state)) in job.plan.rows.iter().zip(&job.progress.rows).enumerate() {
        let none = String::new;
        // `code` is the platform's number; without one, `http` names the HTTP status.
        let (id, code, http, message, warnings) = match &state.status {
            RowStatus::Done { id, warnings, note } => (
                *id,
                None,
                none(),
                note.clone().unwrap_or_default(),
                warnings.iter().map(warning_text).collect::<Vec<_>>().join(" | "),
            ),
            RowStatus::Failed { code, status, message, .. } => (
                None,
                *code,
                if code.is_none() { status.map(|s| format!("HTTP {s}")).unwrap_or_default() } else { none() },
                message.clone(),
                none(),
            ),
            RowStatus::Skipped => (None, None, none(), plan.problems.join(" "), none()),
            _ if cancelled && state.delivery.verify => {
                (None, None, none(), R::WORDS.unknown_when_cancelled.into(), none())
            }
            _ if cancelled => (None, None, none(), "Not sent: the import was cancelled.".into(), none()),
            _ => (None, None, none(), "Not sent yet.".into(), none()),
        };
        let mut record = vec![plan.row.into()];
        record.extend(plan.label.cells().into_iter().map(Cell::Text));
        let code = if code.is_some() { code.into() } else { Cell::Text(&http) };
        record.extend([Cell::Text(job.outcome(i)), id.into(), code, Cell::Text(&message), Cell::Text(&warnings)]);
        w.row(record);
    }
    w.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::group_rows::job_of;
    use crate::import::job::Done;
    use crate::platform::error::ApiError;

    #[test]
    fn the_results_file_lists_every_row_with_its_outcome() {
        let mut job = job_of("externalId,groupName,maxGroupSize\na,\"Smith, \"\"J\"\"\",1\nb,B,2\n,bad,0\nc,C,3\n", 2);
        let steps = job.start_due(0.0);
        assert_eq!(steps.iter().map(|s| s.rows.clone()).collect::<Vec<_>>(), [vec![0], vec![1]]);
        let warning = ApiWarning {
            status: Some(false),
            code: Some(91016),
            message: "Extended field name is incorrect: x".into(),
        };
        job.answered(&[0], vec![Ok(Done { id: Some(101), warnings: vec![warning] })], 0.0);
        job.failed(&[1], &ApiError::Api { status: 400, code: Some(1633), message: "Group ID exists".into() }, 0.0);
        job.cancel();
        let csv = results_csv(&job);
        assert!(csv.starts_with('\u{feff}'));
        let mut r = csv::ReaderBuilder::new().from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
        assert_eq!(
            r.headers().unwrap().iter().collect::<Vec<_>>(),
            ["row", "externalId", "groupName", "outcome", "groupId", "code", "message", "warnings"]
        );
        let records: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
        let rows: Vec<Vec<&str>> = records.iter().map(|r| r.iter().collect()).collect();
        assert_eq!(rows.len(), 4, "every row of the file");
        assert_eq!(rows[0][..6], ["2", "a", "Smith, \"J\"", "created", "101", ""]);
        assert_eq!(rows[0][7], "91016: Extended field name is incorrect: x");
        assert_eq!(rows[1][..6], ["3", "b", "B", "failed", "", "1633"]);
        assert!(rows[1][6].contains("already exists"));
        assert_eq!(rows[2][..4], ["4", "", "bad", "skipped"]);
        assert!(rows[2][6].contains("Enter an external ID."), "{}", rows[2][6]);
        assert_eq!(rows[3][3], "not sent");
        assert!(csv.contains("\r\n"));
    }
}
