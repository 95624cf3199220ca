/**
 * Exchange packages between offices (issue 18): one file, JSON in UTF-8, signed by the sending office's Ed25519
 * key. This module is the envelope only — what a package says about its sender, its receiver and its place in
 * their sequence, and whether it may be read at all; what records travel and how they are imported is
 * exchange.ts's.
 *
 * Format 1:
 *   { "format": "sanfang-exchange", "version": 1,
 *     "from": { "name", "level", "code", "publicKey" },   sender; publicKey SPKI DER base64, code its short code
 *     "to": { "name", "level" },                          the one office that may import it
 *     "sequence": n,            1, 2, … per sender and receiver; the last one again changes nothing, an older one is refused
 *     "acknowledges": m,        the last sequence the sender imported from the receiver (0: none)
 *     "createdAt": ISO time,
 *     "records": [ { "kind", "id", "communityId", "body" } | { "kind", "id", "deleted": true } … ],  shared/contract/levels.ts
 *     "signature": base64 }     Ed25519 over the canonical JSON of everything else (keys sorted, no spaces)
 */
import { createHash, createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { AppError } from '../../../shared/contract/errors';
import { packageEnvelope } from '../../../shared/contract/levels';
import { offices } from '../../db/schema/levels';
import type { ServiceContext } from '../context';
import { codeOfPublicKey, selfOffice, type OfficeLevel } from './offices';

export const PACKAGE_FORMAT = 'sanfang-exchange';
export const PACKAGE_VERSION = 1;

export type PackageBody = z.output<typeof packageEnvelope>;

/**
 * JSON with every object's keys sorted and no spaces: the bytes a signature is over, the same on every PC. Only what
 * JSON itself carries: a number that is not finite, or an object that is not plain data (a Date), throws — it would
 * be written one way and read back another, and the signature would not hold.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const proto = Object.getPrototypeOf(value) as unknown;
    if (proto !== Object.prototype && proto !== null) throw new Error('canonical JSON: not plain data');
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) throw new Error('canonical JSON: not a finite number');
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean' && value !== null) throw new Error('canonical JSON: not JSON');
  return JSON.stringify(value);
}

/** The signed content's fingerprint: the same package, byte for byte or not, has the same one. */
export const packageHash = (body: unknown) => createHash('sha256').update(canonicalJson(body)).digest('hex');

/** This office's package to `to`, signed with its key. */
export function signPackage(ctx: ServiceContext, to: { name: string; level: OfficeLevel }, sequence: number, acknowledges: number, records: unknown[], createdAt: string): string {
  const self = selfOffice(ctx);
  if (!self) throw new AppError('REFUSED', '本机还没有设定为办公室：请先运行 office init');
  const row = ctx.db.select().from(offices).where(eq(offices.id, self.id)).get()!;
  // Signed as it will be read back: what JSON.parse makes of it (undefined fields gone), so both sides hash the same.
  const body = JSON.parse(JSON.stringify({
    format: PACKAGE_FORMAT, version: PACKAGE_VERSION,
    from: { name: self.name, level: self.level, code: self.code, publicKey: row.publicKey! },
    to, sequence, acknowledges, createdAt, records,
  })) as PackageBody;
  const pkcs8 = ctx.keys.open(`offices.private_key:${self.id}`, row.privateKey!);
  const signature = sign(null, Buffer.from(canonicalJson(body), 'utf8'), createPrivateKey({ key: Buffer.from(pkcs8, 'base64'), format: 'der', type: 'pkcs8' }));
  return `${JSON.stringify({ ...body, signature: signature.toString('base64') })}\n`;
}

/**
 * A package as this office may import it, or a refusal saying which of these it is: not a package (or another
 * format version), altered since it was signed, from an office not registered here or signed by another key than
 * the registered code, addressed to another office, or older than the last imported from its sender (`lastImported`;
 * that very one again is `alreadyImported`, to change nothing).
 * A package is refused whole: nothing of a refused one is read further.
 */
export function verifyPackage(
  ctx: ServiceContext, text: string, lastImported: (fromName: string) => { sequence: number; hash: string | null },
  forwarded: { to: string; registeredVia: string } | null = null,
): { body: PackageBody; hash: string; alreadyImported: boolean } {
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new AppError('REFUSED', '这不是三方办的交换包（无法读取）');
  }
  if (parsed === null || typeof parsed !== 'object' || parsed.format !== PACKAGE_FORMAT) throw new AppError('REFUSED', '这不是三方办的交换包');
  if (parsed.version !== PACKAGE_VERSION) throw new AppError('REFUSED', `交换包的格式版本是 ${String(parsed.version)}，本程序只读第 ${PACKAGE_VERSION} 版：请升级本程序`);
  const { signature, ...unchecked } = parsed;
  const from = unchecked.from as { name?: unknown; publicKey?: unknown } | undefined;
  if (!from || typeof from.name !== 'string' || typeof from.publicKey !== 'string' || typeof signature !== 'string') throw new AppError('REFUSED', '交换包缺少发送方或签名，不予导入');
  const self = selfOffice(ctx);
  if (forwarded === null && from.name === self?.name) throw new AppError('REFUSED', '这是本办公室自己导出的交换包，应交给收件的办公室导入');
  const registered = ctx.db.select().from(offices).where(eq(offices.name, from.name)).get();
  // A 社区 known at a district through its street's package is taken only inside that street's package.
  const viaOk = forwarded === null ? registered?.viaOfficeId === null : registered?.viaOfficeId === forwarded.registeredVia;
  if (!registered || registered.self || !viaOk) throw new AppError('REFUSED', `发送方“${from.name}”没有在本办公室登记：请先核实对方的代码并登记（office register）`);
  let publicKey;
  try {
    publicKey = createPublicKey({ key: Buffer.from(from.publicKey, 'base64'), format: 'der', type: 'spki' });
  } catch {
    throw new AppError('REFUSED', '交换包中发送方的公钥无法读取，不予导入');
  }
  if (codeOfPublicKey(from.publicKey) !== registered.code) {
    throw new AppError('REFUSED', `交换包不是由登记的“${from.name}”签名的（登记的代码 ${registered.code}，包中密钥的代码 ${codeOfPublicKey(from.publicKey)}）：不予导入`);
  }
  let signed: string;
  try {
    signed = canonicalJson(unchecked);
  } catch {
    throw new AppError('REFUSED', '交换包中有 JSON 之外的内容，无法核对签名：不予导入');
  }
  if (!verify(null, Buffer.from(signed, 'utf8'), publicKey, Buffer.from(signature, 'base64'))) {
    throw new AppError('REFUSED', `交换包在“${from.name}”签名之后被改动过：不予导入，请对方重新导出`);
  }
  // Signed by the office it names; now read as the format says, or refused saying which field is wrong.
  const checked = packageEnvelope.safeParse(unchecked);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new AppError('REFUSED', `交换包的“${issue?.path.join('.') ?? ''}”无法读取（${issue?.message ?? ''}）：不予导入，请对方升级程序后重新导出`);
  }
  const body = checked.data;
  const addressee = forwarded?.to ?? self?.name;
  if (addressee === undefined || body.to.name !== addressee) throw new AppError('REFUSED', `这个交换包是发给“${body.to.name}”的，不是本办公室的：不予导入`);
  const hash = packageHash(unchecked);
  const last = lastImported(from.name);
  // The last one again (a second import of the same file) changes nothing; an older one is refused; a different
  // package under the number already imported means the sender's numbering went back (a restored backup).
  if (body.sequence < last.sequence) throw new AppError('REFUSED', `这个交换包是“${from.name}”的第 ${body.sequence} 号，比已导入的第 ${last.sequence} 号旧：不予导入`);
  if (body.sequence === last.sequence && last.hash !== null && last.hash !== hash) {
    throw new AppError('REFUSED', `这个交换包是“${from.name}”的第 ${body.sequence} 号，但与已导入的第 ${body.sequence} 号内容不同：对方的编号可能因恢复备份而倒退，请对方再导出一个新包`);
  }
  return { body, hash, alreadyImported: body.sequence === last.sequence };
}
