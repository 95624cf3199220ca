import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { writeRosterWorkbook } from '../../main/files/roster-workbook';
import { electorateParts } from '../../main/services/register/electorate';
import { computeElectorate } from '../../shared/domain/electorate';
import { formatHundredths } from '../../shared/domain/area';
import { DELIVERY_STATUSES, PART_TYPES } from '../../shared/domain/register';
import { openDatabase } from '../../main/db/connection';
import { MIGRATIONS_DIR } from '../../main/node-paths';
import { call, loggedInApp, tempDir } from '../helpers';
import path from 'node:path';
import { requireDataKeys } from '../../main/security/data-key';

// The screens' electorate is aggregated by SQLite (fast at 20,000 parts); here it
// is proven equal to the pure rule, computeElectorate, on random registers stored
// in real database files, for the whole community and for each building and entrance.
describe('the SQL electorate equals the pure rule', () => {
  const owners = ['张一', '张二', '李三', '王四', '赵五'];
  const partRow = fc.record({
    building: fc.constantFrom('1幢', '2幢'),
    entrance: fc.constantFrom('', '1单元', '2单元'),
    type: fc.constantFrom(...PART_TYPES),
    area: fc.integer({ min: 1, max: 30_000 }),
    status: fc.constantFrom(...DELIVERY_STATUSES),
    owners: fc.uniqueArray(fc.integer({ min: 0, max: owners.length - 1 }), { maxLength: 3 }),
  });

  it('on random registers', async () => {
    await fc.assert(fc.asyncProperty(fc.array(partRow, { minLength: 1, maxLength: 25 }), fc.boolean(), async (rows, countParking) => {
      const { app, session } = await loggedInApp();
      const roster = rows.map((r, i) => ({
        building: r.building, entrance: r.entrance || null, room: String(100 + i), type: r.type, area: formatHundredths(r.area),
        areaSource: '登记', deliveryStatus: r.status,
        // Delivered parts need an owner in a file; an owner can be removed later through the form.
        owners: r.status === '未售' ? '' : (r.owners.length ? r.owners : [0]).map((o) => owners[o]).join('、'),
        documents: '', phones: r.status === '未售' ? '' : (r.owners.length ? r.owners : [0]).map((o) => `1380000000${o}`).join('、'),
      }));
      const xlsx = await writeRosterWorkbook(roster);
      const { communityId } = await call(app, 'roster.import', {
        file: { fileName: 'r.xlsx', base64: xlsx.toString('base64') },
        community: { name: '测试', settings: { countParkingInVotes: countParking } },
        acceptUnusual: true, // random areas, 0.01 m² and up
      }, session);
      // A delivered part without an owner on record (the form allows it) is its own person.
      if (rows.length % 2 === 1) await call(app, 'part.create', { communityId, building: '1幢', room: '999', area: '50' }, session);
      const opened = await openDatabase(app.dbPath, MIGRATIONS_DIR, path.join(tempDir(), 'b'));
      const ctx = { ...opened, dataDir: '', backupDir: '', migrationsDir: MIGRATIONS_DIR, keys: requireDataKeys(opened.sqlite, app.dbPath) };
      const buildings = await call(app, 'community.buildings', { id: communityId }, session);
      const scopes = [
        { communityId },
        ...buildings.map((b) => ({ communityId, buildingId: b.id })),
        ...buildings.flatMap((b) => b.entrances.map((e) => ({ communityId, buildingId: b.id, entranceId: e.id }))),
      ];
      for (const scope of scopes) {
        const pure = computeElectorate(electorateParts(ctx, scope), { countParking });
        const shown = await call(app, 'roster.electorate', scope, session);
        expect(shown.count).toBe(pure.count);
        expect(shown.area).toBe(formatHundredths(pure.area));
        expect(shown.breakdown.coOwnedParts).toBe(pure.breakdown.coOwnedParts);
        expect(shown.breakdown.multiPartSubjects).toEqual(pure.breakdown.multiPartSubjects);
        expect(shown.breakdown.developer.parts).toBe(pure.breakdown.developer.parts);
        expect(shown.breakdown.excludedParking.parts).toBe(pure.breakdown.excludedParking.parts);
        expect(shown.breakdown.mergedParts).toBe(pure.breakdown.mergedParts);
        expect(shown.breakdown.withoutOwner).toBe(pure.breakdown.withoutOwner);
      }
      opened.sqlite.close();
      app.close();
    }), { numRuns: 15 });
  });
});
