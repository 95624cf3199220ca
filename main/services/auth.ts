/**
 * Accounts: the administrator created at first start, login, the one-time
 * recovery code, and sessions (in memory: a restart logs everyone out).
 */
import { eq, sql } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import { newId } from '../db/ids';
import { AppError } from '../../shared/contract/errors';
import { nowIso } from '../db/clock';
import { users } from '../db/schema';
import { write, type Actor, type ServiceContext } from './context';
import { hashSecret, newRecoveryCode, normalizeRecoveryCode, verifySecret } from './passwords';
import { recoveryWrapFor, storeRecoveryWrap } from '../security/data-key';

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: string;
}

/** How a user is named in the audit log: 王主任（admin）. */
export function authorOf(user: { displayName: string; username: string }): string {
  return `${user.displayName}（${user.username}）`;
}

const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;
const MAX_FAILURES = 5;
const LOCKOUT_MS = 60 * 1000;

export class AuthService {
  private sessions = new Map<string, { user: SessionUser; lastSeen: number }>();
  private failures = new Map<string, { count: number; until: number }>();

  constructor(private ctx: ServiceContext) {}

  needsSetup(): boolean {
    const row = this.ctx.db.select({ n: sql<number>`count(*)` }).from(users).get();
    return (row?.n ?? 0) === 0;
  }

  async setup(input: { username: string; displayName: string; password: string }) {
    if (!this.needsSetup()) throw new AppError('REFUSED', '管理员账户已经创建，请直接登录');
    const recoveryCode = newRecoveryCode();
    const [passwordHash, recoveryHash, keyWrap] = await Promise.all([hashSecret(input.password), hashSecret(recoveryCode), recoveryWrapFor(this.ctx.keys, recoveryCode)]);
    const now = nowIso();
    const user = { id: newId(), username: input.username, displayName: input.displayName, role: 'admin' };
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
    this.refuseIfLocked(input.username);
    const row = this.ctx.db.select().from(users).where(eq(users.username, input.username)).get();
    // Hash even for unknown users so that timing does not reveal which usernames exist.
    const ok = row ? await verifySecret(input.password, row.passwordHash) : (await hashSecret(input.password), false);
    if (!row || !ok) {
      this.noteFailure(input.username);
      throw new AppError('UNAUTHENTICATED', '用户名或密码不正确');
    }
    this.failures.delete(input.username);
    return { session: this.open(toUser(row)), user: toUser(row) };
  }

  async recover(input: { username: string; recoveryCode: string; newPassword: string }) {
    this.refuseIfLocked(input.username);
    const row = this.ctx.db.select().from(users).where(eq(users.username, input.username)).get();
    const ok = row ? await verifySecret(normalizeRecoveryCode(input.recoveryCode), row.recoveryHash) : false;
    if (!row || !ok) {
      this.noteFailure(input.username);
      throw new AppError('UNAUTHENTICATED', '用户名或恢复码不正确');
    }
    // The code is spent: a new one replaces it, shown once like the first.
    const recoveryCode = newRecoveryCode();
    const [passwordHash, recoveryHash, keyWrap] = await Promise.all([hashSecret(input.newPassword), hashSecret(recoveryCode), recoveryWrapFor(this.ctx.keys, recoveryCode)]);
    const user = toUser(row);
    write(this.ctx, { author: authorOf(user), userId: user.id }, (tx) => {
      this.ctx.db.update(users).set({ passwordHash, recoveryHash, updatedAt: nowIso() }).where(eq(users.id, row.id)).run();
      storeRecoveryWrap(this.ctx.sqlite, keyWrap); // the new code opens the data key from now on
      tx.audit({ action: 'recover-password', entity: 'user', entityId: row.id, after: { passwordReset: true, recoveryCodeReplaced: true } });
    });
    this.failures.delete(input.username);
    for (const [token, s] of this.sessions) if (s.user.id === row.id) this.sessions.delete(token);
    return { session: this.open(user), user, recoveryCode };
  }

  /** The user behind a session, or null when it is unknown or idle too long. */
  userFor(session: string | undefined, now = Date.now()): SessionUser | null {
    if (!session) return null;
    const s = this.sessions.get(session);
    if (!s) return null;
    if (now - s.lastSeen > SESSION_IDLE_MS) {
      this.sessions.delete(session);
      return null;
    }
    s.lastSeen = now;
    return s.user;
  }

  logout(session: string | undefined): void {
    if (session) this.sessions.delete(session);
  }

  private open(user: SessionUser): string {
    const token = randomBytes(32).toString('base64url');
    this.sessions.set(token, { user, lastSeen: Date.now() });
    return token;
  }

  private refuseIfLocked(username: string): void {
    const f = this.failures.get(username);
    if (f && f.count >= MAX_FAILURES && Date.now() < f.until) {
      throw new AppError('REFUSED', `连续${MAX_FAILURES}次输入错误，请${Math.ceil((f.until - Date.now()) / 1000)}秒后再试`);
    }
  }

  private noteFailure(username: string): void {
    const f = this.failures.get(username) ?? { count: 0, until: 0 };
    f.count = Date.now() < f.until || f.count < MAX_FAILURES ? f.count + 1 : 1;
    if (f.count >= MAX_FAILURES) f.until = Date.now() + LOCKOUT_MS;
    this.failures.set(username, f);
  }
}

function toUser(row: typeof users.$inferSelect): SessionUser {
  return { id: row.id, username: row.username, displayName: row.displayName, role: row.role };
}
