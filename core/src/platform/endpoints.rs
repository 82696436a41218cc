//! Every endpoint the console calls, written once (filled in by the security work).
