//! Members' own tiers on the Members tab: each active member's tier per program beside the
//! primary's, read from their customer GET (`embed=mlp`) one member at a time, paced, for
//! groups of up to 50 members; and "Match the primary's tier" for the selected members, one
//! manual tier adjustment each (`type=CUSTOMER`), said in words before anything is sent, with
//! one result per member. A read that fails leaves the tiers read-only.

use gc_core::group::wire::GroupDetails;
use gc_core::members::tiers::{
    match_confirmation, members_to_read, MatchLine, MatchPlan, MatchResult, MemberTiersQuery, TierAdjustQuery,
    TierAdjustment, TierBoard, TierRead, PACE_MS,
};
use gc_core::members::wire::GroupMember;
use gc_core::points::checks::{programs, Program};
use leptos::prelude::*;

use crate::api;
use crate::features::group::members::selection::Selection;
use crate::state::settings::{use_settings, SettingsStore};
use crate::ui::dialog::Dialog;

/// The tiers as read, shared by the tab's panel, its table's column and the Match dialog.
#[derive(Clone, Copy)]
pub struct MemberTiers {
    /// `None` until the user asks for the tiers.
    board: RwSignal<Option<TierBoard>>,
    reading: RwSignal<bool>,
    group_id: u64,
    store: SettingsStore,
    /// The tab's owner: the reads belong to the tab, not to the button that started them
    /// (which goes away once clicked, and would cancel them).
    owner: StoredValue<Option<Owner>>,
    /// Whom to read, or why no one is.
    who: StoredValue<Result<Vec<u64>, String>>,
    primary: Option<u64>,
    /// The group's programs (its `pointsSummaries`), in their order.
    programs: StoredValue<Vec<Program>>,
}

impl MemberTiers {
    /// Made by the Members tab for its panel and rows.
    pub fn provide(group: &GroupDetails) -> MemberTiers {
        let tiers = MemberTiers {
            board: RwSignal::new(None),
            reading: RwSignal::new(false),
            group_id: group.id.0,
            store: use_settings(),
            owner: StoredValue::new(Owner::current()),
            who: StoredValue::new(members_to_read(group)),
            primary: gc_core::points::transfer::active_primary(&group.fleet_group_users),
            programs: StoredValue::new(programs(&group.points_summaries)),
        };
        provide_context(tiers);
        tiers
    }

    fn shown(self) -> bool {
        self.board.with(Option::is_some)
    }

    /// The programs a cell shows: the group's, else the primary's.
    fn programs(self) -> Vec<(i64, String)> {
        self.board.with(|b| b.as_ref().map(|b| self.programs.with_value(|g| b.programs(g))).unwrap_or_default())
    }

    /// Reads `ids` one at a time, paced, each into the board as it arrives.
    fn read(self, ids: Vec<u64>) {
        if self.reading.get_untracked() || ids.is_empty() {
            return;
        }
        self.reading.set(true);
        self.board.update(|b| {
            let b = b.get_or_insert_with(|| TierBoard::new(self.primary, &ids));
            for &id in &ids {
                b.set(id, TierRead::Waiting);
            }
        });
        let settings = self.store.for_request();
        let owner = self.owner.get_value().unwrap_or_default();
        owner.with(|| {
            leptos::task::spawn_local_scoped_with_cancellation(async move {
                let mut last = 0.0;
                for id in ids {
                    pace(&mut last).await;
                    let read = match api::members::member_tiers(&settings, &MemberTiersQuery { customer_id: id }).await
                    {
                        Ok(m) => TierRead::Read(m),
                        Err(e) => TierRead::Failed(e),
                    };
                    self.board.update(|b| {
                        if let Some(b) = b {
                            b.set(id, read)
                        }
                    });
                }
                self.reading.set(false);
            })
        });
    }
}

fn now() -> f64 {
    js_sys::Date::now()
}

/// Waits until [`PACE_MS`] after the previous call began (`last`), then marks this one's start.
async fn pace(last: &mut f64) {
    let wait = *last + f64::from(PACE_MS) - now();
    if wait > 0.0 {
        let p = js_sys::Promise::new(&mut |resolve, _| {
            if let Some(w) = web_sys::window() {
                let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, wait.ceil() as i32);
            }
        });
        let _ = wasm_bindgen_futures::JsFuture::from(p).await;
    }
    *last = now();
}

fn name_of(m: &GroupMember) -> String {
    let name = m.name();
    if name.is_empty() {
        format!("Customer {}", m.fleet_user_id)
    } else {
        name
    }
}

/// The Members tab's "Members' tiers": why they are not shown, or the button that reads them,
/// the progress, why they are read-only, and "Match the primary's tier" for the selection.
#[component]
pub fn TiersPanel(selection: Selection, can_change: bool) -> impl IntoView {
    let tiers = expect_context::<MemberTiers>();
    let open = RwSignal::new(None::<Vec<(u64, String)>>);
    let who = tiers.who.get_value();
    let ids = match who {
        Err(why) => {
            return view! {
                <section class="member-tiers" aria-labelledby="member-tiers-title">
                    <h3 id="member-tiers-title">"Members' tiers"</h3>
                    <p class="notice">{why}</p>
                </section>
            }
            .into_any()
        }
        Ok(ids) => ids,
    };
    let count = ids.len();
    let failed = move || tiers.board.with(|b| b.as_ref().map(TierBoard::failed).unwrap_or_default());
    let progress = move || tiers.board.with(|b| b.as_ref().map(TierBoard::progress));
    // Said once the reads are done; the dialog says what depends on the program chosen.
    let read_only = move || tiers.board.with(|b| b.as_ref().filter(|b| b.finished()).and_then(TierBoard::read_only));
    let selected = move || selection.with(|s| s.values().map(|m| (m.fleet_user_id.0, name_of(m))).collect::<Vec<_>>());
    let can_match = move || {
        !tiers.reading.get()
            && tiers.board.with(|b| b.as_ref().is_some_and(|b| b.read_only().is_none()))
            && !selection.with(|s| s.is_empty())
    };
    let read_all = ids.clone();
    view! {
        <section class="member-tiers" aria-labelledby="member-tiers-title">
            <h3 id="member-tiers-title">"Members' tiers"</h3>
            <p class="field__hint">
                "Each member keeps a tier of their own, which the platform does not keep in step with the primary's. "
                {format!("Showing them reads each member's record: {count} call{}, one at a time.", if count == 1 { "" } else { "s" })}
            </p>
            <div class="member-tiers__actions">
                {move || (!tiers.shown()).then(|| {
                    let ids = read_all.clone();
                    view! { <button type="button" class="button" on:click=move |_| tiers.read(ids.clone())>"Show members' tiers"</button> }
                })}
                {move || (!tiers.reading.get() && !failed().is_empty()).then(|| view! {
                    <button type="button" class="button" on:click=move |_| tiers.read(failed())>"Read the failed ones again"</button>
                })}
                {move || (can_change && tiers.shown()).then(|| view! {
                    <button type="button" class="button" disabled=move || !can_match()
                        on:click=move |_| open.set(Some(selected()))>
                        {move || format!("Match the primary's tier ({} selected)", selection.with(|s| s.len()))}
                    </button>
                })}
            </div>
            <p class="member-tiers__status" role="status">{move || match progress() {
                Some((done, all)) if done < all => format!("Reading tiers… {done} of {all}"),
                Some((_, all)) => format!("Tiers of {all} member{} read.", if all == 1 { "" } else { "s" }),
                None => String::new(),
            }}</p>
            {move || read_only().map(|why| view! { <p class="notice member-tiers__read-only">{why}</p> })}
            {move || (can_change && tiers.shown() && read_only().is_none() && selection.with(|s| s.is_empty())).then(|| view! {
                <p class="field__hint">"Select members in the list to match their tiers to the primary's."</p>
            })}
        </section>
        {can_change.then(|| view! { <MatchDialog open selection /> })}
    }
    .into_any()
}

/// The column's heading, once the tiers are asked for.
#[component]
pub fn TierHeading() -> impl IntoView {
    let tiers = use_context::<MemberTiers>();
    move || tiers.filter(|t| t.shown()).map(|_| view! { <th scope="col">"Tier"</th> })
}

/// A member's tier in each program, beside the primary's.
#[component]
pub fn TierCell(member: u64) -> impl IntoView {
    let tiers = use_context::<MemberTiers>();
    move || {
        let tiers = tiers.filter(|t| t.shown())?;
        let programs = tiers.programs();
        let (lines, failed) = tiers.board.with(|b| {
            let b = b.as_ref()?;
            Some((b.cell(member, &programs), matches!(b.read(member), Some(TierRead::Failed(_)))))
        })?;
        Some(view! {
            <td class="member-tiers__cell" class:member-tiers__cell--failed=failed>
                {lines.into_iter().map(|line| view! { <span class="member-tiers__line">{line}</span> }).collect_view()}
            </td>
        })
    }
}

/// "Match the primary's tier": the program, what happens to whom in words, then one call per
/// member, one result each.
#[component]
fn MatchDialog(open: RwSignal<Option<Vec<(u64, String)>>>, selection: Selection) -> impl IntoView {
    let is_open = Signal::derive(move || open.with(Option::is_some));
    let close = Callback::new(move |_| open.set(None));
    view! {
        <Dialog open=is_open on_close=close title="Match the primary's tier" id="match-tiers-dialog">
            {move || open.get().map(|selected| view! { <MatchForm selected selection close /> })}
        </Dialog>
    }
}

#[component]
fn MatchForm(selected: Vec<(u64, String)>, selection: Selection, close: Callback<()>) -> impl IntoView {
    let tiers = expect_context::<MemberTiers>();
    let store = tiers.store;
    // The run belongs to the dialog, not to the button that started it (a retry's button goes
    // away once clicked, and would cancel it).
    let owner = StoredValue::new(Owner::current().unwrap_or_default());
    let group_programs = tiers.programs();
    let program = RwSignal::new(group_programs.first().map(|p| p.0).unwrap_or_default());
    let titles = StoredValue::new(group_programs.clone());
    let title = move || {
        let id = program.get();
        titles
            .with_value(|t| t.iter().find(|p| p.0 == id).map(|p| p.1.clone()))
            .unwrap_or_else(|| format!("program {id}"))
    };
    let selected = StoredValue::new(selected);
    let plan = Memo::new(move |_| {
        let (id, name) = (program.get(), title());
        tiers.board.with(|b| match b {
            Some(b) => selected.with_value(|s| b.plan(id, &name, s)),
            None => Err("The tiers are not read yet.".into()),
        })
    });
    // One entry per member sent, in order; a retry replaces the entries of the ones it sends.
    let results = RwSignal::new(Vec::<(MatchLine, MatchResult)>::new());
    let running = RwSignal::new(None::<(usize, usize)>);
    let sent_plan = StoredValue::new(None::<MatchPlan>);

    let send = move |only: Option<Vec<u64>>| {
        if running.get_untracked().is_some() {
            return;
        }
        let Ok(plan) = plan.get_untracked() else { return };
        let todo: Vec<MatchLine> =
            plan.to_send().filter(|l| only.as_ref().is_none_or(|ids| ids.contains(&l.member))).cloned().collect();
        if todo.is_empty() {
            return;
        }
        let (program_id, program_title) = (plan.program_id, title());
        sent_plan.set_value(Some(plan.clone()));
        running.set(Some((0, todo.len())));
        let settings = store.for_request();
        owner.get_value().with(|| {
            leptos::task::spawn_local_scoped_with_cancellation(async move {
                let mut last = 0.0;
                let mut done: Vec<(MatchLine, MatchResult)> = results
                    .get_untracked()
                    .into_iter()
                    .filter(|(l, r)| r.changed() || !todo.iter().any(|t| t.member == l.member))
                    .collect();
                for (i, line) in todo.iter().enumerate() {
                    let Some(body) = TierAdjustment::match_primary(program_id, line) else { continue };
                    pace(&mut last).await;
                    let answer =
                        api::members::adjust_tier(&settings, &TierAdjustQuery::customer(line.member), &body).await;
                    let result = match answer {
                        Ok(a) => {
                            tiers.board.update(|b| {
                                if let Some(b) = b {
                                    b.changed(line, program_id, Some(&a))
                                }
                            });
                            MatchResult::Changed(a.words(&line.name))
                        }
                        // Never sent again: the member's tier, read afresh, says whether it went through.
                        Err(e) if e.outcome_unknown() => {
                            pace(&mut last).await;
                            let read =
                                api::members::member_tiers(&settings, &MemberTiersQuery { customer_id: line.member })
                                    .await;
                            let result =
                                MatchResult::lost(line, read.as_ref().ok().and_then(|m| m.program(program_id)));
                            let read = match read {
                                Ok(m) => TierRead::Read(m),
                                Err(e) => TierRead::Failed(e),
                            };
                            tiers.board.update(|b| {
                                if let Some(b) = b {
                                    b.set(line.member, read)
                                }
                            });
                            result
                        }
                        // Not a step from their tier: an earlier attempt (the browser's own resend
                        // of a dropped request) may have moved them already; their tier read afresh says.
                        Err(e) if e.code() == Some(8925) => {
                            pace(&mut last).await;
                            let read =
                                api::members::member_tiers(&settings, &MemberTiersQuery { customer_id: line.member })
                                    .await;
                            let result = MatchResult::after_not_a_step(
                                &e,
                                line,
                                read.as_ref().ok().and_then(|m| m.program(program_id)),
                            );
                            if let Ok(m) = read {
                                tiers.board.update(|b| {
                                    if let Some(b) = b {
                                        b.set(line.member, TierRead::Read(m))
                                    }
                                });
                            }
                            result
                        }
                        Err(e) => MatchResult::refused(&e, line),
                    };
                    done.retain(|(l, _)| l.member != line.member);
                    done.push((line.clone(), result));
                    results.set(done.clone());
                    running.set(Some((i + 1, todo.len())));
                }
                let (what, outcome, ok) = gc_core::members::tiers::activity_words(&program_title, &plan, &done);
                crate::state::activity::record(tiers.group_id, "Matched members' tiers", what, outcome, ok);
                selection.update(|s| {
                    for (l, _) in done.iter().filter(|(_, r)| r.changed()) {
                        s.remove(&l.member);
                    }
                });
                running.set(None);
                crate::ui::focus_by_id("match-tiers-results");
            })
        });
    };
    let not_changed =
        move || results.with(|r| r.iter().filter(|(_, r)| !r.changed()).map(|(l, _)| l.member).collect::<Vec<_>>());
    let to_send = move || plan.with(|p| p.as_ref().map(|p| p.to_send().count()).unwrap_or(0));
    let several = group_programs.len() > 1;

    view! {
        <div hidden=move || !results.with(Vec::is_empty) || running.get().is_some()>
            {several.then(|| view! {
                <fieldset class="segmented">
                    <legend>"Program"</legend>
                    {group_programs.iter().cloned().map(|(id, t)| {
                        let input_id = format!("match-program-{id}");
                        view! {
                            <span class="segmented__option">
                                <input type="radio" name="match-program" id=input_id.clone()
                                    prop:checked=move || program.get() == id on:change=move |_| program.set(id) />
                                <label for=input_id>{t}</label>
                            </span>
                        }
                    }).collect_view()}
                </fieldset>
            })}
            {move || match plan.get() {
                Err(why) => view! { <p class="alert alert--error" role="alert">{why}</p> }.into_any(),
                Ok(p) => {
                    let not_sent = p.not_sent(&title());
                    view! {
                        <p>{format!("In {}, the primary member's tier is {}.", title(), p.tier)}</p>
                        <div class="consequences" role="note">
                            <p>{match_confirmation(&p.lines)}</p>
                        </div>
                        {(!not_sent.is_empty()).then(|| view! {
                            <p>"Not sent:"</p>
                            <ul>{not_sent.into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}</ul>
                        })}
                    }.into_any()
                }
            }}
            <div class="form__actions">
                <button type="button" class="button button--primary" disabled=move || to_send() == 0 || running.get().is_some()
                    on:click=move |_| send(None)>
                    {move || match to_send() {
                        0 => "Nothing to change".to_string(),
                        1 => "Change 1 tier".to_string(),
                        n => format!("Change {n} tiers"),
                    }}
                </button>
                <button type="button" class="button" on:click=move |_| close.run(())>"Cancel"</button>
            </div>
        </div>
        <p role="status">{move || running.get().map(|(done, all)| format!("Changing tiers… {done} of {all}"))}</p>
        <div hidden=move || results.with(Vec::is_empty)>
            <h3 id="match-tiers-results" tabindex="-1">"Result"</h3>
            <ul class="outcomes">
                {move || results.get().into_iter().map(|(line, r)| view! {
                    <li>{match r {
                        MatchResult::Changed(words) => view! { <span class="badge badge--ok">"Changed"</span> " " {words} }.into_any(),
                        MatchResult::Refused { words, technical } => view! {
                            <span class="badge badge--danger">"Not changed"</span> " " {format!("{}: {words}", line.name)} " "
                            <span class="muted">{technical}</span>
                        }.into_any(),
                        MatchResult::Lost { changed: true, words } => view! { <span class="badge badge--ok">"Changed"</span> " " {words} }.into_any(),
                        MatchResult::Lost { words, .. } => view! { <span class="badge badge--warning">"Not changed"</span> " " {words} }.into_any(),
                        MatchResult::Already(words) => view! { <span class="badge badge--ok">"Already"</span> " " {words} }.into_any(),
                    }}</li>
                }).collect_view()}
                {move || sent_plan.with_value(|p| p.as_ref().map(|p| p.not_sent(&title()))).unwrap_or_default().into_iter().map(|w| view! {
                    <li><span class="badge badge--muted">"Not sent"</span> " " {w}</li>
                }).collect_view()}
            </ul>
            <div class="form__actions">
                {move || (running.get().is_none() && !not_changed().is_empty() && plan.with(Result::is_ok)).then(|| view! {
                    <button type="button" class="button" on:click=move |_| send(Some(not_changed()))>"Try again for the ones not changed"</button>
                })}
                <button type="button" class="button button--primary" on:click=move |_| close.run(())>"Close"</button>
            </div>
        </div>
    }
}
