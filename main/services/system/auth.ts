/**
 * Accounts: the administrator created at first start, login, the one-time
 * recovery code, changing one's own password (a temporary one must be changed
 * first), and sessions (in the database, by the token's hash: a restart of the
 * app or the office server keeps everyone signed in, issue 17). The accounts
 * an administrator manages are accounts.ts.
 */
import { and, asc, eq, lt, ne, or, sql } from 'drizzle-orm';
import { createHash, randomBytes } from 'node:crypto';
import type { Grant } from '../../../shared/domain/permissions';
import { newId } from '../../db/ids';
import { AppError } from '../../../shared/contract/errors';
import { nowIso } from '../../db/clock';
import { sessions, userGrants, users } from '../../db/schema/system';
import { faultMessage, isSqliteBusy } from '../../db/faults';
import { write, type Actor, type ServiceContext } from '../context';
import { LoginLimiter, type LoginLimits } from './login-limits';
import { hashSecret, needsRehash, newRecoveryCode, normalizeRecoveryCode, verifySecret } from './passwords';
import { keyRow, opensOfficeWrap, recoveryWrapFor, storeRecoveryWrap } from '../../security/data-key';
import { ROLES, type Role } from '../../../shared/domain/permissions';

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: string;
  /** What the person may do where (shared/domain/permissions.ts). */
  grants: Grant[];
  /** A 物业联络员's property company: they see the issues dispatched to it and its contracts. */
  companyId: string | null;
  /** Signed in with a temporary password: every call but changing it is refused (main/router.ts). */
  mustChangePassword: boolean;
}

/** The words of the refusal while a temporary password is unchanged (main/router.ts, PASSWORD_CHANGE_REQUIRED). */
export const PASSWORD_CHANGE_MESSAGE = '请先设置新密码：临时密码只能用来登录并修改密码';

/** How a user is named in the audit log: 王主任（admin）. */
export function authorOf(user: { displayName: string; username: string }): string {
  return `${user.displayName}（${user.username}）`;
}

/**
 * Whether an author text recorded earlier (authorOf) names the person acting now: by the username at its end,
 * which never changes (a display name may have been renamed in between; a username cannot hold （）).
 * Rules that want two people (double entry's two passes) bind the app's accounts; an actor without one — the
 * CLI, a trusted local caller with the data file in hand — is nobody's "same person".
 */
export function isSamePerson(actor: Actor, author: string): boolean {
  if (actor.userId === null) return false;
  const username = /（([^（）]+)）$/.exec(actor.author)?.[1];
  return username !== undefined && author.endsWith(`（${username}）`);
}

const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;
/**
 * However busy, a session ends 24 hours after its login: a working day with an
 * evening owners' meeting fits, and a token copied from a shared office PC is
 * useless the next day. Staff log in once a day.
 */
const SESSION_MAX_MS = 24 * 60 * 60 * 1000;

/**
 * last_seen is written when it is older than this, not on every call: a read would otherwise cost a write. The
 * idle limit (12 hours) is then counted from up to a minute earlier than the last call — nobody notices.
 */
const LAST_SEEN_STEP_MS = 60 * 1000;

/** Sessions are found by the SHA-256 of their token: the token itself is never stored (schema/system.ts). */
function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * A session row written outside write(): session rows are not audited business data — a login or logout changes no
 * record of the office (login failures and account changes are audited where they happen) and would fill the log
 * with a row per call. Another process holding the database makes the call BUSY, which the router tries again.
 */
function staleSessions(now: number) {
  return or(lt(sessions.lastSeen, iso(now - SESSION_IDLE_MS)), lt(sessions.openedAt, iso(now - SESSION_MAX_MS)));
}

function sessionWrite<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (isSqliteBusy(error)) throw new AppError('BUSY', faultMessage('busy'));
    throw error;
  }
}

export class AuthService {
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
    const user: SessionUser = {
      id: newId(), username: input.username, displayName: input.displayName, role: 'admin', grants: [{ role: 'admin', communities: 'all' }], companyId: null, mustChangePassword: false,
    };
    const actor: Actor = { author: authorOf(user), userId: user.id };
    write(this.ctx, actor, (tx) => {
      // Checked again inside the transaction: two first starts cannot both create an administrator.
      if (!this.needsSetup()) throw new AppError('REFUSED', '管理员账户已经创建，请直接登录');
      this.ctx.db.insert(users).values({ id: user.id, username: user.username, displayName: user.displayName, role: user.role, passwordHash, recoveryHash, createdAt: now, updatedAt: now }).run();
      this.ctx.db.insert(userGrants).values({ id: newId(), userId: user.id, role: 'admin', communityId: null }).run();
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
    // Told only to whoever knows the password: a guess does not learn that the account exists and is disabled.
    if (!row.active) throw new AppError('UNAUTHENTICATED', DISABLED_MESSAGE);
    this.limiter.succeeded(input.username);
    if (needsRehash(row.passwordHash)) await this.rehash(row, input.password);
    const user = toUser(this.ctx, row);
    return { session: this.open(user), user, mustChangePassword: user.mustChangePassword };
  }

  /**
   * Everyone changes their own password, knowing the current one (a temporary one included). The other sessions
   * of the account end; this one goes on. An administrator whose account another administrator created (with a
   * temporary password) gets their own recovery code now, shown once, as the first administrator did at setup.
   */
  async changePassword(session: string | undefined, input: { oldPassword: string; newPassword: string }): Promise<{ ok: true; recoveryCode: string | null }> {
    const current = this.userFor(session);
    if (!current) throw new AppError('UNAUTHENTICATED', '登录已过期或尚未登录，请重新登录');
    this.limiter.admit(current.username);
    const row = this.ctx.db.select().from(users).where(eq(users.id, current.id)).get();
    if (!row || !(await verifySecret(input.oldPassword, row.passwordHash))) {
      throw new AppError('VALIDATION', '当前密码不正确', [{ kind: 'field', field: 'oldPassword', message: '当前密码不正确' }]);
    }
    this.limiter.succeeded(current.username);
    if (input.newPassword === input.oldPassword) {
      throw new AppError('VALIDATION', '新密码不能与当前密码相同', [{ kind: 'field', field: 'newPassword', message: '新密码不能与当前密码相同' }]);
    }
    const firstAdminPassword = row.mustChangePassword && current.grants.some((g) => g.role === 'admin');
    const recoveryCode = firstAdminPassword ? newRecoveryCode() : null;
    const [passwordHash, recoveryHash] = await Promise.all([hashSecret(input.newPassword), recoveryCode ? hashSecret(recoveryCode) : Promise.resolve(null)]);
    // The new code opens the data key too, as the first administrator's does: in data_key when no code protects
    // it yet, else on this account beside the wrap already there (whose holder's code keeps opening backups).
    const keyWrap = recoveryCode ? await recoveryWrapFor(this.ctx.keys, recoveryCode) : null;
    const officeWrap = keyWrap !== null && !keyRow(this.ctx.sqlite)?.recoveryWrap;
    write(this.ctx, { author: authorOf(current), userId: current.id }, (tx) => {
      this.ctx.db.update(users).set({
        passwordHash, mustChangePassword: false, ...(recoveryHash ? { recoveryHash } : {}), ...(keyWrap && !officeWrap ? { keyWrap } : {}), updatedAt: nowIso(),
      }).where(eq(users.id, row.id)).run();
      if (keyWrap && officeWrap) storeRecoveryWrap(this.ctx.sqlite, keyWrap);
      tx.audit({ action: 'change-password', entity: 'user', entityId: row.id, after: { passwordChanged: true, wasTemporary: row.mustChangePassword, recoveryCodeIssued: recoveryCode !== null } });
    });
    sessionWrite(() => this.ctx.db.delete(sessions).where(and(eq(sessions.userId, row.id), ne(sessions.tokenHash, tokenHash(session!)))).run());
    return { ok: true, recoveryCode };
  }

  /** Every open session of an account ends (its password was reset, or it was disabled). */
  endSessionsOf(userId: string): void {
    sessionWrite(() => this.ctx.db.delete(sessions).where(eq(sessions.userId, userId)).run());
  }

  async recover(input: { username: string; recoveryCode: string; newPassword: string }) {
    this.limiter.admit(input.username);
    const row = this.ctx.db.select().from(users).where(eq(users.username, input.username)).get();
    const ok = row ? await verifySecret(normalizeRecoveryCode(input.recoveryCode), row.recoveryHash) : false;
    if (!row || !ok) throw new AppError('UNAUTHENTICATED', '用户名或恢复码不正确');
    if (!row.active) throw new AppError('UNAUTHENTICATED', DISABLED_MESSAGE);
    // The code is spent: a new one replaces it, shown once like the first.
    const recoveryCode = newRecoveryCode();
    // Whose code wraps the data key in data_key: this person's (the spent code's wrap is replaced there), or, with
    // several administrators, another's (kept: their code still opens a backup; this one's goes on the account).
    const officeWrap = !keyRow(this.ctx.sqlite)?.recoveryWrap || (await opensOfficeWrap(this.ctx.sqlite, input.recoveryCode));
    const [passwordHash, recoveryHash, keyWrap] = await Promise.all([hashSecret(input.newPassword), hashSecret(recoveryCode), recoveryWrapFor(this.ctx.keys, recoveryCode)]);
    const user = { ...toUser(this.ctx, row), mustChangePassword: false };
    const isAdmin = user.grants.some((g) => g.role === 'admin');
    write(this.ctx, { author: authorOf(user), userId: user.id }, (tx) => {
      const ownWrap = officeWrap ? null : isAdmin ? keyWrap : null;
      this.ctx.db.update(users).set({ passwordHash, recoveryHash, mustChangePassword: false, keyWrap: ownWrap, updatedAt: nowIso() }).where(eq(users.id, row.id)).run();
      if (officeWrap) storeRecoveryWrap(this.ctx.sqlite, keyWrap); // the new code opens the data key from now on
      tx.audit({ action: 'recover-password', entity: 'user', entityId: row.id, after: { passwordReset: true, recoveryCodeReplaced: true } });
    });
    this.limiter.succeeded(input.username);
    this.endSessionsOf(row.id);
    return { session: this.open(user), user, recoveryCode };
  }

  /**
   * The user behind a session, or null when it is unknown, idle too long, past its lifetime, or its account was
   * disabled. The account and its grants are read again on every call (two indexed reads, microseconds): an
   * administrator's change of someone's roles applies to their open sessions at their next call, and so does
   * a change made by the CLI in another process, which no in-memory notice could reach. Ending the sessions
   * instead would throw away a half-filled form for a change that may only add a community.
   */
  userFor(session: string | undefined, now = this.now()): SessionUser | null {
    const s = this.sessionOf(session);
    if (!s) return null;
    const end = () => sessionWrite(() => this.ctx.db.delete(sessions).where(eq(sessions.tokenHash, s.tokenHash)).run());
    if (expired(s, now)) {
      end();
      return null;
    }
    const row = this.ctx.db.select().from(users).where(eq(users.id, s.userId)).get();
    if (!row?.active) {
      end();
      return null;
    }
    if (now - Date.parse(s.lastSeen) >= LAST_SEEN_STEP_MS) {
      try {
        this.ctx.db.update(sessions).set({ lastSeen: iso(now) }).where(eq(sessions.tokenHash, s.tokenHash)).run();
      } catch (error) {
        // Another process holds the database: the call goes on, and a later one writes the time.
        if (!isSqliteBusy(error)) throw error;
      }
    }
    return toUser(this.ctx, row);
  }

  logout(session: string | undefined): void {
    if (session) sessionWrite(() => this.ctx.db.delete(sessions).where(eq(sessions.tokenHash, tokenHash(session))).run());
  }

  /** The stored row of a token, or null (no token, or one this database never issued or has ended). */
  private sessionOf(session: string | undefined) {
    if (!session) return null;
    return this.ctx.db.select().from(sessions).where(eq(sessions.tokenHash, tokenHash(session))).get() ?? null;
  }

  /** Sessions past their idle or whole lifetime are deleted (at each login, and at start: main/app.ts). */
  dropExpired(now = this.now()): number {
    return sessionWrite(() => this.ctx.db.delete(sessions).where(staleSessions(now)).run().changes);
  }

  /** Whether dropExpired has anything to do (a read: no write lock taken). */
  hasExpired(now = this.now()): boolean {
    return this.ctx.db.select({ userId: sessions.userId }).from(sessions).where(staleSessions(now)).limit(1).get() !== undefined;
  }

  // ── the idle lock (issue 16) ─────────────────────────────────────────
  // The screen locks itself after the community's idle minutes (the renderer counts them) and says so here, so
  // that the locked session's calls are refused (main/router.ts) until its person gives the password again: the
  // page and a half-filled form stay in the renderer, the session stays open. Kept on the session's row, so that a
  // restart does not unlock a locked screen.

  lock(session: string | undefined): void {
    if (session) sessionWrite(() => this.ctx.db.update(sessions).set({ locked: true }).where(eq(sessions.tokenHash, tokenHash(session))).run());
  }

  isLocked(session: string | undefined): boolean {
    return this.sessionOf(session)?.locked === true;
  }

  /** The session's own person types their password again; guesses count like logins (LoginLimiter). */
  async unlock(session: string | undefined, password: string): Promise<void> {
    const user = this.userFor(session);
    if (!user) throw new AppError('UNAUTHENTICATED', '登录已过期或尚未登录，请重新登录');
    this.limiter.admit(user.username);
    const row = this.ctx.db.select().from(users).where(eq(users.id, user.id)).get();
    if (!row || !(await verifySecret(password, row.passwordHash))) throw AppError.field('REFUSED', 'password', '密码不正确');
    this.limiter.succeeded(user.username);
    sessionWrite(() => this.ctx.db.update(sessions).set({ locked: false }).where(eq(sessions.tokenHash, tokenHash(session!))).run());
  }

  private open(user: SessionUser): string {
    const now = this.now();
    // Sessions nobody came back to are dropped here, so the table does not grow with every login.
    this.dropExpired(now);
    const token = randomBytes(32).toString('base64url');
    sessionWrite(() => this.ctx.db.insert(sessions).values({ tokenHash: tokenHash(token), userId: user.id, openedAt: iso(now), lastSeen: iso(now) }).run());
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

function expired(s: { openedAt: string; lastSeen: string }, now: number): boolean {
  return now - Date.parse(s.lastSeen) > SESSION_IDLE_MS || now - Date.parse(s.openedAt) > SESSION_MAX_MS;
}

const DISABLED_MESSAGE = '该账户已停用，不能登录。如需使用，请联系管理员重新启用';

export function toUser(ctx: ServiceContext, row: typeof users.$inferSelect): SessionUser {
  return {
    id: row.id, username: row.username, displayName: row.displayName, role: row.role, grants: grantsOf(ctx, row.id), companyId: row.companyId,
    mustChangePassword: row.mustChangePassword,
  };
}

/**
 * An account's grants from user_grants: one per role, its communities gathered ('all' when a row has no
 * community). A role the table no longer knows is left out, never guessed.
 */
export function grantsOf(ctx: ServiceContext, userId: string): Grant[] {
  const rows = ctx.db.select().from(userGrants).where(eq(userGrants.userId, userId)).orderBy(asc(userGrants.role), asc(userGrants.communityId)).all();
  const byRole = new Map<Role, 'all' | string[]>();
  for (const r of rows) {
    const role = ROLES.find((x) => x === r.role);
    if (!role) continue;
    const had = byRole.get(role) ?? [];
    byRole.set(role, had === 'all' || r.communityId === null ? 'all' : [...had, r.communityId]);
  }
  return ROLES.filter((r) => byRole.has(r)).map((role) => ({ role, communities: byRole.get(role)! }));
}
