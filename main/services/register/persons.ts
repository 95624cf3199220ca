/**
 * Persons (owners) of a community. Lists show documents and phones masked (from the stored masked
 * forms: they never need the key); a person's own page (viewPerson) is the only place with the full
 * values, opened in main and audited. How they are stored: main/security/personal-data.ts.
 */
import { and, eq, or, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { newId } from '../../db/ids';
import { AppError } from '../../../shared/contract/errors';
import { formatHundredths } from '../../../shared/domain/area';
import { checkDocument, maskDocument, normalizePhone } from '../../../shared/domain/identity';
import { nowIso } from '../../db/clock';
import { ownerships, parts, persons } from '../../db/schema/register';
import { auditedPerson, documentHash, openPerson, sealPerson, searchHashes } from '../../security/personal-data';
import { getCommunity } from './communities';
import { auditView, write, type Actor, type ServiceContext } from '../context';
import { partsHeldBy, refreshPartCaches } from './part-cache';
import { refuseStale } from '../record-revisions';

export interface MaskedOwner {
  personId: string;
  name: string;
  document: string;
  phone: string;
}

export function maskOwner(p: { id: string; name: string; documentMasked: string | null; phoneMasked: string | null }): MaskedOwner {
  return { personId: p.id, name: p.name, document: p.documentMasked ?? '', phone: p.phoneMasked ?? '' };
}

function personRow(ctx: ServiceContext, id: string) {
  const row = ctx.db.select().from(persons).where(eq(persons.id, id)).get();
  if (!row) throw new AppError('NOT_FOUND', '找不到这位业主，可能已被删除');
  return row;
}

/**
 * The person, with the full document and phone (opened here, in main) when `full` — for a caller holding
 * 查看完整证件号与电话 (shared/domain/permissions.ts 'personal.full') — else their masked forms, as lists show them.
 */
export function getPerson(ctx: ServiceContext, id: string, full = true) {
  const row = personRow(ctx, id);
  const shown = full ? openPerson(ctx.keys, row) : { document: row.documentMasked, phone: row.phoneMasked };
  const held = ctx.db
    .select({ partId: parts.id, address: parts.address, area: parts.area, startDate: ownerships.startDate, endDate: ownerships.endDate })
    .from(ownerships).innerJoin(parts, eq(parts.id, ownerships.partId)).where(eq(ownerships.personId, id))
    .orderBy(sql`${ownerships.endDate} is not null`, parts.sortKey).all();
  return {
    id: row.id, communityId: row.communityId, name: row.name, revision: row.revision,
    document: shown.document ?? '', documentKind: row.documentKind ?? '', phone: shown.phone ?? '',
    parts: held.map((h) => ({ ...h, area: formatHundredths(h.area), current: h.endDate === null })),
  };
}

/**
 * A person's own page: the full values only to whom `mayFull` allows on the person's community, and for each
 * full value shown an audit row of who saw whose (PIPL: a record of processing) — 查看完整证件号 and 查看完整电话
 * on the audit screen. Anyone else gets the masked forms and leaves no row: nothing personal was shown.
 */
export function viewPerson(ctx: ServiceContext, actor: Actor, id: string, mayFull: (communityId: string) => boolean = () => true) {
  const row = personRow(ctx, id);
  const full = mayFull(row.communityId);
  const person = getPerson(ctx, id, full);
  if (full) {
    const whose = { name: person.name, communityId: person.communityId };
    if (row.document !== null) auditView(ctx, actor, { action: 'view-full-document', entity: 'person', entityId: id, after: whose });
    if (row.phone !== null) auditView(ctx, actor, { action: 'view-full-phone', entity: 'person', entityId: id, after: whose });
  }
  return person;
}

interface PersonFields {
  name: string;
  document: string;
  phone: string;
}

/** Normalise and check a form's document and phone (the contract has checked their shape already). */
function normalizeFields(fields: PersonFields) {
  let document: string | null = null;
  let documentKind: string | null = null;
  if (fields.document !== '') {
    const checked = checkDocument(fields.document);
    if (!checked.ok) throw AppError.field('VALIDATION', 'document', checked.message, '证件号码');
    document = checked.value;
    documentKind = checked.kind;
  }
  let phone: string | null = null;
  if (fields.phone !== '') {
    const checked = normalizePhone(fields.phone);
    if (!checked.ok) throw AppError.field('VALIDATION', 'phone', checked.message, '联系电话');
    phone = checked.value;
  }
  return { name: fields.name, document, documentKind, phone };
}

function refuseDuplicateDocument(ctx: ServiceContext, communityId: string, document: string | null, exceptId?: string): void {
  if (document === null) return;
  const hash = documentHash(ctx.keys, document);
  const other = ctx.db.select().from(persons).where(and(eq(persons.communityId, communityId), eq(persons.documentHash, hash))).get();
  if (other && other.id !== exceptId) {
    throw new AppError('REFUSED', `证件号码 ${maskDocument(document)} 已登记为“${other.name}”，同一证件号码只能对应一位业主`);
  }
}

/** Create and update answer with the values just saved: full to whom may see them (they typed them), masked to others. */
export function createPerson(ctx: ServiceContext, actor: Actor, input: PersonFields & { communityId: string }, full = true) {
  getCommunity(ctx, input.communityId);
  const fields = normalizeFields(input);
  const id = write(ctx, actor, (tx) => {
    refuseDuplicateDocument(ctx, input.communityId, fields.document);
    const now = nowIso();
    const id = newId();
    ctx.db.insert(persons).values({
      id, communityId: input.communityId, name: fields.name, documentKind: fields.documentKind,
      ...sealPerson(ctx.keys, id, fields), createdAt: now, updatedAt: now,
    }).run();
    tx.audit({ action: 'create', entity: 'person', entityId: id, after: { ...auditedPerson(fields), communityId: input.communityId } });
    return id;
  });
  return getPerson(ctx, id, full);
}

export function updatePerson(ctx: ServiceContext, actor: Actor, input: PersonFields & { id: string; expectedRevision?: number | undefined }, full = true) {
  const fields = normalizeFields(input);
  write(ctx, actor, (tx) => {
    const before = personRow(ctx, input.id);
    refuseStale(ctx, 'person', before, input.expectedRevision);
    refuseDuplicateDocument(ctx, before.communityId, fields.document, input.id);
    ctx.db.update(persons).set({
      name: fields.name, documentKind: fields.documentKind, ...sealPerson(ctx.keys, input.id, fields), updatedAt: nowIso(),
    }).where(eq(persons.id, input.id)).run();
    refreshPartCaches(ctx.sqlite, partsHeldBy(ctx.sqlite, input.id));
    tx.audit({
      action: 'update', entity: 'person', entityId: input.id,
      before: { name: before.name, document: before.documentMasked, phone: before.phoneMasked }, after: auditedPerson(fields),
    });
  });
  return getPerson(ctx, input.id, full);
}

/** LIKE pattern matching the text anywhere, with the user's % and _ taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** `column like pattern` with containsPattern's escape character (drizzle's like() has no escape clause). */
export const likeLiterally = (column: SQLWrapper, pattern: string): SQL => sql`${column} like ${pattern} escape '\\'`;

/** `column in` the values of a JSON array: one bound parameter however many (a whole community's part ids). */
export const inJsonArray = (column: SQLWrapper, values: readonly string[] | string): SQL =>
  sql`${column} in (select value from json_each(${typeof values === 'string' ? values : JSON.stringify(values)}))`;

/**
 * By name, by the visible digits of a masked document or phone (`330105`, `5678`), or by a full
 * document or phone, matched on its keyed hash.
 */
export function searchPersons(ctx: ServiceContext, input: { communityId: string; search: string; limit: number }): MaskedOwner[] {
  const like = containsPattern(input.search);
  const hashes = JSON.stringify(input.search === '' ? [] : searchHashes(ctx.keys, input.search));
  return ctx.db
    .select({ id: persons.id, name: persons.name, documentMasked: persons.documentMasked, phoneMasked: persons.phoneMasked })
    .from(persons)
    .where(and(eq(persons.communityId, input.communityId), or(
      likeLiterally(persons.name, like), likeLiterally(persons.phoneMasked, like), likeLiterally(persons.documentMasked, like),
      inJsonArray(persons.documentHash, hashes), inJsonArray(persons.phoneHash, hashes),
    )))
    .orderBy(persons.name).limit(input.limit).all()
    .map(maskOwner);
}
