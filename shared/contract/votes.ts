/** The votes feature's schemas: owners' votes, ballots, double entry, tallies. */
import { z } from 'zod';
import { calendarDate } from './meetings';
import { decimal2, filePayload, id, requiredText, rowError } from './fields';
import { electorateBreakdown } from './electorate';

export const BALLOT_CHANNELS = ['纸质', '现场', '工作人员录入', '导入'] as const;
export const CHOICES = ['yes', 'no', 'abstain', 'blank'] as const;

export const extraItem = z.object({
  number: z.number().int().min(10, { error: '增列事项编号从10开始' }).max(99),
  name: requiredText('增列事项名称', 60),
  threshold: z.enum(['majority', 'three-quarters']).default('majority'),
});

export const voteSettings = z.object({
  /** A blank item on a valid ballot: an abstention (default) or not counted at all. */
  blankRule: z.enum(['abstain', 'not-counted']).default('abstain'),
  /** Whether an invalid ballot counts as taking part (default no). */
  invalidParticipates: z.boolean().default(false),
});

export const scopePart = z.object({ buildingId: id, entranceId: id.optional() });

export const voteItemInput = z.object({
  title: requiredText('议题', 200),
  /** Art. 278 item 1–9, or a local item (10+) the community has enabled. */
  category: z.number({ error: '类别应为民法典第278条第1–9项或本小区增列事项' }).int().min(1, { error: '类别应为民法典第278条第1–9项或本小区增列事项' }).max(99),
  /** Empty: the whole community; otherwise buildings or entrances (a building's elevator is its owners'). */
  scope: z.array(scopePart).max(100).default([]),
  matterId: id.nullable().default(null),
});

export const voteCreate = z.object({
  communityId: id,
  /** The owners' assembly that votes; absent: a written solicitation (书面征求意见) is created with the vote. */
  meetingId: id.nullable().default(null),
  title: requiredText('表决名称', 100),
  opens: calendarDate('投票开始日期'),
  closes: calendarDate('投票截止日期'),
  items: z.array(voteItemInput).min(1, { error: '至少要有一个议题' }).max(30),
  /** Absent: the community's settings. */
  settings: voteSettings.optional(),
  /** Two clerks enter the ballots independently; every difference is settled before the vote can close. */
  doubleEntry: z.boolean().default(false),
});

const countArea = z.object({ count: z.number().int(), area: decimal2 });

export const voteItem = z.object({
  id, position: z.number().int(), title: z.string(), category: z.number().int(), categoryName: z.string(),
  threshold: z.enum(['three-quarters', 'majority']),
  scopeLabel: z.string(), matterId: id.nullable(), electorate: countArea,
  /** How the frozen electorate of the item's scope was counted (as on the electorate screen). */
  breakdown: electorateBreakdown,
});

export const voteDetail = z.object({
  id, communityId: id, communityName: z.string(), meetingId: id, meetingTitle: z.string(), meetingForm: z.string().nullable(),
  title: z.string(), opens: z.string(), closes: z.string(), status: z.enum(['open', 'closed']),
  settings: voteSettings.extend({ countParking: z.boolean() }),
  doubleEntry: z.boolean(),
  /** Double entry: subjects whose two entries differ (or that one clerk has not entered). */
  differences: z.number().int(),
  frozenAt: z.string(), freezeReason: z.string(), closedAt: z.string().nullable(), closedBy: z.string().nullable(),
  postedDate: z.string().nullable(), postingDeadline: z.string().nullable(),
  items: z.array(voteItem),
  subjects: z.number().int(),
  ballots: z.object({ returned: z.number().int(), valid: z.number().int(), invalid: z.number().int() }),
  amendments: z.array(z.object({ id, reason: z.string(), author: z.string(), at: z.string(), ballotId: id })),
});

export const voteListItem = z.object({
  id, title: z.string(), opens: z.string(), closes: z.string(), status: z.enum(['open', 'closed']),
  items: z.number().int(), subjects: z.number().int(), returned: z.number().int(),
  /** Each item's Art. 278 category (10 and up: local items) and, once the vote is closed, whether it passed: what a picker of deciding votes needs. */
  outcomes: z.array(z.object({ category: z.number().int(), passed: z.boolean().nullable() })),
});

export const subjectQuery = z.object({
  voteId: id,
  /** A code, room, address or owner name; empty lists all. */
  search: z.string().trim().max(60).default(''),
  state: z.enum(['all', 'returned', 'not-returned']).default('all'),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(50_000).default(200),
});

export const ballotChoice = z.object({ itemId: id, choice: z.enum(CHOICES) });

export const subjectRow = z.object({
  id, code: z.string(), label: z.string(), addresses: z.string(), area: decimal2, kind: z.string(),
  /** The items whose scope holds this subject's parts, with its area there. */
  items: z.array(z.object({ itemId: id, area: decimal2 })),
  ballot: z.object({
    id, valid: z.boolean(), invalidReason: z.string(), channel: z.string(), proxyHolder: z.string(), proxyDocument: z.string(), note: z.string(),
    choices: z.array(ballotChoice), enteredBy: z.string(), enteredAt: z.string(),
  }).nullable(),
});
export const subjectPage = z.object({ total: z.number().int(), rows: z.array(subjectRow) });

export const ballotFields = z.object({
  choices: z.array(ballotChoice).max(30),
  valid: z.boolean().default(true),
  invalidReason: z.string().trim().max(200).default(''),
  channel: z.enum(BALLOT_CHANNELS, { error: `渠道应为${BALLOT_CHANNELS.join('、')}之一` }).default('纸质'),
  /** Voting by proxy: the holder and the authorisation document; the proxy votes as the owner instructed. */
  proxyHolder: z.string().trim().max(60).default(''),
  proxyDocument: z.string().trim().max(200).default(''),
  note: z.string().trim().max(500).default(''),
});
export const recordBallotInput = ballotFields.extend({ voteId: id, subjectId: id });
/** Replace a recorded ballot (a second ballot of the same subject, a misread one); after closing it is an amendment. */
export const replaceBallotInput = ballotFields.extend({ ballotId: id, reason: requiredText('理由', 500) });
export const recordBallotResult = z.object({ ballotId: id, returned: z.number().int(), subjects: z.number().int() });

export const ballotImportInput = z.object({ voteId: id, file: filePayload });
export const ballotImportResult = z.object({ recorded: z.number().int() });
export const ballotImportPreview = z.object({ ok: z.boolean(), errors: z.array(rowError), rows: z.number().int() });

/** A check as main states it: the formula, whether it holds (in integers), and the share as the notice prints it. */
const comparison = z.object({
  text: z.string(), met: z.boolean(),
  share: z.object({ percent: z.string(), beyond: z.enum(['under', 'over']).nullable() }),
});
export const itemTally = z.object({
  itemId: id, title: z.string(), category: z.number().int(), categoryName: z.string(), scopeLabel: z.string(),
  threshold: z.enum(['three-quarters', 'majority']), legalBasis: z.string(),
  electorate: countArea, participants: countArea, yes: countArea, no: countArea, abstain: countArea,
  /** Shares with two decimals, for display: participation of the electorate, yes of the participants. */
  percents: z.object({ participationArea: z.string(), participationCount: z.string(), yesArea: z.string(), yesCount: z.string() }),
  participationMet: z.boolean(), approvalMet: z.boolean(), passed: z.boolean(),
  comparisons: z.object({ participationArea: comparison, participationCount: comparison, approvalArea: comparison, approvalCount: comparison }),
});
export const voteTally = z.object({
  voteId: id, status: z.enum(['open', 'closed']),
  settings: voteSettings.extend({ countParking: z.boolean() }),
  ballots: z.object({ returned: z.number().int(), valid: z.number().int(), invalid: z.number().int(), subjects: z.number().int() }),
  items: z.array(itemTally),
});

export const refreezeInput = z.object({ id, reason: requiredText('重新确定表决权人的理由', 500) });
export const postResultInput = z.object({ id, postedDate: calendarDate('公告日期') });

/** The result notice's list: each part with the choice, address and area only (never names). */
export const resultParts = z.object({
  rows: z.array(z.object({ address: z.string(), area: decimal2, choices: z.array(z.enum([...CHOICES, 'invalid', 'none'])) })),
});

export const differenceRow = z.object({ subjectId: id, code: z.string(), addresses: z.string(), problems: z.array(z.string()) });
export const checkBallotInput = recordBallotInput;
export const settleInput = z.object({ voteId: id, subjectId: id, keep: z.enum(['first', 'second']), reason: requiredText('理由', 500) });
export const differenceCount = z.object({ differences: z.number().int() });
/** A second-pass save: the subjects still differing, and how many subjects the second pass holds now. */
export const checkResult = differenceCount.extend({ checked: z.number().int() });

/**
 * The settlement list's three states: 不一致 (both passes and they differ, or only the second pass —
 * the first must be entered), 缺第二遍 (only the first pass), 已核对 (both passes agree, by entry or by
 * settling). Agreeing passes need no confirmation: they count as checked as soon as the second is saved.
 */
export const SETTLEMENT_STATES = ['differ', 'missing', 'agreed'] as const;
export const settlementQuery = z.object({
  id,
  state: z.enum(SETTLEMENT_STATES).default('differ'),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(1000).default(200),
});
export const settlementRow = differenceRow.extend({
  state: z.enum(SETTLEMENT_STATES),
  /** Which passes hold the subject. */
  entered: z.enum(['both', 'first', 'second']),
  /** An agreeing row that was settled (and which pass was kept), or null. */
  settled: z.enum(['first', 'second']).nullable(),
});
export const settlementPage = z.object({
  counts: z.object({ differ: z.number().int(), missing: z.number().int(), agreed: z.number().int() }),
  total: z.number().int(),
  rows: z.array(settlementRow),
});
