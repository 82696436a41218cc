// The console's pages for the JavaScript side (the build's split step, the end-to-end tests
// and the bench): gc-core's route table, exported as core/routes.json and kept current by a
// host test.
import { readFileSync } from 'node:fs';

const TABLE = JSON.parse(readFileSync(new URL('../core/routes.json', import.meta.url), 'utf8'));
/** `[{page, path, file, nav}]` in matching order. */
export const ROUTES = TABLE.routes;
/** `[{name, page, path, query?}]`: the parts of a page in chunks of their own (the group
 *  page's tabs but the Overview; the Find page's searches, `query`: opened by its path with a
 *  query string), `page` the file of the page they belong to, `path` the address that opens
 *  each; and `[{name, page, within}]`, a tab's dialogs, `within` the tab's part, opened by no
 *  address. */
export const PARTS = TABLE.parts;
/** The parts an address opens: the tabs', and the Find page's with a search (`query`). */
export const OPENED_PARTS = PARTS.filter((p) => p.path);
/** The group page's tabs in parts of their own. */
export const TAB_PARTS = OPENED_PARTS.filter((p) => !p.query);
/** The address that opens `part`, with `id` for a group's: a query (`?q=<id>`, a search for
 *  it) for a part opened by one. */
export const partAddress = (part, id) => part.path.replace(/:[a-z]+\?/g, '').replace(/:[a-z]+/g, String(id)).replace(/(.)\/$/, '$1')
  + (part.query ? `?q=${id}` : '');

/** `/groups/:id/edit` → `^/groups/[^/]+/edit$`; `:name?` at the end may be absent. */
export function routeRegExp(path) {
  const segments = path.split('/').filter(Boolean).map((s) => {
    if (s.startsWith(':') && s.endsWith('?')) return '(?:/[^/]+)?';
    if (s.startsWith(':')) return '/[^/]+';
    return `/${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`;
  });
  return `^${segments.join('') || '/'}$`;
}
