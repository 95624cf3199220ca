/**
 * Issue 5's figures: with a million journal lines across 20,000 sub-ledgers,
 * through the app (methods validated as the screen gets them) beside a bare
 * SQL aggregate of the fund and of every sub-ledger over the same lines: the
 * 维修资金 screen's read (the fund, the sum of all sub-ledgers, the count below
 * the top-up line, the first 200 households), and all 20,000 sub-ledgers
 * listed; then the invariant check over all of it. The lines are written by plain inserts, so the
 * balance caches are built by migration 0005's triggers, as in use.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openApp } from '../../main/app';
import { openDatabase } from '../../main/db/connection';
import { MIGRATIONS_DIR } from '../../main/node-paths';
import { ledgerProblems } from '../../main/services/treasury/ledger';

type Report = (name: string, app: number, baseline: number, target: string) => void;

const DEPOSITS = 100_000;
const SHARED_ENTRIES = 40; // earnings and repair shares: one line per part each

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Fills the community of `dataDir` with 100,040 entries and 1,000,040 lines; returns its id. */
async function fillBooks(dataDir: string): Promise<string> {
  const { sqlite } = await openDatabase(path.join(dataDir, 'sanfang.sqlite'), MIGRATIONS_DIR, path.join(dataDir, 'backups'));
  const communityId = sqlite.prepare('select id from communities').pluck().get() as string;
  const partRows = sqlite.prepare('select id, address from parts where community_id = ? order by sort_key').raw().all(communityId) as [string, string][];
  const parts = partRows.map(([id]) => id);
  const account = (role: string) => sqlite.prepare('select id from ledger_accounts where community_id = ? and role = ?').pluck().get(communityId, role) as string;
  const bank = account('fund-bank');
  const fund = account('fund');
  // The ledger table's columns as ledger.postEntry writes them.
  const entry = sqlite.prepare(`insert into journal_entries (id, community_id, number, date, kind, memo, counterparty, reference, amount, accounts, address, search_text,
      created_at, created_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?, '维修资金专户存款、住宅专项维修资金（分户）', ?, ?, '2026-01-01T00:00:00Z', 'bench')`);
  const line = sqlite.prepare('insert into journal_lines (entry_id, community_id, account_id, part_id, category, date, number, amount) values (?, ?, ?, ?, ?, ?, ?, ?)');
  const t = performance.now();
  sqlite.transaction(() => {
    let number = 0;
    for (let i = 0; i < DEPOSITS; i++) {
      const id = `bench-d${i}`;
      const date = `2025-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
      const amount = 10_000 + ((i * 7919) % 500_000);
      const [partId, address] = partRows[i % partRows.length]!;
      entry.run(id, communityId, ++number, date, 'deposit', `缴存 ${i}`, `业主${i % 977}`, '', amount, address, `缴存 ${i} 业主${i % 977}  ${address}`);
      line.run(id, communityId, bank, null, null, date, number, amount);
      line.run(id, communityId, fund, partId, 'deposit', date, number, -amount);
    }
    for (let k = 0; k < SHARED_ENTRIES; k++) {
      const id = `bench-s${k}`;
      const date = `2025-${String(1 + (k % 12)).padStart(2, '0')}-28`;
      const charge = k % 2 === 1; // alternately earnings shared in and repair costs charged out
      const memo = charge ? `维修分摊 ${k}` : `增值收益 ${k}`;
      const total = parts.reduce((sum, _p, j) => sum + 1 + ((j + k) % 50), 0);
      // Earnings carry their period as fund.shareEarnings writes it, so the statements compute each part's basis.
      const period = charge ? '' : `计息期 2025-${date.slice(5, 7)}-01—${date}`;
      entry.run(id, communityId, ++number, date, charge ? 'expense' : 'earnings', memo, '', period, total, `${parts.length} 户`, `${memo}   `);
      for (const [j, partId] of parts.entries()) {
        const share = 1 + ((j + k) % 50);
        line.run(id, communityId, fund, partId, charge ? 'charge' : 'earning', date, number, charge ? share : -share);
      }
      line.run(id, communityId, bank, null, null, date, number, charge ? -total : total);
    }
  })();
  const lines = sqlite.prepare('select count(*) from journal_lines').pluck().get() as number;
  console.log(`fund: wrote ${lines} journal lines over ${parts.length} sub-ledgers in ${((performance.now() - t) / 1000).toFixed(1)} s (plain inserts, caches by trigger)`);
  sqlite.close();
  return communityId;
}

export async function benchFund(dataDir: string, report: Report): Promise<string> {
  const communityId = await fillBooks(dataDir);
  const app = await openApp({ dataDir, migrationsDir: MIGRATIONS_DIR, fixedAuthor: 'bench' });
  const raw = await openDatabase(path.join(dataDir, 'sanfang.sqlite'), MIGRATIONS_DIR, path.join(dataDir, 'backups'));
  try {
    const fundId = raw.sqlite.prepare("select id from ledger_accounts where community_id = ? and role = 'fund'").pluck().get(communityId);
    const bareFund = raw.sqlite.prepare('select sum(amount) from journal_lines where account_id = ?').pluck();
    const bareParts = raw.sqlite.prepare('select part_id, -sum(amount) from journal_lines where community_id = ? and part_id is not null group by part_id').raw();
    const time = async (fn: () => Promise<unknown>) => { const t = performance.now(); await fn(); return performance.now() - t; };
    const ok = async (method: string, input: unknown) => {
      const r = await app.handle({ method, input });
      if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
      return r.result as Record<string, unknown>;
    };
    const screen: number[] = [];
    const everyRow: number[] = [];
    const sql: number[] = [];
    let shown = '';
    for (let i = 0; i < 9; i++) {
      // What the 维修资金 screen asks for: the fund, the sum of all sub-ledgers and the count below the top-up line
      // (each computed over every sub-ledger's balance), and the first screen of households.
      screen.push(await time(async () => {
        const b = await ok('fund.balance', { communityId });
        await ok('fund.households', { communityId, limit: 200 });
        shown = `fund ${String(b.fund)}, households ${String(b.households)}, ${String(b.belowTopUp)} below the top-up line`;
      }));
      // Every one of the 20,000 sub-ledgers listed with address, owners and figures (the export's and the statements' read).
      everyRow.push(await time(() => ok('fund.households', { communityId, limit: 50_000 })));
      const t = performance.now();
      const fundSum = bareFund.get(fundId) as number;
      const partSums = bareParts.all(communityId) as [string, number][];
      sql.push(performance.now() - t);
      shown += `; bare SQL fund ${(-fundSum / 100).toFixed(2)} over ${partSums.length} sub-ledgers`;
    }
    console.log(`fund: ${shown}`);
    report('fund + all sub-ledgers summed, first screen', median(screen), median(sql), '≤ 100 ms');
    report('all 20,000 sub-ledgers listed (1M lines)', median(everyRow), median(sql), '—');

    // Household statements of a year (every dated movement, each interest sharing's basis): one building, then every part.
    const building = raw.sqlite.prepare(`select b.id, b.name, count(*) as parts from buildings b join parts p on p.building_id = b.id
      where b.community_id = ? group by b.id order by count(*) desc limit 1`).get(communityId) as { id: string; name: string; parts: number };
    const bareLines = raw.sqlite.prepare(`select l.part_id, l.date, l.number, l.amount, e.kind, e.memo from parts p join journal_lines l on l.part_id = p.id
      join journal_entries e on e.id = l.entry_id where p.community_id = ? and (? is null or p.building_id = ?) and l.date between '2025-01-01' and '2025-12-31'
      order by p.sort_key, l.date, l.number`).raw();
    for (const [label, buildingId] of [[`one building (${building.name}, ${building.parts} parts)`, building.id], ['all 20,000 parts', null]] as const) {
      const appRuns: number[] = [];
      const bareRuns: number[] = [];
      let movements = 0;
      for (let i = 0; i < 3; i++) {
        appRuns.push(await time(async () => {
          const r = await ok('fund.statements', { communityId, from: '2025-01-01', to: '2025-12-31', ...(buildingId ? { buildingId } : {}) });
          movements = (r.statements as { movements: unknown[] }[]).reduce((n, st) => n + st.movements.length, 0);
        }));
        const t0 = performance.now();
        bareLines.all(communityId, buildingId, buildingId);
        bareRuns.push(performance.now() - t0);
      }
      console.log(`fund: statements of ${label}: ${movements} movements`);
      report(`statements, ${label}`, median(appRuns), median(bareRuns), 'reported');
    }
    // The reconciliation (issue 13): bank = fund + 待查明 + other, each term and what explains a difference, as the
    // 银行对账 page asks for it — today, and as of a day in the year (the lines after it taken back from the caches).
    // The bare baseline sums the same accounts' lines up to the day.
    const bareTerms = raw.sqlite.prepare(`select a.role, sum(l.amount) from journal_lines l join ledger_accounts a on a.id = l.account_id
      where a.community_id = ? and l.date <= ? group by a.role`).raw();
    for (const [label, asOf] of [['today', undefined], ['as of 2025-06-30', '2025-06-30']] as const) {
      const appRuns: number[] = [];
      const bareRuns: number[] = [];
      let said = '';
      for (let i = 0; i < 5; i++) {
        appRuns.push(await time(async () => {
          const r = await ok('fund.reconciliation', { communityId, bankBalance: '1.00', ...(asOf ? { asOf } : {}) });
          said = `bank ${String((r.bank as { amount: string }).amount)}, fund ${String((r.fund as { amount: string }).amount)}, difference ${String(r.difference)}`;
        }));
        const t0 = performance.now();
        bareTerms.all(communityId, asOf ?? '9999-12-31');
        bareRuns.push(performance.now() - t0);
      }
      console.log(`fund: reconciliation ${label}: ${said}`);
      report(`reconciliation, ${label}`, median(appRuns), median(bareRuns), 'reported');
    }
    const t = performance.now();
    const problems = ledgerProblems(raw.sqlite);
    console.log(`fund: invariant check over 1M lines ${(performance.now() - t).toFixed(0)} ms, problems: ${problems.length === 0 ? 'none' : problems.join('；')}`);
  } finally {
    raw.sqlite.close();
    app.close();
  }
  return communityId;
}
