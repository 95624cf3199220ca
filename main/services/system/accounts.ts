/**
 * The accounts an administrator manages (issue 16): adding one with a temporary password, its roles and the
 * communities each covers, a 物业联络员's company, a password reset, disabling and enabling. Accounts are never
 * deleted: the audit log names people by them. Every write is audited with the administrator who made it.
 * Signing in and one's own password are auth.ts.
 */
import { asc, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import { AppError, fieldProblem } from '../../../shared/contract/errors';
import type { userRow } from '../../../shared/contract/system';
import { ROLE_NAMES, type Grant } from '../../../shared/domain/permissions';
import { nowIso } from '../../db/clock';
import { newId } from '../../db/ids';
import { communities } from '../../db/schema/register';
import { companies } from '../../db/schema/office';
import { userGrants, users } from '../../db/schema/system';
import { write, type Actor, type ServiceContext } from '../context';
import { grantsOf, type AuthService } from './auth';
import { hashSecret, newRecoveryCode, newTemporaryPassword } from './passwords';
import { refuseStale } from '../record-revisions';

type UserRow = z.output<typeof userRow>;

export function listUsers(ctx: ServiceContext): UserRow[] {
  const rows = ctx.db.select().from(users).orderBy(asc(users.createdAt), asc(users.username)).all();
  const names = companyNames(ctx, rows.map((r) => r.companyId).filter((c): c is string => c !== null));
  return rows.map((r) => ({
    id: r.id, username: r.username, displayName: r.displayName, grants: grantsOf(ctx, r.id), companyId: r.companyId,
    companyName: r.companyId ? (names.get(r.companyId) ?? null) : null, active: r.active, mustChangePassword: r.mustChangePassword, createdAt: r.createdAt, revision: r.revision,
  }));
}

function companyNames(ctx: ServiceContext, ids: string[]): Map<string, string> {
  if (ids.length === 0) return new Map();
  return new Map(ctx.db.select({ id: companies.id, name: companies.name }).from(companies).where(inArray(companies.id, ids)).all().map((c) => [c.id, c.name]));
}

function userRowOf(ctx: ServiceContext, id: string): UserRow {
  const found = listUsers(ctx).find((u) => u.id === id);
  if (!found) throw new AppError('NOT_FOUND', '找不到该账户');
  return found;
}

function accountOf(ctx: ServiceContext, id: string) {
  const row = ctx.db.select().from(users).where(eq(users.id, id)).get();
  if (!row) throw new AppError('NOT_FOUND', '找不到该账户');
  return row;
}

/**
 * The grants as they will be stored: one per role; 管理员 over every community (accounts, settings and
 * backups are office-wide, shared/domain/permissions.ts); the other roles over the communities named, which
 * must exist. A 物业联络员 needs their company; nobody else keeps one.
 */
function checkedGrants(ctx: ServiceContext, grants: readonly Grant[], companyId: string | null): { grants: Grant[]; companyId: string | null } {
  const seen = new Set<string>();
  const out: Grant[] = [];
  for (const [i, g] of grants.entries()) {
    if (seen.has(g.role)) throw new AppError('VALIDATION', `角色“${ROLE_NAMES[g.role]}”重复`, [fieldProblem(`grants.${i}.role`, `角色“${ROLE_NAMES[g.role]}”重复`)]);
    seen.add(g.role);
    if (g.role === 'admin') {
      out.push({ role: 'admin', communities: 'all' });
      continue;
    }
    if (g.communities !== 'all') {
      const ids = [...new Set(g.communities)];
      if (ids.length === 0) {
        throw new AppError('VALIDATION', `请选择“${ROLE_NAMES[g.role]}”负责的小区`, [fieldProblem(`grants.${i}.communities`, `请选择“${ROLE_NAMES[g.role]}”负责的小区`)]);
      }
      const known = new Set(ctx.db.select({ id: communities.id }).from(communities).where(inArray(communities.id, ids)).all().map((c) => c.id));
      const unknown = ids.filter((c) => !known.has(c));
      if (unknown.length > 0) throw new AppError('VALIDATION', '所选小区不存在', [fieldProblem(`grants.${i}.communities`, `找不到小区：${unknown.join('、')}`)]);
      out.push({ role: g.role, communities: ids });
    } else out.push({ role: g.role, communities: 'all' });
  }
  const liaison = out.some((g) => g.role === 'liaison');
  if (!liaison) return { grants: out, companyId: null };
  if (!companyId) throw new AppError('VALIDATION', '物业联络员须指定所属物业服务企业', [fieldProblem('companyId', '请选择物业联络员所属的物业服务企业')]);
  if (!ctx.db.select({ id: companies.id }).from(companies).where(eq(companies.id, companyId)).get()) {
    throw new AppError('VALIDATION', '找不到该物业服务企业', [fieldProblem('companyId', '找不到该物业服务企业')]);
  }
  return { grants: out, companyId };
}

function storeGrants(ctx: ServiceContext, userId: string, grants: readonly Grant[]): void {
  ctx.db.delete(userGrants).where(eq(userGrants.userId, userId)).run();
  for (const g of grants) {
    const scope = g.communities === 'all' ? [null] : g.communities;
    for (const communityId of scope) ctx.db.insert(userGrants).values({ id: newId(), userId, role: g.role, communityId }).run();
  }
}

/** The summary kept in users.role for older readers: the grants decide. */
const roleSummary = (grants: readonly Grant[]) => (grants.some((g) => g.role === 'admin') ? 'admin' : 'staff');

/** Administrators able to sign in, other than `except`: the office must always keep one. */
function otherActiveAdmins(ctx: ServiceContext, except: string): number {
  return ctx.db.select({ id: users.id }).from(users).where(eq(users.active, true)).all()
    .filter((u) => u.id !== except && grantsOf(ctx, u.id).some((g) => g.role === 'admin')).length;
}

/** What an audit row shows of an account: never a hash. */
function auditView(row: { username: string; displayName: string; active: boolean; companyId: string | null }, grants: readonly Grant[]) {
  return { username: row.username, displayName: row.displayName, active: row.active, companyId: row.companyId, grants };
}

export async function createUser(ctx: ServiceContext, actor: Actor, input: { username: string; displayName: string; grants: Grant[]; companyId: string | null }) {
  const { grants, companyId } = checkedGrants(ctx, input.grants, input.companyId);
  const temporaryPassword = newTemporaryPassword();
  // Nobody knows this code: an account gets its own recovery code when it sets its own password (an
  // administrator's, auth.ts changePassword); anyone else who forgets theirs asks an administrator for a reset.
  const [passwordHash, recoveryHash] = await Promise.all([hashSecret(temporaryPassword), hashSecret(newRecoveryCode())]);
  const id = newId();
  write(ctx, actor, (tx) => {
    if (ctx.db.select({ id: users.id }).from(users).where(eq(users.username, input.username)).get()) {
      throw new AppError('REFUSED', `用户名“${input.username}”已被使用`, [fieldProblem('username', `用户名“${input.username}”已被使用（停用的账户也保留用户名）`)]);
    }
    const now = nowIso();
    const row = { id, username: input.username, displayName: input.displayName, role: roleSummary(grants), passwordHash, recoveryHash, active: true, mustChangePassword: true, companyId, createdAt: now, updatedAt: now };
    ctx.db.insert(users).values(row).run();
    storeGrants(ctx, id, grants);
    tx.audit({ action: 'create', entity: 'user', entityId: id, after: { ...auditView(row, grants), temporaryPassword: true } });
  });
  return { id, username: input.username, temporaryPassword };
}

/**
 * Name, roles, communities and company. The person's open sessions read their grants again at their next call
 * (auth.ts userFor), so a change applies at once without signing them out.
 */
export function updateUser(
  ctx: ServiceContext, actor: Actor, input: { id: string; expectedRevision?: number | undefined; displayName: string; grants: Grant[]; companyId: string | null },
): UserRow {
  const { grants, companyId } = checkedGrants(ctx, input.grants, input.companyId);
  write(ctx, actor, (tx) => {
    const before = accountOf(ctx, input.id);
    refuseStale(ctx, 'user', before, input.expectedRevision);
    const beforeGrants = grantsOf(ctx, before.id);
    const wasAdmin = beforeGrants.some((g) => g.role === 'admin');
    if (wasAdmin && !grants.some((g) => g.role === 'admin') && before.active && otherActiveAdmins(ctx, before.id) === 0) {
      throw new AppError('REFUSED', '这是唯一启用的管理员账户，不能取消其“管理员”角色', [fieldProblem('grants', '至少要保留一个启用的管理员')]);
    }
    // No longer 管理员: their recovery code stops opening the data key (their own wrap goes; see auth.ts recover).
    const keepsWrap = grants.some((g) => g.role === 'admin');
    ctx.db.update(users).set({ displayName: input.displayName, role: roleSummary(grants), companyId, ...(keepsWrap ? {} : { keyWrap: null }), updatedAt: nowIso() })
      .where(eq(users.id, before.id)).run();
    storeGrants(ctx, before.id, grants);
    tx.audit({
      action: 'update', entity: 'user', entityId: before.id, before: auditView(before, beforeGrants),
      after: auditView({ ...before, displayName: input.displayName, companyId }, grants),
    });
  });
  return userRowOf(ctx, input.id);
}

/** A new temporary password, shown once; the account's open sessions end and it must be changed at sign-in. */
export async function resetPassword(ctx: ServiceContext, auth: AuthService, actor: Actor, id: string) {
  const row = accountOf(ctx, id);
  const temporaryPassword = newTemporaryPassword();
  const passwordHash = await hashSecret(temporaryPassword);
  write(ctx, actor, (tx) => {
    ctx.db.update(users).set({ passwordHash, mustChangePassword: true, updatedAt: nowIso() }).where(eq(users.id, row.id)).run();
    tx.audit({ action: 'reset-password', entity: 'user', entityId: row.id, after: { username: row.username, temporaryPassword: true } });
  });
  auth.endSessionsOf(row.id);
  return { id: row.id, username: row.username, temporaryPassword };
}

/** Disabled: cannot sign in, and every open session ends. The office keeps at least one administrator able to sign in. */
export function setActive(ctx: ServiceContext, auth: AuthService, actor: Actor, id: string, active: boolean) {
  const row = accountOf(ctx, id);
  if (!active && row.id === actor.userId) throw new AppError('REFUSED', '不能停用自己正在使用的账户');
  write(ctx, actor, (tx) => {
    if (!active && grantsOf(ctx, row.id).some((g) => g.role === 'admin') && otherActiveAdmins(ctx, row.id) === 0) {
      throw new AppError('REFUSED', '这是唯一启用的管理员账户，不能停用');
    }
    if (row.active === active) return;
    ctx.db.update(users).set({ active, updatedAt: nowIso() }).where(eq(users.id, row.id)).run();
    tx.audit({ action: active ? 'enable' : 'disable', entity: 'user', entityId: row.id, before: { active: row.active }, after: { username: row.username, active } });
  });
  if (!active) auth.endSessionsOf(row.id);
  return { id: row.id, username: row.username, active };
}
