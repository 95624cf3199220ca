/**
 * The 汇总 (issue 18, docs/domain.md §7, §10): the targets per 社区 or per type of 小区, read from each 小区's
 * facts — at a 社区 office its own, computed now (reports.ts); at a street or a district those its 社区 offices
 * sent, as of their last package, with the day it arrived beside them.
 */
import { and, count, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { communityRecord, contractRecord, matterRecord, rollupRow, type rollupListInput, type rollupListOut, type rollupScreen } from '../../../shared/contract/levels';
import { addDays } from '../../../shared/domain/dates';
import { bodyCoverageMet } from '../../../shared/domain/committees';
import { COMMUNITY_TYPES, DEFAULT_SILENT_DAYS, rateText } from '../../../shared/domain/levels';
import { nowIso, officeDayOf, todayInOffice } from '../../db/clock';
import { addSafeRow } from '../../files/safe-cells';
import { offices, receivedRecords, rollupQuarters } from '../../db/schema/levels';
import type { ServiceContext } from '../context';
import { selfOffice } from './offices';
import { communityFacts, type OutgoingRecord } from './reports';

type Facts = z.output<typeof communityRecord>;
interface Held {
  officeId: string | null;
  officeName: string;
  communityId: string;
  facts: Facts;
}

/**
 * Who may see which of this office's own 小区 (the caller's communities, main/security/access.ts); another office's
 * 小区 are figures the office's people read whole.
 */
export type Sees = (communityId: string) => boolean;
const everyone: Sees = () => true;

/** This office's own 小区, from the facts it computed. */
const ownHeld = (self: { name: string } | null, facts: readonly OutgoingRecord[]): Held[] =>
  facts.map((r) => ({ officeId: null, officeName: self?.name ?? '本办公室', communityId: r.id, facts: communityRecord.parse(r.body) }));

/** Every 小区 this office reads targets for. */
function heldCommunities(ctx: ServiceContext, sees: Sees = everyone): Held[] {
  const self = selfOffice(ctx);
  if (self === null || self.level === '社区') {
    return ownHeld(self, communityFacts(ctx).filter((r) => sees(r.id)));
  }
  const names = new Map(ctx.db.select({ id: offices.id, name: offices.name }).from(offices).all().map((o) => [o.id, o.name]));
  return ctx.db.select().from(receivedRecords).where(eq(receivedRecords.kind, 'community')).all()
    .map((r) => ({ officeId: r.officeId, officeName: names.get(r.officeId) ?? '', communityId: r.recordId, facts: communityRecord.parse(JSON.parse(r.body)) }));
}

const committeeFormed = (f: Facts) => f.bodies['业主委员会'] === true;
const partyCovered = (f: Facts) => f.needsPartyOrganisation && f.hasPartyOrganisation;

function rowOf(name: string, list: readonly Held[]): z.output<typeof rollupRow> {
  const formed = list.filter((h) => committeeFormed(h.facts)).length;
  return {
    name, communities: list.length, committeesFormed: formed, committeeRate: rateText(formed, list.length),
    partyCovered: list.filter((h) => partyCovered(h.facts)).length,
    noManagement: list.filter((h) => !h.facts.propertyManagement).length,
    issuesOpen: sum(list, (f) => f.issues.open), issuesOverdue: sum(list, (f) => f.issues.overdue), escalatedHere: sum(list, (f) => f.issues.escalated),
  };
}

const sum = (list: readonly Held[], of: (f: Facts) => number) => list.reduce((s, h) => s + of(h.facts), 0);

/** The on-time rates of a group: their counts summed over its 小区, the rate of the sums ("—" when none is counted). */
function onTimeOf(list: readonly Held[]) {
  const plan = { onTime: sum(list, (f) => f.issues.planOnTime.onTime), counted: sum(list, (f) => f.issues.planOnTime.counted) };
  const resolved = { onTime: sum(list, (f) => f.issues.resolvedOnTime.onTime), counted: sum(list, (f) => f.issues.resolvedOnTime.counted) };
  const rate = (r: { onTime: number; counted: number }) => (r.counted === 0 ? '—' : rateText(r.onTime, r.counted));
  return { planOnTime: plan, resolvedOnTime: resolved, planOnTimeRate: rate(plan), resolvedOnTimeRate: rate(resolved) };
}

function groupsOf(ctx: ServiceContext, held: readonly Held[], by: '社区' | '类型'): Map<string, Held[]> {
  const groups = new Map<string, Held[]>();
  if (by === '类型') for (const t of COMMUNITY_TYPES) groups.set(t, []);
  // Every 社区 office known here has its row, one that never sent a package too: its silence is a figure.
  if (by === '社区' && selfOffice(ctx)?.level !== '社区') {
    for (const o of ctx.db.select({ name: offices.name }).from(offices).where(and(eq(offices.level, '社区'), eq(offices.self, false))).all()) groups.set(o.name, []);
  }
  for (const h of held) {
    const key = by === '社区' ? h.officeName : h.facts.type;
    groups.set(key, [...(groups.get(key) ?? []), h]);
  }
  return groups;
}

/** The roll-up as the CLI prints it: one row per 社区 office (or per type of 小区), in name order (types in their order). */
export function rollup(ctx: ServiceContext, by: '社区' | '类型', sees: Sees = everyone): { rows: z.output<typeof rollupRow>[] } {
  return { rows: rowsOf(ctx, heldCommunities(ctx, sees), by) };
}

function rowsOf(ctx: ServiceContext, held: readonly Held[], by: '社区' | '类型'): z.output<typeof rollupRow>[] {
  const groups = groupsOf(ctx, held, by);
  const names = by === '社区' ? [...groups.keys()].sort((a, b) => a.localeCompare(b, 'zh-CN')) : [...groups.keys()];
  return names.map((n) => rowOf(n, groups.get(n)!));
}

/** The 汇总 screen: the roll-up and what stands beside it — last received, silence, deadlines coming. */
/** `wholeOffice`: the caller sees every community of this office, so the quarters' totals (office-wide) are theirs to see. */
export function rollupForScreen(
  ctx: ServiceContext, by: '社区' | '类型', sees: Sees = everyone, wholeOffice = true, silentDays = DEFAULT_SILENT_DAYS, today = todayInOffice(),
): z.output<typeof rollupScreen> {
  const held = heldCommunities(ctx, sees);
  const groups = groupsOf(ctx, held, by);
  // The day each office's last package arrived, on the office's calendar (stored in UTC).
  const received = new Map(ctx.db.select({ name: offices.name, at: offices.lastReceivedAt }).from(offices).all().map((o) => [o.name, o.at === null ? null : officeDayOf(o.at)]));
  const soon = addDays(today, 90);
  // Counted once per 小区, by its office and its id there, not filtered again for every row.
  const contractsDue = countByPlace(ctx, 'contract', sql`json_extract(${receivedRecords.body}, '$.endDate') between ${today} and ${soon}`);
  const mattersStalled = countByPlace(ctx, 'matter', sql`json_extract(${receivedRecords.body}, '$.done') = 0 and json_extract(${receivedRecords.body}, '$.overdue') = 1`);
  const countIn = (list: readonly Held[], counts: Map<string, number>) => list.reduce((s, h) => s + (counts.get(placeKey(h.officeId, h.communityId)) ?? 0), 0);
  const silentBefore = addDays(today, -silentDays);
  const below = selfOffice(ctx)?.level !== '社区';
  const rows = [...groups.keys()].sort(by === '社区' ? (a, b) => a.localeCompare(b, 'zh-CN') : () => 0).map((name) => {
    const list = groups.get(name)!;
    const onTime = onTimeOf(list);
    const last = by === '社区' ? received.get(name) ?? null : null;
    return {
      ...rowOf(name, list),
      partyRequired: list.filter((h) => h.facts.needsPartyOrganisation).length,
      committeeTargetMet: bodyCoverageMet(list.filter((h) => committeeFormed(h.facts)).length, list.length),
      lastReceivedOn: last, silent: by === '社区' && below && (last === null || last < silentBefore),
      fundsBelowTopUp: list.filter((h) => h.facts.fund.belowTopUp > 0).length,
      contractsDue: countIn(list, contractsDue),
      mattersStalled: countIn(list, mattersStalled),
      reElectionDue: list.filter((h) => h.facts.committee !== null && h.facts.committee.state !== 'in-term').length,
      ...onTime,
    };
  });
  const total = rowOf('合计', held);
  const totalOnTime = onTimeOf(held);
  return {
    by, silentDays, rows, trend: wholeOffice ? rollupTrend(ctx) : [],
    total: {
      ...total, partyRequired: held.filter((h) => h.facts.needsPartyOrganisation).length, committeeTargetMet: bodyCoverageMet(total.committeesFormed, total.communities),
      planOnTimeRate: totalOnTime.planOnTimeRate, resolvedOnTimeRate: totalOnTime.resolvedOnTimeRate,
    },
  };
}

/** A 小区 as this office holds it: its office and its id there (a 小区's id is its own office's; the key is both). */
const placeKey = (officeId: string | null, communityId: string) => `${officeId ?? ''}:${communityId}`;

/**
 * How many received records of a kind match, per (office, 小区), counted by SQLite: the bodies were checked against
 * their schema when the package was imported, and reading thousands of them again per call cost the 汇总 more than
 * the rest together (`npm run bench -- levels`).
 */
function countByPlace(ctx: ServiceContext, kind: string, matches: SQL): Map<string, number> {
  const rows = ctx.db.select({ officeId: receivedRecords.officeId, communityId: receivedRecords.communityId, n: count() })
    .from(receivedRecords).where(and(eq(receivedRecords.kind, kind), matches))
    .groupBy(receivedRecords.officeId, receivedRecords.communityId).all();
  return new Map(rows.map((r) => [placeKey(r.officeId, r.communityId ?? ''), r.n]));
}

/** The received records of one kind, with their 小区 (at a 社区 office: none — its records are its own screens'). */
function recordsOf<T extends z.ZodType>(ctx: ServiceContext, kind: string, schema: T): { officeId: string; communityId: string; id: string; body: z.output<T> }[] {
  return ctx.db.select().from(receivedRecords).where(eq(receivedRecords.kind, kind)).all()
    .map((r) => ({ officeId: r.officeId, communityId: r.communityId ?? '', id: r.recordId, body: schema.parse(JSON.parse(r.body)) }));
}

/** The list behind one figure of the 汇总, for its row (a 社区 office's name or a type) or for all. */
export function rollupList(ctx: ServiceContext, q: z.output<typeof rollupListInput>, sees: Sees = everyone, today = todayInOffice()): z.output<typeof rollupListOut> {
  const held = heldCommunities(ctx, sees).filter((h) => q.group === null || (q.by === '社区' ? h.officeName : h.facts.type) === q.group);
  // The 小区's id there travels with each row (not a column): the screen opens its 一小区一档 from it.
  const place = (h: Held) => ({ office: h.officeName, community: h.facts.name, type: h.facts.type, communityId: h.communityId });
  const placeColumns = [{ key: 'office', header: '社区' }, { key: 'community', header: '小区' }, { key: 'type', header: '类型' }];
  const byId = new Map(held.map((h) => [placeKey(h.officeId, h.communityId), h]));
  const scope = `${q.group ?? '全部'}：`;
  switch (q.figure) {
    case 'communities': case 'committeesFormed': case 'committeesMissing': case 'partyMissing': case 'noManagement': case 'belowTopUp': case 'reElectionDue': {
      const figure = q.figure;
      const keep: Record<typeof figure, (f: Facts) => boolean> = {
        communities: () => true, committeesFormed: committeeFormed, committeesMissing: (f) => !committeeFormed(f), partyMissing: (f) => f.needsPartyOrganisation && !f.hasPartyOrganisation,
        noManagement: (f) => !f.propertyManagement, belowTopUp: (f) => f.fund.belowTopUp > 0, reElectionDue: (f) => f.committee !== null && f.committee.state !== 'in-term',
      };
      const titles: Record<typeof figure, string> = {
        communities: '小区', committeesFormed: '已成立业委会的小区', committeesMissing: '未成立业委会的小区', partyMissing: '应建未建党组织的小区', noManagement: '无物业管理的小区',
        belowTopUp: '有低于续筹线房屋的小区', reElectionDue: '业委会应换届或临近换届的小区',
      };
      return {
        title: scope + titles[figure],
        columns: [...placeColumns, { key: 'committee', header: '业委会' }, { key: 'party', header: '党组织' }, { key: 'management', header: '物业管理' },
          { key: 'belowTopUp', header: '低于续筹线户数' }, { key: 'termEnd', header: '业委会任期届满' }],
        rows: held.filter((h) => keep[figure](h.facts)).map((h) => ({
          ...place(h), committee: committeeFormed(h.facts) ? '已成立' : '未成立',
          party: h.facts.hasPartyOrganisation ? '已建立' : h.facts.needsPartyOrganisation ? '应建未建' : '不需要',
          management: h.facts.propertyManagement ? '有' : '无', belowTopUp: h.facts.fund.belowTopUp, termEnd: h.facts.committee?.termEnd ?? null,
        })),
      };
    }
    case 'issuesOpen':
      return {
        title: `${scope}未办结问题`, columns: [...placeColumns, { key: 'open', header: '未办结' }, { key: 'overdue', header: '逾期' }, { key: 'escalated', header: '上报街道' }],
        rows: held.filter((h) => h.facts.issues.open > 0).map((h) => ({ ...place(h), open: h.facts.issues.open, overdue: h.facts.issues.overdue, escalated: h.facts.issues.escalated })),
      };
    case 'escalatedHere': {
      const list = ctx.db.select().from(receivedRecords).where(and(eq(receivedRecords.kind, 'issue'), inArray(receivedRecords.communityId, held.map((h) => h.communityId)))).all()
        .filter((r) => byId.has(placeKey(r.officeId, r.communityId ?? '')));
      return {
        title: `${scope}上报街道的问题`, columns: [...placeColumns, { key: 'number', header: '编号' }, { key: 'title', header: '问题' }, { key: 'status', header: '状态' }, { key: 'due', header: '办结期限' }],
        rows: list.map((r) => {
          const b = JSON.parse(r.body) as { number: number; title: string; status: string; resolutionDue: string | null };
          return { ...place(byId.get(placeKey(r.officeId, r.communityId ?? ''))!), number: b.number, title: b.title, status: b.status, due: b.resolutionDue };
        }),
      };
    }
    case 'contractsDue': {
      const soon = addDays(today, 90);
      return {
        title: `${scope}90 日内到期的物业服务合同`, columns: [...placeColumns, { key: 'company', header: '物业服务企业' }, { key: 'end', header: '合同期满' }, { key: 'notice', header: '不续约通知截止' }],
        rows: recordsOf(ctx, 'contract', contractRecord).filter((c) => byId.has(placeKey(c.officeId, c.communityId)) && c.body.endDate >= today && c.body.endDate <= soon)
          .map((c) => ({ ...place(byId.get(placeKey(c.officeId, c.communityId))!), company: c.body.companyName, end: c.body.endDate, notice: c.body.nonRenewalNoticeBy })),
      };
    }
    case 'mattersStalled':
      return {
        title: `${scope}停滞的议事事项`, columns: [...placeColumns, { key: 'title', header: '事项' }, { key: 'step', header: '停在' }, { key: 'since', header: '自' }, { key: 'days', header: '天数' }],
        rows: recordsOf(ctx, 'matter', matterRecord).filter((m) => byId.has(placeKey(m.officeId, m.communityId)) && !m.body.done && m.body.overdue)
          .map((m) => ({ ...place(byId.get(placeKey(m.officeId, m.communityId))!), title: m.body.title, step: m.body.currentName, since: m.body.waitingSince, days: m.body.waitingDays })),
      };
  }
}

/** The list behind a figure as xlsx, in the screen's columns. */
export async function exportRollupList(ctx: ServiceContext, q: z.output<typeof rollupListInput>, sees: Sees = everyone, today = todayInOffice()) {
  const list = rollupList(ctx, q, sees, today);
  const ExcelJS = (await import('exceljs')).default;
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('汇总明细');
  sheet.addRow(list.columns.map((c) => c.header));
  sheet.getRow(1).font = { bold: true };
  for (const row of list.rows) addSafeRow(sheet, list.columns.map((c) => row[c.key] ?? ''));
  sheet.columns.forEach((c) => { c.width = 18; });
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return { fileName: `${list.title.replace(/[\\/:*?"<>|]/g, '')}-${today}.xlsx`, base64: Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64') };
}

/** The quarter a day is in: 2026-Q4. */
export const quarterOf = (day: string) => `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;

/** Keeps the roll-up as it stands now as its quarter's (inside the write that changed it). */
export function recordQuarter(ctx: ServiceContext, facts: readonly OutgoingRecord[] | null = null, today = todayInOffice()): void {
  // A 社区's export hands over the facts it just computed; an upper office reads its received ones.
  const self = selfOffice(ctx);
  const held = facts === null ? heldCommunities(ctx)
    : ownHeld(self, facts.filter((r) => r.kind === 'community'));
  const rows = rowsOf(ctx, held, '社区');
  const total = rowOf('合计', held);
  const values = { quarter: quarterOf(today), rows: JSON.stringify(rows), total: JSON.stringify(total), updatedAt: nowIso() };
  ctx.db.insert(rollupQuarters).values(values).onConflictDoUpdate({ target: rollupQuarters.quarter, set: values }).run();
}

/** Each quarter's totals, oldest first: the trend the 汇总 prints. */
export function rollupTrend(ctx: ServiceContext): { quarter: string; total: z.output<typeof rollupRow> }[] {
  return ctx.db.select().from(rollupQuarters).orderBy(rollupQuarters.quarter).all()
    .map((q) => ({ quarter: q.quarter, total: rollupRow.parse(JSON.parse(q.total)) }));
}
