/**
 * Exchange between offices by signed files (issue 18, docs/domain.md §10): what this office sends to another, and
 * what it takes from another's package. The envelope — signature, sender, receiver, sequence — is packages.ts's.
 *
 * What travels, by direction:
 *   社区 → 街道   every 小区's facts and records (reports.ts);
 *   街道 → 区     the street's 社区 offices (name, level, key) and each package received from them, whole and still
 *                signed by its origin, so the district verifies every record as its origin's;
 *   街道 → 社区   the street's answers to that 社区's escalated issues, and the street's notices;
 *   区 → 街道     the district's notices.
 *
 * Incremental: a package holds the records whose content differs from what the receiver acknowledged (exchange_sent),
 * so a change, or a record sent and not yet acknowledged, goes (again); a record gone here goes as deleted. The
 * acknowledgement is the next package the other way: it names the last sequence its sender imported. Importing a
 * package is one transaction: all of it or, refused, none of it.
 */
import { createHash } from 'node:crypto';
import { and, eq, isNotNull, lte } from 'drizzle-orm';
import type { z } from 'zod';
import { AppError } from '../../../shared/contract/errors';
import { packageRecord, RECORD_BODIES, type answerRecord, type noticeRecord, type officeRecord, type RecordKind } from '../../../shared/contract/levels';
import { nowIso } from '../../db/clock';
import { newId } from '../../db/ids';
import { exchangeSent, issueAnswers, officeNotices, offices, receivedPackages, receivedRecords } from '../../db/schema/levels';
import { issueEvents, issues } from '../../db/schema/office';
import { write, type Actor, type ServiceContext, type WriteScope } from '../context';
import { codeOfPublicKey, officeByName, selfOffice, type OfficeLevel } from './offices';
import { canonicalJson, signPackage, verifyPackage, type PackageBody } from './packages';
import { upwardRecords, type OutgoingRecord } from './reports';
import { recordQuarter } from './rollup';

type OfficeRow = typeof offices.$inferSelect;

/** The kinds a package may carry, by the sender's level and the receiver's. */
const KINDS_FROM: Record<string, readonly RecordKind[]> = {
  '社区>街道': ['community', 'meeting', 'matter', 'vote', 'contract', 'issue'],
  '街道>区': ['office', 'forwarded'],
  '街道>社区': ['answer', 'notice'],
  '区>街道': ['notice'],
};

function recordsFor(ctx: ServiceContext, self: { level: OfficeLevel }, to: OfficeRow): OutgoingRecord[] {
  const route = `${self.level}>${to.level}`;
  if (route === '社区>街道') return upwardRecords(ctx);
  if (route === '街道>区') {
    const below = ctx.db.select().from(offices).where(and(eq(offices.self, false), eq(offices.level, '社区'), isNotNull(offices.publicKey))).all();
    const known: OutgoingRecord[] = below.map((o) => ({
      kind: 'office', id: o.id, communityId: null,
      body: { name: o.name, level: '社区', code: o.code, publicKey: o.publicKey! } satisfies z.input<typeof officeRecord>,
    }));
    const forwarded = ctx.db.select().from(receivedPackages).orderBy(receivedPackages.officeId, receivedPackages.sequence).all()
      .map((p): OutgoingRecord => ({ kind: 'forwarded', id: p.id, communityId: null, body: { text: p.text } }));
    return [...known, ...forwarded];
  }
  const notices = ctx.db.select().from(officeNotices).orderBy(officeNotices.sentOn).all().map((n): OutgoingRecord => ({
    kind: 'notice', id: n.id, communityId: null, body: { title: n.title, body: n.body, sentOn: n.sentOn } satisfies z.input<typeof noticeRecord>,
  }));
  if (route === '区>街道') return notices;
  if (route === '街道>社区') {
    const answers = ctx.db.select().from(issueAnswers).where(eq(issueAnswers.officeId, to.id)).orderBy(issueAnswers.at).all().map((a): OutgoingRecord => ({
      kind: 'answer', id: a.id, communityId: null,
      body: { issueId: a.issueId, kind: a.kind as z.input<typeof answerRecord>['kind'], department: a.department, due: a.due, text: a.text, at: a.at, author: a.author },
    }));
    return [...answers, ...notices];
  }
  return [];
}

const hashOf = (r: unknown) => createHash('sha256').update(canonicalJson(r)).digest('hex');
const DELETED = 'deleted';

/** The office a package may go to: registered here, directly below, or this office's own above. */
function peerByName(ctx: ServiceContext, name: string): OfficeRow {
  const row = officeByName(ctx, name);
  if (!row || row.self || row.viaOfficeId !== null) throw AppError.field('REFUSED', 'to', `“${name}”没有在本办公室登记：请先核实对方的代码并登记（office register）`);
  return row;
}

export interface ExportedPackage {
  fileName: string;
  text: string;
  records: number;
  sequence: number;
}

/** This office's next package to `toName`: what changed since the last one it acknowledged. */
export function exportPackage(ctx: ServiceContext, actor: Actor, toName: string, createdAt = nowIso()): ExportedPackage {
  const self = selfOffice(ctx);
  if (!self) throw new AppError('REFUSED', '本机还没有设定为办公室：请先运行 office init');
  const to = peerByName(ctx, toName.trim());
  const all = recordsFor(ctx, self, to);
  return write(ctx, actor, (tx) => {
    const sequence = to.lastSent + 1;
    const known = new Map(ctx.db.select().from(exchangeSent).where(eq(exchangeSent.officeId, to.id)).all().map((r) => [r.recordKey, r]));
    const records: unknown[] = [];
    const mark = (key: string, hash: string) => {
      ctx.db.insert(exchangeSent).values({ officeId: to.id, recordKey: key, sentHash: hash, sentIn: sequence })
        .onConflictDoUpdate({ target: [exchangeSent.officeId, exchangeSent.recordKey], set: { sentHash: hash, sentIn: sequence } }).run();
    };
    const present = new Set<string>();
    for (const r of all) {
      const key = `${r.kind}:${r.id}`;
      present.add(key);
      const hash = hashOf(r);
      if (known.get(key)?.acknowledgedHash === hash) continue;
      records.push(r);
      mark(key, hash);
    }
    for (const [key, row] of known) {
      if (present.has(key) || row.acknowledgedHash === DELETED || row.acknowledgedHash === null) continue;
      const [kind, ...rest] = key.split(':');
      records.push({ kind, id: rest.join(':'), communityId: null, deleted: true });
      mark(key, DELETED);
    }
    const text = signPackage(ctx, { name: to.name, level: to.level as OfficeLevel }, sequence, to.lastImported, records, createdAt);
    ctx.db.update(offices).set({ lastSent: sequence, updatedAt: createdAt }).where(eq(offices.id, to.id)).run();
    if (self.level === '社区') recordQuarter(ctx);
    tx.audit({ action: 'export', entity: 'exchange_package', entityId: to.id, after: { to: to.name, sequence, records: records.length } });
    const day = createdAt.slice(0, 10).replaceAll('-', '');
    return { fileName: `交换包-${self.name}-至-${to.name}-${day}-第${sequence}号.sfx`, text, records: records.length, sequence };
  });
}

export interface ImportResult {
  from: string;
  records: number;
  skipped: number;
  sequence: number;
}

/** Takes another office's package, whole or not at all. The same package again changes nothing. */
export function importPackage(ctx: ServiceContext, actor: Actor, text: string, receivedAt = nowIso()): ImportResult {
  const self = selfOffice(ctx);
  if (!self) throw new AppError('REFUSED', '本机还没有设定为办公室：请先运行 office init');
  return write(ctx, actor, (tx) => {
    const { body, alreadyImported } = verifyPackage(ctx, text, (name) => officeByName(ctx, name)?.lastImported ?? 0);
    if (alreadyImported) return { from: body.from.name, records: 0, skipped: body.records.length, sequence: body.sequence };
    const from = officeByName(ctx, body.from.name)!;
    const counts = applyPackage(ctx, tx, self, from, body, receivedAt);
    if (self.level === '街道' && from.level === '社区') {
      ctx.db.insert(receivedPackages).values({ id: newId(), officeId: from.id, sequence: body.sequence, text, receivedAt }).run();
    }
    if (self.level !== '社区') recordQuarter(ctx);
    tx.audit({ action: 'import', entity: 'exchange_package', entityId: from.id, after: { from: from.name, sequence: body.sequence, ...counts } });
    return { from: from.name, ...counts, sequence: body.sequence };
  });
}

/** One verified package's records, its acknowledgement and its place in the sender's sequence. */
function applyPackage(ctx: ServiceContext, tx: WriteScope, self: { id: string; name: string; level: OfficeLevel }, from: OfficeRow, body: PackageBody, receivedAt: string): { records: number; skipped: number } {
  if (body.from.level !== from.level) throw new AppError('REFUSED', `交换包自称来自${body.from.level}，但“${from.name}”登记为${from.level}：不予导入`);
  if (body.acknowledges > from.lastSent) {
    throw new AppError('REFUSED', `交换包确认收到本办公室发给“${from.name}”的第 ${body.acknowledges} 号，但本办公室只发出到第 ${from.lastSent} 号：不予导入`);
  }
  if (body.acknowledges > from.acknowledged) {
    const acked = ctx.db.select().from(exchangeSent).where(and(eq(exchangeSent.officeId, from.id), lte(exchangeSent.sentIn, body.acknowledges))).all();
    for (const r of acked) {
      ctx.db.update(exchangeSent).set({ acknowledgedHash: r.sentHash }).where(and(eq(exchangeSent.officeId, from.id), eq(exchangeSent.recordKey, r.recordKey))).run();
    }
  }
  const allowed = KINDS_FROM[`${from.level}>${self.level}`] ?? [];
  let records = 0;
  let skipped = 0;
  body.records.forEach((raw, index) => {
    const parsed = packageRecord.safeParse(raw);
    const where = `交换包第 ${index + 1} 条记录`;
    if (!parsed.success) throw new AppError('REFUSED', `${where}无法读取：不予导入`);
    const r = parsed.data;
    if (!allowed.includes(r.kind as RecordKind)) throw new AppError('REFUSED', `${where}是“${r.kind}”，${from.level}办公室不向${self.level}办公室发送这类记录：不予导入`);
    const kind = r.kind as RecordKind;
    if (r.deleted) {
      records += removeRecord(ctx, from.id, kind, r.id);
      return;
    }
    const checked = RECORD_BODIES[kind].safeParse(r.body);
    if (!checked.success) throw new AppError('REFUSED', `${where}（${kind}）内容不完整：${checked.error.issues[0]?.message ?? ''}，不予导入`);
    const applied = applyRecord(ctx, tx, self, from, { kind, id: r.id, communityId: r.communityId, body: checked.data }, body.sequence, receivedAt);
    records += applied.records;
    skipped += applied.skipped;
  });
  ctx.db.update(offices).set({
    lastImported: body.sequence, lastReceivedAt: receivedAt, publicKey: from.publicKey ?? body.from.publicKey,
    acknowledged: Math.max(from.acknowledged, body.acknowledges), updatedAt: receivedAt,
  }).where(eq(offices.id, from.id)).run();
  return { records, skipped };
}

function removeRecord(ctx: ServiceContext, officeId: string, kind: RecordKind, id: string): number {
  return ctx.db.delete(receivedRecords).where(and(eq(receivedRecords.officeId, officeId), eq(receivedRecords.kind, kind), eq(receivedRecords.recordId, id))).run().changes;
}

function applyRecord(
  ctx: ServiceContext, tx: WriteScope, self: { id: string; name: string; level: OfficeLevel }, from: OfficeRow,
  r: { kind: RecordKind; id: string; communityId: string | null; body: unknown }, sequence: number, receivedAt: string,
): { records: number; skipped: number } {
  switch (r.kind) {
    case 'answer': return answerArrived(ctx, tx, from, r.id, r.body as z.output<typeof answerRecord>);
    case 'office': return officeVouched(ctx, tx, from, r.body as z.output<typeof officeRecord>);
    case 'forwarded': return forwardedArrived(ctx, tx, self, from, (r.body as { text: string }).text, receivedAt);
    default: {
      const json = JSON.stringify(r.body);
      const stored = ctx.db.select({ body: receivedRecords.body }).from(receivedRecords)
        .where(and(eq(receivedRecords.officeId, from.id), eq(receivedRecords.kind, r.kind), eq(receivedRecords.recordId, r.id))).get();
      if (stored?.body === json) return { records: 0, skipped: 1 };
      ctx.db.insert(receivedRecords).values({ officeId: from.id, kind: r.kind, recordId: r.id, communityId: r.communityId, body: json, sequence, receivedAt })
        .onConflictDoUpdate({ target: [receivedRecords.officeId, receivedRecords.kind, receivedRecords.recordId], set: { communityId: r.communityId, body: json, sequence, receivedAt } }).run();
      return { records: 1, skipped: 0 };
    }
  }
}

/** The street's answer to one of this office's escalated issues: an event of the issue's history, the street's. */
function answerArrived(ctx: ServiceContext, tx: WriteScope, from: OfficeRow, id: string, a: z.output<typeof answerRecord>): { records: number; skipped: number } {
  const issue = ctx.db.select({ id: issues.id }).from(issues).where(eq(issues.id, a.issueId)).get();
  if (!issue) throw new AppError('REFUSED', `“${from.name}”答复的问题（${a.issueId}）不在本办公室的问题台账中：不予导入`);
  if (ctx.db.select({ id: issueEvents.id }).from(issueEvents).where(eq(issueEvents.id, id)).get()) return { records: 0, skipped: 1 };
  const reason = [a.department && `部门：${a.department}`, a.due && `期限：${a.due}`, a.text].filter(Boolean).join('；');
  ctx.db.insert(issueEvents).values({ id, issueId: a.issueId, at: a.at, kind: 'answer', fromValue: null, toValue: a.kind, reason, author: `${from.name}（${a.author}）`, officeId: from.id }).run();
  tx.audit({ action: 'answer', entity: 'issue', entityId: a.issueId, after: { from: from.name, ...a } });
  return { records: 1, skipped: 0 };
}

/** At a district: a 社区 office its street registered, known by the key in the street's signed package. */
function officeVouched(ctx: ServiceContext, tx: WriteScope, street: OfficeRow, o: z.output<typeof officeRecord>): { records: number; skipped: number } {
  if (codeOfPublicKey(o.publicKey) !== o.code) throw new AppError('REFUSED', `“${street.name}”登记的“${o.name}”的代码与其密钥不符：不予导入`);
  const known = officeByName(ctx, o.name);
  if (known) {
    if (known.code === o.code && known.viaOfficeId === street.id) return { records: 0, skipped: 1 };
    throw new AppError('REFUSED', `“${street.name}”登记的“${o.name}”与本办公室已知的不同（代码 ${known.code}）：不予导入，请核实`);
  }
  const now = nowIso();
  const id = newId();
  ctx.db.insert(offices).values({ id, name: o.name, level: o.level, self: false, aboveName: street.name, code: o.code, publicKey: o.publicKey, viaOfficeId: street.id, createdAt: now, updatedAt: now }).run();
  tx.audit({ action: 'register', entity: 'office', entityId: id, after: { name: o.name, level: o.level, code: o.code, via: street.name } });
  return { records: 1, skipped: 0 };
}

/**
 * At a district: a 社区's package as its street received it — verified as the 社区's (its key as the street
 * vouched for it, addressed to that street), older ones already here skipped, its records the 社区's own.
 */
function forwardedArrived(ctx: ServiceContext, tx: WriteScope, self: { id: string; name: string; level: OfficeLevel }, street: OfficeRow, text: string, receivedAt: string): { records: number; skipped: number } {
  const { body } = verifyPackage(ctx, text, () => 0, { to: street.name, registeredVia: street.id });
  const origin = officeByName(ctx, body.from.name)!;
  if (body.sequence <= origin.lastImported) return { records: 0, skipped: 1 };
  const allowed = KINDS_FROM['社区>街道']!;
  let records = 0;
  let skipped = 0;
  body.records.forEach((raw, index) => {
    const parsed = packageRecord.safeParse(raw);
    if (!parsed.success || !allowed.includes(parsed.data.kind as RecordKind)) throw new AppError('REFUSED', `“${origin.name}”的交换包第 ${index + 1} 条记录无法读取：不予导入`);
    const kind = parsed.data.kind as RecordKind;
    if (parsed.data.deleted) {
      records += removeRecord(ctx, origin.id, kind, parsed.data.id);
      return;
    }
    const checked = RECORD_BODIES[kind].safeParse(parsed.data.body);
    if (!checked.success) throw new AppError('REFUSED', `“${origin.name}”的交换包第 ${index + 1} 条记录内容不完整：不予导入`);
    const applied = applyRecord(ctx, tx, self, origin, { kind, id: parsed.data.id, communityId: parsed.data.communityId, body: checked.data }, body.sequence, receivedAt);
    records += applied.records;
    skipped += applied.skipped;
  });
  ctx.db.update(offices).set({ lastImported: body.sequence, lastReceivedAt: receivedAt, updatedAt: receivedAt }).where(eq(offices.id, origin.id)).run();
  return { records, skipped };
}

