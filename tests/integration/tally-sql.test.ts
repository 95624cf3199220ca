/**
 * The tally from SQL (ballot_choices with frozen in-scope areas) equals the
 * pure rule (countBallots + tallyItem) on random registers and random ballots,
 * and item scopes partition the community's area.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { writeRosterWorkbook } from '../../main/files/roster-workbook';
import { decimal2ToHundredths } from '../../renderer/src/format';
import { formatHundredths } from '../../shared/domain/area';
import { countBallots, tallyItem, type Choice, type CountedBallot } from '../../shared/domain/tally';
import { call, loggedInApp } from '../helpers';

const owners = ['张一', '张二', '李三', '王四', '赵五', '钱六'];
const partRow = fc.record({
  building: fc.constantFrom('1幢', '2幢', '3幢'),
  area: fc.integer({ min: 1, max: 30_000 }),
  owners: fc.uniqueArray(fc.integer({ min: 0, max: owners.length - 1 }), { minLength: 1, maxLength: 2 }),
});
const ballot = fc.record({
  returned: fc.boolean(),
  valid: fc.boolean(),
  choices: fc.array(fc.constantFrom<Choice>('yes', 'no', 'abstain', 'blank'), { minLength: 4, maxLength: 4 }),
});

describe('the SQL tally equals the pure rule', () => {
  it('on random registers, scopes and ballots', async () => {
    await fc.assert(fc.asyncProperty(
      fc.array(partRow, { minLength: 1, maxLength: 16 }), fc.array(ballot, { minLength: 16, maxLength: 16 }),
      fc.constantFrom('abstain', 'not-counted') as fc.Arbitrary<'abstain' | 'not-counted'>, fc.boolean(),
      async (rows, ballots, blankRule, invalidParticipates) => {
        const { app, session } = await loggedInApp();
        const xlsx = await writeRosterWorkbook(rows.map((r, i) => ({
          building: r.building, entrance: null, room: String(100 + i), type: '住宅', area: formatHundredths(r.area), areaSource: '登记',
          deliveryStatus: '已交付', owners: r.owners.map((o) => owners[o]).join('、'), documents: '', phones: r.owners.map((o) => `1390000000${o}`).join('、'),
        })));
        const { communityId } = await call(app, 'roster.import', { file: { fileName: 'r.xlsx', base64: xlsx.toString('base64') }, community: { name: '测试' }, acceptUnusual: true }, session); // random areas
        const buildings = await call(app, 'community.buildings', { id: communityId }, session);
        const vote = await call(app, 'vote.create', {
          communityId, title: '表决', opens: '2026-11-01', closes: '2026-11-02', settings: { blankRule, invalidParticipates },
          items: [
            { title: '全体', category: 4 },
            ...buildings.map((b, i) => ({ title: `${b.name}事项`, category: 6 + (i % 3), scope: [{ buildingId: b.id }] })),
          ],
        }, session);
        // Scopes partition the area; a subject with parts in two buildings counts in both.
        const whole = decimal2ToHundredths(vote.items[0]!.electorate.area);
        expect(vote.items.slice(1).reduce((s, i) => s + decimal2ToHundredths(i.electorate.area), 0)).toBe(whole);
        expect(vote.items.slice(1).reduce((s, i) => s + i.electorate.count, 0)).toBeGreaterThanOrEqual(vote.items[0]!.electorate.count);

        const subjects = (await call(app, 'vote.subjects', { voteId: vote.id, limit: 1000 }, session)).rows;
        const counted = new Map<string, CountedBallot[]>(vote.items.map((i) => [i.id, []]));
        for (const [k, s] of subjects.entries()) {
          const b = ballots[k % ballots.length]!;
          if (!b.returned) continue;
          const choices = s.items.map((it, j) => ({ itemId: it.itemId, choice: b.choices[j % 4]! }));
          await call(app, 'ballot.record', { voteId: vote.id, subjectId: s.id, valid: b.valid, invalidReason: b.valid ? '' : '测试', choices }, session);
          for (const [j, it] of s.items.entries()) counted.get(it.itemId)!.push({ choice: b.choices[j % 4]!, valid: b.valid, area: decimal2ToHundredths(it.area) });
        }
        const sql = await call(app, 'vote.tally', { id: vote.id }, session);
        for (const item of vote.items) {
          const electorate = { count: item.electorate.count, area: decimal2ToHundredths(item.electorate.area) };
          const pure = tallyItem(countBallots(electorate, counted.get(item.id)!), item.category, { blankRule, invalidParticipates });
          const got = sql.items.find((t) => t.itemId === item.id)!;
          expect({ passed: got.passed, participationMet: got.participationMet, participants: got.participants, yes: got.yes, no: got.no, abstain: got.abstain })
            .toEqual({
              passed: pure.passed, participationMet: pure.participationMet,
              participants: { count: pure.participants.count, area: formatHundredths(pure.participants.area) },
              yes: { count: pure.yes.count, area: formatHundredths(pure.yes.area) },
              no: { count: pure.no.count, area: formatHundredths(pure.no.area) },
              abstain: { count: pure.abstain.count, area: formatHundredths(pure.abstain.area) },
            });
        }
        app.close();
      },
    ), { numRuns: 12 });
  }, 120_000);
});
