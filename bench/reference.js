// The plain-JavaScript reference for `make bench`: fetches the same API URL with the same
// Authorization header as the console, parses it with JSON.parse and renders only the member
// rows in view (same 40 px rows, same overscan, same 440 px scroll box and stylesheets) with
// createElement/appendChild and one cached Intl.NumberFormat. It sets the console's marks
// (gc-group-response, gc-group-parsed, gc-rows-painted) at the same moments, so bench/run.mjs
// reads both pages the same way.
'use strict';

const ROW_HEIGHT = 40;
const OVERSCAN = 8;
const params = new URLSearchParams(location.hash.slice(1));
const numbers = new Intl.NumberFormat('en-US');

async function main() {
  const res = await fetch(params.get('url'), {
    headers: { Accept: 'application/json', Authorization: params.get('auth') },
  });
  const text = await res.text();
  performance.mark('gc-group-response');
  const group = JSON.parse(text);
  performance.mark('gc-group-parsed');
  render(group.fleetGroupUsers || []);
  requestAnimationFrame(() => performance.mark('gc-rows-painted'));
}

function render(members) {
  let active = 0;
  for (const m of members) if (m.active) active++;
  document.getElementById('count').textContent =
    `Showing ${numbers.format(members.length)} of ${numbers.format(members.length)} members (${numbers.format(active)} active)`;

  const scroller = document.querySelector('.members-table__scroll');
  const tbody = document.querySelector('.members-table tbody');
  const padTop = padRow();
  const padBottom = padRow();
  const viewport = Math.min(scroller.clientHeight || 440, window.innerHeight);
  let shown = { start: -1, end: -1 };

  function draw() {
    const first = Math.floor(Math.max(0, scroller.scrollTop) / ROW_HEIGHT);
    const start = Math.min(Math.max(0, first - OVERSCAN), members.length);
    const end = Math.max(start, Math.min(first + Math.ceil(viewport / ROW_HEIGHT) + 1 + OVERSCAN, members.length));
    if (start === shown.start && end === shown.end) return;
    shown = { start, end };
    const frag = document.createDocumentFragment();
    padTop.style.height = `${start * ROW_HEIGHT}px`;
    frag.appendChild(padTop);
    for (let i = start; i < end; i++) frag.appendChild(row(members[i], i));
    padBottom.style.height = `${(members.length - end) * ROW_HEIGHT}px`;
    frag.appendChild(padBottom);
    tbody.replaceChildren(frag);
  }
  scroller.addEventListener('scroll', draw, { passive: true });
  draw();
}

function padRow() {
  const tr = document.createElement('tr');
  tr.className = 'members-table__pad';
  tr.setAttribute('aria-hidden', 'true');
  return tr;
}

function row(m, i) {
  const tr = document.createElement('tr');
  tr.setAttribute('aria-rowindex', String(i + 2));
  if (!m.active) tr.className = 'members-table__row--exited';
  tr.appendChild(cell(String(m.userId)));
  tr.appendChild(cell(m.primaryMember ? 'Primary member' : 'Member'));
  tr.appendChild(cell(m.defaultGroup ? 'Yes' : 'No'));
  const td = document.createElement('td');
  const badge = document.createElement('span');
  badge.className = m.active ? 'badge badge--ok' : 'badge badge--muted';
  badge.textContent = m.active ? 'Active' : 'Exited';
  td.appendChild(badge);
  tr.appendChild(td);
  return tr;
}

function cell(text) {
  const td = document.createElement('td');
  td.textContent = text;
  return td;
}

main().catch((e) => {
  document.body.dataset.error = String(e);
  console.error(e);
});
