/**
 * This installation as an office, and the offices it knows (issue 18, docs/domain.md §10): its identity and the
 * registration of the offices it exchanges packages with (exchange.ts).
 *
 * Each office signs what it sends with an Ed25519 key made once, at `office init` (node:crypto). Its public key's
 * short code (shared/domain/fingerprint-code.ts) is told to the office above in person or by phone, which registers
 * the office below with it (`registerOffice`); from then on a package claiming to come from that office is accepted
 * only when signed by a key whose code is the registered one. The private key is sealed with the data key, like
 * the residents' ID numbers (main/security/personal-data.ts), so a copied database file signs nothing.
 */
import { createHash, generateKeyPairSync } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { AppError } from '../../../shared/contract/errors';
import { codeOfFingerprint, normalizeCode } from '../../../shared/domain/fingerprint-code';
import { nowIso } from '../../db/clock';
import { newId } from '../../db/ids';
import { offices } from '../../db/schema/levels';
import { write, type Actor, type ServiceContext } from '../context';

export const OFFICE_LEVELS = ['社区', '街道', '区'] as const;
export type OfficeLevel = (typeof OFFICE_LEVELS)[number];

/** The level directly above each (a 区 has none). */
const ABOVE: Record<OfficeLevel, OfficeLevel | null> = { 社区: '街道', 街道: '区', 区: null };

/** An Ed25519 public key's code: SHA-256 of its SPKI DER, as the short code. */
export function codeOfPublicKey(spkiDerBase64: string): string {
  return codeOfFingerprint(createHash('sha256').update(Buffer.from(spkiDerBase64, 'base64')).digest('hex'));
}

const PRIVATE_KEY_PLACE = (officeId: string) => `offices.private_key:${officeId}`;

function levelOf(text: string): OfficeLevel {
  const level = OFFICE_LEVELS.find((l) => l === text.trim());
  if (!level) throw AppError.field('VALIDATION', 'level', `级别应为${OFFICE_LEVELS.join('、')}之一`);
  return level;
}

export interface OfficeOut {
  name: string;
  level: OfficeLevel;
  code: string;
}

/** An office known here by its name (this one included), as stored. */
export function officeByName(ctx: ServiceContext, name: string): typeof offices.$inferSelect | undefined {
  return ctx.db.select().from(offices).where(eq(offices.name, name)).get();
}

/** This office, or null before `office init`. */
export function selfOffice(ctx: ServiceContext): (OfficeOut & { id: string; aboveName: string | null }) | null {
  const row = ctx.db.select().from(offices).where(eq(offices.self, true)).get();
  return row ? { id: row.id, name: row.name, level: levelOf(row.level), code: row.code, aboveName: row.aboveName } : null;
}

/**
 * Makes this installation an office: its name, level and the office above, and its signing key. Once made, the
 * key stays (its code is what the office above registered); the same call again changes nothing and answers the
 * same, another name or level is refused.
 */
export function initOffice(ctx: ServiceContext, actor: Actor, input: { name: string; level: string; above?: string | null }): OfficeOut {
  const name = input.name.trim();
  if (name === '' || name.length > 60) throw AppError.field('VALIDATION', 'name', '办公室名称应为 1–60 个字');
  const level = levelOf(input.level);
  const above = input.above?.trim() || null;
  if (ABOVE[level] === null && above !== null) throw AppError.field('VALIDATION', 'above', '区级办公室之上没有办公室，不用填写上级');
  if (ABOVE[level] !== null && above === null) throw AppError.field('VALIDATION', 'above', `${level}办公室须写明上级${ABOVE[level]}办公室的名称`);
  const existing = selfOffice(ctx);
  if (existing) {
    if (existing.name === name && existing.level === level && existing.aboveName === above) return { name, level, code: existing.code };
    throw new AppError('REFUSED', `本机已设定为${existing.level}“${existing.name}”（代码 ${existing.code}）：上级已按这个代码登记本办公室，不能改为另一个办公室`);
  }
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const spki = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  const pkcs8 = privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64');
  const id = newId();
  const code = codeOfPublicKey(spki);
  const now = nowIso();
  write(ctx, actor, (tx) => {
    ctx.db.insert(offices).values({
      id, name, level, self: true, aboveName: above, code, publicKey: spki, privateKey: ctx.keys.seal(PRIVATE_KEY_PLACE(id), pkcs8), createdAt: now, updatedAt: now,
    }).run();
    tx.audit({ action: 'create', entity: 'office', entityId: id, after: { name, level, above, code } });
  });
  return { name, level, code };
}

/**
 * At the office above: another office, by the code its people read out. Only an office of the level directly
 * below (or the one directly above) is registered; the code is checked for its form, and the key it names
 * arrives with that office's first package.
 */
export function registerOffice(ctx: ServiceContext, actor: Actor, input: { name: string; level: string; code: string }): OfficeOut {
  const self = selfOffice(ctx);
  if (!self) throw new AppError('REFUSED', '本机还没有设定为办公室：请先运行 office init');
  const name = input.name.trim();
  if (name === '' || name.length > 60) throw AppError.field('VALIDATION', 'name', '办公室名称应为 1–60 个字');
  const level = levelOf(input.level);
  const code = normalizeCode(input.code);
  if (!code) throw AppError.field('VALIDATION', 'code', '代码应为 20 个字母或数字（可分成四组），请照对方办公室显示的输入');
  const below = ABOVE[level] === self.level;
  const aboveIt = ABOVE[self.level] === level && self.aboveName === name;
  if (!below && !aboveIt) throw AppError.field('REFUSED', 'level', `${self.level}办公室只登记下一级（${OFFICE_LEVELS.find((l) => ABOVE[l] === self.level) ?? '无'}）办公室，或本办公室的上级`);
  if (name === self.name) throw AppError.field('REFUSED', 'name', '这是本办公室自己的名称');
  const known = ctx.db.select().from(offices).where(eq(offices.name, name)).get();
  if (known) {
    if (known.viaOfficeId !== null) throw AppError.field('REFUSED', 'name', `“${name}”已由“${known.aboveName ?? ''}”作为其下属社区报来：同名的办公室不能再登记，请核实名称`);
    if (known.code === code && known.level === level) return { name, level, code };
    throw AppError.field('REFUSED', 'code', `“${name}”已登记，代码 ${known.code}：代码不同，可能是对方重新安装了程序；请核实后由管理员处理`);
  }
  const now = nowIso();
  const id = newId();
  write(ctx, actor, (tx) => {
    ctx.db.insert(offices).values({ id, name, level, self: false, aboveName: null, code, publicKey: null, privateKey: null, createdAt: now, updatedAt: now }).run();
    tx.audit({ action: 'register', entity: 'office', entityId: id, after: { name, level, code } });
  });
  return { name, level, code };
}

/** This office and every office it exchanges with, for the 上下级 screen. */
export function officeOverview(ctx: ServiceContext) {
  const self = selfOffice(ctx);
  const rows = ctx.db.select().from(offices).where(eq(offices.self, false)).orderBy(offices.level, offices.name).all();
  return {
    self: self && { name: self.name, level: self.level, code: self.code, above: self.aboveName },
    offices: rows.map((o) => ({
      name: o.name, level: levelOf(o.level), code: o.code,
      relation: o.viaOfficeId !== null ? 'via' as const : self?.aboveName === o.name ? 'above' as const : 'below' as const,
      lastImported: o.lastImported, lastReceivedAt: o.lastReceivedAt, lastSent: o.lastSent, acknowledged: o.acknowledged,
    })),
  };
}

/** The street's (or district's) days of silence before an office below is flagged. */
export function silentDaysOf(ctx: ServiceContext): number {
  return ctx.db.select({ days: offices.silentDays }).from(offices).where(eq(offices.self, true)).get()?.days ?? 30;
}

export function setSilentDays(ctx: ServiceContext, actor: Actor, days: number): void {
  const self = selfOffice(ctx);
  if (!self) throw new AppError('REFUSED', '本机还没有设定为办公室：请先运行 office init');
  write(ctx, actor, (tx) => {
    ctx.db.update(offices).set({ silentDays: days, updatedAt: nowIso() }).where(eq(offices.id, self.id)).run();
    tx.audit({ action: 'update', entity: 'office', entityId: self.id, after: { silentDays: days } });
  });
}
