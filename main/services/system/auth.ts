/**
 * Accounts: the administrator created at first start, login, the one-time
 * recovery code, and sessions (in memory: a restart logs everyone out).
 */
import { eq, sql } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import type { Grant } from '../../../shared/domain/permissions';
import { newId } from '../../db/ids';
import { AppError } from '../../../shared/contract/errors';
import { nowIso } from '../../db/clock';
import { users } from '../../db/schema/system';
import { write, type Actor, type ServiceContext } from '../context';
import { LoginLimiter, type LoginLimits } from './login-limits';
import { hashSecret, needsRehash, newRecoveryCode, normalizeRecoveryCode, verifySecret } from './passwords';
import { recoveryWrapFor, storeRecoveryWrap } from '../../security/data-key';

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: string;
  /** What the person may do where (shared/domain/permissions.ts). */
  grants: Grant[];
  /** A 物业联络员's property company: they see the issues dispatched to it and its contracts. */
  companyId: string | null;
}

/** How a user is named in the audit log: 王主任（admin）. */
export function authorOf(user: { displayName: string; username: string }): string {
  return `${user.displayName}（${user.username}）`;
}

const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;
/**
 * However busy, a session ends 24 hours after its login: a working day with an
 * evening owners' meeting fits, and a token copied from a shared office PC is
 * useless the next day. Staff log in once a day.
 */
const SESSION_MAX_MS = 24 * 60 * 60 * 1000;

export class AuthService {
  private sessions = new Map<string, { user: SessionUser; openedAt: number; lastSeen: number }>();
  private readonly now: () => number;
  private readonly limiter: LoginLimiter;

  /** `now` is the clock of sessions and login limits; tests pass their own, and smaller limits. */
  constructor(private ctx: ServiceContext, options: { now?: () => number; limits?: LoginLimits } = {}) {
    this.now = options.now ?? Date.now;
    this.limiter = new LoginLimiter(options.limits, this.now);
  }

  needsSetup(): boolean {
    const row = this.ctx.db.select({ n: sql<number>`count(*)` }).from(users).get();
    return (row?.n ?? 0) === 0;
  }

  async setup(input: { username: string; displayName: string; password: string }) {
    if (!this.needsSetup()) throw new AppError('REFUSED', '管理员账户已经创建，请直接登录');
    const recoveryCode = newRecoveryCode();
    const [passwordHash, recoveryHash, keyWrap] = await Promise.all([hashSecret(input.password), hashSecret(recoveryCode), recoveryWrapFor(this.ctx.keys, recoveryCode)]);
    const now = nowIso();
    const user: SessionUser = { id: newId(), username: input.username, displayName: input.displayName, role: 'admin', grants: grantsOf('admin'), companyId: null };
    const actor: Actor = { author: authorOf(user), userId: user.id };
    write(this.ctx, actor, (tx) => {
      // Checked again inside the transaction: two first starts cannot both create an administrator.
      if (!this.needsSetup()) throw new AppError('REFUSED', '管理员账户已经创建，请直接登录');
      this.ctx.db.insert(users).values({ ...user, passwordHash, recoveryHash, createdAt: now, updatedAt: now }).run();
      storeRecoveryWrap(this.ctx.sqlite, keyWrap); // the recovery code also opens the data key (security/data-key.ts)
      tx.audit({ action: 'create', entity: 'user', entityId: user.id, after: user });
    });
    return { session: this.open(user), user, recoveryCode };
  }

  async login(input: { username: string; password: string }) {
    // Counted before the password is checked, so guesses sent together cannot pass the limit.
    this.limiter.admit(input.username);
    const row = this.ctx.db.select().from(users).where(eq(users.username, input.username)).get();
    // Hash even for unknown users so that timing does not reveal which usernames exist.
    const ok = row ? await verifySecret(input.password, row.passwordHash) : (await hashSecret(input.password), false);
    if (!row || !ok) throw new AppError('UNAUTHENTICATED', '用户名或密码不正确');
    this.limiter.succeeded(input.username);
    if (needsRehash(row.passwordHash)) await this.rehash(row, input.password);
    return { session: this.open(toUser(row)), user: toUser(row) };
  }

  async recover(input: { username: string; recoveryCode: string; newPassword: string }) {
    this.limiter.admit(input.username);
    const row = this.ctx.db.select().from(users).where(eq(users.username, input.username)).get();
    const ok = row ? await verifySecret(normalizeRecoveryCode(input.recoveryCode), row.recoveryHash) : false;
    if (!row || !ok) throw new AppError('UNAUTHENTICATED', '用户名或恢复码不正确');
    // The code is spent: a new one replaces it, shown once like the first.
    const recoveryCode = newRecoveryCode();
    const [passwordHash, recoveryHash, keyWrap] = await Promise.all([hashSecret(input.newPassword), hashSecret(recoveryCode), recoveryWrapFor(this.ctx.keys, recoveryCode)]);
    const user = toUser(row);
    write(this.ctx, { author: authorOf(user), userId: user.id }, (tx) => {
      this.ctx.db.update(users).set({ passwordHash, recoveryHash, updatedAt: nowIso() }).where(eq(users.id, row.id)).run();
      storeRecoveryWrap(this.ctx.sqlite, keyWrap); // the new code opens the data key from now on
      tx.audit({ action: 'recover-password', entity: 'user', entityId: row.id, after: { passwordReset: true, recoveryCodeReplaced: true } });
    });
    this.limiter.succeeded(input.username);
    for (const [token, s] of this.sessions) if (s.user.id === row.id) this.sessions.delete(token);
    return { session: this.open(user), user, recoveryCode };
  }

  /** The user behind a session, or null when it is unknown, idle too long or past its lifetime. */
  userFor(session: string | undefined, now = this.now()): SessionUser | null {
    if (!session) return null;
    const s = this.sessions.get(session);
    if (!s) return null;
    if (expired(s, now)) {
      this.sessions.delete(session);
      return null;
    }
    s.lastSeen = now;
    return s.user;
  }

  logout(session: string | undefined): void {
    if (session) this.sessions.delete(session);
  }

  // ── the idle lock (issue 16) ─────────────────────────────────────────
  // The screen locks itself after the community's idle minutes (the renderer counts them) and says so here, so
  // that the locked session's calls are refused (main/router.ts) until its person gives the password again: the
  // page and a half-filled form stay in the renderer, the session stays open. Kept apart from `sessions` so that
  // the rest of the service is untouched; a token whose session ended is forgotten on the next look.
  private locked = new Set<string>();

  lock(session: string | undefined): void {
    if (session && this.sessions.has(session)) this.locked.add(session);
  }

  isLocked(session: string | undefined): boolean {
    if (!session || !this.locked.has(session)) return false;
    if (this.sessions.has(session)) return true;
    this.locked.delete(session);
    return false;
  }

  /** The session's own person types their password again; guesses count like logins (LoginLimiter). */
  async unlock(session: string | undefined, password: string): Promise<void> {
    const user = this.userFor(session);
    if (!user) throw new AppError('UNAUTHENTICATED', '登录已过期或尚未登录，请重新登录');
    this.limiter.admit(user.username);
    const row = this.ctx.db.select().from(users).where(eq(users.id, user.id)).get();
    if (!row || !(await verifySecret(password, row.passwordHash))) throw AppError.field('REFUSED', 'password', '密码不正确');
    this.limiter.succeeded(user.username);
    this.locked.delete(session!);
  }

  private open(user: SessionUser): string {
    const now = this.now();
    // Sessions nobody came back to are dropped here, so the map does not grow with every login.
    for (const [token, s] of this.sessions) if (expired(s, now)) this.sessions.delete(token);
    const token = randomBytes(32).toString('base64url');
    this.sessions.set(token, { user, openedAt: now, lastSeen: now });
    return token;
  }

  /** A hash made with weaker scrypt figures is rewritten with today's, now that the password is known. */
  private async rehash(row: typeof users.$inferSelect, password: string): Promise<void> {
    const passwordHash = await hashSecret(password);
    write(this.ctx, { author: authorOf(row), userId: row.id }, (tx) => {
      this.ctx.db.update(users).set({ passwordHash, updatedAt: nowIso() }).where(eq(users.id, row.id)).run();
      tx.audit({ action: 'rehash-password', entity: 'user', entityId: row.id, after: { hash: passwordHash.split('$').slice(0, 4).join('$') } });
    });
  }
}

function expired(s: { openedAt: number; lastSeen: number }, now: number): boolean {
  return now - s.lastSeen > SESSION_IDLE_MS || now - s.openedAt > SESSION_MAX_MS;
}

function toUser(row: typeof users.$inferSelect): SessionUser {
  return { id: row.id, username: row.username, displayName: row.displayName, role: row.role, grants: grantsOf(row.role), companyId: null };
}

/** Until accounts carry their own roles (issue 16), the first administrator is 管理员 over every community. */
function grantsOf(role: string): Grant[] {
  return role === 'admin' ? [{ role: 'admin', communities: 'all' }] : [];
}
