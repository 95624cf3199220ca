/**
 * parts.owner_key caches each part's current owners (person ids, sorted,
 * comma-joined). It is written only here, in the same transaction as the
 * ownership rows it mirrors, and checked against them by ownerKeyMismatches()
 * (run by the tests and by the CLI's `check`).
 */
import type { Sqlite } from '../db/connection';

export function ownerKeyOf(personIds: readonly string[]): string {
  return [...new Set(personIds)].sort().join(',');
}

/** Recompute the cache of the given parts from their ownership rows (inside an open write). */
export function refreshOwnerKeys(sqlite: Sqlite, partIds: readonly string[]): void {
  const current = sqlite.prepare('select person_id from ownerships where part_id = ? and end_date is null').pluck();
  const update = sqlite.prepare('update parts set owner_key = ? where id = ?');
  for (const partId of partIds) update.run(ownerKeyOf(current.all(partId) as string[]), partId);
}

/** Parts whose cached owner_key differs from their ownership rows (should always be none). */
export function ownerKeyMismatches(sqlite: Sqlite): { partId: string; cached: string; derived: string }[] {
  const rows = sqlite
    .prepare(`select p.id, p.owner_key, (select group_concat(person_id) from ownerships o where o.part_id = p.id and o.end_date is null) as owners from parts p`)
    .raw()
    .all() as [string, string, string | null][];
  const mismatches: { partId: string; cached: string; derived: string }[] = [];
  for (const [partId, cached, owners] of rows) {
    const derived = ownerKeyOf(owners ? owners.split(',') : []);
    if (derived !== cached) mismatches.push({ partId, cached, derived });
  }
  return mismatches;
}
