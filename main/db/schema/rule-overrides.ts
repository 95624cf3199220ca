/**
 * The procedural rules a user went past with a written reason: every feature records them (notice periods,
 * quorum, posting deadlines), so, like main/services/rule-overrides.ts that writes them, the table is no
 * feature's and stands at the root of the schema.
 */
import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { communities } from './register';

/** A rule the user went past with a written reason (also in the audit log). */
export const ruleOverrides = sqliteTable('rule_overrides', {
  id: text('id').primaryKey(),
  communityId: text('community_id').notNull().references(() => communities.id),
  entity: text('entity').notNull(),
  entityId: text('entity_id').notNull(),
  rule: text('rule').notNull(),
  message: text('message').notNull(),
  reason: text('reason').notNull(),
  author: text('author').notNull(),
  at: text('at').notNull(),
}, (t) => [index('rule_overrides_entity').on(t.entity, t.entityId)]);
