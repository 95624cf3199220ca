/**
 * Property tests of the ledger on a real SQLite file: whatever mix of
 * deposits, charges, reversals and shared earnings is posted, every entry
 * balances, the caches equal the entries, the fund equals its sub-ledgers, and
 * the SQL weights of the earnings equal shared/domain/ledger.ts balanceDays.
 */
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { balanceDays } from '../../shared/domain/ledger';
import { parseYuan } from '../../shared/domain/money';
import { addDays } from '../../shared/domain/dates';
import { balanceDayWeights } from '../../main/services/treasury/fund';
import { ledgerProblems } from '../../main/services/treasury/ledger';
import { rosterCsv } from '../fixtures/roster-generator';
import { WORKED_ROSTER } from '../fixtures/worked-roster';
import { call, loggedInApp } from '../helpers';

const fen = (yuan: string) => parseYuan(yuan)!;
const DAY0 = '2026-01-01';

type Op =
  | { kind: 'deposit'; part: number; amount: number; day: number }
  | { kind: 'charge'; part: number; amount: number; day: number }
  | { kind: 'reverse'; pick: number; day: number }
  | { kind: 'earnings'; amount: number; start: number; length: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('deposit' as const), part: fc.nat(5), amount: fc.integer({ min: 1, max: 5_000_000 }), day: fc.nat(290) }),
  fc.record({ kind: fc.constant('charge' as const), part: fc.nat(5), amount: fc.integer({ min: 1, max: 500_000 }), day: fc.nat(290) }),
  fc.record({ kind: fc.constant('reverse' as const), pick: fc.nat(1000), day: fc.nat(290) }),
  fc.record({ kind: fc.constant('earnings' as const), amount: fc.integer({ min: 1, max: 100_000 }), start: fc.nat(250), length: fc.integer({ min: 1, max: 60 }) }),
);

describe('ledger invariants under any sequence of postings', () => {
  it('entries balance, caches equal entries, the fund equals its sub-ledgers, weights equal the domain rule', async () => {
    const { app, session } = await loggedInApp();
    let n = 0;
    await fc.assert(fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 25 }), fc.nat(250), fc.integer({ min: 1, max: 60 }), async (ops, wStart, wLength) => {
      // Each run in a community of its own, so the figures below are this run's alone.
      const csv = Buffer.from(rosterCsv(WORKED_ROSTER), 'utf8').toString('base64');
      const { communityId } = await call(app, 'roster.import', { file: { fileName: 'r.csv', base64: csv }, community: { name: `小区${++n}` } }, session);
      const books = await call(app, 'ledger.books', { communityId }, session);
      const account = (role: string) => books.accounts.find((a) => a.role === role)!.id;
      const parts = (await call(app, 'fund.households', { communityId }, session)).rows.map((h) => h.partId);
      const posted: { id: string; date: string }[] = [];
      const expected = new Map<string, number>(parts.map((p) => [p, 0]));
      for (const o of ops) {
        const response = await postOp(o);
        if (response) posted.push(response);
      }
      async function postOp(o: Op): Promise<{ id: string; date: string } | null> {
        if (o.kind === 'deposit' || o.kind === 'charge') {
          const date = addDays(DAY0, o.day);
          const partId = parts[o.part]!;
          const amount = (o.amount / 100).toFixed(2);
          const e = o.kind === 'deposit'
            ? await call(app, 'fund.deposit', { partId, amount, date }, session)
            : await call(app, 'ledger.record', { communityId, form: 'expense', date, amount, debitAccountId: account('fund'), creditAccountId: account('payable'), partId, memo: '维修' }, session);
          expected.set(partId, expected.get(partId)! + (o.kind === 'deposit' ? o.amount : -o.amount));
          return { id: e.id, date };
        }
        if (o.kind === 'reverse') {
          const open = posted.filter((p) => p.id !== '');
          if (open.length === 0) return null;
          const target = open[o.pick % open.length]!;
          const entry = await call(app, 'ledger.entry', { id: target.id }, session);
          if (entry.reversedById || entry.reversesId) return null;
          const date = addDays(target.date, o.day % 20);
          await call(app, 'ledger.reverse', { id: target.id, date, reason: '测试冲销' }, session);
          // A household's line in the treasurer's words: 收入/转入 raised its balance, 支出/转出 lowered it.
          for (const l of entry.lines) if (l.partId) expected.set(l.partId, expected.get(l.partId)! - (l.direction === '收入' || l.direction === '转入' ? fen(l.amount) : -fen(l.amount)));
          target.id = '';
          return null;
        }
        const start = addDays(DAY0, o.start);
        const end = addDays(start, o.length - 1);
        // The bank's interest received in the period (to 待分配增值收益), then shared: what is shared is what was received.
        await call(app, 'ledger.record', { communityId, form: 'income', date: end, amount: (o.amount / 100).toFixed(2), debitAccountId: account('fund-bank'), creditAccountId: account('interest'), memo: '结息' }, session);
        const r = await app.handle({ method: 'fund.shareEarnings', input: { communityId, start, end }, session });
        if (!r.ok) return null; // nothing held in the period (or only negative balances): refused, nothing written
        const result = r.result as { total: string; shares: { partId: string; amount: string }[]; receipts: { amount: string }[]; entryId: string };
        // Receipts an earlier refusal left unshared in the period are shared now too.
        expect(fen(result.total)).toBe(result.receipts.reduce((s, x) => s + fen(x.amount), 0));
        expect(result.receipts.map((x) => fen(x.amount))).toContain(o.amount);
        expect(result.shares.reduce((s, x) => s + fen(x.amount), 0)).toBe(fen(result.total));
        for (const s of result.shares) expected.set(s.partId, expected.get(s.partId)! + fen(s.amount));
        return { id: result.entryId, date: end };
      }

      const db = new Database(app.dbPath, { readonly: true });
      try {
        expect(ledgerProblems(db)).toEqual([]);
      } finally {
        db.close();
      }
      const balance = await call(app, 'fund.balance', { communityId }, session);
      expect(balance.fund).toBe(balance.households);
      const households = (await call(app, 'fund.households', { communityId }, session)).rows;
      expect(households.map((h) => fen(h.balance))).toEqual(parts.map((p) => expected.get(p)!));
      expect(fen(balance.fund)).toBe([...expected.values()].reduce((s, v) => s + v, 0));

      // The aggregate's weights against the domain rule, from each sub-ledger's own lines.
      const start = addDays(DAY0, wStart);
      const end = addDays(start, wLength - 1);
      const ctx = { sqlite: new Database(app.dbPath, { readonly: true }) } as never;
      try {
        const sqlWeights = new Map(balanceDayWeights(ctx, communityId, start, end).map((w) => [w.partId, w.weight]));
        for (const partId of parts) {
          const lines = (await call(app, 'fund.subLedger', { partId }, session)).lines.filter((l) => l.date <= end);
          const opening = lines.filter((l) => l.date < start).reduce((s, l) => s + fen(l.amount), 0);
          const inPeriod = lines.filter((l) => l.date >= start).map((l) => ({ date: l.date, amount: fen(l.amount) }));
          const domain = balanceDays(opening, inPeriod, start, end);
          expect(sqlWeights.get(partId) ?? 0).toBe(domain > 0 ? domain : 0);
        }
      } finally {
        (ctx as { sqlite: Database.Database }).sqlite.close();
      }
    }), { numRuns: 30 });
  }, 240_000);
});
