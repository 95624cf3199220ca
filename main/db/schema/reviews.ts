/**
 * Two-person control (复核, issue 16): an action a community has put under review waits here until a second
 * person holding the same permission confirms it (it then runs) or someone rejects or withdraws it. A review
 * is a record with its own outcome: once decided it is never changed again (triggers in migration 0010), and
 * it is never deleted, so the log of who asked and who confirmed stays whole. Like the rule overrides it is
 * no single feature's: it stands on the register alone and names its subject by kind and id.
 */
import { index, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';
import { communities } from './register';

export const reviews = sqliteTable('reviews', {
  id: text('id').primaryKey(),
  communityId: text('community_id').notNull().references(() => communities.id),
  /** The contract method that waits: vote.close | ledger.closeMonth | ledger.reverse | repair.charge. */
  action: text('action').notNull(),
  /** The permission the action needs (shared/domain/permissions.ts); the confirmer must hold it on the community. */
  permission: text('permission').notNull(),
  /** What it acts on: vote | ledger (a community's books) | entry | repair, and that record's id. */
  subjectKind: text('subject_kind').notNull(),
  subjectId: text('subject_id').notNull(),
  /** The action in words as it was asked (结束表决“…”), so the record reads without its subject. */
  summary: text('summary').notNull(),
  /** The method's input as validated when it was asked (JSON): exactly what a confirmation runs. */
  input: text('input').notNull(),
  status: text('status').notNull(), // pending | confirmed | rejected | withdrawn
  requestedAt: text('requested_at').notNull(),
  requestedBy: text('requested_by').notNull(),
  /** Null for the CLI (it has no account); then the author's name tells the two people apart. */
  requestedByUserId: text('requested_by_user_id'),
  decidedAt: text('decided_at'),
  decidedBy: text('decided_by'),
  decidedByUserId: text('decided_by_user_id'),
  /** Why it was rejected or withdrawn. */
  reason: text('reason'),
}, (t) => [
  index('reviews_community').on(t.communityId, t.status),
  index('reviews_subject').on(t.subjectId),
  // One waiting request per action on a record: the same vote cannot wait to be closed twice.
  uniqueIndex('reviews_pending_subject').on(t.action, t.subjectId).where(sql`status = 'pending'`),
]);
