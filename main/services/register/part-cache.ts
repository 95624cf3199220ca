/**
 * Per-part caches of the current owners, so that the electorate, the roster
 * search and the sort by owner are single scans of `parts` on a 20,000-part
 * community:
 *   owner_key   — person ids, sorted, comma-joined ('' for none)
 *   owner_names — names in name order, joined by 、
 *   search_text — address, then each owner's name, masked phone and masked document (never the
 *                 full values: a full number is searched through persons' keyed hashes)
 * They are written only here (and by the import, through partCacheValues), in
 * the same transaction as the rows they mirror, and checked against those rows
 * by partCacheMismatches() — run by the tests and by the CLI's `check`.
 *
 * They stay raw prepared statements on the connection, their rows checked (main/db/rows.ts): they take the
 * connection, not a service context, because the migrations that seal legacy rows and the CLI's `check` run
 * them on a bare database, and every ownership change and a whole community's reseal go through them.
 */
import { z } from 'zod';
import type { Sqlite } from '../../db/connection';
import { checkedRow, checkedRows } from '../../db/rows';

export interface CacheOwner {
  id: string;
  name: string;
  phoneMasked: string | null;
  documentMasked: string | null;
}

export interface PartCache {
  ownerKey: string;
  ownerNames: string;
  searchText: string;
}

const cacheOwner = z.object({ id: z.string(), name: z.string(), phoneMasked: z.string().nullable(), documentMasked: z.string().nullable() });
const storedCache = z.tuple([z.string(), z.string(), z.string(), z.string()]);

const SEP = '\u0001'; // never typed into a search box, so a query cannot match across fields

export function partCacheValues(address: string, owners: readonly CacheOwner[]): PartCache {
  const unique = [...new Map(owners.map((o) => [o.id, o])).values()];
  const byName = [...unique].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1));
  return {
    ownerKey: unique.map((o) => o.id).sort().join(','),
    ownerNames: byName.map((o) => o.name).join('、'),
    searchText: [address, ...byName.flatMap((o) => [o.name, o.phoneMasked ?? '', o.documentMasked ?? ''])].join(SEP),
  };
}

/** Recomputes a part's caches from its rows; the statements are prepared once per use, not per part. */
function cacheDeriver(sqlite: Sqlite): (partId: string) => PartCache {
  const address = sqlite.prepare('select address from parts where id = ?').pluck();
  const owners = sqlite.prepare(`select ps.id, ps.name, ps.phone_masked as phoneMasked, ps.document_masked as documentMasked
                                 from ownerships o join persons ps on ps.id = o.person_id
                                 where o.part_id = ? and o.end_date is null`);
  // A part that is not there has no address: its caches are computed from '' (and its update changes nothing).
  return (partId) => partCacheValues(checkedRow(z.string(), address.get(partId)) ?? '', checkedRows(cacheOwner, owners.all(partId)));
}

/** Recompute the caches of the given parts from their rows (inside an open write). */
export function refreshPartCaches(sqlite: Sqlite, partIds: Iterable<string>): void {
  const derive = cacheDeriver(sqlite);
  const update = sqlite.prepare('update parts set owner_key = ?, owner_names = ?, search_text = ? where id = ?');
  for (const partId of new Set(partIds)) {
    const cache = derive(partId);
    update.run(cache.ownerKey, cache.ownerNames, cache.searchText, partId);
  }
}

/** The parts a person holds now: their caches change when the person's name, phone or document does. */
export function partsHeldBy(sqlite: Sqlite, personId: string): string[] {
  return checkedRows(z.string(), sqlite.prepare('select part_id from ownerships where person_id = ? and end_date is null').pluck().all(personId));
}

/** Parts whose caches differ from their rows (should always be none). */
export function partCacheMismatches(sqlite: Sqlite): { partId: string; field: keyof PartCache }[] {
  const rows = checkedRows(storedCache, sqlite.prepare('select id, owner_key, owner_names, search_text from parts').raw().all());
  const derive = cacheDeriver(sqlite);
  const out: { partId: string; field: keyof PartCache }[] = [];
  for (const [partId, ownerKey, ownerNames, searchText] of rows) {
    const cache = derive(partId);
    if (cache.ownerKey !== ownerKey) out.push({ partId, field: 'ownerKey' });
    if (cache.ownerNames !== ownerNames) out.push({ partId, field: 'ownerNames' });
    if (cache.searchText !== searchText) out.push({ partId, field: 'searchText' });
  }
  return out;
}
