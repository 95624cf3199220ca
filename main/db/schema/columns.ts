/**
 * Columns every feature's tables share. Not a feature of its own: the feature files import it, it imports
 * nothing of the schema.
 */
import { integer, text } from 'drizzle-orm/sqlite-core';

/** When a row was made and last changed (ISO UTC text). */
export const timestamps = {
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
};

/**
 * How many times the fields an edit form writes have changed (issue 17, no lost updates): a save names the
 * revision its form was opened with and is refused when the row has moved on. Counted by a trigger per table
 * (migration 0011), so every path that changes the fields — services, imports, the CLI — counts; the trigger
 * compares only the editable columns, so a cache refresh or a status step does not make an open form stale.
 * Not `version`: minutes and workflows already use that name for their 第N版.
 */
export const revision = {
  revision: integer('revision').notNull().default(1),
};
