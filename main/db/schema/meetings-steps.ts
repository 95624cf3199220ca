/**
 * The steps recorded on a matter's way through its workflow (docs/domain.md §3): when each was taken or
 * skipped and why, at which meeting, posted when, filed with whom, decided by which owners' vote.
 */
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { matters, meetings } from './meetings';
// A file of its own: matter_steps.vote_id names votes, which import meetings.ts, so it cannot live there without a circle.
import { votes } from './votes';

export const matterSteps = sqliteTable('matter_steps', {
  id: text('id').primaryKey(),
  matterId: text('matter_id').notNull().references(() => matters.id),
  stepKey: text('step_key').notNull(),
  date: text('date').notNull(),
  skipped: integer('skipped', { mode: 'boolean' }).notNull().default(false),
  skipReason: text('skip_reason'),
  meetingId: text('meeting_id').references(() => meetings.id),
  /** The owners' vote that decided this step. */
  voteId: text('vote_id').references(() => votes.id),
  postingStart: text('posting_start'),
  postingEnd: text('posting_end'),
  filingBody: text('filing_body'),
  noticeText: text('notice_text').notNull().default(''),
  document: text('document').notNull().default(''),
  note: text('note').notNull().default(''),
  recordedBy: text('recorded_by').notNull(),
  recordedAt: text('recorded_at').notNull(),
}, (t) => [uniqueIndex('matter_steps_key').on(t.matterId, t.stepKey), index('matter_steps_meeting').on(t.meetingId)]);
