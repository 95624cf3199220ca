/**
 * Who may do what (issue 16), through the real router on a real database: every method of the contract for
 * every role, allowed or refused as the permission table says — generated from the table and the contract's
 * declared access, not written per method; the community scope (a record of another community, or of none, is
 * refused alike); a 物业联络员's company; full ID numbers and phones; and a property test that no list or search
 * ever returns a row of a community the caller does not cover.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ErrorEnvelope } from '../../shared/contract/errors';
import { METHOD_NAMES, methods, type Access, type MethodName, type RecordKind } from '../../shared/contract/methods';
import { accessOf, shapeOf } from '../fixtures/contract-shapes';
import { communitiesFor, forbiddenMessage, ROLE_PERMISSIONS, ROLES, type Grant, type Permission, type Role } from '../../shared/domain/permissions';
import { communityOfRecord } from '../../main/security/access';
import { maskDocument } from '../../shared/domain/identity';
import { accessWorld, behindOfficeServer, type CommunityRecords } from '../fixtures/access-world';

type World = Awaited<ReturnType<typeof accessWorld>>;
let world: World;
/** The same router behind the office server (issue 17), reached through the client path another PC uses. */
let office: { handle: World['handle']; close: () => Promise<void> };
beforeAll(async () => {
  world = await accessWorld();
  office = await behindOfficeServer(world);
}, 120_000);
afterAll(async () => {
  await office?.close();
  world?.close();
});


/** A method's input naming community `c`'s records where its access looks for the community; nothing else. */
function inputFor(name: MethodName, c: CommunityRecords): Record<string, unknown> {
  const access = accessOf(name);
  if (access === undefined || access === 'signed-in') return {};
  const loc = access.community;
  if (loc === 'office' || loc === 'new') return {};
  if ('input' in loc) return { [loc.input]: c.communityId };
  if ('recordOfType' in loc) return { [loc.recordOfType]: 'meeting', [loc.field]: c.meeting };
  return { [loc.field]: c[loc.record] };
}

/** Each role as the product grants it: 管理员 over all communities, the others over community A (a 物业联络员 of company X, which serves A). */
function grantsOf(role: Role, communityId: string): Grant[] {
  return [{ role, communities: role === 'admin' ? 'all' : [communityId] }];
}

/**
 * What the table says of this role calling this method on community A's records: refused or not. Read from
 * ROLE_PERMISSIONS and the method's declared access — the same facts main enforces, stated as the issue does.
 */
function refusedByTable(name: MethodName, role: Role): boolean {
  const access = accessOf(name);
  if (access === undefined || access === 'signed-in') return false;
  const { permission, community } = access;
  if (permission === 'any') return false;
  const over = role === 'admin' ? 'all' : 'some';
  if (!ROLE_PERMISSIONS[role].includes(permission)) return true;
  // Office-wide actions, and making a community, need a grant over all communities.
  if (permission.startsWith('office.') || community === 'new') return over !== 'all';
  if (role === 'liaison') {
    // Their company's issues and contracts only: a record of those kinds (A's is the company's), or a list narrowed to them.
    const kind = typeof community === 'object' && 'record' in community ? community.record : null;
    return !(access.liaisonRows === true || kind === 'issue' || kind === 'contract');
  }
  return false;
}

const forbidden = (r: { ok: boolean; error?: ErrorEnvelope }) => !r.ok && r.error?.code === 'FORBIDDEN';

function expectedMessage(name: MethodName): string {
  const access = accessOf(name) as Exclude<Access, 'signed-in'>;
  return access.permission === 'any' ? '没有这个小区的权限' : forbiddenMessage(access.permission);
}

describe('every method for every role, as the table says', () => {
  for (const [role, via] of ROLES.flatMap((r) => [[r, 'this PC'], [r, 'the office server']] as const)) {
    it(`${role}, ${via}`, async () => {
      const A = world.communities.A;
      const session = world.auth.signIn(grantsOf(role, A.communityId), role === 'liaison' ? world.companies.X : null);
      const handle = via === 'this PC' ? world.handle : office.handle;
      const wrong: string[] = [];
      for (const name of METHOD_NAMES) {
        const r = await handle({ method: name, input: inputFor(name, A), session });
        const expected = refusedByTable(name, role);
        if (forbidden(r) !== expected) wrong.push(`${name}: ${expected ? 'should be refused' : `refused: ${r.ok ? '' : r.error.message}`}`);
        else if (expected && !r.ok && r.error.message !== expectedMessage(name)) wrong.push(`${name}: message ${r.error.message}`);
      }
      expect(wrong).toEqual([]);
    }, 120_000);
  }
});

/** Methods whose community is found from the input (a community's id or a record's), not office-wide. */
const LOCATED = METHOD_NAMES.filter((name) => {
  const access = accessOf(name);
  return access !== undefined && access !== 'signed-in' && typeof access.community === 'object';
});

describe('the community scope', () => {
  for (const role of ROLES.filter((r) => r !== 'admin')) {
    it(`${role} over A: a record of B, or of no community, is refused alike, before validation`, async () => {
      const { A, B } = world.communities;
      const session = world.auth.signIn(grantsOf(role, A.communityId), role === 'liaison' ? world.companies.X : null);
      const ghost = Object.fromEntries(Object.entries(B).map(([k, v]) => [k, k === 'name' ? v : `${v.slice(0, -4)}dead`])) as CommunityRecords;
      const wrong: string[] = [];
      for (const name of LOCATED) {
        if (refusedByTable(name, role)) continue;
        const onB = await world.handle({ method: name, input: inputFor(name, B), session });
        const onNothing = await world.handle({ method: name, input: inputFor(name, ghost), session });
        if (!forbidden(onB)) wrong.push(`${name}: B not refused`);
        // The same answer for a record elsewhere and for none: nothing tells whether it exists.
        if (JSON.stringify(onB) !== JSON.stringify(onNothing)) wrong.push(`${name}: ${JSON.stringify(onB)} ≠ ${JSON.stringify(onNothing)}`);
      }
      expect(wrong).toEqual([]);
    }, 120_000);
  }

  it('管理员 reaches every community, and an unknown record is the service’s to name', async () => {
    const session = world.auth.signIn([{ role: 'admin', communities: 'all' }]);
    for (const name of LOCATED) expect(forbidden(await world.handle({ method: name, input: inputFor(name, world.communities.B), session })), name).toBe(false);
    const unknown = await world.handle({ method: 'meeting.get', input: { id: 'no-such-meeting' }, session });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('refuses a caller without the permission anywhere before reading the input, and names what is missing', async () => {
    const session = world.auth.signIn([{ role: 'secretary', communities: [world.communities.A.communityId] }]);
    for (const input of [{}, { communityId: 42 }, { communityId: world.communities.A.communityId, form: 'nonsense' }]) {
      const r = await world.handle({ method: 'ledger.record', input, session });
      expect(r).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: '需要“财务”权限：记账' } });
    }
    // Holding it on A: a malformed input is the schema's to refuse, and A's records pass to the service.
    const treasurer = world.auth.signIn([{ role: 'treasurer', communities: [world.communities.A.communityId] }]);
    expect(await world.handle({ method: 'ledger.record', input: { communityId: 42 }, session: treasurer })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('does not run the service of a refused call: nothing written, nothing audited', async () => {
    const { C } = world.communities; // C: the community no earlier call of this file changed
    const reader = world.auth.signIn([{ role: 'reader', communities: [C.communityId] }]);
    const before = world.ctx.sqlite.prepare('select count(*) from audit_log').pluck().get();
    const r = await world.handle({ method: 'vote.close', input: { id: C.vote }, session: reader });
    expect(r).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: '需要“业委会秘书”权限：组织表决与录入选票' } });
    expect(world.ctx.sqlite.prepare('select count(*) from audit_log').pluck().get()).toBe(before);
    expect(world.ctx.sqlite.prepare('select status from votes where id = ?').pluck().get(C.vote)).not.toBe('closed');
  });
});

describe('a 物业联络员', () => {
  it('sees the issues dispatched to their company and its contracts, and handles those issues', async () => {
    const { A, B, C } = world.communities;
    const all = [A.communityId, B.communityId, C.communityId];
    const liaison = world.auth.signIn([{ role: 'liaison', communities: all }], world.companies.X);
    const issues = await world.handle({ method: 'issue.list', input: { communityId: A.communityId }, session: liaison });
    expect(issues.ok && (issues.result as { id: string }[]).map((i) => i.id)).toEqual([A.issue]);
    // C is served by Y: none of C's issues are X's.
    const ofC = await world.handle({ method: 'issue.list', input: { communityId: C.communityId }, session: liaison });
    expect(ofC).toMatchObject({ ok: true, result: [] });
    const others = world.ctx.sqlite.prepare("select id from issues where community_id = ? and responsible_party <> '物业'").pluck().get(A.communityId) as string;
    expect(forbidden(await world.handle({ method: 'issue.get', input: { id: others }, session: liaison }))).toBe(true);
    expect(forbidden(await world.handle({ method: 'issue.get', input: { id: C.issue }, session: liaison }))).toBe(true);
    expect(await world.handle({ method: 'issue.get', input: { id: A.issue }, session: liaison })).toMatchObject({ ok: true });
    const planned = await world.handle({ method: 'issue.plan', input: { id: B.issue, plan: '更换曳引机', at: '2026-11-20T11:00' }, session: liaison });
    expect(planned).toMatchObject({ ok: true, result: { status: '处理中' } });
    // Their company's contracts, read-only; the office's statistics and exports of all issues are not theirs.
    const contracts = await world.handle({ method: 'contract.list', input: {}, session: liaison });
    expect(contracts.ok && (contracts.result as { id: string }[]).map((c) => c.id).sort()).toEqual([A.contract, B.contract].sort());
    expect(forbidden(await world.handle({ method: 'contract.get', input: { id: C.contract }, session: liaison }))).toBe(true);
    const companies = await world.handle({ method: 'company.list', input: {}, session: liaison });
    expect(companies.ok && (companies.result as { id: string }[]).map((c) => c.id)).toEqual([world.companies.X]);
    for (const method of ['issue.stats', 'issue.export', 'issue.dispatch', 'contract.update', 'meeting.list'] as const) {
      const input = method === 'issue.dispatch' || method === 'contract.update' ? { id: method === 'issue.dispatch' ? A.issue : A.contract } : { communityId: A.communityId, from: '2026-01-01', to: '2026-12-31' };
      expect(forbidden(await world.handle({ method, input, session: liaison })), method).toBe(true);
    }
  });

  it('of another company sees nothing of A’s issues', async () => {
    const { A } = world.communities;
    const liaison = world.auth.signIn([{ role: 'liaison', communities: [A.communityId] }], world.companies.Y);
    expect(await world.handle({ method: 'issue.list', input: { communityId: A.communityId }, session: liaison })).toMatchObject({ ok: true, result: [] });
    expect(forbidden(await world.handle({ method: 'issue.get', input: { id: A.issue }, session: liaison }))).toBe(true);
  });
});

describe('full ID numbers and phones', () => {
  it('are shown to 小区专员 and 管理员 only, each full value shown leaving an audit row of who saw whose', async () => {
    const { A } = world.communities;
    // Only the rows of this test: earlier calls of this file (管理员, 小区专员 in the table) saw the person too.
    const since = world.ctx.sqlite.prepare('select max(rowid) from audit_log').pluck().get() as number;
    const auditRows = () => world.ctx.sqlite.prepare("select author, action, after from audit_log where entity = 'person' and entity_id = ? and action like 'view-%' and rowid > ? order by rowid")
      .all(A.person, since) as { author: string; action: string; after: string }[];
    const full = world.ctx.sqlite.prepare('select document_masked, phone_masked from persons where id = ?').get(A.person) as { document_masked: string | null; phone_masked: string | null };
    expect(full.document_masked ?? full.phone_masked).toBeTruthy();
    for (const role of ['reader', 'secretary', 'treasurer'] as const) {
      const session = world.auth.signIn([{ role, communities: [A.communityId] }], null, `${role}甲`);
      const r = await world.handle({ method: 'person.get', input: { id: A.person }, session });
      expect(r).toMatchObject({ ok: true, result: { document: full.document_masked ?? '', phone: full.phone_masked ?? '' } });
    }
    expect(auditRows()).toEqual([]);
    const officer = world.auth.signIn([{ role: 'officer', communities: [A.communityId] }], null, '李专员');
    const r = await world.handle({ method: 'person.get', input: { id: A.person }, session: officer });
    const shown = r.ok ? (r.result as { document: string; phone: string; name: string }) : null;
    expect(shown?.document ?? '').not.toContain('*');
    expect(shown?.phone ?? '').not.toContain('*');
    const rows = auditRows();
    const expected = [...(full.document_masked ? ['view-full-document'] : []), ...(full.phone_masked ? ['view-full-phone'] : [])];
    expect(rows.map((row) => row.action)).toEqual(expected);
    for (const row of rows) {
      expect(row.author).toMatch(/^李专员（/);
      expect(JSON.parse(row.after)).toEqual({ name: shown!.name, communityId: A.communityId });
    }
  });
});

describe('a proxy’s authorisation on the ballot list', () => {
  it('is masked for a role without personal.full; in full for 小区专员, audited; a masked one sent back keeps the stored one', async () => {
    const { C } = world.communities; // C: no earlier call of this file changed its ballots
    const subject = world.ctx.sqlite.prepare('select subject_id from ballots where id = ?').pluck().get(C.ballot) as string;
    const page = async (session: string) => {
      const r = await world.handle({ method: 'vote.subjects', input: { voteId: C.vote }, session });
      return r.ok ? (r.result as { rows: { id: string; ballot: { id: string; proxyDocument: string } | null }[] }).rows.find((row) => row.id === subject)!.ballot! : null;
    };
    const audited = () => world.ctx.sqlite.prepare("select count(*) from audit_log where entity = 'vote' and entity_id = ? and action = 'view-full-document'").pluck().get(C.vote);
    const secretary = world.auth.signIn([{ role: 'secretary', communities: [C.communityId] }]);
    expect((await page(secretary))?.proxyDocument).toBe(maskDocument('授权委托书第3号'));
    expect(audited()).toBe(0);
    const officer = world.auth.signIn([{ role: 'officer', communities: [C.communityId] }], null, '李专员');
    expect((await page(officer))?.proxyDocument).toBe('授权委托书第3号');
    expect(audited()).toBe(1);
    // The secretary corrects the ballot from what they were shown: the masked authorisation stays the stored one.
    const item = world.ctx.sqlite.prepare('select id from vote_items where vote_id = ?').pluck().get(C.vote) as string;
    const replaced = await world.handle({
      method: 'ballot.replace', session: secretary,
      input: { ballotId: C.ballot, reason: '误录', proxyHolder: '钱七', proxyDocument: maskDocument('授权委托书第3号'), choices: [{ itemId: item, choice: 'no' }] },
    });
    expect(replaced).toMatchObject({ ok: true });
    const now = (await page(officer))!;
    expect(now.id).not.toBe(C.ballot);
    expect(now.proxyDocument).toBe('授权委托书第3号');
  });
});

// ── lists and searches ─────────────────────────────────────────────────

/** The fields a list's input may need, from a community's records. */
const FILL: Record<string, (c: CommunityRecords) => unknown> = {
  communityId: (c) => c.communityId, meetingId: (c) => c.meeting, voteId: (c) => c.vote, contractId: (c) => c.contract,
  ownerType: () => 'meeting', ownerId: (c) => c.meeting, text: () => '电梯', from: () => '2026-01-01', to: () => '2026-12-31', year: () => 2026,
};


/** A list or search: its output is rows — an array, or an object with `rows` or `hits`. */
function rowsOf(name: MethodName, result: unknown): unknown[] | null {
  const out = methods[name].output as z.ZodType;
  if (out instanceof z.ZodArray) return result as unknown[];
  const shape = shapeOf(out);
  if (shape?.rows instanceof z.ZodArray) return (result as { rows: unknown[] }).rows;
  if (shape?.hits instanceof z.ZodArray) return (result as { hits: unknown[] }).hits;
  return null;
}

const LISTS = METHOD_NAMES.filter((name) => {
  const out = methods[name].output as z.ZodType;
  const shape = shapeOf(out);
  return out instanceof z.ZodArray || shape?.rows instanceof z.ZodArray || shape?.hits instanceof z.ZodArray;
});

/** Every input of a list this test can make for community c: office-wide ({}), and with each field filled from c. */
function listInputs(name: MethodName, c: CommunityRecords): Record<string, unknown>[] {
  const shape = shapeOf(methods[name].input) ?? {};
  const filled = Object.fromEntries(Object.keys(shape).filter((k) => FILL[k]).map((k) => [k, FILL[k]!(c)]));
  return [{}, filled].filter((input) => methods[name].input.safeParse(input).success);
}

const HIT_KIND: Record<string, RecordKind> = { agenda: 'meeting', minutes: 'meeting', matter: 'matter', vote: 'vote', issue: 'issue' };

/** The community a returned row belongs to, where the row says it (or its record does). */
function rowCommunity(name: MethodName, row: Record<string, unknown>): string | null {
  if (name === 'community.list') return row.id as string;
  if (typeof row.communityId === 'string') return row.communityId;
  if (name === 'search.query') return communityOfRecord(world.ctx, HIT_KIND[row.type as string]!, (row.meetingId as string | null) ?? (row.id as string));
  return null;
}

describe('lists and searches', () => {
  it('finds the lists of the contract', () => {
    for (const name of ['community.list', 'coverage.list', 'contract.list', 'issue.list', 'search.query', 'audit.list', 'company.list'] as const) expect(LISTS).toContain(name);
  });

  it('never return a row of a community the caller does not cover (property)', async () => {
    const { A, B, C } = world.communities;
    const ids = [A.communityId, B.communityId, C.communityId];
    const grant = fc.record({
      role: fc.constantFrom(...ROLES.filter((r) => r !== 'admin')),
      communities: fc.oneof(fc.subarray(ids), fc.constant('all' as const)),
    });
    const caller = fc.record({ grants: fc.array(grant, { maxLength: 3 }), company: fc.constantFrom('X', 'Y', null) });
    let rowsSeen = 0;
    await fc.assert(fc.asyncProperty(caller, async ({ grants, company }) => {
      const companyId = company === null ? null : world.companies[company];
      const session = world.auth.signIn(grants as Grant[], companyId);
      const nonLiaison = (grants as Grant[]).filter((g) => g.role !== 'liaison');
      const liaison = (grants as Grant[]).filter((g) => g.role === 'liaison');
      const covers = (p: Permission | 'any', c: string, grantsOf: Grant[]) => {
        if (p === 'any') return grantsOf.some((g) => g.communities === 'all' || g.communities.includes(c));
        const reach = communitiesFor(grantsOf, p);
        return reach === 'all' || reach.includes(c);
      };
      for (const name of LISTS) {
        const access = accessOf(name);
        if (access === undefined || access === 'signed-in') continue;
        for (const c of [A, B, C]) {
          for (const input of listInputs(name, c)) {
            const r = await world.handle({ method: name, input, session });
            if (!r.ok) continue;
            for (const row of rowsOf(name, r.result) ?? []) {
              rowsSeen++;
              const record = row as Record<string, unknown>;
              // The row's community, or else the one the call named: its rows are that community's.
              const community = rowCommunity(name, record) ?? (typeof input.communityId === 'string' ? input.communityId : null)
                ?? (Object.keys(input).length > 0 ? c.communityId : null);
              if (community === null) {
                // Office-wide rows of no community (companies, workflows, backups): a liaison-only caller sees their company alone.
                if (name === 'company.list' && communitiesFor(nonLiaison, 'contracts.read').length === 0) expect(record.id).toBe(companyId);
                continue;
              }
              // A community's own rows ('any': its name and rules) are every role's over it; other rows are seen whole through a role other than 物业联络员.
              if (covers(access.permission, community, access.permission === 'any' ? (grants as Grant[]) : nonLiaison)) continue;
              // Seen only as 物业联络员: the company's issues and contracts alone.
              expect(covers(access.permission, community, liaison), `${name} returned a row of an uncovered community`).toBe(true);
              expect(access.liaisonRows, `${name}: a liaison-only row`).toBe(true);
              if (name === 'contract.list') expect(record.companyId).toBe(companyId);
              if (name === 'issue.list') {
                expect(record.responsibleParty).toBe('物业');
                expect(companyId).toBe(community === C.communityId ? world.companies.Y : world.companies.X);
              }
            }
          }
        }
      }
    }), { numRuns: 40, seed: 16 });
    expect(rowsSeen).toBeGreaterThan(100);
  }, 300_000);
});
