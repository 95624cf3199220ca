/**
 * The code half of migration 0007: a database from before encryption holds documents, phones and
 * proxies' authorisations in plaintext — in their rows, in the roster's search cache and in audit
 * rows. Once the data key exists (data-key.ts), one transaction seals them, masks the audit rows
 * and rewrites the search cache; then VACUUM rebuilds the file so that no free page keeps an old
 * value, and the WAL is truncated. Each half is marked in the data_key row, so that a crash between
 * them is finished at the next start, and the work is never done twice.
 */
import { z } from 'zod';
import { nowIso } from '../db/clock';
import type { Sqlite } from '../db/connection';
import { checkedRows } from '../db/rows';
import { refreshPartCaches } from '../services/register/part-cache';
import { isSealed, type DataKeys } from './cipher';
import { keyRow } from './data-key';
import { maskDocument, maskPhone } from '../../shared/domain/identity';
import { sealPerson, sealProxyDocument } from './personal-data';

export interface LegacySealing {
  persons: number;
  ballots: number;
  auditRows: number;
  vacuumed: boolean;
}

export function sealLegacyPlaintext(sqlite: Sqlite, keys: DataKeys): LegacySealing {
  const row = keyRow(sqlite);
  const done: LegacySealing = { persons: 0, ballots: 0, auditRows: 0, vacuumed: false };
  if (!row) throw new Error('sealLegacyPlaintext: the data key row must exist first');
  if (!row.sealedAt) sqlite.transaction(() => Object.assign(done, sealRows(sqlite, keys)))();
  if (!row.vacuumedAt) {
    sqlite.exec('VACUUM');
    sqlite.prepare('update data_key set vacuumed_at = ? where id = 1').run(nowIso());
    // The WAL still holds page images from before; truncating it leaves only the sealed file.
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
    done.vacuumed = true;
  }
  return done;
}

function sealRows(sqlite: Sqlite, keys: DataKeys): Omit<LegacySealing, 'vacuumed'> {
  // Rows written by this version already carry their hashes; the others hold plaintext.
  const plain = checkedRows(z.object({ id: z.string(), document: z.string().nullable(), phone: z.string().nullable() }),
    sqlite.prepare(`select id, document, phone from persons
      where (document is not null and document_hash is null) or (phone is not null and phone_hash is null)`).all());
  const updatePerson = sqlite.prepare(`update persons set document = ?, document_hash = ?, document_masked = ?,
    phone = ?, phone_hash = ?, phone_masked = ? where id = ?`);
  for (const p of plain) {
    const s = sealPerson(keys, p.id, p);
    updatePerson.run(s.document, s.documentHash, s.documentMasked, s.phone, s.phoneHash, s.phoneMasked, p.id);
  }

  const proxies = checkedRows(z.object({ id: z.string(), proxyDocument: z.string() }),
    sqlite.prepare("select id, proxy_document as proxyDocument from ballots where proxy_document != ''").all());
  const updateBallot = sqlite.prepare('update ballots set proxy_document = ? where id = ?');
  let ballots = 0;
  for (const b of proxies) {
    if (isSealed(b.proxyDocument)) continue;
    updateBallot.run(sealProxyDocument(keys, b.id, b.proxyDocument), b.id);
    ballots++;
  }

  // Audit rows of persons and ballots kept the full values until this version: they keep the masked ones.
  const audits = checkedRows(z.object({ id: z.string(), entity: z.string(), before: z.string().nullable(), after: z.string().nullable() }),
    sqlite.prepare("select id, entity, before, after from audit_log where entity in ('person', 'ballot')").all());
  const updateAudit = sqlite.prepare('update audit_log set before = ?, after = ? where id = ?');
  let auditRows = 0;
  for (const a of audits) {
    const before = maskedAuditJson(a.entity, a.before);
    const after = maskedAuditJson(a.entity, a.after);
    if (before === a.before && after === a.after) continue;
    updateAudit.run(before, after, a.id);
    auditRows++;
  }

  // The search cache held the full values too; it is rebuilt from the masked forms.
  refreshPartCaches(sqlite, checkedRows(z.string(), sqlite.prepare('select id from parts').pluck().all()));
  sqlite.prepare('update data_key set sealed_at = ? where id = 1').run(nowIso());
  return { persons: plain.length, ballots, auditRows };
}

function maskedAuditJson(entity: string, json: string | null): string | null {
  if (json === null) return null;
  const value = JSON.parse(json) as unknown;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return json;
  const masked: Record<string, unknown> = { ...value };
  if (entity === 'person') {
    if (typeof masked.document === 'string') masked.document = maskDocument(masked.document);
    if (typeof masked.phone === 'string') masked.phone = maskPhone(masked.phone);
  }
  if (entity === 'ballot' && typeof masked.proxyDocument === 'string') masked.proxyDocument = maskDocument(masked.proxyDocument);
  const out = JSON.stringify(masked);
  return out === JSON.stringify(value) ? json : out;
}
