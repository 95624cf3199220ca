/**
 * The three levels of offices (issue 18, docs/domain.md §10): this installation as an office, the offices it
 * registers by code, the records an exchange package carries (each kind's schema, checked on import), the
 * roll-up the street and the district read, and the street's inbox of escalated issues.
 * The levels' rules are shared/domain/levels.ts's; the package's envelope is main/services/levels/packages.ts's.
 */
import { z } from 'zod';
import { ANSWER_KINDS, COMMUNITY_TYPES, PACKAGE_MAX_BYTES } from '../domain/levels';
import { requiredText } from './fields';
import { calendarDate } from './meetings';
import { dossierBody, dossierContract, dossierFund, dossierVote } from './dossier';

const name = z.string().trim().min(1, { error: '请填写办公室名称' }).max(60, { error: '办公室名称不超过 60 个字' });
const level = z.string().trim().min(1, { error: '请填写级别：社区、街道或区' }).max(4);
export const officeLevel = z.enum(['社区', '街道', '区']);

export const officeInit = z.object({ name, level, above: z.string().trim().max(60).nullable().default(null) });
export const officeRegister = z.object({ name, level, code: z.string().trim().min(1, { error: '请填写对方办公室的代码' }).max(40) });

export const officeOut = z.object({ name: z.string(), level: officeLevel, code: z.string() });
export const registeredOut = officeOut.pick({ name: true, level: true });

/** This office and the offices it exchanges with, for the 上下级 screen. */
export const officeOverview = z.object({
  self: officeOut.extend({ above: z.string().nullable() }).nullable(),
  offices: z.array(officeOut.extend({
    relation: z.enum(['above', 'below', 'via']), lastImported: z.number().int(), lastReceivedAt: z.string().nullable(),
    lastSent: z.number().int(), acknowledged: z.number().int(),
  })),
});

// ── what travels ─────────────────────────────────────────────────────
const count = z.number().int().min(0);
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

const onTime = z.object({ onTime: count, counted: count });

/**
 * A 小区 with the facts its targets are read from, as of the package's day: its bodies' terms (never their members),
 * party organisation, property management, the fund's summary as the dossier gives it (no household's ledger), and
 * its issues as counts by category, status and lateness.
 */
export const communityRecord = z.object({
  name: z.string(), type: z.enum(COMMUNITY_TYPES), address: z.string(), asOf: date,
  bodies: z.record(z.string(), z.boolean()),
  terms: z.array(dossierBody.omit({ members: true }).extend({ members: count })),
  committee: z.object({ electedOn: date, termEnd: date, state: z.string() }).nullable(),
  partyMembers: count, needsPartyOrganisation: z.boolean(), hasPartyOrganisation: z.boolean(), propertyManagement: z.boolean(),
  fund: dossierFund,
  issues: z.object({
    total: count, open: count, overdue: count, escalated: count,
    byCategory: z.record(z.string(), count), byStatus: z.record(z.string(), count),
    /** The on-time rates' counts (shared/domain/issue-ledger.ts): plans within their hours, issues closed by their due day. */
    planOnTime: onTime, resolvedOnTime: onTime,
  }),
});
/** A meeting: kind, date, attendance counts — never who. */
export const meetingRecord = z.object({ kind: z.string(), title: z.string(), date, held: z.boolean(), attendees: count, present: count.nullable() });
/** A matter and how far it got: each step with its date, and where it waits. */
export const matterRecord = z.object({
  title: z.string(), category: z.string(), raisedOn: date, done: z.boolean(),
  steps: z.array(z.object({ key: z.string(), name: z.string(), date: date.nullable(), state: z.enum(['done', 'skipped', 'waiting']) })),
  currentName: z.string().nullable(), waitingSince: date.nullable(), waitingDays: z.number().int().nullable(), overdue: z.boolean(),
});
/** A vote's figures and outcomes as the dossier prints them: no ballots, no names. */
export const voteRecord = dossierVote;
/** A contract with its statutory dates and its evaluations' scores. */
export const contractRecord = dossierContract;
/** An issue escalated to the street: whole, the reporter masked. */
export const issueRecord = z.object({
  number: z.number().int(), title: z.string(), category: z.string(), reportedAt: z.string(), reporter: z.string(), place: z.string(),
  description: z.string(), status: z.string(), level: z.string(), escalatedAt: z.string().nullable(), resolutionDue: z.string().nullable(),
  responsibleParty: z.string(), responsiblePerson: z.string(), closedAt: z.string().nullable(),
  events: z.array(z.object({ at: z.string(), kind: z.string(), from: z.string().nullable(), to: z.string().nullable(), reason: z.string(), author: z.string() })),
});
export const answerRecord = z.object({
  issueId: z.string(), kind: z.enum(ANSWER_KINDS), department: z.string(), due: date.nullable(), text: z.string(), at: z.string(), author: z.string(),
});
export const noticeRecord = z.object({ title: z.string(), body: z.string(), sentOn: date });
/** A 社区 office a street vouches for to its district: only a 社区. */
export const officeRecord = z.object({ name: z.string(), level: z.literal('社区'), code: z.string(), publicKey: z.string() });
export const forwardedRecord = z.object({ text: z.string() });

/** Each kind's body schema; a record of another kind, or of a kind this office does not take from that one, refuses the package. */
export const RECORD_BODIES = {
  community: communityRecord, meeting: meetingRecord, matter: matterRecord, vote: voteRecord, contract: contractRecord,
  issue: issueRecord, answer: answerRecord, notice: noticeRecord, office: officeRecord, forwarded: forwardedRecord,
} as const;
export type RecordKind = keyof typeof RECORD_BODIES;

/** One record in a package: its kind, its id at its office, its 小区 there, and its body — or that it is gone. */
export const packageRecord = z.object({
  kind: z.string(), id: z.string().min(1).max(80), communityId: z.string().max(80).nullable().default(null),
  body: z.unknown().optional(), deleted: z.boolean().optional(),
});

// ── exchange ─────────────────────────────────────────────────────────
/** A package's envelope as read once its signature holds (main/services/levels/packages.ts writes it). */
export const packageEnvelope = z.object({
  format: z.literal('sanfang-exchange'), version: z.literal(1),
  from: z.object({ name: z.string(), level: officeLevel, code: z.string(), publicKey: z.string() }),
  to: z.object({ name: z.string(), level: officeLevel }),
  sequence: z.number().int().min(1), acknowledges: z.number().int().min(0), createdAt: z.string(),
  records: z.array(z.unknown()),
});
export const exchangeExportInput = z.object({ to: name });
export const exchangeExportOut = z.object({ fileName: z.string(), text: z.string(), records: count, remaining: count, sequence: z.number().int() });
export const exchangeImportInput = z.object({ text: z.string().min(1).max(PACKAGE_MAX_BYTES, { error: `交换包超过 ${PACKAGE_MAX_BYTES / 1024 / 1024} MB，不是本程序导出的交换包` }) });
export const exchangeImportOut = z.object({ from: z.string(), records: count, skipped: count, sequence: z.number().int() });

// ── the roll-up ──────────────────────────────────────────────────────
export const rollupInput = z.object({ by: z.enum(['社区', '类型']).default('社区') });
export const rollupRow = z.object({
  name: z.string(), communities: count, committeesFormed: count, committeeRate: z.string(), partyCovered: count, noManagement: count,
  issuesOpen: count, issuesOverdue: count, escalatedHere: count,
});
export const rollupOut = z.object({ rows: z.array(rollupRow) });
/** The 汇总 screen's table: the roll-up's rows with what the screen adds beside them. */
export const rollupScreen = z.object({
  by: z.enum(['社区', '类型']), silentDays: z.number().int(),
  rows: z.array(rollupRow.extend({
    partyRequired: count, committeeTargetMet: z.boolean(), lastReceivedOn: z.string().nullable(), silent: z.boolean(),
    /** On-time rates over the counted issues ("—" when none is counted yet), and those counts. */
    planOnTimeRate: z.string(), resolvedOnTimeRate: z.string(), planOnTime: onTime, resolvedOnTime: onTime,
    fundsBelowTopUp: count, contractsDue: count, mattersStalled: count, reElectionDue: count,
  })),
  total: rollupRow.extend({ partyRequired: count, committeeTargetMet: z.boolean(), planOnTimeRate: z.string(), resolvedOnTimeRate: z.string() }),
  /** Each quarter's totals as they stood at its last package, oldest first. */
  trend: z.array(z.object({ quarter: z.string(), total: rollupRow })),
});
/** 一小区一档 from this office's copy: the 社区 office and its 小区's id there. */
export const copyDossierInput = z.object({ officeName: name, communityId: z.string().min(1).max(80) });
/** The list behind one figure of the 汇总. */
export const rollupListInput = z.object({
  figure: z.enum(['communities', 'committeesFormed', 'committeesMissing', 'partyMissing', 'noManagement', 'issuesOpen', 'escalatedHere', 'contractsDue', 'mattersStalled', 'reElectionDue', 'belowTopUp']),
  group: z.string().max(60).nullable().default(null),
  by: z.enum(['社区', '类型']).default('社区'),
});
export const rollupListOut = z.object({
  title: z.string(), columns: z.array(z.object({ key: z.string(), header: z.string() })),
  rows: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.null()]))),
});

// ── the street's inbox ───────────────────────────────────────────────
export const inboxItem = issueRecord.extend({
  officeName: z.string(), issueId: z.string(), communityName: z.string(), planDueAt: z.string().nullable(), planLate: z.boolean(),
  answers: z.array(answerRecord.extend({ id: z.string() })),
  state: z.string(),
});
export const inboxOut = z.array(inboxItem);
export const answerInput = z.object({
  officeName: name, issueId: z.string().min(1).max(80), kind: z.enum(ANSWER_KINDS, { error: '请选择答复的类别' }),
  department: z.string().trim().max(60).default(''), due: calendarDate('办理期限').nullable().default(null),
  text: requiredText('答复内容', 2000),
});
export const noticeInput = z.object({ title: requiredText('通知标题', 100), body: requiredText('通知内容', 5000), sentOn: calendarDate('发出日期') });
export const noticeList = z.array(noticeRecord.extend({ id: z.string(), from: z.string() }));
export const silentDaysInput = z.object({ days: z.number().int().min(1, { error: '天数至少为 1' }).max(365, { error: '天数不超过 365' }) });
