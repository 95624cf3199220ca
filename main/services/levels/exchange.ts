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
import { PACKAGE_MAX_BYTES } from '../../../shared/domain/levels';
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
  /** Records left for the next package: this one is full. */
  remaining: number;
  sequence: number;
}

/** The records one package carries at most, in bytes of JSON: under PACKAGE_MAX_BYTES with room for the envelope. */
export const PACKAGE_RECORDS_BUDGET = PACKAGE_MAX_BYTES - 1024 * 1024;

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
    // Filled up to a budget: what does not fit goes in the next package (a street's to its district forwards every
    // package its 社区 sent until the district acknowledges them).
    let bytes = 0;
    let remaining = 0;
    const take = (key: string, record: unknown, hash: string) => {
      const size = Buffer.byteLength(JSON.stringify(record));
      if (records.length > 0 && bytes + size > PACKAGE_RECORDS_BUDGET) {
        remaining += 1;
        return;
      }
      bytes += size;
      records.push(record);
      mark(key, hash);
    };
    for (const r of all) {
      const key = `${r.kind}:${r.id}`;
      present.add(key);
      const hash = hashOf(r);
      const row = known.get(key);
      // Not sent again only when the receiver has it as it is now: acknowledged, and nothing else sent since.
      if (row?.acknowledgedHash === hash && (row.sentHash === null || row.sentHash === hash)) continue;
      take(key, r, hash);
    }
    for (const [key, row] of known) {
      if (present.has(key) || (row.acknowledgedHash === DELETED && row.sentHash === DELETED)) continue;
      if (row.acknowledgedHash === null && row.sentHash === null) continue;
      const [kind, ...rest] = key.split(':');
      take(key, { kind, id: rest.join(':'), communityId: null, deleted: true }, DELETED);
    }
    const text = signPackage(ctx, { name: to.name, level: to.level as OfficeLevel }, sequence, to.lastImported, records, createdAt);
    ctx.db.update(offices).set({ lastSent: sequence, updatedAt: createdAt }).where(eq(offices.id, to.id)).run();
    if (self.level === '社区') recordQuarter(ctx, all);
    tx.audit({ action: 'export', entity: 'exchange_package', entityId: to.id, after: { to: to.name, sequence, records: records.length, remaining } });
    const day = createdAt.slice(0, 10).replaceAll('-', '');
    return { fileName: `交换包-${self.name}-至-${to.name}-${day}-第${sequence}号.sfx`, text, records: records.length, remaining, sequence };
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
    const { body, hash, alreadyImported } = verifyPackage(ctx, text, lastImportedFrom(ctx));
    if (alreadyImported) return { from: body.from.name, records: 0, skipped: body.records.length, sequence: body.sequence };
    const from = officeByName(ctx, body.from.name)!;
    if (body.from.level !== from.level) throw new AppError('REFUSED', `交换包自称来自${body.from.level}，但“${from.name}”登记为${from.level}：不予导入`);
    takeAcknowledgement(ctx, from, body.acknowledges);
    const counts = applyRecords(ctx, tx, self, from, body, KINDS_FROM[`${from.level}>${self.level}`] ?? [], '交换包');
    ctx.db.update(offices).set({
      lastImported: body.sequence, lastImportedHash: hash, lastReceivedAt: receivedAt, publicKey: from.publicKey ?? body.from.publicKey, updatedAt: receivedAt,
    }).where(eq(offices.id, from.id)).run();
    if (self.level === '街道' && from.level === '社区') {
      ctx.db.insert(receivedPackages).values({ id: newId(), officeId: from.id, sequence: body.sequence, text, receivedAt }).run();
    }
    if (self.level !== '社区') recordQuarter(ctx);
    tx.audit({ action: 'import', entity: 'exchange_package', entityId: from.id, after: { from: from.name, sequence: body.sequence, ...counts } });
    return { from: from.name, ...counts, sequence: body.sequence };
  });
}

const lastImportedFrom = (ctx: ServiceContext) => (name: string) => {
  const o = officeByName(ctx, name);
  return { sequence: o?.lastImported ?? 0, hash: o?.lastImportedHash ?? null };
};

/**
 * The last of this office's packages the sender had imported when it made its own. Records sent up to it are the
 * receiver's now. One lower than before means the receiver went back (a restored backup): everything is sent again.
 */
function takeAcknowledgement(ctx: ServiceContext, from: OfficeRow, acknowledges: number): void {
  if (acknowledges > from.lastSent) {
    throw new AppError('REFUSED', `交换包确认收到本办公室发给“${from.name}”的第 ${acknowledges} 号，但本办公室只发出到第 ${from.lastSent} 号：不予导入`);
  }
  if (acknowledges < from.acknowledged) {
    ctx.db.update(exchangeSent).set({ acknowledgedHash: null }).where(eq(exchangeSent.officeId, from.id)).run();
  } else if (acknowledges > from.acknowledged) {
    for (const r of ctx.db.select().from(exchangeSent).where(and(eq(exchangeSent.officeId, from.id), lte(exchangeSent.sentIn, acknowledges))).all()) {
      ctx.db.update(exchangeSent).set({ acknowledgedHash: r.sentHash }).where(and(eq(exchangeSent.officeId, from.id), eq(exchangeSent.recordKey, r.recordKey))).run();
    }
  }
  ctx.db.update(offices).set({ acknowledged: acknowledges }).where(eq(offices.id, from.id)).run();
}

/** Every record of a verified package, as `origin`'s: each checked against its kind's schema, or the package refused. */
function applyRecords(
  ctx: ServiceContext, tx: WriteScope, self: { id: string; name: string; level: OfficeLevel }, origin: OfficeRow, body: PackageBody,
  allowed: readonly RecordKind[], what: string,
): { records: number; skipped: number } {
  let records = 0;
  let skipped = 0;
  body.records.forEach((raw, index) => {
    const where = `${what}第 ${index + 1} 条记录`;
    const parsed = packageRecord.safeParse(raw);
    if (!parsed.success) throw new AppError('REFUSED', `${where}无法读取：不予导入`);
    const r = parsed.data;
    if (!allowed.includes(r.kind as RecordKind)) throw new AppError('REFUSED', `${where}是“${r.kind}”，${origin.level}办公室不向${self.level}办公室发送这类记录：不予导入`);
    const kind = r.kind as RecordKind;
    if (r.deleted) {
      records += removeRecord(ctx, origin.id, kind, r.id);
      return;
    }
    const checked = RECORD_BODIES[kind].safeParse(r.body);
    if (!checked.success) throw new AppError('REFUSED', `${where}（${kind}）内容不完整：${checked.error.issues[0]?.message ?? ''}，不予导入`);
    const applied = applyRecord(ctx, tx, self, origin, { kind, id: r.id, communityId: r.communityId, body: checked.data }, body.sequence);
    records += applied.records;
    skipped += applied.skipped;
  });
  return { records, skipped };
}

function removeRecord(ctx: ServiceContext, officeId: string, kind: RecordKind, id: string): number {
  return ctx.db.delete(receivedRecords).where(and(eq(receivedRecords.officeId, officeId), eq(receivedRecords.kind, kind), eq(receivedRecords.recordId, id))).run().changes;
}

function applyRecord(
  ctx: ServiceContext, tx: WriteScope, self: { id: string; name: string; level: OfficeLevel }, from: OfficeRow,
  r: { kind: RecordKind; id: string; communityId: string | null; body: unknown }, sequence: number,
): { records: number; skipped: number } {
  const receivedAt = nowIso();
  switch (r.kind) {
    case 'answer': return answerArrived(ctx, tx, from, r.id, r.body as z.output<typeof answerRecord>);
    case 'office': return officeVouched(ctx, tx, from, r.body as z.output<typeof officeRecord>);
    case 'forwarded': return forwardedArrived(ctx, tx, self, from, (r.body as { text: string }).text);
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

/**
 * The street's answer to one of this office's escalated issues: an event of the issue's history, the street's. An
 * answer to an issue this office does not hold (its data restored from before the escalation) is skipped, not a
 * reason to refuse the street's package — answers are never taken back, and that would block every later one.
 */
function answerArrived(ctx: ServiceContext, tx: WriteScope, from: OfficeRow, id: string, a: z.output<typeof answerRecord>): { records: number; skipped: number } {
  const issue = ctx.db.select({ id: issues.id }).from(issues).where(eq(issues.id, a.issueId)).get();
  if (!issue) return { records: 0, skipped: 1 };
  if (ctx.db.select({ id: issueEvents.id }).from(issueEvents).where(eq(issueEvents.id, id)).get()) return { records: 0, skipped: 1 };
  const reason = [a.department && `部门：${a.department}`, a.due && `期限：${a.due}`, a.text].filter(Boolean).join('；');
  ctx.db.insert(issueEvents).values({ id, issueId: a.issueId, at: a.at, kind: 'answer', fromValue: null, toValue: a.kind, reason, author: `${from.name}（${a.author}）`, officeId: from.id }).run();
  tx.audit({ action: 'answer', entity: 'issue', entityId: a.issueId, after: { from: from.name, ...a } });
  return { records: 1, skipped: 0 };
}

/**
 * At a district: a 社区 office its street registered, known by the key in the street's signed package. Only a 社区,
 * only under a name nobody else holds here: the district's own registrations and another street's 社区 win, and the
 * package saying otherwise is refused naming both.
 */
function officeVouched(ctx: ServiceContext, tx: WriteScope, street: OfficeRow, o: z.output<typeof officeRecord>): { records: number; skipped: number } {
  if (codeOfPublicKey(o.publicKey) !== o.code) throw new AppError('REFUSED', `“${street.name}”登记的“${o.name}”的代码与其密钥不符：不予导入`);
  const known = officeByName(ctx, o.name);
  if (known) {
    if (known.code === o.code && known.viaOfficeId === street.id) return { records: 0, skipped: 1 };
    const holder = known.self ? '本办公室' : known.viaOfficeId === null ? '本办公室直接登记的办公室' : `“${known.aboveName ?? ''}”登记的社区`;
    throw new AppError('REFUSED', `“${street.name}”登记的“${o.name}”与${holder}同名（代码 ${known.code}）：不予导入，请与该街道核实名称`);
  }
  const now = nowIso();
  const id = newId();
  ctx.db.insert(offices).values({ id, name: o.name, level: o.level, self: false, aboveName: street.name, code: o.code, publicKey: o.publicKey, viaOfficeId: street.id, createdAt: now, updatedAt: now }).run();
  tx.audit({ action: 'register', entity: 'office', entityId: id, after: { name: o.name, level: o.level, code: o.code, via: street.name } });
  return { records: 1, skipped: 0 };
}

/**
 * At a district: a 社区's package as its street received it — verified as the 社区's (its key as the street
 * vouched for it, addressed to that street), one already here skipped, its records the 社区's own.
 */
function forwardedArrived(ctx: ServiceContext, tx: WriteScope, self: { id: string; name: string; level: OfficeLevel }, street: OfficeRow, text: string): { records: number; skipped: number } {
  const { body, hash } = verifyPackage(ctx, text, () => ({ sequence: 0, hash: null }), { to: street.name, registeredVia: street.id });
  const origin = officeByName(ctx, body.from.name)!;
  if (body.sequence <= origin.lastImported) return { records: 0, skipped: 1 };
  const counts = applyRecords(ctx, tx, self, origin, body, KINDS_FROM['社区>街道']!, `“${origin.name}”的交换包`);
  const at = nowIso();
  ctx.db.update(offices).set({ lastImported: body.sequence, lastImportedHash: hash, lastReceivedAt: at, updatedAt: at }).where(eq(offices.id, origin.id)).run();
  return counts;
}
