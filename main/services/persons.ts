/**
 * Persons (owners) of a community. Lists show documents and phones masked; a
 * person's own page (getPerson) is the only place with the full values.
 */
import { and, eq } from 'drizzle-orm';
import { newId } from '../db/ids';
import { AppError } from '../../shared/contract/errors';
import { formatHundredths } from '../../shared/domain/area';
import { checkDocument, maskDocument, maskPhone, normalizePhone } from '../../shared/domain/identity';
import { nowIso } from '../db/clock';
import { persons } from '../db/schema';
import { getCommunity } from './communities';
import { write, type Actor, type ServiceContext } from './context';
import { partsHeldBy, refreshPartCaches } from './part-cache';

export interface MaskedOwner {
  personId: string;
  name: string;
  document: string;
  phone: string;
}

export function maskOwner(p: { id: string; name: string; document: string | null; phone: string | null }): MaskedOwner {
  return { personId: p.id, name: p.name, document: maskDocument(p.document), phone: maskPhone(p.phone) };
}

function personRow(ctx: ServiceContext, id: string) {
  const row = ctx.db.select().from(persons).where(eq(persons.id, id)).get();
  if (!row) throw new AppError('NOT_FOUND', '找不到这位业主，可能已被删除');
  return row;
}

export function getPerson(ctx: ServiceContext, id: string) {
  const row = personRow(ctx, id);
  const held = ctx.sqlite
    .prepare(`select p.id as partId, p.address, p.area, o.start_date as startDate, o.end_date as endDate
              from ownerships o join parts p on p.id = o.part_id where o.person_id = ?
              order by o.end_date is not null, p.sort_key`)
    .all(id) as { partId: string; address: string; area: number; startDate: string | null; endDate: string | null }[];
  return {
    id: row.id, communityId: row.communityId, name: row.name,
    document: row.document ?? '', documentKind: row.documentKind ?? '', phone: row.phone ?? '',
    parts: held.map((h) => ({ ...h, area: formatHundredths(h.area), current: h.endDate === null })),
  };
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
    if (!checked.ok) throw new AppError('VALIDATION', checked.message, [{ row: null, column: '证件号码', message: checked.message }]);
    document = checked.value;
    documentKind = checked.kind;
  }
  let phone: string | null = null;
  if (fields.phone !== '') {
    const checked = normalizePhone(fields.phone);
    if (!checked.ok) throw new AppError('VALIDATION', checked.message, [{ row: null, column: '联系电话', message: checked.message }]);
    phone = checked.value;
  }
  return { name: fields.name, document, documentKind, phone };
}

function refuseDuplicateDocument(ctx: ServiceContext, communityId: string, document: string | null, exceptId?: string): void {
  if (document === null) return;
  const other = ctx.db.select().from(persons).where(and(eq(persons.communityId, communityId), eq(persons.document, document))).get();
  if (other && other.id !== exceptId) {
    throw new AppError('REFUSED', `证件号码 ${maskDocument(document)} 已登记为“${other.name}”，同一证件号码只能对应一位业主`);
  }
}

export function createPerson(ctx: ServiceContext, actor: Actor, input: PersonFields & { communityId: string }) {
  getCommunity(ctx, input.communityId);
  const fields = normalizeFields(input);
  const id = write(ctx, actor, (tx) => {
    refuseDuplicateDocument(ctx, input.communityId, fields.document);
    const now = nowIso();
    const id = newId();
    ctx.db.insert(persons).values({ id, communityId: input.communityId, ...fields, createdAt: now, updatedAt: now }).run();
    tx.audit({ action: 'create', entity: 'person', entityId: id, after: { ...fields, communityId: input.communityId } });
    return id;
  });
  return getPerson(ctx, id);
}

export function updatePerson(ctx: ServiceContext, actor: Actor, input: PersonFields & { id: string }) {
  const fields = normalizeFields(input);
  write(ctx, actor, (tx) => {
    const before = personRow(ctx, input.id);
    refuseDuplicateDocument(ctx, before.communityId, fields.document, input.id);
    ctx.db.update(persons).set({ ...fields, updatedAt: nowIso() }).where(eq(persons.id, input.id)).run();
    refreshPartCaches(ctx.sqlite, partsHeldBy(ctx.sqlite, input.id));
    tx.audit({
      action: 'update', entity: 'person', entityId: input.id,
      before: { name: before.name, document: before.document, phone: before.phone }, after: fields,
    });
  });
  return getPerson(ctx, input.id);
}

/** LIKE pattern matching the text anywhere, with the user's % and _ taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function searchPersons(ctx: ServiceContext, input: { communityId: string; search: string; limit: number }): MaskedOwner[] {
  const like = containsPattern(input.search);
  const rows = ctx.sqlite
    .prepare(`select id, name, document, phone from persons where community_id = ?
              and (name like ? escape '\\' or phone like ? escape '\\' or document like ? escape '\\')
              order by name limit ?`)
    .all(input.communityId, like, like, like, input.limit) as { id: string; name: string; document: string | null; phone: string | null }[];
  return rows.map(maskOwner);
}
