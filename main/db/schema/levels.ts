/**
 * The three levels of offices (issue 18, docs/domain.md §10): this installation as an office — its name, level
 * and the office above — with its signing key, and the offices below (or above) it knows by their code. WORK IN
 * PROGRESS on branch `levels`: exchange packages are not built yet.
 */
import { sql } from 'drizzle-orm';
import { integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { timestamps } from './columns';

export const offices = sqliteTable('offices', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** 社区 | 街道 | 区 */
  level: text('level').notNull(),
  /** This installation (exactly one row, once `office init` ran). */
  self: integer('self', { mode: 'boolean' }).notNull().default(false),
  /** For this office: the name of the office above (a 区 has none). */
  aboveName: text('above_name'),
  /** The short code of the office's public key (shared/domain/fingerprint-code.ts), as registered. */
  code: text('code').notNull(),
  /** The Ed25519 public key (SPKI DER, base64): this office's; another's arrives with its first package. */
  publicKey: text('public_key'),
  /** This office's private key (PKCS#8 DER, base64), sealed with the data key; null for every other office. */
  privateKey: text('private_key'),
  ...timestamps,
}, (t) => [
  uniqueIndex('offices_name').on(t.name),
  uniqueIndex('offices_self').on(t.self).where(sql`${t.self} = 1`),
]);
