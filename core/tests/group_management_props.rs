//! Properties of the group-management calls: every query the console builds reads back the
//! same (the emulator reads them with the same code), no answer of any shape makes the
//! readers panic, and a pasted list of ids is read without panic, keeping only real ids.

use gc_core::find::wire::*;
use gc_core::group::wire::GroupKey;
use gc_core::group::wire::*;
use gc_core::history::wire::*;
use gc_core::members::checks::*;
use gc_core::members::wire::*;
use gc_core::platform::error::parse_success;
use gc_core::platform::query::SortOrder;
use gc_core::rewards::wire::*;
use proptest::prelude::*;
use serde::de::DeserializeOwned;

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(256);
    ProptestConfig { cases, ..ProptestConfig::default() }
}

/// Text as it is sent: no blanks around it (the readers trim), anything inside.
fn word() -> impl Strategy<Value = String> {
    "[^\\s]([^\\n]{0,18}[^\\s])?"
}

fn order() -> impl Strategy<Value = Option<SortOrder>> {
    proptest::option::of(prop_oneof![Just(SortOrder::Asc), Just(SortOrder::Desc)])
}

fn group_key() -> impl Strategy<Value = GroupKey> {
    prop_oneof![any::<u64>().prop_map(GroupKey::Id), word().prop_map(GroupKey::ExternalId)]
}

/// Any JSON at all, nested a little, with the names the readers look for.
fn json() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::Value;
    let keys = prop_oneof![
        Just("data"),
        Just("response"),
        Just("permissions"),
        Just("result"),
        Just("entityId"),
        Just("errors"),
        Just("pagination"),
        Just("groupRoList"),
        Just("userGroup2"),
        Just("billDetails"),
        Just("fleetUserId"),
        Just("cards"),
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        "\\PC{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 24, 4, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec((keys.clone(), inner), 0..4)
                .prop_map(|kv| Value::Object(kv.into_iter().map(|(k, v)| (k.to_string(), v)).collect())),
        ]
    })
}

fn reads_without_panic<T: DeserializeOwned + 'static>(body: &str) {
    let _ = parse_success::<T>(200, body);
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn search_queries_round_trip(q in "\\PC{0,60}", offset in any::<u32>()) {
        if let Ok(query) = SearchQuery::new(&q) {
            let query = query.at(offset);
            prop_assert_eq!(SearchQuery::from_query_string(&query.to_query_string()), Ok(query));
        }
    }

    #[test]
    fn members_queries_round_trip(
        group in any::<u64>(),
        flags in any::<(bool, bool, bool, bool)>(),
        offset in any::<u32>(),
        limit in 1u32..=1000,
        sort_order in order(),
        from in proptest::option::of(word()),
        to in proptest::option::of(word()),
    ) {
        let q = MembersQuery {
            group_id: group,
            include_card_details: flags.0,
            include_status_details: flags.1,
            pagination_details: flags.2,
            offset,
            limit,
            primary_first: flags.3,
            sort_order,
            from_date: from,
            to_date: to,
        };
        prop_assert_eq!(MembersQuery::from_query_string(&q.to_query_string()), Ok(q));
    }

    #[test]
    fn leave_and_delete_queries_round_trip(group in any::<u64>(), kind in 0usize..5, value in word(), ext in proptest::option::of(word())) {
        let q = LeaveQuery { group_id: group, identifier: IdentifierKind::ALL[kind], value };
        prop_assert_eq!(LeaveQuery::from_query_string(group, &q.to_query_string()), Ok(q));
        let d = DeleteGroupQuery { id: Some(group), external_id: ext };
        prop_assert_eq!(DeleteGroupQuery::from_query_string(&d.to_query_string()), Ok(d));
    }

    #[test]
    fn history_queries_round_trip(
        group in group_key(),
        kind in proptest::option::of(prop_oneof![Just(TransactionType::Regular), Just(TransactionType::Return)]),
        customer in proptest::option::of(any::<u64>()),
        dates in (proptest::option::of(word()), proptest::option::of(word())),
        offset in any::<u32>(),
        limit in 1u32..=100,
        order in order(),
    ) {
        let t = TransactionsQuery { group: group.clone(), kind, customer_id: customer, start_date: dates.0.clone(), end_date: dates.1.clone(), offset, limit, order };
        prop_assert_eq!(TransactionsQuery::from_query_string(&t.to_query_string()), Ok(t));
        if let GroupKey::Id(id) = group {
            let s = SlabHistoryQuery { group_id: id, start_date: dates.0, end_date: dates.1, page_size: limit, offset };
            prop_assert_eq!(SlabHistoryQuery::from_query_string(&s.to_query_string()), Ok(s));
        }
    }

    #[test]
    fn reward_list_queries_round_trip(
        page in any::<u32>(),
        size in 1u32..=100,
        active in proptest::option::of(any::<bool>()),
        name in proptest::option::of(word()),
        order_by in order(),
        sort_on in proptest::option::of(prop_oneof![Just(RewardSortOn::Rank), Just(RewardSortOn::LastUpdatedOn)]),
    ) {
        let q = RewardListQuery { page, size, active, name, order_by, sort_on };
        prop_assert_eq!(RewardListQuery::from_query_string(&q.to_query_string()), Ok(q));
    }

    #[test]
    fn customer_queries_round_trip(id in any::<u64>(), kind in 0usize..3, value in word(), offset in any::<u32>(), limit in 1u32..=100) {
        let mut q = CustomerGroupsQuery::by_id(id);
        (q.offset, q.limit) = (offset, limit);
        prop_assert_eq!(CustomerGroupsQuery::from_request(Some(&id.to_string()), &q.to_query_string()), Ok(q));
        let l = CustomerGroupsQuery::lookup(CustomerIdentifier::ALL[kind], &value);
        prop_assert_eq!(CustomerGroupsQuery::from_request(None, &l.to_query_string()), Ok(l));
    }

    #[test]
    fn pasted_ids_never_panic_and_only_real_ids_come_back(text in "[0-9a-z ,;\\n\\t.+-]{0,80}") {
        match parse_customer_ids(&text) {
            Ok(ids) => {
                prop_assert!(!ids.is_empty());
                for id in &ids {
                    prop_assert!(*id > 0);
                    prop_assert_eq!(ids.iter().filter(|x| *x == id).count(), 1);
                }
            }
            Err(problems) => prop_assert!(!problems.is_empty()),
        }
    }

    #[test]
    fn any_answer_is_read_without_panic(v in json()) {
        let body = v.to_string();
        reads_without_panic::<GroupSearchResponse>(&body);
        reads_without_panic::<CustomerGroups>(&body);
        reads_without_panic::<MembersResponse>(&body);
        reads_without_panic::<BatchResponse>(&body);
        reads_without_panic::<WriteResponse>(&body);
        reads_without_panic::<RewardListResponse>(&body);
        reads_without_panic::<SlabHistoryResponse>(&body);
        reads_without_panic::<TransactionsResponse>(&body);
        let _ = serde_json::from_str::<Vec<JoinItem>>(&body);
        let _ = serde_json::from_str::<Vec<PermissionUpdate>>(&body);
    }
}
