import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ownerKeyMismatches } from '../../main/services/ownership-cache';
import { generateRoster } from '../fixtures/roster-generator';
import { writeRosterWorkbook } from '../../main/files/roster-workbook';
import { call, loggedInApp } from '../helpers';

// parts.owner_key is a cache of the ownership rows: these tests prove it equal to
// what the rows say after an import and after any sequence of owner changes.
describe('the owner cache equals the ownership rows', () => {
  it('after an import, and any sequence of owner changes; a tampered cache is detected', async () => {
    const { app, session } = await loggedInApp();
    const xlsx = await writeRosterWorkbook(generateRoster({ parts: 120, seed: 3 }));
    const { communityId } = await call(app, 'roster.import', { file: { fileName: 'r.xlsx', base64: xlsx.toString('base64') }, community: { name: '缓存小区' } }, session);
    const db = () => new Database(app.dbPath, { readonly: true });
    const check = () => {
      const d = db();
      const m = ownerKeyMismatches(d);
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

    const rw = new Database(app.dbPath);
    rw.prepare("update parts set owner_key = 'tampered' where id = ?").run(page.rows[0]!.partId);
    rw.close();
    expect(check()).toHaveLength(1);
  });
});
