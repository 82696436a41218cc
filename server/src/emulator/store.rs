//! The emulator's state — user groups, reward groups, id counters — in memory and, with
//! `--data FILE`, in a JSON file rewritten atomically (temp file in the same folder, then
//! rename) after changes, so a crash never leaves half a file. Writes happen in the
//! background and coalesce (a burst of 1,000 creates is not 1,000 rewrites of a growing
//! file); stopping the server writes what is left.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use gc_core::types::{ExpiredPoints, ExpirySchedule, ExtendedFields, Id, Member, PointsSummary, RewardGroup};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use serde_json::{Number, Value};

/// First id a created user group gets: the docs' create example answers `"entity": 3962909`.
pub const FIRST_GROUP_ID: u64 = 3_962_909;
/// First id a created reward group gets: the docs' example answers `"id": 2412`.
pub const FIRST_REWARD_GROUP_ID: u64 = 2412;
const FORMAT_VERSION: u32 = 1;

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
}

/// Members never change through the four endpoints, so a group's list is fixed at seeding.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Members {
    /// Listed one by one (the small seeded groups; created groups start empty).
    List(Vec<Member>),
    /// Generated from a seed, so the 30,000-member group is a few bytes in the data file and
    /// the same members come back after a restart.
    Generated(GeneratedMembers),
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GeneratedMembers {
    pub first_user_id: u64,
    pub count: u32,
    pub exited: u32,
    pub seed: u64,
}

impl Members {
    pub fn expand(&self, group_id: u64) -> Vec<Member> {
        match self {
            Members::List(list) => list.clone(),
            Members::Generated(g) => {
                let mut rng = crate::emulator::seed::XorShift(g.seed.max(1));
                let mut user = g.first_user_id;
                let count = g.count as u64;
                let exited = (g.exited as u64).min(count);
                (0..count)
                    .map(|i| {
                        // Exited members are spread evenly: exactly `exited` of them.
                        let is_exited = exited > 0 && (i + 1) * exited / count > i * exited / count;
                        let m = Member {
                            user_id: Id(user),
                            group_id: Some(Id(group_id)),
                            default_group: !is_exited,
                            primary_member: i == 0,
                            active: !is_exited,
                        };
                        user += 1 + rng.next() % 97;
                        m
                    })
                    .collect()
            }
        }
    }
}

/// The members of a group, serialized once (fast answers for the 30,000-member group).
pub struct MemberView {
    pub json: Box<RawValue>,
    pub active: u64,
    pub exited: u64,
}

impl MemberView {
    fn build(group: &Group) -> (MemberView, Vec<u64>) {
        let members = group.members.expand(group.id);
        let active = members.iter().filter(|m| m.active).count() as u64;
        let primaries = members.iter().filter(|m| m.primary_member && m.active).map(|m| m.user_id.0).collect();
        let text = serde_json::to_string(&members).unwrap_or_else(|_| "[]".into());
        let json = RawValue::from_string(text).unwrap_or_else(|_| empty_list());
        (MemberView { json, active, exited: members.len() as u64 - active }, primaries)
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
}

pub struct Store {
    groups: BTreeMap<u64, Group>,
    rewards: Vec<RewardGroup>,
    next_group_id: u64,
    next_reward_group_id: u64,
    by_external_id: HashMap<String, u64>,
    by_primary_user: HashMap<u64, u64>,
    views: HashMap<u64, Arc<MemberView>>,
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
            next_group_id: next_group,
            next_reward_group_id: next_reward,
            by_external_id: HashMap::new(),
            by_primary_user: HashMap::new(),
            views: HashMap::new(),
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
        let (view, primaries) = MemberView::build(&g);
        for user in primaries {
            self.by_primary_user.entry(user).or_insert(g.id);
        }
        self.views.insert(g.id, Arc::new(view));
        self.by_external_id.insert(g.external_id.clone(), g.id);
        self.groups.insert(g.id, g);
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

    pub fn groups(&self) -> impl Iterator<Item = &Group> {
        self.groups.values()
    }

    pub fn by_external_id(&self, external_id: &str) -> Option<&Group> {
        self.by_external_id.get(external_id).and_then(|id| self.groups.get(id))
    }

    pub fn by_primary_user(&self, user: u64) -> Option<&Group> {
        self.by_primary_user.get(&user).and_then(|id| self.groups.get(id))
    }

    pub fn members(&self, id: u64) -> Arc<MemberView> {
        self.views
            .get(&id)
            .cloned()
            .unwrap_or_else(|| Arc::new(MemberView { json: empty_list(), active: 0, exited: 0 }))
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
