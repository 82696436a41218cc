//! Every endpoint the console calls, each path written once, and the table of the (method,
//! path) pairs it calls: the emulator routes by the table and the proxy forwards nothing else.
//! A `{name}` segment stands for one path segment (an id); `fill` puts the values in.

/// User groups: create (POST), update (PUT), get (GET) and delete (DELETE).
pub const GROUP: &str = "/v2/userGroup2";
pub const SEARCH: &str = "/v2/userGroup2/search";
pub const EXTENDED_FIELD_SEARCH: &str = "/v2/userGroup2/extendedFieldSearch";
pub const MEMBERS: &str = "/v2/userGroup2/members";
pub const JOIN: &str = "/v2/userGroup2/join";
pub const LEAVE: &str = "/v2/userGroup2/{groupId}/leave";
pub const TRANSFER: &str = "/v2/userGroup2/transfer";
pub const PERMISSIONS: &str = "/v2/userGroup2/members/permissions";
pub const SLAB_HISTORY: &str = "/v2/userGroup2/slabHistory";
pub const TRANSACTIONS: &str = "/v2/userGroup2/transactions";
pub const CUSTOMER: &str = "/v2/customers/{id}";
pub const CUSTOMER_LOOKUP: &str = "/v2/customers/lookup/customerDetails";
pub const OAUTH_TOKEN: &str = "/v3/oauth/token/generate";

/// A group's value (issue 25): move points, goodwill, manual issue, the ledger, trackers,
/// promised points, the expiry schedule and a member's tier (docs/platform-api.md, "A group's
/// value").
pub const POINTS_TRANSFER_CHECK: &str = "/v2/points/userGroup2/isTransferrable";
pub const POINTS_TRANSFER: &str = "/v2/points/userGroup2/transfer";
pub const REQUESTS: &str = "/v2/requests";
pub const REQUEST_APPROVE: &str = "/v1.1/request/approve";
pub const REQUEST_REJECT: &str = "/v1.1/request/reject";
pub const MANUAL_ISSUE: &str = "/v2/customers/bulk/manualCurrencyAllocate";
pub const POINTS_LEDGER: &str = "/v2/pointsLedger/getCustomerLedgerInfo";
pub const TRACKERS: &str = "/v2/customers/userEntityTrackers";
pub const PROMISED_POINTS: &str = "/v2/userGroup2/promisedPointsSchedule";
pub const EXPIRY_SCHEDULE: &str = "/v2/userGroup2/pointsExpirySchedule";
pub const TIER_ADJUSTMENT: &str = "/v2/slab/manualSlabAdjustment";

/// Reward groups live under one of two prefixes (Settings → "Reward API path"): the older
/// pages' `/api_gateway/core/v1` (on the `.cc` host) and the current `/api_gateway/rewards/core/v1`.
pub const REWARD_PREFIXES: [&str; 2] = ["/api_gateway/core/v1", "/api_gateway/rewards/core/v1"];
/// The reward paths below come after the prefix.
pub const REWARD_GROUP_CREATE: &str = "/group/create";
pub const REWARD_GROUPS: &str = "/group";
pub const REWARD_GROUP: &str = "/group/{id}";
/// The rewards of one brand, filtered by a reward group's name (`?groupName=…`).
pub const REWARDS_OF_BRAND: &str = "/reward/list/brand/{brandId}";

/// Where the platform's API lives on an origin: a path under one of these is an API call
/// (and is answered as one: JSON, never the console's page).
pub const API_PREFIXES: [&str; 4] = ["/v2/", "/v3/", "/v1.1/", "/api_gateway/"];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    Get,
    Post,
    Put,
    Delete,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
        }
    }
}

/// Which of the platform's hosts answers a call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Host {
    /// The cluster's API host; the path is absolute.
    Api,
    /// The reward host; the path follows one of `REWARD_PREFIXES`.
    Reward,
}

/// Each call the console makes, by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CallId {
    CreateGroup,
    UpdateGroup,
    GetGroup,
    DeleteGroup,
    SearchGroups,
    ExtendedFieldSearch,
    Customer,
    CustomerLookup,
    Members,
    JoinMembers,
    LeaveGroup,
    TransferMembers,
    UpdatePermissions,
    SlabHistory,
    Transactions,
    OauthToken,
    CreateRewardGroup,
    ListRewardGroups,
    GetRewardGroup,
    UpdateRewardGroup,
    /// Whether points may move (changes nothing).
    TransferPointsCheck,
    TransferPoints,
    CreateGoodwill,
    ApproveRequest,
    RejectRequest,
    IssuePoints,
    PointsLedger,
    Trackers,
    PromisedPoints,
    ExpirySchedule,
    AdjustTier,
    RewardsOfGroup,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Call {
    pub id: CallId,
    pub method: Method,
    pub path: &'static str,
    pub host: Host,
}

const fn api(id: CallId, method: Method, path: &'static str) -> Call {
    Call { id, method, path, host: Host::Api }
}

const fn reward(id: CallId, method: Method, path: &'static str) -> Call {
    Call { id, method, path, host: Host::Reward }
}

/// Every call the console makes, and nothing else.
pub const CALLS: [Call; 32] = {
    use CallId::*;
    use Method::*;
    [
        api(CreateGroup, Post, GROUP),
        api(UpdateGroup, Put, GROUP),
        api(GetGroup, Get, GROUP),
        api(DeleteGroup, Delete, GROUP),
        api(SearchGroups, Get, SEARCH),
        api(ExtendedFieldSearch, Post, EXTENDED_FIELD_SEARCH),
        api(Customer, Get, CUSTOMER),
        api(CustomerLookup, Get, CUSTOMER_LOOKUP),
        api(Members, Get, MEMBERS),
        api(JoinMembers, Post, JOIN),
        api(LeaveGroup, Delete, LEAVE),
        api(TransferMembers, Post, TRANSFER),
        api(UpdatePermissions, Put, PERMISSIONS),
        api(SlabHistory, Get, SLAB_HISTORY),
        api(Transactions, Get, TRANSACTIONS),
        api(OauthToken, Post, OAUTH_TOKEN),
        reward(CreateRewardGroup, Post, REWARD_GROUP_CREATE),
        reward(ListRewardGroups, Get, REWARD_GROUPS),
        reward(GetRewardGroup, Get, REWARD_GROUP),
        reward(UpdateRewardGroup, Put, REWARD_GROUP),
        api(TransferPointsCheck, Post, POINTS_TRANSFER_CHECK),
        api(TransferPoints, Post, POINTS_TRANSFER),
        api(CreateGoodwill, Post, REQUESTS),
        api(ApproveRequest, Post, REQUEST_APPROVE),
        api(RejectRequest, Post, REQUEST_REJECT),
        api(IssuePoints, Post, MANUAL_ISSUE),
        api(PointsLedger, Get, POINTS_LEDGER),
        api(Trackers, Get, TRACKERS),
        api(PromisedPoints, Get, PROMISED_POINTS),
        api(ExpirySchedule, Get, EXPIRY_SCHEDULE),
        api(AdjustTier, Post, TIER_ADJUSTMENT),
        reward(RewardsOfGroup, Get, REWARDS_OF_BRAND),
    ]
};

/// The table's line for `id`.
pub fn call(id: CallId) -> &'static Call {
    CALLS.iter().find(|c| c.id == id).expect("every call is in the table")
}

impl Call {
    /// The absolute path patterns of this call: one, or one per reward prefix.
    pub fn patterns(&self) -> Vec<String> {
        match self.host {
            Host::Api => vec![self.path.to_string()],
            Host::Reward => REWARD_PREFIXES.iter().map(|p| format!("{p}{}", self.path)).collect(),
        }
    }

    /// Whether `path` (absolute, without the query) is this call's.
    pub fn matches(&self, path: &str) -> bool {
        match self.host {
            Host::Api => pattern_matches(self.path, path),
            Host::Reward => REWARD_PREFIXES
                .iter()
                .any(|p| path.strip_prefix(p).is_some_and(|rest| pattern_matches(self.path, rest))),
        }
    }
}

/// What the table says about a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup {
    /// One of the console's calls.
    Call(&'static Call),
    /// A path the console calls, with another method: these are the methods it uses there.
    OtherMethod(Vec<Method>),
    /// No call of the console has this path.
    Unknown,
}

/// Finds the call for `method` (as sent, e.g. "GET") and `path` (absolute, without the query).
/// A path written out wins over a pattern that takes it as a value: `/v2/customers/userEntityTrackers`
/// is the trackers call, not the customer `userEntityTrackers`.
pub fn lookup(method: &str, path: &str) -> Lookup {
    let mut methods = vec![];
    let mut found: Option<&'static Call> = None;
    for call in CALLS.iter().filter(|c| c.matches(path)) {
        if call.method.as_str() == method {
            if found.is_none_or(|f| placeholders(call.path) < placeholders(f.path)) {
                found = Some(call);
            }
        } else if !methods.contains(&call.method) {
            methods.push(call.method);
        }
    }
    if let Some(call) = found {
        return Lookup::Call(call);
    }
    if methods.is_empty() {
        Lookup::Unknown
    } else {
        Lookup::OtherMethod(methods)
    }
}

/// A path under one of `API_PREFIXES`.
pub fn is_api_path(path: &str) -> bool {
    API_PREFIXES.iter().any(|p| path.starts_with(p))
}

/// `pattern` with its `{…}` segments replaced by `values`, in order.
pub fn fill(pattern: &str, values: &[&str]) -> String {
    let mut values = values.iter();
    pattern
        .split('/')
        .map(|segment| if is_placeholder(segment) { values.next().copied().unwrap_or(segment) } else { segment })
        .collect::<Vec<_>>()
        .join("/")
}

fn placeholders(pattern: &str) -> usize {
    pattern.split('/').filter(|s| is_placeholder(s)).count()
}

fn is_placeholder(segment: &str) -> bool {
    segment.len() > 2 && segment.starts_with('{') && segment.ends_with('}')
}

/// Segment by segment: a `{…}` segment takes any one non-empty segment, the rest are equal.
fn pattern_matches(pattern: &str, path: &str) -> bool {
    let (mut want, mut got) = (pattern.split('/'), path.split('/'));
    loop {
        match (want.next(), got.next()) {
            (None, None) => return true,
            (Some(w), Some(g)) if w == g || (is_placeholder(w) && !g.is_empty()) => {}
            _ => return false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_call_is_found_by_its_own_method_and_path() {
        for call in &CALLS {
            for pattern in call.patterns() {
                let path = fill(&pattern, &["3918893"]);
                assert_eq!(lookup(call.method.as_str(), &path), Lookup::Call(call), "{path}");
                assert!(is_api_path(&path), "{path}");
            }
        }
    }

    #[test]
    fn no_two_calls_share_a_method_and_pattern() {
        let mut seen = std::collections::HashSet::new();
        for call in &CALLS {
            for pattern in call.patterns() {
                assert!(seen.insert((call.method, pattern.clone())), "{} {pattern} twice", call.method.as_str());
            }
        }
    }

    #[test]
    fn lookups() {
        assert_eq!(lookup("DELETE", "/v2/userGroup2/3962910/leave").call(), Some(CallId::LeaveGroup));
        assert_eq!(lookup("GET", "/v2/customers/700100001").call(), Some(CallId::Customer));
        assert_eq!(lookup("GET", "/v2/customers/lookup/customerDetails").call(), Some(CallId::CustomerLookup));
        assert_eq!(lookup("POST", "/api_gateway/core/v1/group/create").call(), Some(CallId::CreateRewardGroup));
        assert_eq!(lookup("PUT", "/api_gateway/rewards/core/v1/group/2402").call(), Some(CallId::UpdateRewardGroup));
        assert_eq!(lookup("GET", "/v2/customers/userEntityTrackers").call(), Some(CallId::Trackers));
        assert_eq!(lookup("POST", "/v2/customers/bulk/manualCurrencyAllocate").call(), Some(CallId::IssuePoints));
        assert_eq!(lookup("POST", "/v1.1/request/approve").call(), Some(CallId::ApproveRequest));
        assert_eq!(lookup("POST", "/v1.1/request/reject").call(), Some(CallId::RejectRequest));
        assert_eq!(lookup("POST", "/v2/points/userGroup2/isTransferrable").call(), Some(CallId::TransferPointsCheck));
        assert_eq!(lookup("POST", "/v2/points/userGroup2/transfer").call(), Some(CallId::TransferPoints));
        assert_eq!(
            lookup("GET", "/api_gateway/rewards/core/v1/reward/list/brand/25").call(),
            Some(CallId::RewardsOfGroup)
        );
        assert_eq!(lookup("PUT", "/v2/customers/userEntityTrackers"), Lookup::OtherMethod(vec![Method::Get]));
        assert_eq!(
            lookup("TRACE", "/v2/userGroup2"),
            Lookup::OtherMethod(vec![Method::Post, Method::Put, Method::Get, Method::Delete])
        );
        assert_eq!(lookup("POST", "/v2/userGroup2/search"), Lookup::OtherMethod(vec![Method::Get]));
        for unknown in [
            "/v2/userGroup2/",
            "/v2/userGroup2//leave",
            "/v2/userGroup2/1/leave/x",
            "/v2/customers",
            "/v3/oauth/token",
            "/api_gateway/other/v1/group",
            "/__emulator/requests",
            "/v2/../__emulator/requests",
            "/v1.1/request/add",
            "/v1.1/request/logs",
            "/v2/points/transfer",
            "/api_gateway/rewards/core/v1/reward/list/brand",
        ] {
            assert_eq!(lookup("GET", unknown), Lookup::Unknown, "{unknown}");
        }
    }

    /// A call's own path is never taken by another call's pattern with the same method: the
    /// proxy and the emulator would route it to the other.
    #[test]
    fn written_out_paths_win_over_patterns() {
        for call in &CALLS {
            for pattern in call.patterns().iter().filter(|p| !p.contains('{')) {
                assert_eq!(lookup(call.method.as_str(), pattern), Lookup::Call(call), "{pattern}");
            }
        }
    }

    #[test]
    fn every_call_id_has_its_line() {
        for c in &CALLS {
            assert_eq!(call(c.id), c);
        }
    }

    #[test]
    fn fill_puts_values_in_order() {
        assert_eq!(fill(LEAVE, &["3962910"]), "/v2/userGroup2/3962910/leave");
        assert_eq!(fill(REWARD_GROUP, &["10417"]), "/group/10417");
        assert_eq!(fill(GROUP, &["1"]), GROUP);
    }

    impl Lookup {
        fn call(&self) -> Option<CallId> {
            match self {
                Lookup::Call(c) => Some(c.id),
                _ => None,
            }
        }
    }
}
