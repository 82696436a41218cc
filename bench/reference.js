// The plain-JavaScript reference of the group page for `make bench` (goal 3): what the console
// paints at `/groups/:id/members`, made from the same `GET /v2/userGroup2` answer. It fetches
// the API URL the console asked for, with the same Authorization header (both given in the
// hash), parses it with JSON.parse and renders, with createElement/textContent only (never
// innerHTML of API data) and the console's own stylesheets (bench/run.mjs puts them in
// reference.html), the same elements, classes, texts and number/date formats as:
//
// - src/pages/group_view.rs: LoadingGroup while the answer is on its way, then GroupPage:
//   GroupHeader (src/components/group_header.rs: name, status badge, ID, external ID, created
//   on and by, active members, lifetime purchases), StatusNotice (inactive or deleted groups
//   only), GroupTabs (Members selected), the status line under them (empty) and the tab panel;
// - src/components/members_tab.rs: the Members tab's heading and action buttons (Add members
//   and its closed dialog, Move / Permissions of selected), ListControls (order, join dates,
//   page size at their defaults), the loading status, ExportAll, the closed Remove / Move /
//   Permissions dialogs, and the `<details>` holding
// - src/components/members_table.rs: MembersTable, the group's whole membership record in a
//   virtualised table (filter with counts, search by user ID, sortable columns, only the rows
//   in view in the DOM: same 40 px rows, overscan and 440 px box), which works here too.
//
// What it leaves out, on purpose:
// - the Members tab's second request, the paged members list (`GET /v2/userGroup2/members`,
//   MemberPage): the console asks for it once the group is in and its rows come after the
//   ones timed here, so at gc-rows-painted the console shows "Loading members…" in its place,
//   and so does this page (bench/tables-reference.html times that list on its own, goal 6);
// - the group's program cards and points expiry (src/components/points_card.rs,
//   expiry_chart.rs, expiry_schedules.rs): the console shows them on the Points tab only, not
//   at this address, so this page does not either; nor the Overview's capacity meter and
//   extended fields;
// - what the buttons open (dialogs' contents, the import engine, CSV of every page), the
//   recent list's entry the console writes, and its router: the links are plain links.
//
// reference.html holds the console's app shell (skip link, header, navigation), which the
// console mounts before it asks for the group. Before its timed runs bench/run.mjs checks that
// this page's outline (elements, attributes, form values, text) at gc-rows-painted is the
// console's. Like MembersTable, it measures the table's box once the page is in (a forced
// layout; 0 while the <details> is closed, so the 440 px default stays).
//
// As a plain page would, it makes its Intl formatters once, when the script loads (before the
// request); the console makes each on its first use, which falls between the marks.
//
// It sets the console's marks at the same moments: gc-group-response once the answer's text is
// in hand, gc-group-parsed after JSON.parse, gc-rows-painted in the animation frame after the
// page with its rows is in the DOM (src/perf.rs, src/api/mod.rs, MembersTable).
'use strict';

// src/components/members_table.rs
const ROW_HEIGHT = 40;
const OVERSCAN = 8;
const DEFAULT_VIEWPORT = 440;
// gc_core::member_list: MemberOrder::ALL and PAGE_SIZES, and the defaults a bare address has.
const ORDERS = [['Newest', 'Newest first'], ['Oldest', 'Oldest first'], ['PrimaryFirst', 'Primary member first']];
const PAGE_SIZES = [20, 50, 100, 500, 1000];
const DEFAULT_ORDER = 'Newest';
const DEFAULT_SIZE = 50;
// gc_core::routes::GroupTab::ALL: label and the address's last segment.
const TABS = [['Overview', ''], ['Members', 'members'], ['Points', 'points'], ['History', 'history']];

const params = new URLSearchParams(location.hash.slice(1));

// ------------------------------------------------------------------ src/intl.rs
// One cached formatter of each kind, in the browser's locale, with the console's options.
const NUMBER = new Intl.NumberFormat([], { maximumFractionDigits: 2 });
const DATE_TIME = new Intl.DateTimeFormat([], { dateStyle: 'medium', timeStyle: 'short' });
const DAY = new Intl.DateTimeFormat([], { dateStyle: 'medium', timeZone: 'UTC' });

const number = (n) => NUMBER.format(n);
const optNumber = (n) => (n != null && Number.isFinite(n) ? number(n) : '—');

/** intl::date: a day as a day (UTC), an instant in local time, unreadable text as sent, blank as "—". */
function formatDate(s) {
  const v = parseDate(s);
  if (v && v.day) return DAY.format(new Date(Date.UTC(v.year, v.month - 1) + (v.day - 1) * 86400000));
  if (v) return DATE_TIME.format(new Date(v.epochMs));
  return s.trim() === '' ? '—' : s;
}

// gc_core::format::parse_date: `YYYY-MM-DD`, or a date-time with `Z` or a `±HH:MM` offset.
// Rust's integer parse takes an optional sign ("+" for unsigned), its float parse this syntax.
const INT = /^[+-]?\d+$/;
const UINT = /^\+?\d+$/;
const FLOAT = /^[+-]?(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?|inf|infinity|nan)$/i;
const int = (s, re = INT) => (re.test(s) ? Number(s) : null);
function parseDate(input) {
  const s = input.trim();
  const [date, rest] = s.length > 10 ? [s.slice(0, 10), s.slice(10)] : [s, ''];
  const parts = date.split('-');
  if (parts.length !== 3) return null;
  const year = int(parts[0]);
  const month = int(parts[1], UINT);
  const day = int(parts[2], UINT);
  if (year === null || month === null || day === null) return null;
  if (date.length !== 10 || month < 1 || month > 12 || day === 0 || day > daysInMonth(year, month)) return null;
  if (!rest) return { day, month, year };
  let time = rest[0] === 'T' || rest[0] === ' ' ? rest.slice(1) : null;
  if (time === null) return null;
  let offsetMin = 0;
  if (time.endsWith('Z')) {
    time = time.slice(0, -1);
  } else {
    const pos = Math.max(time.lastIndexOf('+'), time.lastIndexOf('-'));
    if (pos < 0) return null;
    const off = time.slice(pos);
    time = time.slice(0, pos);
    const colon = off.indexOf(':', 1);
    const [hs, ms] = colon < 0 ? [off.slice(1), '0'] : [off.slice(1, colon), off.slice(colon + 1)];
    const oh = int(hs);
    const om = int(ms);
    if (oh === null || om === null || oh < 0 || oh > 23 || om < 0 || om > 59) return null;
    offsetMin = (off[0] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const hms = time.split(':');
  const h = int(hms[0]);
  const m = hms.length > 1 ? int(hms[1]) : null;
  const secText = hms.length > 2 ? hms[2] : '0';
  const sec = FLOAT.test(secText) ? Number(secText.replace(/^([+-]?)inf(inity)?$/i, '$1Infinity')) : null;
  if (h === null || m === null || sec === null || Number.isNaN(sec)) return null;
  if (h > 23 || m > 59 || !(sec >= 0 && sec < 61)) return null;
  const days = daysFromCivil(year, month, day);
  return { epochMs: (days * 86400 + h * 3600 + m * 60 - offsetMin * 60 + sec) * 1000 };
}
function daysFromCivil(year, month, day) {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.trunc((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.trunc(yoe / 4) - Math.trunc(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}
function daysInMonth(year, month) {
  if (month === 4 || month === 6 || month === 9 || month === 11) return 30;
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return 31;
}

// ------------------------------------------------------------------ lenient reading
// gc_core::types: what the console's reader makes of each field (ids as numbers or digit
// strings, null as empty, numbers as numbers or numeric strings, booleans also as "true").
const text = (v) => (v == null ? '' : String(v));
const num = (v) => {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v.trim()))) return Number(v.trim());
  return null;
};
const bool = (v) => (typeof v === 'string' ? v.trim().toLowerCase() === 'true' : typeof v === 'number' ? v !== 0 : v === true);
const status = (v) => {
  const s = typeof v === 'string' ? v.toUpperCase() : '';
  return s === 'ACTIVE' || s === 'INACTIVE' || s === 'DELETED' ? s : 'UNKNOWN';
};
const dash = (s) => (s.trim() === '' ? '—' : s);

// ------------------------------------------------------------------ DOM
/** An element with attributes (`prop` keys set as properties) and children: strings become
 *  text nodes, null and false are left out. */
function h(tag, attrs, ...children) {
  const e = document.createElement(tag);
  if (attrs) {
    for (const k in attrs) {
      const v = attrs[k];
      if (v == null || v === false) continue;
      if (k === 'prop') Object.assign(e, v);
      else e.setAttribute(k, v === true ? '' : v);
    }
  }
  for (const c of children) {
    if (c == null || c === false) continue;
    e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
  }
  return e;
}

// ------------------------------------------------------------------ the page
async function main() {
  const url = params.get('url');
  const page = document.getElementById('main');
  const askedId = new URL(url, location.href).searchParams.get('id') || '';
  // LoadingGroup, as the console shows it while the group's GET is on its way.
  page.replaceChildren(h('div', { class: 'loading', role: 'status' },
    h('h1', null, `Group ${askedId}`), h('p', null, 'Loading the group’s members and points…')));
  const res = await fetch(url, { headers: { Accept: 'application/json', Authorization: params.get('auth') } });
  const body = await res.text();
  performance.mark('gc-group-response');
  if (!res.ok) throw new Error(`the group's GET answered ${res.status}`);
  const group = JSON.parse(body);
  performance.mark('gc-group-parsed');
  const table = groupPage(page, group);
  table.measure();
  requestAnimationFrame(() => performance.mark('gc-rows-painted'));
}

/** GroupPage on the Members tab; returns the members table (to measure once in the DOM). */
function groupPage(main, g) {
  const id = num(g.id);
  const st = status(g.groupStatus);
  const members = Array.isArray(g.fleetGroupUsers) ? g.fleetGroupUsers : [];
  const table = membersTable(id, members);
  const panel = h('div', { class: 'group-tabs__panel', role: 'tabpanel', id: 'group-tabpanel', tabindex: '0', 'aria-labelledby': 'group-tab-members' },
    membersTab(g, id, st), table.details);
  main.replaceChildren(groupHeader(g, id, st, members), ...statusNotice(st), groupTabs(id),
    h('p', { class: 'loading group-tabs__status', role: 'status' }), panel);
  return table;
}

function groupHeader(g, id, st, members) {
  const name = text(g.groupName).trim() === '' ? '(no name)' : text(g.groupName);
  const createdOn = text(g.createdOn);
  const createdBy = num(g.createdBy);
  const totalActive = num(g.totalActiveMembers);
  let active = 0;
  if (totalActive === null) for (const m of members) if (bool(m.active)) active++;
  const created = h('dd', null,
    createdOn === '' ? '—' : h('time', { datetime: createdOn, title: createdOn }, formatDate(createdOn)),
    createdBy === null ? null : ` by user ${createdBy}`);
  return h('header', { class: 'group-header' },
    h('div', { class: 'group-header__title' }, h('h1', null, name), statusBadge(st)),
    h('dl', { class: 'facts facts--inline' },
      h('dt', null, 'Group ID'), h('dd', null, String(id)),
      h('dt', null, 'External ID'), h('dd', null, dash(text(g.externalId))),
      h('dt', null, 'Created'), created,
      h('dt', null, 'Members'), h('dd', null, number(totalActive === null ? active : Math.max(0, totalActive))),
      h('dt', null, 'Lifetime purchases'), h('dd', null, optNumber(num(g.lifeTimePurchases)))));
}

function statusBadge(st) {
  const [words, cls] = {
    ACTIVE: ['ACTIVE', 'badge badge--ok'],
    INACTIVE: ['INACTIVE', 'badge badge--muted'],
    DELETED: ['DELETED', 'badge badge--danger'],
    UNKNOWN: ['STATUS UNKNOWN', 'badge badge--muted'],
  }[st];
  return h('span', { class: cls }, words);
}

function statusNotice(st) {
  const words = {
    INACTIVE: ['This group is inactive.', "The platform deactivates a group when its primary member leaves. Its members can no longer use the group's points, and the group cannot be changed."],
    DELETED: ['This group was deleted.', 'It is kept on the platform for the record; it cannot be changed.'],
  }[st];
  if (!words) return [];
  return [h('div', { class: 'notice notice--status', role: 'note' }, h('p', null, h('strong', null, words[0]), ' ', words[1]))];
}

function groupTabs(id) {
  return h('div', { class: 'group-tabs', role: 'tablist', 'aria-label': 'Group' },
    ...TABS.map(([label, slug]) => {
      const selected = slug === 'members';
      return h('a', {
        class: 'group-tabs__tab', role: 'tab', href: slug ? `/groups/${id}/${slug}` : `/groups/${id}`,
        id: `group-tab-${label.toLowerCase()}`, 'aria-controls': 'group-tabpanel',
        'aria-selected': String(selected), tabindex: selected ? '0' : '-1',
      }, label);
    }));
}

/** Dialog (src/components/dialog.rs) while closed: its head only. */
function dialog(id, title, alert) {
  return h('dialog', { class: 'dialog', id, role: alert ? 'alertdialog' : null, 'aria-labelledby': `${id}-title` },
    h('div', { class: 'dialog__head' },
      h('h2', { id: `${id}-title` }, title),
      h('button', { type: 'button', class: 'button dialog__close' }, 'Close')));
}

/** MembersTab, without the paged list it then fetches (see the top of this file). */
function membersTab(g, id, st) {
  const canChange = st === 'ACTIVE' || st === 'UNKNOWN';
  const groupWords = [text(g.groupName).trim(), text(g.externalId).trim()].find((s) => s !== '') || `group ${id}`;
  const field = (forId, label, control) => h('div', { class: 'field field--inline' }, h('label', { for: forId }, label), control);
  const controls = h('div', { class: 'members__controls' },
    field('members-order', 'Order', h('select', { id: 'members-order' },
      ...ORDERS.map(([value, label]) => h('option', { value }, label)))),
    h('form', { class: 'members__dates' },
      field('members-from', 'Joined from', h('input', { id: 'members-from', type: 'date' })),
      field('members-to', 'Joined until', h('input', { id: 'members-to', type: 'date' })),
      h('button', { type: 'submit', class: 'button' }, 'Apply dates')),
    field('members-size', 'Per page', h('select', { id: 'members-size' },
      ...PAGE_SIZES.map((n) => h('option', { value: String(n) }, String(n))))));
  controls.querySelector('#members-order').value = DEFAULT_ORDER;
  controls.querySelector('#members-size').value = String(DEFAULT_SIZE);
  controls.querySelector('form').addEventListener('submit', (ev) => ev.preventDefault());
  return h('section', { class: 'members', 'aria-labelledby': 'members-title' },
    h('div', { class: 'members__top' },
      h('h2', { id: 'members-title' }, 'Members'),
      canChange && h('div', { class: 'members__actions' },
        h('button', { type: 'button', id: 'add-members-open', class: 'button button--primary' }, 'Add members'),
        dialog('add-members', `Add members to ${groupWords}`),
        h('button', { type: 'button', class: 'button', disabled: true }, 'Move selected (0)'),
        h('button', { type: 'button', class: 'button', disabled: true }, 'Permissions of selected (0)'))),
    controls,
    h('p', { class: 'loading', role: 'status' }, 'Loading members…'),
    h('div', { class: 'members__export' }, h('button', { type: 'button', class: 'button' }, 'Export all members (CSV)')),
    canChange && dialog('remove-dialog', 'Remove a member', true),
    canChange && dialog('move-dialog', 'Move members to another group'),
    canChange && dialog('permissions-dialog', 'Change permissions'));
}

/** MembersTable in its `<details>`: `details` to put in the page, `measure()` once it is in. */
function membersTable(groupId, members) {
  // The parsed entries as they are: a field is read (leniently) when a row shows it.
  let active = 0;
  for (let i = 0; i < members.length; i++) if (bool(members[i].active)) active++;
  const all = members.length;
  let filter = 'All';
  let search = '';
  let sort = null; // { key, ascending }
  let shown = [];
  let scrollTop = 0;
  let viewport = DEFAULT_VIEWPORT;
  let drawn = { start: -1, end: -1, rows: null };

  const count = h('p', { class: 'members__count', 'aria-live': 'polite' });
  const exportButton = h('button', { type: 'button', class: 'button' }, 'Export CSV');
  const radio = (value, n) => {
    const id = `members-filter-${value.toLowerCase()}`;
    const input = h('input', { type: 'radio', name: 'members-filter', id, prop: { checked: value === filter } });
    input.addEventListener('change', () => { filter = value; update(); });
    return h('span', { class: 'segmented__option' }, input, h('label', { for: id }, `${value} (${number(n)})`));
  };
  const searchBox = h('input', { id: 'members-search', type: 'search', inputmode: 'numeric', autocomplete: 'off' });
  searchBox.addEventListener('input', () => { search = searchBox.value; update(); });
  const keys = [['userId', 'User ID'], ['role', 'Role'], ['defaultGroup', 'Default group'], ['status', 'Status']];
  const heads = keys.map(([key, label]) => {
    const arrow = h('span', { class: 'members-table__arrow', 'aria-hidden': 'true' }, '↕');
    const button = h('button', { type: 'button', class: 'members-table__sort' }, label, arrow);
    const th = h('th', { scope: 'col', 'aria-sort': 'none' }, button);
    button.addEventListener('click', () => {
      sort = sort && sort.key === key ? { key, ascending: !sort.ascending } : { key, ascending: true };
      update();
    });
    return { key, th, arrow };
  });
  const padTop = h('tr', { class: 'members-table__pad', 'aria-hidden': 'true' });
  const padBottom = h('tr', { class: 'members-table__pad', 'aria-hidden': 'true' });
  const tbody = h('tbody', null);
  const table = h('table', { class: 'members-table' }, h('thead', null, h('tr', { 'aria-rowindex': '1' }, ...heads.map((x) => x.th))), tbody);
  const scroller = h('div', { class: 'members-table__scroll', tabindex: '0', role: 'region', 'aria-label': 'Members list, scrollable' }, table);
  scroller.addEventListener('scroll', () => { scrollTop = scroller.scrollTop; draw(); }, { passive: true });
  const empty = h('p', { class: 'empty' });
  const section = h('section', { class: 'members', 'aria-labelledby': 'members-title' },
    h('div', { class: 'members__top' }, h('h2', { id: 'members-title' }, 'Members'), exportButton),
    h('div', { class: 'members__controls' },
      h('fieldset', { class: 'segmented' },
        h('legend', { class: 'visually-hidden' }, 'Show'),
        radio('All', all), radio('Active', active), radio('Exited', all - active)),
      h('div', { class: 'field field--inline' }, h('label', { for: 'members-search' }, 'Search by user ID'), searchBox)),
    count,
    scroller);
  exportButton.addEventListener('click', () => {
    const lines = ['User ID,Role,Default group,Status'];
    for (const i of shown) { const m = members[i]; lines.push(`${num(m.userId)},${role(m)},${bool(m.defaultGroup) ? 'Yes' : 'No'},${bool(m.active) ? 'Active' : 'Exited'}`); }
    const a = h('a', { href: URL.createObjectURL(new Blob([`${lines.join('\r\n')}\r\n`], { type: 'text/csv' })), download: `group-${groupId}-members.csv` });
    a.click();
  });

  /** members::window */
  function range() {
    const total = shown.length;
    if (!total) return [0, 0];
    const first = Math.floor(Math.max(0, scrollTop) / ROW_HEIGHT);
    const start = Math.min(Math.max(0, first - OVERSCAN), total);
    const end = Math.min(first + Math.ceil(Math.max(0, viewport) / ROW_HEIGHT) + 1 + OVERSCAN, total);
    return [start, Math.max(start, end)];
  }
  function draw() {
    const [start, end] = range();
    if (start === drawn.start && end === drawn.end && shown === drawn.rows) return;
    drawn = { start, end, rows: shown };
    padTop.style.height = `${start * ROW_HEIGHT}px`;
    padBottom.style.height = `${(shown.length - end) * ROW_HEIGHT}px`;
    const frag = document.createDocumentFragment();
    frag.appendChild(padTop);
    for (let p = start; p < end; p++) frag.appendChild(row(members[shown[p]], p));
    frag.appendChild(padBottom);
    tbody.replaceChildren(frag);
  }
  /** A new filter, search or sort: the rows (members::view), the count, and back to the top. */
  function update() {
    const needle = search.trim();
    if (filter === 'All' && !needle) {
      shown = new Uint32Array(all);
      for (let i = 0; i < all; i++) shown[i] = i;
    } else {
      const keep = [];
      for (let i = 0; i < all; i++) {
        const m = members[i];
        const on = bool(m.active);
        if ((filter === 'Active' && !on) || (filter === 'Exited' && on)) continue;
        if (needle && !String(num(m.userId)).includes(needle)) continue;
        keep.push(i);
      }
      shown = Uint32Array.from(keep);
    }
    if (sort) {
      const { key, ascending } = sort;
      const field = { userId: (m) => -num(m.userId), role: (m) => bool(m.primaryMember), defaultGroup: (m) => bool(m.defaultGroup), status: (m) => bool(m.active) }[key];
      shown.sort((x, y) => {
        const a = members[x];
        const b = members[y];
        const c = field(b) - field(a) || num(a.userId) - num(b.userId);
        return ascending ? c : -c;
      });
    }
    for (const x of heads) {
      const aria = sort && sort.key === x.key ? (sort.ascending ? 'ascending' : 'descending') : 'none';
      x.th.setAttribute('aria-sort', aria);
      x.arrow.textContent = aria === 'ascending' ? '▲' : aria === 'descending' ? '▼' : '↕';
    }
    count.textContent = `Showing ${number(shown.length)} of ${number(all)} members`;
    table.setAttribute('aria-rowcount', String(shown.length + 1));
    exportButton.disabled = shown.length === 0;
    if (shown.length) {
      if (empty.parentNode) empty.replaceWith(scroller);
    } else {
      empty.textContent = all === 0 ? 'No members yet: this group has nobody in it.' : 'No members match this filter and search.';
      if (scroller.parentNode) scroller.replaceWith(empty);
    }
    scroller.scrollTop = 0;
    scrollTop = 0;
    draw();
  }
  update();
  return {
    details: h('details', { class: 'members__record' },
      h('summary', null, "Every membership on the group's record, including members who left"), section),
    /** The box's height from CSS, never beyond the window's (0 while the details is closed). */
    measure() {
      const hgt = Math.min(scroller.clientHeight, window.innerHeight || DEFAULT_VIEWPORT);
      if (hgt > 0 && hgt !== viewport) { viewport = hgt; draw(); }
    },
  };
}

const role = (m) => (bool(m.primaryMember) ? 'Primary member' : 'Member');

function row(m, pos) {
  const active = bool(m.active);
  const tr = document.createElement('tr');
  tr.setAttribute('aria-rowindex', String(pos + 2));
  if (!active) tr.className = 'members-table__row--exited';
  tr.appendChild(cell(String(num(m.userId))));
  tr.appendChild(cell(role(m)));
  tr.appendChild(cell(bool(m.defaultGroup) ? 'Yes' : 'No'));
  const td = document.createElement('td');
  const badge = document.createElement('span');
  badge.className = active ? 'badge badge--ok' : 'badge badge--muted';
  badge.textContent = active ? 'Active' : 'Exited';
  td.appendChild(badge);
  tr.appendChild(td);
  return tr;
}

function cell(s) {
  const td = document.createElement('td');
  td.textContent = s;
  return td;
}

main().catch((e) => {
  document.body.dataset.error = String(e);
  console.error(e);
});
