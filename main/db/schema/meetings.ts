/**
 * Meetings and matters (main/services/meetings/, shared/contract/meetings.ts): the matter workflow's
 * definitions, the matters taken through it (docs/domain.md §3), the meetings with their agenda and
 * attendees, and the minutes with their action items. A matter's recorded steps are in meetings-steps.ts,
 * because a step may name the owners' vote that decided it and votes stand on meetings and matters.
 */
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { revision, timestamps } from './columns';
import { communities } from './register';

/**
 * Workflow definitions (shared/domain/workflow.ts). Each row is one version;
 * versions of one workflow share `key`. Never edited: a change is a new
 * version, and each matter keeps the version it started with.
 */
export const workflows = sqliteTable('workflows', {
  id: text('id').primaryKey(),
  key: text('key').notNull(),
  name: text('name').notNull(),
  version: integer('version').notNull(),
  steps: text('steps').notNull(), // JSON StepDefinition[]
  isDefault: integer('is_default', { mode: 'boolean' }).notNull().default(false),
  createdAt: text('created_at').notNull(),
}, (t) => [uniqueIndex('workflows_version').on(t.key, t.version)]);

export const matters = sqliteTable('matters', {
  id: text('id').primaryKey(),
  communityId: text('community_id').notNull().references(() => communities.id),
  workflowId: text('workflow_id').notNull().references(() => workflows.id),
  title: text('title').notNull(),
  category: text('category').notNull(),
  description: text('description').notNull().default(''),
  raisedBy: text('raised_by').notNull().default(''),
  raisedOn: text('raised_on').notNull(),
  ...timestamps,
  ...revision,
}, (t) => [index('matters_community').on(t.communityId, t.raisedOn)]);

export const meetings = sqliteTable('meetings', {
  id: text('id').primaryKey(),
  communityId: text('community_id').notNull().references(() => communities.id),
  kind: text('kind').notNull(),
  form: text('form'),
  title: text('title').notNull(),
  date: text('date').notNull(),
  startTime: text('start_time').notNull().default(''),
  place: text('place').notNull().default(''),
  convener: text('convener').notNull().default(''),
  noticeDate: text('notice_date'),
  membersTotal: integer('members_total'),
  status: text('status').notNull().default('planned'), // planned | held
  postedDate: text('posted_date'),
  ...timestamps,
  ...revision,
}, (t) => [index('meetings_community_date').on(t.communityId, t.date)]);

export const agendaItems = sqliteTable('agenda_items', {
  id: text('id').primaryKey(),
  meetingId: text('meeting_id').notNull().references(() => meetings.id),
  position: integer('position').notNull(),
  title: text('title').notNull(),
  matterId: text('matter_id').references(() => matters.id),
  forVote: integer('for_vote', { mode: 'boolean' }).notNull().default(false),
  inNotice: integer('in_notice', { mode: 'boolean' }).notNull().default(true),
  yesVotes: integer('yes_votes'),
}, (t) => [index('agenda_meeting').on(t.meetingId, t.position), index('agenda_matter').on(t.matterId)]);

export const attendees = sqliteTable('attendees', {
  id: text('id').primaryKey(),
  meetingId: text('meeting_id').notNull().references(() => meetings.id),
  position: integer('position').notNull(),
  party: text('party').notNull(),
  name: text('name').notNull(),
  role: text('role').notNull().default(''),
  isMember: integer('is_member', { mode: 'boolean' }).notNull().default(false),
  present: integer('present', { mode: 'boolean' }),
}, (t) => [index('attendees_meeting').on(t.meetingId, t.position)]);

/**
 * Versions of a meeting's minutes. A draft is edited in place; an approved
 * version is never changed — a correction is a new version (supersedes_id).
 */
export const minutes = sqliteTable('minutes', {
  id: text('id').primaryKey(),
  meetingId: text('meeting_id').notNull().references(() => meetings.id),
  version: integer('version').notNull(),
  status: text('status').notNull(), // draft | approved
  content: text('content').notNull(), // JSON MinutesContent
  supersedesId: text('supersedes_id'),
  correctionReason: text('correction_reason').notNull().default(''),
  approvedAt: text('approved_at'),
  approvedBy: text('approved_by'),
  createdBy: text('created_by').notNull(),
  ...timestamps,
  ...revision,
}, (t) => [uniqueIndex('minutes_version').on(t.meetingId, t.version)]);

/** Action items of the approved minutes, tracked to completion. */
export const actionItems = sqliteTable('action_items', {
  id: text('id').primaryKey(),
  communityId: text('community_id').notNull().references(() => communities.id),
  meetingId: text('meeting_id').notNull().references(() => meetings.id),
  minutesId: text('minutes_id').notNull().references(() => minutes.id),
  text: text('text').notNull(),
  party: text('party').notNull().default(''),
  person: text('person').notNull().default(''),
  due: text('due').notNull().default(''),
  doneDate: text('done_date'),
  /** False once a later approved version of the minutes replaced it. */
  current: integer('current', { mode: 'boolean' }).notNull().default(true),
}, (t) => [index('action_items_open').on(t.communityId, t.current, t.doneDate, t.due)]);
