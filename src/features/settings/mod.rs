//! Settings: where the API is, how to sign in, the org's limits, and this browser's data.

crate::features::pages_of!(settings);
