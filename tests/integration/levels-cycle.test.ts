/**
 * Three levels with files alone (issue 18, docs/domain.md §10): a district with two streets and three 社区 offices,
 * each its own data folder; the test carries the packages. The 社区 offices' records are made through the
 * contract in process; every exchange and roll-up is the real CLI. Checked: the street's and the district's
 * roll-up equal each 社区's own figures; an issue escalated to the street goes up, is answered there and the
 * answer comes down onto its history; the next package holds only what changed; tampered, replayed, foreign and
 * misaddressed packages are refused whole; the same package twice changes nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { creditCodeCheckChar } from '../../shared/domain/credit-code';
import { call, runCli, tempDir, testApp } from '../helpers';

const code = (body17: string) => `${body17}${creditCodeCheckChar(body17)}`;

interface CommunitySpec {
  name: string;
  type: '商品房' | '老旧小区' | '安置小区';
  committee: boolean;
  managed: boolean;
  party: number;
  hasParty: boolean;
  issues: number;
  escalate: boolean;
}

/** A 社区 office's data folder with its 小区 and records, then closed for the CLI. Returns the escalated issue's id. */
async function communityOffice(dir: string, office: string, street: string, list: readonly CommunitySpec[], creditCodeBody: string) {
  const app = await testApp(dir, { fixedAuthor: 'CLI:test', trustedCaller: true });
  const init = await call(app, 'office.init', { name: office, level: '社区', above: street });
  let escalated: string | null = null;
  for (const [n, spec] of list.entries()) {
    const c = await call(app, 'community.create', {
      name: spec.name, type: spec.type, streetOffice: street, communityOffice: office,
      settings: { officeRules: { partyMembers: spec.party } },
    });
    if (spec.committee) {
      await call(app, 'body.create', { communityId: c.id, kind: '业主委员会', electedOn: '2025-03-01', termYears: 5, members: [{ name: '赵一', role: '主任' }, { name: '钱二', role: '委员' }, { name: '孙三', role: '委员' }, { name: '李四', role: '委员' }, { name: '周五', role: '委员' }] });
    }
    if (spec.hasParty) await call(app, 'body.create', { communityId: c.id, kind: '党支部', electedOn: '2025-03-01', termYears: 5, members: [{ name: '吴六', role: '书记' }] });
    if (spec.managed) {
      await call(app, 'contract.create', {
        communityId: c.id, company: { name: `${spec.name}物业公司`, creditCode: code(`${creditCodeBody}${n}`) }, kind: '前期物业', startDate: '2025-01-01', endDate: '2027-12-31',
      });
    }
    for (let i = 0; i < spec.issues; i += 1) {
      const issue = await call(app, 'issue.create', { communityId: c.id, title: `${spec.name}问题${i + 1}`, reportedAt: '2026-11-01T09:00', reporter: '张三丰', category: '电梯' });
      if (spec.escalate && i === 0) {
        for (const unit of ['小区议事会', '社区居委会', '街道城管科']) {
          await call(app, 'issue.escalate', { id: issue.id, reason: '本级无法解决', responsibleUnit: unit, responsiblePerson: '刘科长' });
        }
        escalated = issue.id;
      }
    }
  }
  app.close();
  return { code: init.code, escalated };
}

/** The office's database file, for the commands run with --db. */
const dbOf = (dir: string) => ({ db: path.join(dir, 'sanfang.sqlite') });

function ok(target: string | { db: string }, ...args: string[]) {
  const r = runCli(target, ...args);
  if (r.code !== 0) throw new Error(`${args.join(' ')} → ${r.code} ${JSON.stringify(r.json)}`);
  return r.json;
}

/** A table's rows as text, to show that an import changed nothing. */
function tableText(dir: string, tables: readonly string[]): string {
  const db = new Database(path.join(dir, 'sanfang.sqlite'), { readonly: true });
  try {
    return tables.map((t) => JSON.stringify(db.prepare(`select * from ${t} order by 1, 2`).all())).join('\n');
  } finally {
    db.close();
  }
}

describe('three levels by files', () => {
  it('report, roll-up, escalation and answer between 社区, 街道 and 区; wrong packages refused whole', async () => {
    const dirs = { a1: tempDir('sanfang-a1-'), a2: tempDir('sanfang-a2-'), b1: tempDir('sanfang-b1-'), s1: tempDir('sanfang-s1-'), s2: tempDir('sanfang-s2-'), d: tempDir('sanfang-d-') };
    const out = tempDir('sanfang-packages-');
    const file = (name: string) => path.join(out, name);

    const a1 = await communityOffice(dirs.a1, '桥西社区', '拱宸桥街道', [
      { name: '桥西一苑', type: '商品房', committee: true, managed: true, party: 5, hasParty: true, issues: 3, escalate: true },
      { name: '桥西二苑', type: '老旧小区', committee: false, managed: false, party: 4, hasParty: false, issues: 1, escalate: false },
    ], '91330100MA01AAA1');
    const a2 = await communityOffice(dirs.a2, '小河社区', '拱宸桥街道', [
      { name: '小河新村', type: '安置小区', committee: true, managed: true, party: 2, hasParty: false, issues: 0, escalate: false },
    ], '91330100MA01BBB1');
    const b1 = await communityOffice(dirs.b1, '和睦新村社区', '和睦街道', [
      { name: '和睦一区', type: '商品房', committee: false, managed: true, party: 3, hasParty: true, issues: 2, escalate: false },
      { name: '和睦二区', type: '老旧小区', committee: true, managed: true, party: 0, hasParty: false, issues: 0, escalate: false },
    ], '91330100MA01CCC1');

    const s1 = ok(dirs.s1, 'office', 'init', '--name', '拱宸桥街道', '--level', '街道', '--above', '拱墅区');
    const s2 = ok(dirs.s2, 'office', 'init', '--name', '和睦街道', '--level', '街道', '--above', '拱墅区');
    const d = ok(dirs.d, 'office', 'init', '--name', '拱墅区', '--level', '区');
    ok(dirs.s1, 'office', 'register', '--name', '桥西社区', '--level', '社区', '--code', a1.code);
    ok(dirs.s1, 'office', 'register', '--name', '小河社区', '--level', '社区', '--code', a2.code);
    ok(dbOf(dirs.s2), 'office', 'register', '--name', '和睦新村社区', '--level', '社区', '--code', b1.code);
    for (const [dir, code] of [[dirs.a1, s1.code], [dirs.a2, s1.code]] as const) ok(dir, 'office', 'register', '--name', '拱宸桥街道', '--level', '街道', '--code', code);
    ok(dirs.b1, 'office', 'register', '--name', '和睦街道', '--level', '街道', '--code', s2.code);
    ok(dirs.d, 'office', 'register', '--name', '拱宸桥街道', '--level', '街道', '--code', s1.code);
    ok(dirs.d, 'office', 'register', '--name', '和睦街道', '--level', '街道', '--code', s2.code);
    ok(dirs.s1, 'office', 'register', '--name', '拱墅区', '--level', '区', '--code', d.code);
    ok(dirs.s2, 'office', 'register', '--name', '拱墅区', '--level', '区', '--code', d.code);

    // ── 社区 → 街道 ──
    const exported = ok(dirs.a1, 'exchange', 'export', '--to', '拱宸桥街道', '--out', file('a1-1.sfx'));
    expect(exported).toEqual({ file: file('a1-1.sfx'), records: expect.any(Number) });
    // 2 小区 facts, 2 contracts… and the one escalated issue, whole, its reporter masked.
    const sent = JSON.parse(fs.readFileSync(file('a1-1.sfx'), 'utf8')) as { records: { kind: string; body: { reporter?: string } }[] };
    expect(sent.records.filter((r) => r.kind === 'community')).toHaveLength(2);
    expect(sent.records.filter((r) => r.kind === 'issue').map((r) => r.body.reporter)).toEqual(['张**']);
    expect(fs.readFileSync(file('a1-1.sfx'), 'utf8')).not.toContain('张三丰');
    expect(ok(dirs.s1, 'exchange', 'import', file('a1-1.sfx'))).toEqual({ from: '桥西社区', records: exported.records, skipped: 0 });
    ok(dirs.a2, 'exchange', 'export', '--to', '拱宸桥街道', '--out', file('a2-1.sfx'));
    ok(dirs.s1, 'exchange', 'import', file('a2-1.sfx'));
    ok(dbOf(dirs.b1), 'exchange', 'export', '--to', '和睦街道', '--out', file('b1-1.sfx'));
    ok(dbOf(dirs.s2), 'exchange', 'import', file('b1-1.sfx'));

    // The street's roll-up equals each 社区's own, computed on its database.
    const own = (dir: string) => ok(dir, 'rollup').rows[0];
    const a1Row = own(dirs.a1);
    expect(a1Row).toEqual({
      name: '桥西社区', communities: 2, committeesFormed: 1, committeeRate: '50.00', partyCovered: 1, noManagement: 1,
      issuesOpen: 4, issuesOverdue: expect.any(Number), escalatedHere: 1,
    });
    const street = ok(dirs.s1, 'rollup');
    expect(street.rows).toEqual([own(dirs.a2), a1Row].sort((x, y) => x.name.localeCompare(y.name, 'zh-CN')));
    expect(ok(dirs.s1, 'rollup', '--by', '类型').rows.find((r: { name: string }) => r.name === '商品房')).toMatchObject({ communities: 1, committeesFormed: 1, committeeRate: '100.00' });

    // The same package again changes nothing.
    const tables = ['received_records', 'offices', 'exchange_sent', 'received_packages'];
    const before = tableText(dirs.s1, tables);
    expect(ok(dirs.s1, 'exchange', 'import', file('a1-1.sfx'))).toEqual({ from: '桥西社区', records: 0, skipped: exported.records });
    expect(tableText(dirs.s1, tables)).toBe(before);

    // Wrong packages, each refused whole with its reason.
    const refused = (dir: string, f: string) => {
      const r = runCli(dir, 'exchange', 'import', f);
      expect(r.code).toBe(1);
      return r.json.errors[0].message as string;
    };
    fs.writeFileSync(file('tampered.sfx'), fs.readFileSync(file('a1-1.sfx'), 'utf8').replace('"name":"桥西二苑"', '"name":"桥西三苑"'));
    expect(refused(dirs.s1, file('tampered.sfx'))).toContain('签名之后被改动过');
    expect(refused(dirs.s2, file('a1-1.sfx'))).toMatch(/没有在本办公室登记/); // foreign: 桥西社区 is not 和睦街道's
    expect(refused(dirs.d, file('a1-1.sfx'))).toMatch(/没有在本办公室登记/);
    ok(dirs.a1, 'exchange', 'export', '--to', '拱宸桥街道', '--out', file('a1-2.sfx'));
    ok(dirs.s1, 'exchange', 'import', file('a1-2.sfx'));
    expect(refused(dirs.s1, file('a1-1.sfx'))).toContain('比已导入的第 2 号旧'); // replayed after a newer one
    expect(tableText(dirs.s1, tables)).not.toBe(before);
    const afterRefusals = tableText(dirs.s1, tables);
    expect(refused(dirs.s1, file('tampered.sfx'))).toContain('签名之后被改动过');
    expect(tableText(dirs.s1, tables)).toBe(afterRefusals);

    // ── the street answers the escalated issue; the answer comes down ──
    const s1App = await testApp(dirs.s1, { fixedAuthor: 'CLI:街道王科长', trustedCaller: true });
    // The on-time rates as the ledger counts them (issue.stats): four plans past their 24 hours with none made;
    // no resolution due yet — so "0.00" and "—", the counts beside them.
    const screenRow = (await call(s1App, 'rollup.screen', { by: '社区' })).rows.find((r) => r.name === '桥西社区')!;
    expect(screenRow).toMatchObject({ planOnTime: { onTime: 0, counted: 4 }, planOnTimeRate: '0.00', resolvedOnTime: { onTime: 0, counted: 0 }, resolvedOnTimeRate: '—' });
    const [item] = await call(s1App, 'inbox.list', {});
    expect(item).toMatchObject({ officeName: '桥西社区', communityName: '桥西一苑', issueId: a1.escalated, level: '街道', reporter: '张**', state: '待受理' });
    await call(s1App, 'inbox.answer', { officeName: '桥西社区', issueId: a1.escalated!, kind: '派单', department: '城管科', due: '2026-12-20', text: '请城管科三日内到场' });
    const answered = await call(s1App, 'inbox.answer', { officeName: '桥西社区', issueId: a1.escalated!, kind: '答复', text: '已协调维修，请社区回访' });
    expect(answered.state).toBe('答复');
    s1App.close();
    // Misaddressed: the street's package to 桥西社区 imported at 小河社区.
    ok(dirs.s1, 'exchange', 'export', '--to', '桥西社区', '--out', file('s1-a1-1.sfx'));
    expect(refused(dirs.a2, file('s1-a1-1.sfx'))).toContain('是发给“桥西社区”的');
    expect(ok(dirs.a1, 'exchange', 'import', file('s1-a1-1.sfx'))).toEqual({ from: '拱宸桥街道', records: 2, skipped: 0 });
    const a1App = await testApp(dirs.a1, { fixedAuthor: 'CLI:test', trustedCaller: true });
    const issue = await call(a1App, 'issue.get', { id: a1.escalated! });
    expect(issue.events.filter((e) => e.kind === 'answer').map((e) => [e.to, e.author])).toEqual([['派单', '拱宸桥街道（CLI:街道王科长）'], ['答复', '拱宸桥街道（CLI:街道王科长）']]);
    expect(issue.events.find((e) => e.to === '派单')?.reason).toContain('城管科');
    // Incremental: the street acknowledged 桥西社区's packages, so the next holds only what changed since.
    // A day's work: one new issue in 桥西二苑 changes that 小区's counts; the answered issue changed by its events.
    const second = (await call(a1App, 'community.list', {})).find((c) => c.name === '桥西二苑')!;
    await call(a1App, 'issue.create', { communityId: second.id, title: '路灯不亮', reportedAt: '2026-12-01T19:00', category: '设施维修' });
    a1App.close();
    const next = ok(dirs.a1, 'exchange', 'export', '--to', '拱宸桥街道', '--out', file('a1-3.sfx'));
    const nextRecords = (JSON.parse(fs.readFileSync(file('a1-3.sfx'), 'utf8')) as { records: { kind: string }[] }).records;
    expect(next.records).toBe(nextRecords.length);
    expect(nextRecords.length).toBeLessThan(exported.records);
    expect(nextRecords.map((r) => r.kind).sort()).toEqual(['community', 'issue']);
    ok(dirs.s1, 'exchange', 'import', file('a1-3.sfx'));

    // ── 街道 → 区: each 社区's packages forwarded, verified as the 社区's ──
    ok(dirs.s1, 'exchange', 'export', '--to', '拱墅区', '--out', file('s1-d-1.sfx'));
    ok(dirs.s2, 'exchange', 'export', '--to', '拱墅区', '--out', file('s2-d-1.sfx'));
    expect(ok(dirs.d, 'exchange', 'import', file('s1-d-1.sfx'))).toMatchObject({ from: '拱宸桥街道' });
    ok(dirs.d, 'exchange', 'import', file('s2-d-1.sfx'));
    const district = ok(dirs.d, 'rollup');
    expect(district.rows).toEqual([own(dirs.a1), own(dirs.a2), own(dirs.b1)].sort((x, y) => x.name.localeCompare(y.name, 'zh-CN')));
    const byType = ok(dbOf(dirs.d), 'rollup', '--by', '类型').rows as { name: string; communities: number; committeesFormed: number; committeeRate: string }[];
    expect(byType.map((r) => [r.name, r.communities, r.committeesFormed, r.committeeRate])).toEqual([
      ['商品房', 2, 1, '50.00'], ['老旧小区', 2, 1, '50.00'], ['安置小区', 1, 1, '100.00'], ['单位宿舍', 0, 0, '0.00'], ['其他', 0, 0, '0.00'],
    ]);
    // 桥西社区's three packages and 小河社区's one travel whole inside the street's, each still signed by its 社区.
    const s1Package = JSON.parse(fs.readFileSync(file('s1-d-1.sfx'), 'utf8')) as { records: { kind: string; body: { text?: string } }[] };
    expect(s1Package.records.filter((r) => r.kind === 'forwarded')).toHaveLength(4);
    // The usage errors of the commands.
    expect(runCli(dirs.d, 'rollup', '--by', '街道').code).toBe(1);
    expect(runCli(dirs.a1, 'exchange', 'export', '--to', '拱宸桥街道', '--out', file('a1-3.sfx')).code).toBe(1); // never over a file
    expect(runCli(dirs.a1, 'exchange', 'export', '--to', '和睦街道', '--out', file('x.sfx')).json.errors[0].message).toContain('没有在本办公室登记');
    expect(runCli(dirs.a1, 'exchange', 'import', file('missing.sfx')).json.errors[0].message).toContain('找不到文件');
    // Bounded before a byte is read: a 49 MB file (sparse) is refused by its size.
    fs.writeFileSync(file('huge.sfx'), '');
    fs.truncateSync(file('huge.sfx'), 49 * 1024 * 1024);
    expect(runCli(dirs.a1, 'exchange', 'import', file('huge.sfx')).json.errors[0].message).toContain('超过交换包的上限 48 MB');
  });
});
