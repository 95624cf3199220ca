/**
 * Who may make this call (issue 16): the method's declared access (shared/contract/methods.ts) against the
 * caller's grants (shared/domain/permissions.ts). The router asks before the service runs; the answer also says
 * what the caller sees of a list (AccessScope), which the router uses to narrow office-wide lists to the caller's
 * communities and a 物业联络员's issues and contracts to their company's.
 *
 * Order (main/router.ts): a caller who holds the permission on no community at all is refused before the input
 * is even validated; then the community is found from the input as sent (a locator field is an id, which the
 * schema takes as it is) and a record of a community the caller does not cover is refused — also before
 * validation, so that a refused caller learns nothing about the input's shape or the record. An id that names no
 * record is refused exactly like one of another community: FORBIDDEN must not tell whether a record exists where
 * the caller has no rights. Only a caller who may act on every community (管理员) skips the look-up, and then the
 * service says NOT_FOUND — nothing is hidden from them.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { AppError } from '../../shared/contract/errors';
import type { Access, RecordKind } from '../../shared/contract/methods';
import { communitiesFor, forbiddenMessage, type Grant, type Permission } from '../../shared/domain/permissions';
import type { ServiceContext } from '../services/context';
import { actionItems, matters, meetings, minutes } from '../db/schema/meetings';
import { communityBodies, bodyCandidates, issues, mediations, serviceContracts } from '../db/schema/office';
import { parts, persons } from '../db/schema/register';
import { attachments } from '../db/schema/system';
import { reviews } from '../db/schema/reviews';
import { journalEntries, repairProjects, statementRows } from '../db/schema/treasury';
import { ballots, votes } from '../db/schema/votes';

/** Who is calling: their grants, and for a 物业联络员 the property company they work for. */
export interface Caller {
  grants: readonly Grant[];
  companyId: string | null;
}

/** The CLI runs with the rights of whoever can open the data file (README): 管理员 over every community. */
export const TRUSTED_CALLER: Caller = { grants: [{ role: 'admin', communities: 'all' }], companyId: null };

/** Nobody signed in: public methods only. */
export const NO_CALLER: Caller = { grants: [], companyId: null };

/** The responsible party an issue is dispatched to when a property company handles it (RESPONSIBLE_PARTIES). */
const PROPERTY_PARTY = '物业';

/**
 * What the caller sees through one permission: the communities whose rows they see whole, and those they see only
 * as 物业联络员 (their company's issues and contracts there). Lists are narrowed with it.
 */
export class AccessScope {
  readonly whole: 'all' | readonly string[];
  readonly asLiaison: 'all' | readonly string[];

  constructor(readonly caller: Caller, readonly permission: Permission | 'any' | null) {
    // A community's name, rules and buildings ('any') are every role's over it, a liaison's too; the rows of
    // a permission are seen whole only through a role other than 物业联络员.
    const others = permission === 'any' ? caller.grants : caller.grants.filter((g) => g.role !== 'liaison');
    const liaison = permission === 'any' ? [] : caller.grants.filter((g) => g.role === 'liaison');
    this.whole = reach(others, permission);
    this.asLiaison = reach(liaison, permission);
  }

  /** Does the caller see this community's rows whole (not only as 物业联络员)? */
  seesWhole(communityId: string): boolean {
    return within(this.whole, communityId);
  }

  /** Does the caller see anything of this community through this permission? */
  sees(communityId: string): boolean {
    return this.seesWhole(communityId) || within(this.asLiaison, communityId);
  }

  /** Sees every community whole: nothing to narrow. */
  get everything(): boolean {
    return this.whole === 'all';
  }

  /** The rows of a list the caller may see: those of communities seen whole, and as liaison those `ofCompany` says are the company's. */
  narrow<T>(rows: readonly T[], communityOf: (row: T) => string, ofCompany?: (row: T) => boolean): T[] {
    if (this.everything) return [...rows];
    return rows.filter((row) => {
      const c = communityOf(row);
      if (this.seesWhole(c)) return true;
      return ofCompany !== undefined && this.caller.companyId !== null && within(this.asLiaison, c) && ofCompany(row);
    });
  }
}

/** Signed in, no permission needed (Access 'signed-in'): sees nothing of any community through it. */
export function signedInScope(caller: Caller): AccessScope {
  return new AccessScope(caller, null);
}

function reach(grants: readonly Grant[], permission: Permission | 'any' | null): 'all' | string[] {
  if (permission === null) return [];
  if (permission !== 'any') return communitiesFor(grants, permission);
  const ids = new Set<string>();
  for (const g of grants) {
    if (g.communities === 'all') return 'all';
    for (const c of g.communities) ids.add(c);
  }
  return [...ids];
}

function within(set: 'all' | readonly string[], communityId: string): boolean {
  return set === 'all' || set.includes(communityId);
}

function refuse(permission: Permission | 'any'): never {
  throw new AppError('FORBIDDEN', permission === 'any' ? '没有这个小区的权限' : forbiddenMessage(permission));
}

/** The values a locator reads from an input, to tell whether the parsed input still names the same records. */
export function locatorValues(access: Access | undefined, input: unknown): unknown[] {
  if (access === undefined || access === 'signed-in') return [];
  const loc = access.community;
  if (loc === 'office' || loc === 'new') return [];
  if ('recordOfType' in loc) return [field(input, loc.recordOfType), field(input, loc.field)];
  return [field(input, 'input' in loc ? loc.input : loc.field)];
}

function field(input: unknown, name: string): unknown {
  return typeof input === 'object' && input !== null ? (input as Record<string, unknown>)[name] : undefined;
}

/**
 * May the caller make this call with this input? Throws FORBIDDEN; returns what the caller sees through the
 * method's permission (for narrowing lists). `final`: the input has passed validation — a locator field that is
 * still not an id is then refused (before validation it is left for the schema to name).
 */
export function authorize(ctx: ServiceContext, access: Access | undefined, input: unknown, caller: Caller, final: boolean): AccessScope {
  // A method without access is public (the contract's types allow nothing else).
  if (access === undefined || access === 'signed-in') return signedInScope(caller);
  const { permission } = access;
  const scope = new AccessScope(caller, permission);
  // Holds the permission nowhere: refused whatever the input says.
  if (scope.whole !== 'all' && scope.whole.length === 0 && (scope.asLiaison !== 'all' && scope.asLiaison.length === 0)) refuse(permission);
  if (isOfficeWide(permission) && scope.whole !== 'all') refuse(permission);
  const loc = access.community;
  if (loc === 'office') {
    // A list narrowed by the router; a liaison only where the method narrows to their company.
    if (scope.whole === 'all' || scope.whole.length > 0 || access.liaisonRows) return scope;
    refuse(permission);
  }
  if (loc === 'new') {
    if (!createsCommunities(scope, caller)) refuse(permission);
    return scope;
  }
  if ('input' in loc) {
    const value = field(input, loc.input);
    if (value === undefined && loc.absent !== undefined) {
      if (loc.absent === 'new' && !createsCommunities(scope, caller)) refuse(permission);
      if (loc.absent === 'office' && !(scope.whole === 'all' || scope.whole.length > 0 || access.liaisonRows)) refuse(permission);
      return scope;
    }
    if (typeof value !== 'string') return unresolved(scope, permission, final);
    if (scope.seesWhole(value)) return scope;
    // Only as 物业联络员: a list the router narrows to the company's rows; anything else of the community is not theirs.
    if (access.liaisonRows && scope.sees(value) && caller.companyId !== null) return scope;
    refuse(permission);
  }
  const kind: RecordKind | null = 'record' in loc ? loc.record : ownerKind(field(input, loc.recordOfType));
  const id = field(input, loc.field);
  if (kind === null || typeof id !== 'string') return unresolved(scope, permission, final);
  // 管理员 (or any grant over all communities): nothing to hide, the service answers for an unknown id.
  if (scope.everything) return scope;
  const communityId = communityOfRecord(ctx, kind, id);
  if (communityId === null) refuse(permission);
  if (scope.seesWhole(communityId)) return scope;
  if (scope.sees(communityId) && caller.companyId !== null && companyHolds(ctx, kind, id, caller.companyId)) return scope;
  refuse(permission);
}

/** Before validation a malformed locator is the schema's to refuse; after it, no id means no community to allow. */
function unresolved(scope: AccessScope, permission: Permission | 'any', final: boolean): AccessScope {
  if (final && !scope.everything) refuse(permission);
  return scope;
}

function isOfficeWide(permission: Permission | 'any'): boolean {
  return permission !== 'any' && permission.startsWith('office.');
}

/**
 * A new community (community.create, a roster import that creates its community): only a grant over all
 * communities may make one — a narrower grant would not cover what it made — and making one is a settings act.
 */
function createsCommunities(scope: AccessScope, caller: Caller): boolean {
  return scope.whole === 'all' && communitiesFor(caller.grants.filter((g) => g.role !== 'liaison'), 'community.settings') === 'all';
}

/** An attachment's owner kind as the input names it (shared/contract/meetings.ts ATTACHMENT_OWNERS). */
function ownerKind(value: unknown): RecordKind | null {
  return value === 'meeting' || value === 'minutes' || value === 'matter' ? value : null;
}

/**
 * The community a record belongs to, or null for an unknown id. Every record kind carries its community or
 * reaches it through its parent (minutes through their meeting, a ballot through its vote). A person belongs to
 * the community whose register recorded them (persons.community_id): someone who owns in two 小区 is two persons,
 * one per register (persons_document is unique per community), so their ownerships never point elsewhere.
 */
export function communityOfRecord(ctx: ServiceContext, kind: RecordKind, id: string): string | null {
  const one = (row: { communityId: string } | undefined) => row?.communityId ?? null;
  switch (kind) {
    case 'part': return one(ctx.db.select({ communityId: parts.communityId }).from(parts).where(eq(parts.id, id)).get());
    case 'person': return one(ctx.db.select({ communityId: persons.communityId }).from(persons).where(eq(persons.id, id)).get());
    case 'meeting': return one(ctx.db.select({ communityId: meetings.communityId }).from(meetings).where(eq(meetings.id, id)).get());
    case 'minutes': return one(ctx.db.select({ communityId: meetings.communityId }).from(minutes)
      .innerJoin(meetings, eq(meetings.id, minutes.meetingId)).where(eq(minutes.id, id)).get());
    case 'action': return one(ctx.db.select({ communityId: actionItems.communityId }).from(actionItems).where(eq(actionItems.id, id)).get());
    case 'matter': return one(ctx.db.select({ communityId: matters.communityId }).from(matters).where(eq(matters.id, id)).get());
    case 'attachment': return one(ctx.db.select({ communityId: attachments.communityId }).from(attachments).where(eq(attachments.id, id)).get());
    case 'vote': return one(ctx.db.select({ communityId: votes.communityId }).from(votes).where(eq(votes.id, id)).get());
    case 'ballot': return one(ctx.db.select({ communityId: votes.communityId }).from(ballots)
      .innerJoin(votes, eq(votes.id, ballots.voteId)).where(eq(ballots.id, id)).get());
    case 'entry': return one(ctx.db.select({ communityId: journalEntries.communityId }).from(journalEntries).where(eq(journalEntries.id, id)).get());
    case 'statementRow': return one(ctx.db.select({ communityId: statementRows.communityId }).from(statementRows).where(eq(statementRows.id, id)).get());
    case 'repair': return one(ctx.db.select({ communityId: repairProjects.communityId }).from(repairProjects).where(eq(repairProjects.id, id)).get());
    case 'contract': return one(ctx.db.select({ communityId: serviceContracts.communityId }).from(serviceContracts).where(eq(serviceContracts.id, id)).get());
    case 'body': return one(ctx.db.select({ communityId: communityBodies.communityId }).from(communityBodies).where(eq(communityBodies.id, id)).get());
    case 'candidate': return one(ctx.db.select({ communityId: bodyCandidates.communityId }).from(bodyCandidates).where(eq(bodyCandidates.id, id)).get());
    case 'issue': return one(ctx.db.select({ communityId: issues.communityId }).from(issues).where(eq(issues.id, id)).get());
    case 'mediation': return one(ctx.db.select({ communityId: mediations.communityId }).from(mediations).where(eq(mediations.id, id)).get());
    case 'review': return one(ctx.db.select({ communityId: reviews.communityId }).from(reviews).where(eq(reviews.id, id)).get());
  }
}

/**
 * Is this record the company's? A contract is when the company signed it. An issue is when it was dispatched to
 * the property company (责任方 物业) of a community the company serves: the dispatch names the party, not the
 * firm, so the firm is the one holding that community's contract — one not handed over yet (after its end a
 * company keeps serving until the next one takes over: 民法典 Art. 950).
 */
export function companyHolds(ctx: ServiceContext, kind: RecordKind, id: string, companyId: string): boolean {
  if (kind === 'contract') {
    return ctx.db.select({ id: serviceContracts.id }).from(serviceContracts)
      .where(and(eq(serviceContracts.id, id), eq(serviceContracts.companyId, companyId))).get() !== undefined;
  }
  if (kind === 'issue') {
    const row = ctx.db.select({ communityId: issues.communityId, party: issues.responsibleParty }).from(issues).where(eq(issues.id, id)).get();
    return row !== undefined && row.party === PROPERTY_PARTY && servedBy(ctx, companyId).has(row.communityId);
  }
  return false;
}

/** The communities a company serves now: those where it holds a contract not handed over. */
export function servedBy(ctx: ServiceContext, companyId: string): Set<string> {
  const rows = ctx.db.select({ communityId: serviceContracts.communityId }).from(serviceContracts)
    .where(and(eq(serviceContracts.companyId, companyId), isNull(serviceContracts.handedOverOn))).all();
  return new Set(rows.map((r) => r.communityId));
}

/** Is an issue (as a list shows it) dispatched to the caller's company? */
export function issueOfCompany(served: ReadonlySet<string>, row: { communityId: string; responsibleParty: string }): boolean {
  return row.responsibleParty === PROPERTY_PARTY && served.has(row.communityId);
}

/** The audit's entity names that are record kinds whose community can be looked up (communityOfRecord). */
const RECORD_KINDS: ReadonlySet<string> = new Set<RecordKind>([
  'part', 'person', 'meeting', 'minutes', 'action', 'matter', 'attachment', 'vote', 'ballot', 'entry', 'statementRow',
  'repair', 'contract', 'body', 'candidate', 'issue', 'mediation', 'review',
]);

/**
 * Each change's community (null: none can be told), looked up once per batch: the change feed hands the same
 * batch to every signed-in session, and each asks what it may see of it.
 */
const batchCommunities = new WeakMap<readonly object[], (string | null)[]>();

function communitiesOfChanges(ctx: ServiceContext, changes: readonly { entity: string; id: string | null }[]): (string | null)[] {
  let found = batchCommunities.get(changes);
  if (!found) {
    found = changes.map((c) => (c.id === null ? null : c.entity === 'community' ? c.id : RECORD_KINDS.has(c.entity) ? communityOfRecord(ctx, c.entity as RecordKind, c.id) : null));
    batchCommunities.set(changes, found);
  }
  return found;
}

/**
 * What a person may hear of changes others made (main/services/change-feed.ts): the kinds of record, and the ids
 * of those in communities any of their roles covers. A record whose community cannot be told (office-wide rows,
 * or one deleted since) is heard of by its kind alone; a kind all of whose records are elsewhere not at all.
 */
export function visibleChanges(ctx: ServiceContext, caller: Caller, changes: readonly { entity: string; id: string | null }[]): { kinds: string[]; ids: string[] } {
  const scope = new AccessScope(caller, 'any');
  const kinds = new Set<string>();
  const ids = new Set<string>();
  const communities = communitiesOfChanges(ctx, changes);
  for (const [i, c] of changes.entries()) {
    const community = communities[i] ?? null;
    if (community === null) kinds.add(c.entity);
    else if (scope.sees(community)) {
      kinds.add(c.entity);
      ids.add(c.id!);
    }
  }
  return { kinds: [...kinds], ids: [...ids] };
}
