/**
 * Attachments (scans, photos) of meetings, minutes and matters: copied into
 * the data folder under their SHA-256 (attachments/ab/ab12….pdf), so a file
 * added twice is stored once and any later change to a stored file shows.
 * Opened with the system's viewer in the desktop app; browser mode gets the
 * bytes back to show them in a tab.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/contract/errors';
import type { ATTACHMENT_OWNERS } from '../../shared/contract/governance';
import { nowIso } from '../db/clock';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../db/file-modes';
import { newId } from '../db/ids';
import { write, type Actor, type ServiceContext } from './context';

export type OwnerType = (typeof ATTACHMENT_OWNERS)[number];

const MAX_BYTES = 40 * 1024 * 1024;

const MIME: Record<string, string> = {
  '.pdf': 'application/pdf', '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif',
  '.webp': 'image/webp', '.tif': 'image/tiff', '.tiff': 'image/tiff', '.txt': 'text/plain',
  '.doc': 'application/msword', '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xls': 'application/vnd.ms-excel', '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

interface AttachmentRow { id: string; community_id: string; file_name: string; sha256: string; size: number; mime: string; added_at: string; added_by: string }

function extensionOf(fileName: string): string {
  const ext = path.extname(fileName).toLowerCase();
  return /^\.[a-z0-9]{1,8}$/.test(ext) ? ext : '';
}

function storedPath(ctx: ServiceContext, sha256: string, fileName: string): string {
  return path.join(ctx.dataDir, 'attachments', sha256.slice(0, 2), `${sha256}${extensionOf(fileName)}`);
}

/** The community the owner record belongs to (and proof that it exists). */
function ownerCommunity(ctx: ServiceContext, ownerType: OwnerType, ownerId: string): string {
  const sql = {
    meeting: 'select community_id from meetings where id = ?',
    minutes: 'select m.community_id from minutes n join meetings m on m.id = n.meeting_id where n.id = ?',
    matter: 'select community_id from matters where id = ?',
    contract: 'select community_id from service_contracts where id = ?',
    issue: 'select community_id from issues where id = ?',
    mediation: 'select community_id from mediations where id = ?',
  }[ownerType];
  const communityId = ctx.sqlite.prepare(sql).pluck().get(ownerId) as string | undefined;
  if (!communityId) throw new AppError('NOT_FOUND', '找不到要添加附件的记录');
  return communityId;
}

function toAttachment(r: AttachmentRow) {
  return { id: r.id, fileName: r.file_name, size: r.size, sha256: r.sha256, addedAt: r.added_at, addedBy: r.added_by };
}

export function listAttachments(ctx: ServiceContext, ownerType: OwnerType, ownerId: string) {
  return (ctx.sqlite.prepare('select * from attachments where owner_type = ? and owner_id = ? order by added_at, rowid').all(ownerType, ownerId) as AttachmentRow[])
    .map(toAttachment);
}

export function addAttachment(ctx: ServiceContext, actor: Actor, input: { ownerType: OwnerType; ownerId: string; file: { fileName: string; base64: string } }) {
  const communityId = ownerCommunity(ctx, input.ownerType, input.ownerId);
  const bytes = Buffer.from(input.file.base64, 'base64');
  if (bytes.length === 0) throw new AppError('VALIDATION', `文件“${input.file.fileName}”是空的`);
  if (bytes.length > MAX_BYTES) throw new AppError('VALIDATION', `文件“${input.file.fileName}”超过 40 MB，请压缩或分开扫描后再添加`);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const fileName = path.basename(input.file.fileName.replace(/\\/g, '/'));
  const target = storedPath(ctx, sha256, fileName);
  // The file is written before the row: a failed write leaves no row pointing at nothing,
  // and a row rolled back leaves only an unreferenced copy (harmless, same hash next time).
  if (!fs.existsSync(target)) {
    ensurePrivateDir(path.join(ctx.dataDir, 'attachments'));
    ensurePrivateDir(path.dirname(target));
    const tmp = `${target}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, bytes, { mode: PRIVATE_FILE_MODE });
    fs.renameSync(tmp, target);
  }
  const id = newId();
  const row: AttachmentRow = {
    id, community_id: communityId, file_name: fileName, sha256, size: bytes.length,
    mime: MIME[extensionOf(fileName)] ?? 'application/octet-stream', added_at: nowIso(), added_by: actor.author,
  };
  write(ctx, actor, (tx) => {
    ctx.sqlite.prepare(`insert into attachments (id, community_id, owner_type, owner_id, file_name, sha256, size, mime, added_at, added_by)
      values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(id, communityId, input.ownerType, input.ownerId, row.file_name, sha256, row.size, row.mime, row.added_at, row.added_by);
    tx.audit({ action: 'attach', entity: input.ownerType, entityId: input.ownerId, after: { attachment: id, fileName, sha256, size: row.size } });
  });
  return toAttachment(row);
}

/** The stored file, checked against its hash (a changed or missing file is reported, not shown). */
function verifiedFile(ctx: ServiceContext, r: AttachmentRow): { file: string; bytes: Buffer } {
  const file = storedPath(ctx, r.sha256, r.file_name);
  if (!fs.existsSync(file)) throw new AppError('NOT_FOUND', `附件“${r.file_name}”的文件不在数据文件夹中（${file}），请从备份恢复`);
  const bytes = fs.readFileSync(file);
  if (createHash('sha256').update(bytes).digest('hex') !== r.sha256) {
    throw new AppError('REFUSED', `附件“${r.file_name}”的文件已被改动，与登记时的校验值不符，请从备份恢复原件`);
  }
  return { file, bytes };
}

export async function openAttachment(ctx: ServiceContext, id: string, openPath?: (filePath: string) => Promise<boolean>) {
  const r = ctx.sqlite.prepare('select * from attachments where id = ?').get(id) as AttachmentRow | undefined;
  if (!r) throw new AppError('NOT_FOUND', '找不到这个附件');
  const { file, bytes } = verifiedFile(ctx, r);
  if (openPath && (await openPath(file))) return { opened: true, file: null };
  return { opened: false, file: { fileName: r.file_name, base64: bytes.toString('base64'), mime: r.mime } };
}
