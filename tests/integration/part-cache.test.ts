import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { partCacheMismatches } from '../../main/services/register/part-cache';
import { generateRoster } from '../fixtures/roster-generator';
import { writeRosterWorkbook } from '../../main/files/roster-workbook';
import { call, loggedInApp } from '../helpers';

// parts.owner_key, owner_names and search_text cache the ownership and person rows: these tests prove it equal to
// what the rows say after an import and after any sequence of owner changes.
describe('the part caches equal the rows they mirror', () => {
  it('after an import, and any sequence of owner changes; a tampered cache is detected', async () => {
    const { app, session } = await loggedInApp();
    const xlsx = await writeRosterWorkbook(generateRoster({ parts: 120, seed: 3 }));
    const { communityId } = await call(app, 'roster.import', { file: { fileName: 'r.xlsx', base64: xlsx.toString('base64') }, community: { name: '缓存小区' } }, session);
    const db = () => new Database(app.dbPath, { readonly: true });
    const check = () => {
      const d = db();
      const m = partCacheMismatches(d);
      d.close();
      return m;
    };
    expect(check()).toEqual([]);

    const page = await call(app, 'roster.page', { communityId, deliveryStatus: '已交付', limit: 30 }, session);
    const people = await call(app, 'person.search', { communityId, search: '', limit: 40 }, session);
    let day = 1;
    await fc.assert(fc.asyncProperty(
      fc.integer({ min: 0, max: page.rows.length - 1 }),
      fc.uniqueArray(fc.integer({ min: 0, max: people.length - 1 }), { minLength: 1, maxLength: 3 }),
      async (partIndex, personIndexes) => {
        const partId = page.rows[partIndex]!.partId;
        const date = `2027-01-${String(Math.min(28, day++)).padStart(2, '0')}`;
        await app.handle({ method: 'part.setOwners', input: { partId, personIds: personIndexes.map((i) => people[i]!.personId), date }, session });
        expect(check()).toEqual([]);
      },
    ), { numRuns: 25 });

    // A person's new name and phone reach the caches of every part they hold, and the search.
    const now = await call(app, 'roster.page', { communityId, deliveryStatus: '已交付', limit: 30 }, session);
    const holder = now.rows.find((r) => r.owners.length > 0)!;
    await call(app, 'person.update', { id: holder.owners[0]!.personId, name: '改名后的业主', phone: '13999999999' }, session);
    expect(check()).toEqual([]);
    const found = await call(app, 'roster.page', { communityId, search: '改名后' }, session);
    expect(found.rows.map((r) => r.partId)).toContain(holder.partId);
    expect((await call(app, 'roster.page', { communityId, search: '13999999999' }, session)).total).toBeGreaterThan(0);

    const rw = new Database(app.dbPath);
    rw.prepare("update parts set owner_key = 'tampered' where id = ?").run(page.rows[0]!.partId);
    rw.close();
    expect(check()).toHaveLength(1);
  });
});
