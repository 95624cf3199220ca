/**
 * Attachments (scans, photos) of meetings, minutes and matters: copied into
 * the data folder under their SHA-256 (attachments/ab/ab12….pdf), so a file
 * added twice is stored once and any later change to a stored file shows.
 *
 * Only what main/files/file-type.ts allows by CONTENT is added (PDF, images,
 * .docx/.xlsx/.pptx, plain text); the name is cleaned and given its detected
 * type's extension, which is also the stored file's. Opening checks the bytes
 * again (files added by older versions were not checked) and never runs
 * anything: PDFs and images come back for the app's own viewer; Office
 * documents and text are copied out and shown in the file manager (desktop)
 * or downloaded (browser mode).
 */
import { and, eq, sql } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/contract/errors';
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_MAX_TEXT, type ATTACHMENT_OWNERS } from '../../../shared/contract/meetings';
import { nowIso } from '../../db/clock';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../../db/file-modes';
import { newId } from '../../db/ids';
import { matters, meetings, minutes } from '../../db/schema/meetings';
import { issues, mediations, serviceContracts } from '../../db/schema/office';
import { attachments } from '../../db/schema/system';
import { ALLOWED_DESCRIPTION, cleanFileName, detectFileType, extensionOf, nameForType, type AllowedType } from '../../files/file-type';
import { write, type Actor, type ServiceContext } from '../context';

export type OwnerType = (typeof ATTACHMENT_OWNERS)[number];

type AttachmentRow = typeof attachments.$inferSelect;

/** Older versions stored the name's own extension (any); new files get their type's, so the same rule finds both. */
function storedPath(ctx: ServiceContext, sha256: string, fileName: string): string {
  return path.join(ctx.dataDir, 'attachments', sha256.slice(0, 2), `${sha256}${extensionOf(fileName)}`);
}

/**
 * Written beside and renamed into place (a half-written file never has the
 * final name), private to the OS account like the rest of the data folder:
 * `folder` (attachments/, opened/) and the file's own folder 0700, the file 0600.
 */
function writePrivate(folder: string, target: string, bytes: Buffer): void {
  ensurePrivateDir(folder);
  ensurePrivateDir(path.dirname(target));
  const tmp = `${target}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, bytes, { mode: PRIVATE_FILE_MODE });
    fs.renameSync(tmp, target);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

/** The copy shown in the file manager (opened/…), written again when someone changed it since. */
function writeCopy(ctx: ServiceContext, target: string, bytes: Buffer): void {
  if (fs.existsSync(target) && fs.readFileSync(target).equals(bytes)) return;
  try {
    writePrivate(path.join(ctx.dataDir, 'opened'), target, bytes);
  } catch {
    throw new AppError('REFUSED', `附件的副本“${target}”已被改动且正被其他程序打开，请关闭它后再打开附件`);
  }
}

/** The type of the bytes, or the refusal naming what they really are. */
function allowedType(bytes: Buffer, fileName: string, refusal: (what: string) => string): AllowedType {
  const detected = detectFileType(bytes, fileName);
  if (detected.ok) return detected.type;
  const advice = detected.advice ? `${detected.advice}。` : '';
  throw new AppError('REFUSED', `${refusal(detected.what)}${advice}`);
}

/** The community the owner record belongs to (and proof that it exists). */
function ownerCommunity(ctx: ServiceContext, ownerType: OwnerType, ownerId: string): string {
  const owner = {
    meeting: () => ctx.db.select({ communityId: meetings.communityId }).from(meetings).where(eq(meetings.id, ownerId)).get(),
    minutes: () => ctx.db.select({ communityId: meetings.communityId }).from(minutes).innerJoin(meetings, eq(meetings.id, minutes.meetingId))
      .where(eq(minutes.id, ownerId)).get(),
    matter: () => ctx.db.select({ communityId: matters.communityId }).from(matters).where(eq(matters.id, ownerId)).get(),
    contract: () => ctx.db.select({ communityId: serviceContracts.communityId }).from(serviceContracts).where(eq(serviceContracts.id, ownerId)).get(),
    issue: () => ctx.db.select({ communityId: issues.communityId }).from(issues).where(eq(issues.id, ownerId)).get(),
    mediation: () => ctx.db.select({ communityId: mediations.communityId }).from(mediations).where(eq(mediations.id, ownerId)).get(),
  }[ownerType];
  const communityId = owner()?.communityId;
  if (!communityId) throw new AppError('NOT_FOUND', '找不到要添加附件的记录');
  return communityId;
}

function toAttachment(r: AttachmentRow) {
  return { id: r.id, fileName: r.fileName, size: r.size, sha256: r.sha256, addedAt: r.addedAt, addedBy: r.addedBy };
}

export function listAttachments(ctx: ServiceContext, ownerType: OwnerType, ownerId: string) {
  return ctx.db.select().from(attachments).where(and(eq(attachments.ownerType, ownerType), eq(attachments.ownerId, ownerId)))
    .orderBy(attachments.addedAt, sql`rowid`).all().map(toAttachment);
}

export function addAttachment(ctx: ServiceContext, actor: Actor, input: { ownerType: OwnerType; ownerId: string; file: { fileName: string; base64: string } }) {
  const communityId = ownerCommunity(ctx, input.ownerType, input.ownerId);
  const bytes = Buffer.from(input.file.base64, 'base64');
  const given = cleanFileName(input.file.fileName);
  if (bytes.length === 0) throw new AppError('VALIDATION', `文件“${given}”是空的`);
  if (bytes.length > ATTACHMENT_MAX_BYTES) throw new AppError('VALIDATION', `文件“${given}”超过 ${ATTACHMENT_MAX_TEXT}，请压缩或分开扫描后再添加`);
  // Decided before anything is written: a refused file leaves no row and no copy.
  const type = allowedType(bytes, given, (what) => `文件“${given}”实际是${what}，不能作为附件添加。可以添加：${ALLOWED_DESCRIPTION}。`);
  const fileName = nameForType(given, type);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  // The file is written before the row: a failed write leaves no row pointing at nothing,
  // and a row rolled back leaves only an unreferenced copy (harmless, same hash next time).
  const target = storedPath(ctx, sha256, fileName);
  if (!fs.existsSync(target)) writePrivate(path.join(ctx.dataDir, 'attachments'), target, bytes);
  const id = newId();
  const row: AttachmentRow = {
    id, communityId, ownerType: input.ownerType, ownerId: input.ownerId, fileName, sha256, size: bytes.length,
    mime: type.mime, addedAt: nowIso(), addedBy: actor.author,
  };
  write(ctx, actor, (tx) => {
    ctx.db.insert(attachments).values(row).run();
    tx.audit({ action: 'attach', entity: input.ownerType, entityId: input.ownerId, after: { attachment: id, fileName, sha256, size: row.size } });
  });
  return toAttachment(row);
}

/** The stored file, checked against its hash (a changed or missing file is reported, not shown). */
function verifiedFile(ctx: ServiceContext, r: AttachmentRow): { file: string; bytes: Buffer } {
  const file = storedPath(ctx, r.sha256, r.fileName);
  if (!fs.existsSync(file)) throw new AppError('NOT_FOUND', `附件“${r.fileName}”的文件不在数据文件夹中（${file}），请从备份恢复`);
  const bytes = fs.readFileSync(file);
  if (createHash('sha256').update(bytes).digest('hex') !== r.sha256) {
    throw new AppError('REFUSED', `附件“${r.fileName}”的文件已被改动，与登记时的校验值不符，请从备份恢复原件`);
  }
  return { file, bytes };
}

/**
 * Opens an attachment without running anything. The bytes are checked against
 * their hash and their type decided again: a file an older version accepted
 * (an .exe, a .bat, a shortcut) is refused here, never handed to the system.
 */
export function openAttachment(ctx: ServiceContext, id: string, showInFolder?: (filePath: string) => void) {
  const r = ctx.db.select().from(attachments).where(eq(attachments.id, id)).get();
  if (!r) throw new AppError('NOT_FOUND', '找不到这个附件');
  const { file, bytes } = verifiedFile(ctx, r);
  const type = allowedType(bytes, r.fileName, (what) => `附件“${r.fileName}”实际是${what}，为安全起见不予打开。文件仍保存在数据文件夹中（${file}）。`);
  const fileName = nameForType(r.fileName, type);
  const payload = { fileName, base64: bytes.toString('base64'), mime: type.mime };
  if (type.opens === 'viewer') return { shown: 'viewer' as const, file: payload };
  if (!showInFolder) return { shown: 'download' as const, file: payload };
  // A copy under its own name with its type's extension: opening it from the file manager
  // starts Word or Notepad, and editing it cannot change the stored original.
  const copy = path.join(ctx.dataDir, 'opened', r.sha256.slice(0, 16), fileName);
  writeCopy(ctx, copy, bytes);
  showInFolder(copy);
  return { shown: 'folder' as const, file: null };
}
