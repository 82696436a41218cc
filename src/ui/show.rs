//! How values read on screen where the platform sent nothing or sent JSON.

/// The text, or "—" when there is none.
pub fn dash(s: &str) -> String {
    if s.trim().is_empty() {
        "—".into()
    } else {
        s.to_string()
    }
}

/// A JSON value as the text it holds (numbers and booleans as JSON writes them), "—" for null.
pub fn json_text(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => "—".into(),
        other => other.to_string(),
    }
}
