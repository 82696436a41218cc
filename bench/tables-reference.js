// The plain-JavaScript reference for the screen rows of `make bench` (search results, a page of
// the Members tab, the History tab's transactions and points ledger, the reward-group catalogue): fetches the API URL the console asked, with
// the same Authorization header (both given in the URL's hash), parses it with JSON.parse and
// renders the same columns as the console (same classes, the console's own stylesheets, the
// same number and date formats through one cached Intl formatter of each kind) with
// createElement/textContent. bench/run.mjs watches for the rows the same way in both pages
// (an init script polling in requestAnimationFrame), so nothing here marks anything.
//
//   #screen=search|members|transactions|ledger|rewards&url=<API URL>&auth=<Authorization>&pick=1
//   (pick: the console shows the Members tab's checkbox and action columns, as it does for a
//   group whose members can be changed; groupRewards: a reward group's rewards, the group and
//   the brand named by the API URL)
'use strict';

const params = new URLSearchParams(location.hash.slice(1));
const NUMBER = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });
const DATE_TIME = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const DAY = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });

async function main() {
  const res = await fetch(params.get('url'), {
    headers: { Accept: 'application/json', Authorization: params.get('auth') },
  });
  const answer = JSON.parse(await res.text());
  const screen = params.get('screen');
  const main = document.getElementById('main');
  if (screen === 'search') main.appendChild(searchResults(answer));
  else if (screen === 'members') main.appendChild(membersPage(answer, params.get('pick') === '1'));
  else if (screen === 'transactions') main.appendChild(transactions(answer));
  else if (screen === 'ledger') main.appendChild(ledger(answer));
  else if (screen === 'rewards') main.appendChild(rewardGroups(answer));
  else if (screen === 'groupRewards') main.appendChild(groupRewards(answer));
  else throw new Error(`unknown screen ${screen}`);
}

// ------------------------------------------------------------------ helpers (src/intl.rs, gc_core)
function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}
const str = (v) => (v === null || v === undefined ? '' : typeof v === 'string' ? v : String(v));
function num(v) {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : null;
}
const optNumber = (v) => { const n = num(v); return n === null ? '—' : NUMBER.format(n); };
const fullName = (first, last) => `${str(first).trim()} ${str(last).trim()}`.trim();

/** gc_core::format::parse_date + intl::date: a day as a day (UTC), an instant in local time. */
function date(s) {
  const t = str(s).trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(t)) {
    const [y, m, d] = t.split('-').map(Number);
    if (m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate()) return DAY.format(new Date(Date.UTC(y, m - 1, d)));
  } else if (/^\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{1,2}(:\d{1,2}(\.\d+)?)?(Z|[+-]\d{1,2}(:?\d{2})?)$/.test(t)) {
    const ms = Date.parse(t.replace(' ', 'T'));
    if (Number.isFinite(ms)) return DATE_TIME.format(new Date(ms));
  }
  return t === '' ? '—' : t;
}

function table(className, caption, columns, numeric) {
  const t = el('table', className);
  if (caption) t.appendChild(el('caption', 'visually-hidden', caption));
  const tr = el('tr');
  columns.forEach((c, i) => {
    const th = el('th', i >= columns.length - numeric ? 'num' : '', c);
    th.scope = 'col';
    tr.appendChild(th);
  });
  t.appendChild(el('thead')).appendChild(tr);
  const tbody = t.appendChild(el('tbody'));
  return { t, tbody };
}

/** src/components/pager.rs */
function pager(first, last, total, noun, hasPrevious, hasNext) {
  const nav = el('nav', 'pager');
  nav.setAttribute('aria-label', `Pages of ${noun}`);
  const shown = first > last ? `No ${noun}`
    : total !== null ? `Showing ${NUMBER.format(first)}–${NUMBER.format(last)} of ${NUMBER.format(total)} ${noun}`
      : `Showing ${NUMBER.format(first)}–${NUMBER.format(last)} ${noun}`;
  const p = nav.appendChild(el('p', 'pager__shown', shown));
  p.setAttribute('aria-live', 'polite');
  for (const [label, on] of [['Previous', hasPrevious], ['Next', hasNext]]) {
    const b = nav.appendChild(el(on ? 'a' : 'span', on ? 'button' : 'button button--disabled', label));
    if (on) b.href = '#'; else b.setAttribute('aria-disabled', 'true');
  }
  return nav;
}

/** gc_core::query::page_view */
function pageView(answer, shown, fallbackLimit) {
  const p = answer.pagination || {};
  const offset = num(p.offset) ?? 0;
  const limit = Math.max(1, num(p.limit) > 0 ? num(p.limit) : fallbackLimit);
  const last = offset + shown;
  const total = num(p.total) !== null && num(p.total) >= last ? num(p.total) : null;
  const more = total !== null ? last < total : shown >= limit;
  return { first: offset + 1, last, total, hasPrevious: offset > 0, hasNext: more && shown > 0 };
}

// ------------------------------------------------------------------ search results
const STATUS = {
  ACTIVE: ['ACTIVE', 'badge badge--ok'],
  INACTIVE: ['INACTIVE', 'badge badge--muted'],
  DELETED: ['DELETED', 'badge badge--danger'],
};

/** src/pages/home.rs (the pager) + src/components/group_search_results.rs */
function searchResults(answer) {
  const groups = Array.isArray(answer.data) ? answer.data : [];
  const frag = document.createDocumentFragment();
  const v = pageView(answer, groups.length, 10);
  frag.appendChild(pager(v.first, v.last, v.total, 'groups', v.hasPrevious, v.hasNext));
  const q = new URL(params.get('url')).searchParams.get('q');
  const { t, tbody } = table('results-table', `Groups matching “${q}”`, ['Group', 'External ID', 'Status', 'Primary member', 'Members'], 1);
  for (const g of groups) {
    const id = str(g.groupId);
    const title = [str(g.groupName).trim(), str(g.groupExternalId).trim()].find((x) => x) || `Group ${id}`;
    const tr = el('tr');
    const td0 = tr.appendChild(el('td'));
    const a = td0.appendChild(el('a', '', title));
    a.href = `/groups/${id}`;
    td0.appendChild(el('span', 'results-table__id', `ID ${id}`));
    tr.appendChild(el('td', '', str(g.groupExternalId)));
    const [text, cls] = STATUS[str(g.groupStatus).toUpperCase()] || ['STATUS UNKNOWN', 'badge badge--muted'];
    tr.appendChild(el('td')).appendChild(el('span', cls, text));
    const person = tr.appendChild(el('td', 'results-table__person'));
    const primary = fullName(g.firstName, g.lastName);
    if (!primary && !str(g.mobile) && !str(g.email)) {
      person.appendChild(el('span', 'muted', 'No primary member'));
    } else {
      person.appendChild(el('span', '', primary));
      person.appendChild(el('span', 'muted', str(g.mobile)));
      person.appendChild(el('span', 'muted', str(g.email)));
    }
    const active = num(g.totalActiveMembers) ?? num(g.totalMembers);
    tr.appendChild(el('td', 'num', optNumber(active)));
    tbody.appendChild(tr);
  }
  frag.appendChild(t);
  return frag;
}

// ------------------------------------------------------------------ the reward-group catalogue
/** src/pages/reward_groups.rs: CatalogueResults in the platform's order (rank, the default):
 *  RewardGroupsTable, then the Pager (gc_core::query::PageSpan, 10 a page). */
function rewardGroups(answer) {
  const rows = Array.isArray(answer.groupRoList) ? answer.groupRoList : [];
  const frag = document.createDocumentFragment();
  const scroll = frag.appendChild(el('div', 'catalogue__scroll'));
  const t = scroll.appendChild(el('table', 'catalogue-table'));
  t.appendChild(el('caption', 'visually-hidden', 'Reward groups'));
  const head = t.appendChild(el('thead')).appendChild(el('tr'));
  for (const [label, sort] of [['Name', 'none'], ['Rank', 'ascending'], ['Active', null], ['Last updated', null]]) {
    const th = head.appendChild(el('th', '', label));
    th.scope = 'col';
    if (sort) th.setAttribute('aria-sort', sort);
  }
  const tbody = t.appendChild(el('tbody'));
  for (const g of rows) {
    const id = str(g.id);
    const tr = tbody.appendChild(el('tr'));
    const th = tr.appendChild(el('th'));
    th.scope = 'row';
    const a = th.appendChild(el('a', '', str(g.name).trim() || `Reward group ${id}`));
    a.href = `/reward-groups/${id}`;
    tr.appendChild(el('td', '', optNumber(g.rank)));
    tr.appendChild(el('td', '', g.isActive === true || g.isActive === 'true' ? 'Yes' : 'No'));
    // src/components/timestamp.rs: the epoch milliseconds in local time when given, else the ISO value read.
    const iso = str(g.lastUpdatedOnDateTime);
    const ms = num(g.lastUpdatedOn);
    const time = tr.appendChild(el('td')).appendChild(el('time', '', ms !== null ? DATE_TIME.format(new Date(ms)) : date(iso)));
    time.setAttribute('datetime', iso);
    time.title = iso !== '' ? iso : ms !== null ? String(ms) : '';
  }
  // The first page (CataloguePage::from_platform): without a total, the rows shown are all there is.
  const size = 10;
  const total = num(answer.pagingDto?.totalElements) ?? rows.length;
  frag.appendChild(pager(1, Math.min(size, total), total, 'reward groups', false, total > size));
  return frag;
}

// ------------------------------------------------------------------ a page of the Members tab
const PERMISSIONS = ['allow_points_redemption', 'allow_points_transfer', 'block_points_redemption', 'block_points_transfer'];

/** gc_core::member_list::permission_words of the known permissions. */
function permissionWords(list) {
  const values = Array.isArray(list) ? list.map(str) : str(list).split(',');
  const set = new Set(values.map((v) => v.trim().toLowerCase()).filter((v) => PERMISSIONS.includes(v)));
  const kind = (allow, block, label) => `${label}: ${set.has(block) ? 'blocked' : set.has(allow) ? 'allowed' : 'not set'}`;
  return `${kind('allow_points_redemption', 'block_points_redemption', 'Redeem')} · ${kind('allow_points_transfer', 'block_points_transfer', 'Transfer')}`;
}

/** gc_core::member_list::card_numbers */
function cardNumbers(m) {
  const out = [
    ...(Array.isArray(m.identifiers) ? m.identifiers : []).filter((i) => str(i.type).toLowerCase() === 'cardnumber').map((i) => str(i.value)),
    ...(Array.isArray(m.cards) ? m.cards : []).map((c) => str(c.cardNumber)),
  ].filter((c) => c);
  return out.filter((c, i) => i === 0 || c !== out[i - 1]);
}

/** src/components/members_tab.rs: MemberPage and MemberRow. */
function membersPage(answer, pick) {
  const members = Array.isArray(answer.data) ? answer.data : [];
  const frag = document.createDocumentFragment();
  const size = Number(new URL(params.get('url')).searchParams.get('limit')) || 20;
  const v = pageView(answer, members.length, size);
  frag.appendChild(pager(v.first, v.last, v.total, 'members', v.hasPrevious, v.hasNext));
  const columns = ['Name', 'Mobile, e-mail, card', 'Role', 'Joined on', 'Permissions', 'Points contributed'];
  const { t, tbody } = table('members-list', 'Members of this group', pick ? [...columns, 'Actions'] : columns, 0);
  const head = t.tHead.rows[0];
  head.cells[5].className = 'num'; // Points contributed
  if (pick) {
    const th = el('th', 'members-list__pick');
    th.scope = 'col';
    const box = th.appendChild(el('input'));
    box.type = 'checkbox';
    box.id = 'members-pick-page';
    const label = th.appendChild(el('label', '', 'All on this page'));
    label.htmlFor = 'members-pick-page';
    head.insertBefore(th, head.firstChild);
  }
  for (const m of members) {
    const id = str(m.fleetUserId);
    const name = fullName(m.firstName, m.lastName) || `Customer ${id}`;
    const primary = m.primaryMember === true || str(m.primaryMember).toLowerCase() === 'true' || str(m.role).toUpperCase() === 'PRIMARY';
    const tr = el('tr', primary ? 'members-list__row--primary' : '');
    if (pick) {
      const box = tr.appendChild(el('td', 'members-list__pick')).appendChild(el('input'));
      box.type = 'checkbox';
      box.id = `member-pick-${id}`;
      box.setAttribute('aria-labelledby', `member-name-${id}`);
    }
    const who = tr.appendChild(el('td'));
    who.appendChild(el('span', 'members-list__name', name)).id = `member-name-${id}`;
    who.appendChild(el('span', 'muted', `Customer ${id}`));
    const contact = tr.appendChild(el('td'));
    for (const c of [str(m.mobile), str(m.email), ...cardNumbers(m)].filter((x) => x)) contact.appendChild(el('span', 'members-list__contact', c));
    const role = tr.appendChild(el('td'));
    if (primary) role.appendChild(el('span', 'badge badge--ok', 'Primary member'));
    else role.textContent = 'Member';
    tr.appendChild(el('td', '', date(m.joinedOn)));
    tr.appendChild(el('td', '', permissionWords(m.permissions)));
    tr.appendChild(el('td', 'num', optNumber(m.pointsContributed)));
    if (pick) {
      const actions = tr.appendChild(el('td', 'members-list__row-actions'));
      for (const label of ['Remove', 'Permissions']) {
        const b = actions.appendChild(el('button', 'button button--small', label));
        b.type = 'button';
        b.setAttribute('aria-label', label === 'Remove' ? `Remove ${name}` : `Permissions of ${name}`);
      }
    }
    tbody.appendChild(tr);
  }
  frag.appendChild(t);
  const p = frag.appendChild(el('p'));
  p.appendChild(el('button', 'button', 'Export this page (CSV)')).type = 'button';
  return frag;
}

// ------------------------------------------------------------------ the History tab's transactions
const TRANSACTION_TYPES = { REGULAR: 'Regular', RETURN: 'Return' };

/** src/components/transactions.rs (TransactionsTable) in its section. */
function transactions(answer) {
  const rows = Array.isArray(answer.data) ? answer.data : [];
  const section = el('section', 'history__section');
  section.setAttribute('aria-labelledby', 'transactions-title');
  section.appendChild(el('h2', '', 'Transactions')).id = 'transactions-title';
  const wrap = section.appendChild(el('div', 'history-table__wrap'));
  const { t, tbody } = table('history-table', '', ['Date', 'Type', 'Member', 'Bill number', 'Amount', 'Points'], 2);
  for (const x of rows) {
    const bill = x.billDetails || {};
    const iso = str(bill.billingTime) || str(x.autoUpdateTime);
    const tr = el('tr');
    const time = tr.appendChild(el('td')).appendChild(el('time', '', date(iso)));
    time.dateTime = iso;
    time.title = iso;
    const kind = str(x.type).trim();
    tr.appendChild(el('td', '', TRANSACTION_TYPES[kind.toUpperCase()] || kind || '—'));
    tr.appendChild(el('td', '', x.customerId === null || x.customerId === undefined || x.customerId === '' ? '—' : str(x.customerId)));
    tr.appendChild(el('td', '', str(bill.billNumber) || '—'));
    tr.appendChild(el('td', 'num', optNumber(bill.amount)));
    tr.appendChild(el('td', 'num', optNumber((x.pointSummary || {}).issuedPoints)));
    tbody.appendChild(tr);
  }
  wrap.appendChild(t);
  const url = new URL(params.get('url')).searchParams;
  const offset = Number(url.get('offset')) || 0;
  const limit = Number(url.get('limit')) || rows.length;
  const actions = section.appendChild(el('div', 'history__actions'));
  actions.appendChild(pager(offset + 1, offset + rows.length, null, 'transactions', offset > 0, rows.length >= limit));
  actions.appendChild(el('button', 'button', 'Export CSV')).type = 'button';
  return section;
}

// ------------------------------------------------------------------ the History tab's points ledger
const LEDGER_EVENTS = {
  PointsTransfer: 'Transfer', AllocateGoodwillPoints: 'Goodwill', BulkAllocatePoints: 'Manual issue',
  UserGroup2Create: 'Group created', PointsExpiry: 'Expired', TransactionAdd: 'Purchase', ReturnBill: 'Return',
  PointsRedemption: 'Redeemed', PointsRedemptionReversal: 'Redemption reversed', ManualPointsAdjustment: 'Adjustment',
};
const LEDGER_KINDS = { CREDIT: 'Credit', DEBIT: 'Debit', OPENING_BALANCE: 'Opening balance' };
const orDash = (s) => (str(s).trim() === '' ? '—' : str(s).trim());

/** gc_core::history::ledger::LedgerEntry (member_id, member_name, kind_words, programs, notes,
 *  net_points) and src/features/group/history/ledger.rs (LedgerRow, MemberCell, LedgerPage). */
function ledger(answer) {
  const entries = Array.isArray(answer.ledgerEntries) ? answer.ledgerEntries : [];
  const section = el('section', 'history__section ledger');
  section.setAttribute('aria-labelledby', 'ledger-title');
  section.appendChild(el('h2', '', 'Points ledger')).id = 'ledger-title';
  const wrap = section.appendChild(el('div', 'history-table__wrap'));
  const { t, tbody } = table('history-table', '', ['Date', 'Event', 'Member', 'Program', 'Type', 'Notes', 'Store', 'Points'], 1);
  for (const e of entries) {
    const details = Array.isArray(e.entryDetails) ? e.entryDetails : [];
    const iso = str(e.ledgerCreatedDateISO) || str(e.ledgerCreatedDate);
    const tr = el('tr');
    const time = tr.appendChild(el('td')).appendChild(el('time', '', date(iso)));
    time.dateTime = iso;
    time.title = iso;
    tr.appendChild(el('td', '', LEDGER_EVENTS[str(e.eventName)] ?? str(e.eventName)));
    const c = e.customerDetails || null;
    const name = c ? fullName(c.firstName, c.lastName) : '';
    const customer = num(e.customerId);
    const id = c && num(c.userId) !== null ? num(c.userId)
      : str(e.eventName) === 'PointsTransfer' && customer !== null && customer > 0 ? customer : null;
    const who = tr.appendChild(el('td'));
    if (name) {
      who.appendChild(el('span', 'member-name', name));
      if (id !== null) who.appendChild(el('span', 'muted nowrap', `Customer ${id}`));
    } else if (id !== null) who.appendChild(el('span', 'nowrap', String(id)));
    else who.textContent = '—';
    const programs = [...new Set(details.map((d) => str(d.programName).trim()).filter((n) => n))];
    tr.appendChild(el('td', '', programs.length ? programs.join(', ') : '—'));
    const kinds = [...new Set(details.map((d) => str(d.ledgerEntryType)))].map((k) => LEDGER_KINDS[k.toUpperCase()] ?? k);
    tr.appendChild(el('td', '', kinds.length ? kinds.join(', ') : '—'));
    const ev = e.eventDetails || {};
    tr.appendChild(el('td', 'history-table__notes', orDash(str(ev.reason).trim() || str(ev.notes))));
    tr.appendChild(el('td', '', orDash(e.store)));
    let points = num(e.netPointsOnEvent);
    if (points === null) {
      points = details.reduce((sum, d) => sum + (num(d.points) ?? 0) * (str(d.ledgerEntryType).toUpperCase() === 'DEBIT' ? -1 : 1), 0);
    }
    tr.appendChild(el('td', 'num', optNumber(points)));
    tbody.appendChild(tr);
  }
  wrap.appendChild(t);
  const url = new URL(params.get('url')).searchParams;
  const page = Number(url.get('offset')) || 0;
  const limit = Number(url.get('limit')) || 10;
  const total = num(answer.ledgerDetails?.totalEntries);
  const first = page * limit + 1;
  const last = page * limit + entries.length;
  const actions = section.appendChild(el('div', 'history__actions'));
  actions.appendChild(pager(first, last, total, 'entries', page > 0, entries.length > 0 && (total !== null ? last < total : entries.length >= limit)));
  const exp = actions.appendChild(el('div', 'ledger__export'));
  exp.appendChild(el('button', 'button', 'Export CSV')).type = 'button';
  exp.appendChild(el('p', 'ledger__export-status')).setAttribute('role', 'status');
  return section;
}

// ------------------------------------------------------------------ a reward group's rewards
const REWARD_STATES = { LIVE: 'Live', UPCOMING: 'Upcoming', ENDED: 'Ended' };

/** gc_core::rewards::linked (the rewards linked to the group's exact name, by their rank in it,
 *  unranked last, then by name; summary, state and other groups in words) and
 *  src/features/rewards/rewards_list.rs (RewardsInGroup, RewardsTable). */
function groupRewards(answer) {
  const api = new URL(params.get('url'));
  const name = api.searchParams.get('groupName');
  const brand = api.pathname.split('/').pop();
  const linkIn = (r) => (Array.isArray(r.groups) ? r.groups : []).find((g) => str(g.groupName) === name);
  const title = (r) => str(r.name).trim() || `Reward ${num(r.id) ?? 0}`;
  const seen = new Set();
  const rows = [];
  for (const r of Array.isArray(answer.rewardList) ? answer.rewardList : []) {
    const id = num(r.id) ?? 0;
    if (id !== 0 && seen.has(id)) continue;
    seen.add(id);
    const link = linkIn(r);
    if (link) rows.push({ r, id, rank: num(link.groupRank), title: title(r), key: title(r).toLowerCase() });
  }
  rows.sort((a, b) => (a.rank === null) - (b.rank === null) || (a.rank ?? 0) - (b.rank ?? 0)
    || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const section = el('section', 'linked-rewards');
  section.setAttribute('aria-labelledby', 'linked-rewards-title');
  section.appendChild(el('h2', '', 'Rewards in this group')).id = 'linked-rewards-title';
  const n = rows.length;
  section.appendChild(el('p', '', n === 1 ? `1 reward of brand ${brand} is linked to “${name}”.`
    : `${n.toLocaleString('en-US')} rewards of brand ${brand} are linked to “${name}”, listed by their rank in this group; rewards without a rank come last.`));
  const caption = `Rewards linked to “${name}”`;
  const scroll = section.appendChild(el('div', 'catalogue__scroll'));
  scroll.tabIndex = 0;
  scroll.setAttribute('role', 'region');
  scroll.setAttribute('aria-label', caption);
  const t = scroll.appendChild(el('table', 'catalogue-table rewards-table'));
  t.appendChild(el('caption', 'visually-hidden', caption));
  const head = t.appendChild(el('thead')).appendChild(el('tr'));
  for (const [label, cls] of [['Rank in this group', 'num'], ['Reward', ''], ['State', ''], ['Overall rank', 'num'], ['Also in', '']]) {
    const th = head.appendChild(el('th', cls, label));
    th.scope = 'col';
  }
  head.cells[0].setAttribute('aria-sort', 'ascending');
  const tbody = t.appendChild(el('tbody'));
  for (const { r, id, rank, title: name_ } of rows) {
    const tr = tbody.appendChild(el('tr'));
    tr.appendChild(el('td', 'num', rank === null ? '—' : NUMBER.format(rank)));
    const th = tr.appendChild(el('th', '', name_));
    th.scope = 'row';
    if (id !== 0) th.appendChild(el('span', 'rewards-table__id', `ID ${id}`));
    const status = str(r.status).trim();
    const state = REWARD_STATES[status.toUpperCase()] ?? (status || '—');
    tr.appendChild(el('td', '', r.enabled === false || r.enabled === 'false' ? `${state} (disabled)` : state));
    tr.appendChild(el('td', 'num', optNumber(r.rewardRank)));
    const others = (Array.isArray(r.groups) ? r.groups : [])
      .filter((g) => str(g.groupName) !== name && str(g.groupName).trim() !== '')
      .map((g) => (num(g.groupRank) === null ? str(g.groupName).trim() : `${str(g.groupName).trim()} (rank ${num(g.groupRank)})`));
    tr.appendChild(el('td', '', others.length ? others.join(', ') : '—'));
  }
  section.appendChild(el('p', 'catalogue__note', 'To link a reward to this group, unlink it or change its rank here, edit the reward on the platform: the console lists rewards and does not change them.'));
  return section;
}

main().catch((e) => {
  document.body.dataset.error = String(e);
  console.error(e);
});
