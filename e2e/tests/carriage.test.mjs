// What the split step puts in each page's and part's file (scripts/wasm-merge.mjs carriage),
// on a made-up split: no browser needed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { carriage } from '../../scripts/wasm-merge.mjs';

test('each file carries what its page or part needs beyond the shell, modules loaded together as one', () => {
  const splits = {
    home: ['shell.wasm', 'a.wasm', 'home_only.wasm', 'home_tab.wasm'],
    view: ['shell.wasm', 'a.wasm', 'view_only.wasm', 'view_and_tab.wasm'],
    tab: ['shell.wasm', 'view_and_tab.wasm', 'home_tab.wasm', 'tab_only.wasm', 'tab_only2.wasm', 'tab_and_other.wasm'],
    other: ['shell.wasm', 'tab_and_other.wasm'],
  };
  const { files, groups } = carriage(splits, ['home', 'view'], [{ name: 'tab', page: 'view' }, { name: 'other', page: 'view' }], ['shell.wasm']);
  const expand = (point) => files[point].flatMap((g) => groups[g]).sort();
  // The shell's modules are in no file; a page's file has the rest of what it needs.
  assert.deepEqual(expand('home'), ['a.wasm', 'home_only.wasm', 'home_tab.wasm']);
  assert.deepEqual(expand('view'), ['a.wasm', 'view_and_tab.wasm', 'view_only.wasm']);
  // A part's file: what its page's file does not carry, and nothing else.
  assert.deepEqual(expand('tab'), ['home_tab.wasm', 'tab_and_other.wasm', 'tab_only.wasm', 'tab_only2.wasm']);
  assert.deepEqual(expand('other'), ['tab_and_other.wasm']);
  // Modules always carried by the same files are one group (merged into one module): those
  // only the part needs, and those the splitter kept apart only because the part needs one of
  // them too, which its page's file carries anyway. The others keep their names.
  const together = Object.entries(groups).filter(([, m]) => m.length > 1);
  assert.deepEqual(together.map(([, m]) => m), [['tab_only.wasm', 'tab_only2.wasm'], ['view_and_tab.wasm', 'view_only.wasm']]);
  for (const [name] of together) assert.match(name, /^merged_\d+$/);
  assert.ok(files.home.includes('a'), 'a group of one keeps its module name');
  // Each group is carried by every file of the points that need it, and only by those.
  for (const [g, members] of Object.entries(groups)) {
    const carriers = Object.keys(files).filter((p) => files[p].includes(g));
    for (const m of members) {
      const isPart = (p) => p === 'tab' || p === 'other';
      const need = Object.keys(splits).filter((p) => splits[p].includes(m) && !(isPart(p) && splits.view.includes(m)));
      assert.deepEqual(carriers.sort(), need.sort(), `${m}`);
    }
  }
});
