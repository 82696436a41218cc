//! Who the demo account is on the emulated platform: its org and brand, and the user id each
//! API family records its writes under (the docs' examples show different ids on the group
//! pages and on the reward pages).

/// The org of the docs' examples.
pub const ORG_ID: u64 = 100_737;
/// `createdBy` of a user group the demo account creates (the group GET example's).
pub const GROUP_WRITER: u64 = 75_155_297;
/// `createdBy` and `lastUpdatedBy` of a reward group the demo account creates or updates (the
/// reward pages' examples).
pub const REWARD_WRITER: u64 = 75_155_282;
/// The brand whose rewards the emulated org lists (`…/reward/list/brand/{brandId}`).
pub const BRAND_ID: u64 = 25;

/// The group of the docs' GET example.
pub const DOCS_GROUP_ID: u64 = 3_918_893;
