/**
 * Columns every feature's tables share. Not a feature of its own: the feature files import it, it imports
 * nothing of the schema.
 */
import { text } from 'drizzle-orm/sqlite-core';

/** When a row was made and last changed (ISO UTC text). */
export const timestamps = {
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
};
