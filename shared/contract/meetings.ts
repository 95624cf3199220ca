/**
 * The meetings feature's schemas: meetings and attendance, minutes, action items,
 * attachments, the workflow definitions, matters, and full-text search.
 */
import { z } from 'zod';
import { isValidDate } from '../domain/dates';
import { ASSEMBLY_FORMS, ATTENDEE_PARTIES, MEETING_KINDS } from '../domain/meetings';
import { MATTER_CATEGORIES, STEP_KINDS } from '../domain/workflow';
import { expectedRevision, filePayload, id, optionalText, requiredText, revision } from './fields';

/** A real calendar date (2026-02-30 is refused). */
export const calendarDate = (label: string) =>
  z.string({ error: `${label}应为日期` }).refine((v) => isValidDate(v), { error: `${label}应为有效日期 YYYY-MM-DD` });

const reason = z.string().trim().max(500, { error: '理由不能超过500个字' }).default('');

// ── rules that need a written reason to be overridden ────────────────
export const ruleViolation = z.object({ rule: z.string(), message: z.string() });
/** An override as it was recorded: the rule, its message, the reason and who gave it. */
export const ruleOverride = z.object({ rule: z.string(), message: z.string(), reason: z.string(), author: z.string(), at: z.string() });

// ── meetings ──────────────────────────────────────────────────────────
export const meetingKind = z.enum(MEETING_KINDS, { error: `会议类型应为${MEETING_KINDS.join('、')}之一` });
export const attendeeParty = z.enum(ATTENDEE_PARTIES, { error: `所属方应为${ATTENDEE_PARTIES.join('、')}之一` });

export const agendaItemInput = z.object({
  /** Present when editing an existing item (keeps its recorded votes). */
  id: id.optional(),
  title: requiredText('议题', 200),
  matterId: id.nullable().default(null),
  /** Put to a vote at the meeting. */
  forVote: z.boolean().default(false),
  /** Listed in the meeting's notice. */
  inNotice: z.boolean().default(true),
});

export const meetingFields = z.object({
  communityId: id,
  kind: meetingKind,
  /** Owners' assemblies only: in session or by written solicitation. */
  form: z.enum(ASSEMBLY_FORMS).nullable().default(null),
  title: requiredText('会议名称', 100),
  date: calendarDate('会议日期'),
  startTime: z.string().trim().regex(/^$|^([01]\d|2[0-3]):[0-5]\d$/, { error: '时间应为 HH:mm' }).default(''),
  place: optionalText('地点', 100),
  convener: optionalText('召集人', 60),
  noticeDate: calendarDate('通知日期').nullable().default(null),
  /**
   * Committee meetings: how many members the body has (quorum and decisions count them); the form fills it
   * from 组织建设 (meeting.body), and another number for this meeting needs a written reason (rule members-differ).
   */
  membersTotal: z.number().int().min(1, { error: '成员人数至少为1' }).max(99).nullable().default(null),
  agenda: z.array(agendaItemInput).max(50, { error: '议题不能超过50项' }).default([]),
  /** Written reason to go ahead although a rule says no; audited. */
  overrideReason: reason,
});
/** A committee meeting's body in 组织建设 as of the meeting's date: its term and members (the meeting's 应到). */
export const meetingBodyQuery = z.object({ communityId: id, kind: meetingKind, date: calendarDate('会议日期') });
export const meetingBody = z.object({
  bodyId: id, bodyKind: z.string(), electedOn: z.string(), termEnd: z.string(),
  members: z.array(z.object({ name: z.string(), role: z.string() })),
}).nullable();
export const meetingUpdate = meetingFields.omit({ communityId: true }).extend({ id, ...expectedRevision });

export const attendeeInput = z.object({
  party: attendeeParty,
  name: requiredText('姓名', 40),
  role: optionalText('职务', 40),
  /** A member of the meeting's body (counts for quorum). */
  isMember: z.boolean().default(false),
});
export const setAttendeesInput = z.object({ id, attendees: z.array(attendeeInput).max(300) });

export const recordResultsInput = z.object({
  id,
  present: z.array(z.object({ attendeeId: id, present: z.boolean() })),
  /** Committee meetings: yes votes of each item put to a vote. */
  votes: z.array(z.object({ agendaItemId: id, yes: z.number().int().min(0).max(99) })).default([]),
  overrideReason: reason,
});
export const postDecisionsInput = z.object({ id, postedDate: calendarDate('公告日期'), overrideReason: reason });

export const attendee = attendeeInput.extend({ id, present: z.boolean().nullable() });
export const agendaItem = z.object({
  id, position: z.number().int(), title: z.string(), matterId: id.nullable(), matterTitle: z.string().nullable(),
  forVote: z.boolean(), inNotice: z.boolean(), yesVotes: z.number().int().nullable(),
  /** Committee decision by the community's rule, once votes are recorded. */
  passed: z.boolean().nullable(),
});
export const meetingStatus = z.enum(['planned', 'held']);
export const minutesSummary = z.object({ id, version: z.number().int(), status: z.enum(['draft', 'approved']), approvedAt: z.string().nullable(), approvedBy: z.string().nullable() });
export const deadline = z.object({ date: z.string(), plainEnd: z.string(), moved: z.boolean() });

export const meeting = z.object({
  id, communityId: id, communityName: z.string(), kind: meetingKind, form: z.enum(ASSEMBLY_FORMS).nullable(), title: z.string(),
  date: z.string(), startTime: z.string(), place: z.string(), convener: z.string(), noticeDate: z.string().nullable(),
  membersTotal: z.number().int().nullable(), status: meetingStatus, postedDate: z.string().nullable(), revision,
  agenda: z.array(agendaItem), attendees: z.array(attendee), overrides: z.array(ruleOverride),
  minutes: z.array(minutesSummary),
  checks: z.object({
    /** Assemblies: the notice period in days and the latest day to give notice (not moved, flagged on a rest day). */
    notice: z.object({ days: z.number().int(), latest: z.string(), onRestDay: z.boolean() }).nullable(),
    postingDeadline: deadline,
    quorum: z.object({ members: z.number().int(), present: z.number().int(), needed: z.number().int(), quorate: z.boolean() }).nullable(),
  }),
});

export const meetingListQuery = z.object({
  communityId: id,
  from: calendarDate('开始日期').optional(),
  to: calendarDate('结束日期').optional(),
  limit: z.number().int().min(1).max(1000).default(500),
});
export const meetingListItem = z.object({
  id, kind: meetingKind, title: z.string(), date: z.string(), startTime: z.string(), place: z.string(),
  status: meetingStatus, noticeDate: z.string().nullable(), minutesStatus: z.enum(['none', 'draft', 'approved']),
});

export const reminders = z.object({
  /** The owners' committee must meet every N months. */
  committee: z.object({ lastHeld: z.string().nullable(), due: z.string().nullable(), overdue: z.boolean(), months: z.number().int() }),
  /** Held meetings whose decisions are not yet posted. */
  posting: z.array(z.object({ meetingId: id, title: z.string(), date: z.string(), deadline: z.string(), overdue: z.boolean() })),
});

// ── minutes ───────────────────────────────────────────────────────────
export const minutesContent = z.object({
  attendees: z.string().max(2000).default(''),
  recorder: z.string().max(40).default(''),
  items: z.array(z.object({
    title: requiredText('议题', 200),
    discussion: z.string().max(20000).default(''),
    decision: z.string().max(5000).default(''),
  })).max(50).default([]),
  actions: z.array(z.object({
    text: requiredText('待办事项', 300),
    party: z.string().trim().max(40).default(''),
    person: z.string().trim().max(40).default(''),
    due: z.union([z.literal(''), calendarDate('完成期限')]).default(''),
  })).max(100).default([]),
  other: z.string().max(20000).default(''),
});
export const minutesVersion = z.object({
  id, meetingId: id, version: z.number().int(), status: z.enum(['draft', 'approved']), content: minutesContent,
  text: z.string(), supersedesId: id.nullable(), correctionReason: z.string(), approvedAt: z.string().nullable(),
  approvedBy: z.string().nullable(), createdAt: z.string(), createdBy: z.string(), revision,
});
/** `expectedRevision`: the draft's revision the editor opened; 0 when there was no draft yet (another may have started one since). */
export const saveMinutesInput = z.object({ meetingId: id, content: minutesContent, expectedRevision: z.number().int().nonnegative().optional() });
export const correctMinutesInput = z.object({ id, reason: requiredText('更正理由', 500) });
export const diffInput = z.object({ fromId: id, toId: id });
export const diffOutput = z.object({
  lines: z.array(z.object({
    op: z.enum(['same', 'removed', 'added']), text: z.string(),
    /** On a replaced line: its words, those that differ from the other side marked (shared/domain/minutes.ts). */
    spans: z.array(z.object({ changed: z.boolean(), text: z.string() })).optional(),
  })),
});

export const actionQuery = z.object({ communityId: id, filter: z.enum(['open', 'overdue', 'all']).default('open') });
export const actionRow = z.object({
  id, meetingId: id, meetingTitle: z.string(), meetingDate: z.string(), text: z.string(), party: z.string(), person: z.string(),
  due: z.string(), doneDate: z.string().nullable(), state: z.enum(['overdue', 'due-soon', 'open', 'done']),
});
export const completeActionInput = z.object({ id, date: calendarDate('完成日期') });

// ── attachments ───────────────────────────────────────────────────────
/** Records that carry files: scans of minutes and notices, signed contracts, an issue's photos, a mediation agreement. */
export const ATTACHMENT_OWNERS = ['meeting', 'minutes', 'matter', 'contract', 'issue', 'mediation'] as const;
export const attachmentOwner = z.object({ ownerType: z.enum(ATTACHMENT_OWNERS), ownerId: id });
export const attachment = z.object({ id, fileName: z.string(), size: z.number().int(), sha256: z.string(), addedAt: z.string(), addedBy: z.string() });
/** The largest attachment (a multi-page scan); checked in the form, in the contract and in main. */
export const ATTACHMENT_MAX_BYTES = 40 * 1024 * 1024;
export const ATTACHMENT_MAX_TEXT = '40 MB';
export const addAttachmentInput = attachmentOwner.extend({
  file: filePayload.extend({
    base64: z.string().max(Math.ceil(ATTACHMENT_MAX_BYTES / 3) * 4, { error: `文件超过 ${ATTACHMENT_MAX_TEXT}，请压缩或分开扫描后再添加` }),
  }),
});
/**
 * How an attachment was opened: `viewer` — the file comes back for the app's own viewer (PDF, images);
 * `folder` — a copy was shown in the system's file manager (desktop; Office documents and text);
 * `download` — the same in browser mode, the file comes back to be saved. Nothing is ever run.
 */
export const openAttachmentOutput = z.object({
  shown: z.enum(['viewer', 'folder', 'download']),
  file: filePayload.extend({ mime: z.string() }).nullable(),
});

// ── workflows and matters ─────────────────────────────────────────────
export const stepDefinition = z.object({
  key: z.string().trim().regex(/^[a-z0-9-]{1,40}$/, { error: '步骤代码应为1–40位小写字母、数字或连字符' }),
  name: requiredText('步骤名称', 60),
  kind: z.enum(STEP_KINDS),
  optional: z.boolean().default(false),
  expectedDays: z.number().int().min(1, { error: '预计天数至少为1' }).max(3650),
});
export const workflowInput = z.object({
  /** The family to add a version to; absent for a new workflow. */
  key: z.string().max(64).optional(),
  /** Saving a new version of a family: the version the editor opened (issue 17). */
  ...expectedRevision,
  name: requiredText('流程名称', 60),
  steps: z.array(stepDefinition).min(1, { error: '流程至少要有一个步骤' }).max(30),
});
export const workflow = z.object({
  id, key: z.string(), name: z.string(), version: z.number().int(), steps: z.array(stepDefinition),
  /** A workflow is never edited, a save adds a version: its revision is its version (what a save of the family expects). */
  revision,
  /** The newest version of its family: new matters start on it. */
  current: z.boolean(), isDefault: z.boolean(), matters: z.number().int(), createdAt: z.string(),
});

export const matterCategory = z.enum(MATTER_CATEGORIES, { error: '类别应为民法典第278条所列事项或“其他”' });
export const matterFields = z.object({
  communityId: id,
  title: requiredText('事项名称', 100),
  category: matterCategory.default('其他'),
  description: z.string().trim().max(20000).default(''),
  raisedBy: optionalText('提出人', 100),
  raisedOn: calendarDate('提出日期').optional(),
  /** A workflow version; the current default when absent. */
  workflowId: id.optional(),
});
export const matterUpdate = z.object({ id, ...expectedRevision, title: requiredText('事项名称', 100), category: matterCategory, description: z.string().trim().max(20000).default(''), raisedBy: optionalText('提出人', 100) });

export const advanceInput = z.object({
  id,
  key: z.string().trim().min(1, { error: '请指定步骤' }),
  date: calendarDate('日期'),
  meetingId: id.nullable().default(null),
  postingStart: calendarDate('公示开始日期').nullable().default(null),
  postingEnd: calendarDate('公示结束日期').nullable().default(null),
  filingBody: z.string().trim().max(100).nullable().default(null),
  /** The text of the notice (publication steps): printed as 决议公告 / 实施结果公告. */
  noticeText: z.string().trim().max(20000).default(''),
  document: optionalText('文件', 200),
  note: optionalText('说明', 2000),
  /** Skip an optional step with this reason instead of doing it. */
  skipReason: z.string().trim().max(500).nullable().default(null),
});

export const matterStep = z.object({
  key: z.string(), name: z.string(), kind: z.enum(STEP_KINDS), optional: z.boolean(), expectedDays: z.number().int(),
  done: z.boolean(), skipped: z.boolean(), date: z.string().nullable(),
  meetingId: id.nullable(), meetingTitle: z.string().nullable(), voteId: id.nullable(), postingStart: z.string().nullable(), postingEnd: z.string().nullable(),
  filingBody: z.string().nullable(), noticeText: z.string(), document: z.string(), note: z.string(), skipReason: z.string().nullable(),
  recordedBy: z.string().nullable(), recordedAt: z.string().nullable(),
});
export const boardPosition = z.object({
  currentKey: z.string().nullable(), currentName: z.string().nullable(), waitingSince: z.string(), waitingDays: z.number().int(), overdue: z.boolean(),
});
/**
 * What decided the matter, for drafting its 决议公告: the newest closed owners' vote with items linked to it (each
 * item's outcome and shares as the vote's tally gives them), else the newest meeting whose linked agenda items have
 * recorded votes (yes votes of how many members, passed by the community's rule).
 */
export const matterDecision = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('vote'), voteId: id, title: z.string(), closedOn: z.string(),
    items: z.array(z.object({
      title: z.string(), passed: z.boolean(), threshold: z.enum(['three-quarters', 'majority']),
      /** The result notice's own sentences for the item (shared/domain/tally-words.ts), so that both say it alike. */
      participation: z.string(), approval: z.string(),
    })),
  }),
  z.object({
    kind: z.literal('meeting'), meetingId: id, title: z.string(), meetingKind: z.string(), date: z.string(), membersTotal: z.number().int().nullable(),
    items: z.array(z.object({ title: z.string(), yes: z.number().int(), passed: z.boolean() })),
  }),
]);
export const matterDetail = z.object({
  id, communityId: id, communityName: z.string(), title: z.string(), category: matterCategory, description: z.string(), raisedBy: z.string(), raisedOn: z.string(), revision,
  workflow: z.object({ id, name: z.string(), version: z.number().int() }),
  steps: z.array(matterStep), position: boardPosition, done: z.boolean(),
  /** A closed owners' vote decided the matter, but earlier steps are missing: the resolution step waits. */
  pendingVote: z.object({ voteId: id, voteTitle: z.string(), closedAt: z.string(), stepName: z.string(), missing: z.array(z.string()) }).nullable(),
  decision: matterDecision.nullable(),
});
export const matterListItem = z.object({
  id, title: z.string(), category: matterCategory, raisedOn: z.string(), stepIndex: z.number().int(), stepCount: z.number().int(),
  done: z.boolean(), position: boardPosition,
});

// ── search ────────────────────────────────────────────────────────────
export const searchInput = z.object({ communityId: id, text: z.string().trim().min(1, { error: '请输入要查找的文字' }).max(100) });
/** What search finds: minutes, matters, meeting agendas, votes and issues (main/services/system/search-sources.ts). */
export const searchHitType = z.enum(['minutes', 'matter', 'agenda', 'vote', 'issue']);
export const searchHit = z.object({
  type: searchHitType, id, title: z.string(),
  /** For minutes and agendas: the meeting to open. */
  meetingId: id.nullable(),
  snippet: z.object({ text: z.string(), match: z.tuple([z.number().int(), z.number().int()]).nullable() }),
});
