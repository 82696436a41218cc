//! The emulator's state — user groups and their members, reward groups and the rewards linked
//! to them, a group's value (points/state.rs: wallets, ledgers, goodwill), id counters — in
//! memory and, with `--data FILE`, in a JSON file rewritten atomically (temp file in the same
//! folder, then rename) after changes, so a crash never leaves half a file. Writes happen in
//! the background and coalesce (a burst of 1,000 creates is not 1,000 rewrites of a growing
//! file); stopping the server writes what is left. Customers are not state: they never
//! change (customers.rs).

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use gc_core::group::member_list::Member;
use gc_core::group::wire::{ExtendedFields, GroupStatus};
use gc_core::members::wire::IdentifierKind;
use gc_core::platform::read::Id;
use gc_core::points::wire::{ExpiredPoints, ExpirySchedule, PointsSummary};
use gc_core::rewards::wire::{Reward, RewardGroup};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use serde_json::{Number, Value};

use crate::emulator::customers::{Customer, Customers};
use crate::emulator::points::state::PointsState;

/// First id a created user group gets: the docs' create example answers `"entity": 3962909`.
pub const FIRST_GROUP_ID: u64 = 3_962_909;
/// First id a created reward group gets: the docs' example answers `"id": 2412`.
pub const FIRST_REWARD_GROUP_ID: u64 = 2412;
const FORMAT_VERSION: u32 = 1;

pub const ACTIVE: &str = "ACTIVE";
pub const INACTIVE: &str = "INACTIVE";
pub const DELETED: &str = "DELETED";

/// A user group as the emulator keeps it: everything `GET /v2/userGroup2` can answer.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Group {
    pub id: u64,
    pub external_id: String,
    pub group_name: String,
    pub group_status: String,
    pub created_by: u64,
    pub created_on: String,
    pub max_group_size: i64,
    /// Kept as the JSON number it was written as (`70100`, not `70100.0`).
    pub life_time_purchases: Number,
    pub members: Members,
    #[serde(default)]
    pub extended_fields: ExtendedFields,
    #[serde(default)]
    pub points_summaries: Vec<PointsSummary>,
    #[serde(default)]
    pub expired_points: Vec<ExpiredPoints>,
    #[serde(default)]
    pub expiry_schedules: Vec<ExpirySchedule>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company_details: Option<Value>,
    /// Without a hierarchy the platform answers warning 1656 on every GET.
    #[serde(default)]
    pub has_hierarchy: bool,
    /// How much tier history and how many transactions the group has (generated on the fly
    /// from these counts, history.rs); created groups have none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub history: Option<HistoryPlan>,
}

impl Group {
    pub fn status(&self) -> GroupStatus {
        serde_json::from_value(Value::String(self.group_status.clone())).unwrap_or_default()
    }

    pub fn is_active(&self) -> bool {
        self.group_status == ACTIVE
    }

    /// The creation day, days since 1970-01-01 (members without a join date joined then).
    pub fn created_day(&self) -> i64 {
        crate::emulator::dates::parse_instant(&self.created_on).map(|ms| ms.div_euclid(86_400_000)).unwrap_or(0)
    }
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct HistoryPlan {
    pub tier_changes: u32,
    pub transactions: u32,
}

/// One membership: what the GET's `fleetGroupUsers` shows, plus the permissions and the join
/// day the members list shows. Reads the GET's member objects too (older data files).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MemberRecord {
    pub user_id: u64,
    #[serde(default)]
    pub default_group: bool,
    #[serde(default)]
    pub primary_member: bool,
    #[serde(default)]
    pub active: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub permissions: Vec<String>,
    /// `YYYY-MM-DD`; empty: the group's creation day.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub joined_on: String,
    /// The members list's `pointsContributed`: what the member moved into the group wallet
    /// (our reading of transfers: member → group adds, group → member takes off).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub points_contributed: f64,
}

fn is_zero(n: &f64) -> bool {
    *n == 0.0
}

impl MemberRecord {
    pub fn new(user_id: u64, primary: bool, active: bool, permissions: &[&str], joined_on: &str) -> Self {
        MemberRecord {
            user_id,
            default_group: active,
            primary_member: primary,
            active,
            permissions: permissions.iter().map(|p| p.to_string()).collect(),
            joined_on: joined_on.to_string(),
            points_contributed: 0.0,
        }
    }

    pub fn member(&self, group_id: u64) -> Member {
        Member {
            user_id: Id(self.user_id),
            group_id: Some(Id(group_id)),
            default_group: self.default_group,
            primary_member: self.primary_member,
            active: self.active,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Members {
    /// Listed one by one (the small seeded groups; created groups start empty).
    List(Vec<MemberRecord>),
    /// Generated from a seed, so the 30,000-member group is a few bytes in the data file and
    /// the same members come back after a restart; what the API changed is kept on top.
    Generated(GeneratedMembers),
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GeneratedMembers {
    pub first_user_id: u64,
    pub count: u32,
    pub exited: u32,
    pub seed: u64,
    /// Memberships changed or added through the API, by user id, over the generated ones.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<MemberRecord>,
}

const PRIMARY_PERMISSIONS: &[&str] = &["allow_points_redemption", "allow_points_transfer"];

impl Members {
    /// Every membership, in order: generated or listed ones first, then those added later.
    pub fn records(&self, created_day: i64) -> Vec<MemberRecord> {
        match self {
            Members::List(list) => list.clone(),
            Members::Generated(g) => {
                let mut rng = crate::emulator::rng::XorShift(g.seed.max(1));
                let mut user = g.first_user_id;
                let count = g.count as u64;
                let exited = (g.exited as u64).min(count);
                let mut out: Vec<MemberRecord> = (0..count)
                    .map(|i| {
                        // Exited members are spread evenly: exactly `exited` of them.
                        let is_exited = exited > 0 && (i + 1) * exited / count > i * exited / count;
                        let permissions: &[&str] = match i {
                            0 => PRIMARY_PERMISSIONS,
                            _ if i % 5 == 0 => &["allow_points_redemption", "block_points_transfer"],
                            _ => &["allow_points_redemption"],
                        };
                        // Joins spread over the group's first 600 days, the primary first.
                        let day = created_day + (i * 600 / count.max(1)) as i64;
                        let m = MemberRecord::new(
                            user,
                            i == 0,
                            !is_exited,
                            permissions,
                            &crate::emulator::dates::date_string(day),
                        );
                        user += 1 + rng.next() % 97;
                        m
                    })
                    .collect();
                let at: HashMap<u64, usize> = out.iter().enumerate().map(|(i, r)| (r.user_id, i)).collect();
                for c in &g.changes {
                    match at.get(&c.user_id) {
                        Some(&i) => out[i] = c.clone(),
                        None => out.push(c.clone()),
                    }
                }
                out
            }
        }
    }

    /// Adds a membership, or replaces the user's current one.
    fn upsert(&mut self, rec: MemberRecord) {
        let list = match self {
            Members::List(l) => l,
            Members::Generated(g) => &mut g.changes,
        };
        match list.iter_mut().find(|r| r.user_id == rec.user_id) {
            Some(r) => *r = rec,
            None => list.push(rec),
        }
    }
}

/// A group's memberships, with the GET's member list serialized once (fast answers for the
/// 30,000-member group). Rebuilt whenever the group's members change.
pub struct MemberView {
    pub json: Box<RawValue>,
    pub records: Vec<MemberRecord>,
    pub active: u64,
    pub exited: u64,
    /// The member who is or was the primary (their record stays when they leave).
    pub primary: Option<u64>,
    index: HashMap<u64, usize>,
}

impl MemberView {
    fn build(group: &Group) -> MemberView {
        let records = group.members.records(group.created_day());
        let members: Vec<Member> = records.iter().map(|r| r.member(group.id)).collect();
        let active = records.iter().filter(|m| m.active).count() as u64;
        let text = serde_json::to_string(&members).unwrap_or_else(|_| "[]".into());
        let json = RawValue::from_string(text).unwrap_or_else(|_| empty_list());
        let primary = records.iter().find(|r| r.primary_member).map(|r| r.user_id);
        let index = records.iter().enumerate().map(|(i, r)| (r.user_id, i)).collect();
        MemberView { json, exited: records.len() as u64 - active, active, primary, records, index }
    }

    fn empty() -> MemberView {
        MemberView { json: empty_list(), records: vec![], active: 0, exited: 0, primary: None, index: HashMap::new() }
    }

    /// The user's membership, current or past.
    pub fn record(&self, user_id: u64) -> Option<&MemberRecord> {
        self.index.get(&user_id).map(|&i| &self.records[i])
    }

    /// The user is a current member.
    pub fn is_active_member(&self, user_id: u64) -> bool {
        self.record(user_id).is_some_and(|r| r.active)
    }

    /// The primary member still in the group.
    pub fn active_primary(&self) -> Option<u64> {
        self.primary.filter(|p| self.is_active_member(*p))
    }
}

fn empty_list() -> Box<RawValue> {
    RawValue::from_string("[]".into()).expect("[] is JSON")
}

/// What the data file holds.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct StateFile {
    version: u32,
    next_group_id: u64,
    next_reward_group_id: u64,
    groups: Vec<Group>,
    reward_groups: Vec<RewardGroup>,
    /// Renames per reward group, each of which unlinked the group's rewards.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    reward_renames: BTreeMap<u64, u64>,
    /// Rewards, linked to reward groups by name.
    #[serde(default)]
    rewards: Vec<Reward>,
    #[serde(default)]
    points: PointsState,
}

pub struct Store {
    groups: BTreeMap<u64, Group>,
    rewards: Vec<RewardGroup>,
    reward_renames: BTreeMap<u64, u64>,
    linked_rewards: Vec<Reward>,
    points: PointsState,
    next_group_id: u64,
    next_reward_group_id: u64,
    by_external_id: HashMap<String, u64>,
    /// Active primary members of active groups → their group.
    by_primary_user: HashMap<u64, u64>,
    /// Every customer with a membership, current or past → those groups.
    memberships: HashMap<u64, Vec<u64>>,
    views: HashMap<u64, Arc<MemberView>>,
    customers: Customers,
    data_file: Option<PathBuf>,
    /// Changed since the last write.
    dirty: bool,
    /// Wakes the background writer.
    wake: Arc<tokio::sync::Notify>,
}

impl Store {
    pub fn new(groups: Vec<Group>, rewards: Vec<RewardGroup>) -> Store {
        Store::from_parts(groups, rewards, FIRST_GROUP_ID, FIRST_REWARD_GROUP_ID)
    }

    fn from_parts(groups: Vec<Group>, rewards: Vec<RewardGroup>, next_group: u64, next_reward: u64) -> Store {
        let mut store = Store {
            groups: BTreeMap::new(),
            rewards,
            reward_renames: BTreeMap::new(),
            linked_rewards: vec![],
            points: PointsState::default(),
            next_group_id: next_group,
            next_reward_group_id: next_reward,
            by_external_id: HashMap::new(),
            by_primary_user: HashMap::new(),
            memberships: HashMap::new(),
            views: HashMap::new(),
            customers: Customers::seeded(),
            data_file: None,
            dirty: false,
            wake: Arc::new(tokio::sync::Notify::new()),
        };
        for g in groups {
            store.index(g);
        }
        store
    }

    fn index(&mut self, g: Group) {
        let id = g.id;
        self.by_external_id.insert(g.external_id.clone(), id);
        self.groups.insert(id, g);
        self.reindex(id);
    }

    /// After a change of a group's members or status: its member view and the indexes.
    fn reindex(&mut self, id: u64) {
        let Some(g) = self.groups.get(&id) else { return };
        let view = MemberView::build(g);
        self.by_primary_user.retain(|_, group| *group != id);
        if g.is_active() {
            if let Some(p) = view.active_primary() {
                self.by_primary_user.entry(p).or_insert(id);
            }
        }
        for r in &view.records {
            let groups = self.memberships.entry(r.user_id).or_default();
            if !groups.contains(&id) {
                groups.push(id);
            }
        }
        self.views.insert(id, Arc::new(view));
    }

    /// `--data FILE`: loads the file, or seeds and creates it when it does not exist. A file
    /// that does not parse is an error, never replaced: it may hold someone's work.
    pub fn open(path: &Path, seed: impl FnOnce() -> Store) -> Result<Store, String> {
        match std::fs::read(path) {
            Ok(bytes) => {
                let file: StateFile = serde_json::from_slice(&bytes).map_err(|e| {
                    format!("the data file {} is not a valid state file: {e}. Fix or remove it.", path.display())
                })?;
                if file.version != FORMAT_VERSION {
                    return Err(format!(
                        "the data file {} has format version {}, this server reads {FORMAT_VERSION}",
                        path.display(),
                        file.version
                    ));
                }
                let mut store =
                    Store::from_parts(file.groups, file.reward_groups, file.next_group_id, file.next_reward_group_id);
                store.reward_renames = file.reward_renames;
                store.linked_rewards = file.rewards;
                store.points = file.points;
                store.data_file = Some(path.to_path_buf());
                Ok(store)
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let mut store = seed();
                store.data_file = Some(path.to_path_buf());
                store.save().map_err(|e| format!("cannot create the data file {}: {e}", path.display()))?;
                Ok(store)
            }
            Err(e) => Err(format!("cannot read the data file {}: {e}", path.display())),
        }
    }

    /// Writes the data file now, if there is one.
    pub fn save(&self) -> std::io::Result<()> {
        match &self.data_file {
            Some(path) => write_atomically(path, &self.serialize()?),
            None => Ok(()),
        }
    }

    fn serialize(&self) -> std::io::Result<Vec<u8>> {
        let file = StateFile {
            version: FORMAT_VERSION,
            next_group_id: self.next_group_id,
            next_reward_group_id: self.next_reward_group_id,
            groups: self.groups.values().cloned().collect(),
            reward_groups: self.rewards.clone(),
            reward_renames: self.reward_renames.clone(),
            rewards: self.linked_rewards.clone(),
            points: self.points.clone(),
        };
        serde_json::to_vec(&file).map_err(std::io::Error::other)
    }

    /// After a change: the background writer saves it soon.
    pub fn persist(&mut self) {
        if self.data_file.is_some() {
            self.dirty = true;
            self.wake.notify_one();
        }
    }

    /// What to write, if anything changed since the last time.
    pub fn take_snapshot(&mut self) -> Option<(PathBuf, std::io::Result<Vec<u8>>)> {
        let path = self.data_file.clone().filter(|_| self.dirty)?;
        self.dirty = false;
        Some((path, self.serialize()))
    }

    pub fn waker(&self) -> Arc<tokio::sync::Notify> {
        self.wake.clone()
    }

    pub fn has_data_file(&self) -> bool {
        self.data_file.is_some()
    }

    pub fn group(&self, id: u64) -> Option<&Group> {
        self.groups.get(&id)
    }

    /// A group to change its points (its summaries, the wallets). Never its members, status or
    /// external id: those go through the methods that keep the indexes.
    pub fn group_points_mut(&mut self, id: u64) -> Option<&mut Vec<PointsSummary>> {
        self.groups.get_mut(&id).map(|g| &mut g.points_summaries)
    }

    pub fn points(&self) -> &PointsState {
        &self.points
    }

    pub fn points_mut(&mut self) -> &mut PointsState {
        &mut self.points
    }

    pub fn groups(&self) -> impl Iterator<Item = &Group> {
        self.groups.values()
    }

    pub fn by_external_id(&self, external_id: &str) -> Option<&Group> {
        self.by_external_id.get(external_id).and_then(|id| self.groups.get(id))
    }

    /// The group a query names by id, external id or primary member.
    pub fn find(&self, key: &gc_core::group::wire::GroupKey) -> Option<&Group> {
        match key {
            gc_core::group::wire::GroupKey::Id(id) => self.group(*id),
            gc_core::group::wire::GroupKey::ExternalId(e) => self.by_external_id(e),
            gc_core::group::wire::GroupKey::PrimaryUserId(u) => self.by_primary_user(*u),
        }
    }

    pub fn by_primary_user(&self, user: u64) -> Option<&Group> {
        self.by_primary_user.get(&user).and_then(|id| self.groups.get(id))
    }

    pub fn members(&self, id: u64) -> Arc<MemberView> {
        self.views.get(&id).cloned().unwrap_or_else(|| Arc::new(MemberView::empty()))
    }

    /// Adds or replaces memberships of a group (each by user id).
    pub fn update_members(&mut self, id: u64, changes: Vec<MemberRecord>) {
        let Some(g) = self.groups.get_mut(&id) else { return };
        for rec in changes {
            g.members.upsert(rec);
        }
        self.reindex(id);
    }

    pub fn set_status(&mut self, id: u64, status: &str) {
        if let Some(g) = self.groups.get_mut(&id) {
            g.group_status = status.to_string();
            self.reindex(id);
        }
    }

    /// The group whose active primary member this customer is, if it is active.
    pub fn primary_group_of(&self, user: u64) -> Option<u64> {
        self.by_primary_user.get(&user).copied()
    }

    /// Every group the customer has or had a membership in.
    pub fn groups_of(&self, user: u64) -> &[u64] {
        self.memberships.get(&user).map(Vec::as_slice).unwrap_or(&[])
    }

    pub fn customer(&self, id: u64) -> Option<Customer> {
        self.customers.get(id, |u| self.memberships.contains_key(&u))
    }

    pub fn find_customer(&self, kind: IdentifierKind, value: &str) -> Option<Customer> {
        self.customers.find(kind, value, |u| self.memberships.contains_key(&u))
    }

    /// The next free user-group id (seeds above the counter are skipped).
    pub fn take_group_id(&mut self) -> u64 {
        while self.groups.contains_key(&self.next_group_id) {
            self.next_group_id += 1;
        }
        let id = self.next_group_id;
        self.next_group_id += 1;
        id
    }

    pub fn insert_group(&mut self, g: Group) {
        self.index(g);
    }

    /// Replaces a group's editable fields (members and points stay).
    pub fn update_group(&mut self, id: u64, external_id: String, group_name: String, max: i64, ext: ExtendedFields) {
        let Some(g) = self.groups.get_mut(&id) else { return };
        if g.external_id != external_id {
            self.by_external_id.remove(&g.external_id);
            self.by_external_id.insert(external_id.clone(), id);
        }
        g.external_id = external_id;
        g.group_name = group_name;
        g.max_group_size = max;
        g.extended_fields = ext;
    }

    pub fn reward_groups(&self) -> &[RewardGroup] {
        &self.rewards
    }

    pub fn take_reward_group_id(&mut self) -> u64 {
        while self.rewards.iter().any(|r| r.id.0 == self.next_reward_group_id) {
            self.next_reward_group_id += 1;
        }
        let id = self.next_reward_group_id;
        self.next_reward_group_id += 1;
        id
    }

    pub fn insert_reward_group(&mut self, r: RewardGroup) {
        self.rewards.push(r);
    }

    pub fn reward_group_mut(&mut self, id: u64) -> Option<&mut RewardGroup> {
        self.rewards.iter_mut().find(|r| r.id.0 == id)
    }

    /// A rename unlinked the group's rewards (the platform's warning): counted for tests.
    pub fn count_rename(&mut self, id: u64) {
        *self.reward_renames.entry(id).or_default() += 1;
    }

    pub fn renames_of(&self, id: u64) -> u64 {
        self.reward_renames.get(&id).copied().unwrap_or(0)
    }

    /// The rewards, each naming its reward groups.
    pub fn rewards(&self) -> &[Reward] {
        &self.linked_rewards
    }

    pub fn set_rewards(&mut self, rewards: Vec<Reward>) {
        self.linked_rewards = rewards;
    }

    /// A reward group was renamed: its rewards lose the old name from their groups (rewards
    /// are linked by name). Answers how many were unlinked.
    pub fn unlink_rewards(&mut self, old_name: &str) -> usize {
        let mut n = 0;
        for r in &mut self.linked_rewards {
            let before = r.groups.len();
            r.groups.retain(|g| g.group_name.trim() != old_name.trim());
            n += usize::from(r.groups.len() != before);
        }
        n
    }
}

/// Temp file beside the target, fsync, rename: readers see the old file or the new one.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "state".into());
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let mut f = std::fs::File::create(&tmp)?;
    f.write_all(bytes)?;
    f.sync_all()?;
    drop(f);
    std::fs::rename(&tmp, path)
}
