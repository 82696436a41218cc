//! The one CSV writer every export uses (filled in by the security work).
