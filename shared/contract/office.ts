/**
 * The office feature's schemas: property-service companies and contracts with
 * their statutory dates and quarterly evaluations, the community's bodies
 * (业委会, 议事会, 监事会, 党支部) with members and vetted candidates, the issue
 * ledger (问题台账) with escalation, and property-dispute mediation.
 */
import { z } from 'zod';
import { DEFAULT_COMMITTEE_RULES } from '../domain/committees';
import { checkCreditCode } from '../domain/credit-code';
import { DEFAULT_CHECKLIST } from '../domain/evaluation';
import { DEFAULT_LEVEL_DAYS, ESCALATION_LEVELS, ISSUE_STATUSES, isValidDateTime } from '../domain/issue-ledger';
import { DEFAULT_CONTRACT_PERIODS } from '../domain/service-contracts';
import { yuanText } from './treasury/fund';
import { calendarDate } from './meetings';
import { decimal2, expectedRevision, id, optionalText, partType, requiredText, revision } from './fields';

const count = (label: string, min: number, max: number) =>
  z.number({ error: `${label}应为数字` }).int({ error: `${label}应为整数` }).min(min, { error: `${label}至少为${min}` }).max(max, { error: `${label}不能超过${max}` });

/** A moment in office time, 'YYYY-MM-DDTHH:mm'. */
export const dateTime = (label: string) =>
  z.string({ error: `${label}应为日期时间` }).trim().refine((v) => isValidDateTime(v), { error: `${label}应为有效的日期时间 YYYY-MM-DDTHH:mm` });

// ── the community's rules (settings, docs/domain.md §6, §7 defaults) ───
export const officeRules = z.object({
  /** The company hands over within this many days after the contract ends (Beijing 30, Hangzhou 15). */
  handoverDays: count('移交期限天数', 1, 365).default(DEFAULT_CONTRACT_PERIODS.handoverDays),
  /** Renewal preparation starts this many months before expiry (Beijing 6); null: no reminder. */
  renewalPreparationMonths: count('续聘准备提前月数', 1, 24).nullable().default(DEFAULT_CONTRACT_PERIODS.renewalPreparationMonths),
  minMembers: count('业委会最少人数', 3, 21).default(DEFAULT_COMMITTEE_RULES.minMembers),
  maxMembers: count('业委会最多人数', 3, 21).default(DEFAULT_COMMITTEE_RULES.maxMembers),
  smallCommunityHouseholds: count('可设3名委员的户数上限', 1, 10_000).nullable().default(DEFAULT_COMMITTEE_RULES.smallCommunityHouseholds),
  maxTermYears: count('业委会任期上限年数', 1, 10).default(DEFAULT_COMMITTEE_RULES.maxTermYears),
  minTermYears: count('业委会任期下限年数', 1, 10).nullable().default(DEFAULT_COMMITTEE_RULES.minTermYears),
  firstMeetingDays: count('首次会议期限天数', 1, 90).default(DEFAULT_COMMITTEE_RULES.firstMeetingDays),
  filingDays: count('备案期限天数', 1, 180).default(DEFAULT_COMMITTEE_RULES.filingDays),
  reElectionPreparationMonths: count('换届准备提前月数', 1, 24).default(DEFAULT_COMMITTEE_RULES.reElectionPreparationMonths),
  /** Full party members (正式党员) living in the 小区, as the community's party organisation counts them; null: count those on its bodies. */
  partyMembers: count('正式党员人数', 0, 100_000).nullable().default(null),
  /** A handling plan within this many hours of the report (Bishan: 24). */
  issuePlanHours: count('制定处理方案时限（小时）', 1, 720).default(24),
  /** Days to solve an issue at the level it is escalated to, from the escalation's day (docs/domain.md §7: 7 / 15 / 30). */
  issueLevelDays: z.object({
    小区: count('小区层级办结天数', 1, 365).default(DEFAULT_LEVEL_DAYS.小区),
    社区: count('社区层级办结天数', 1, 365).default(DEFAULT_LEVEL_DAYS.社区),
    街道: count('街道层级办结天数', 1, 365).default(DEFAULT_LEVEL_DAYS.街道),
  }).prefault({}),
  /** The evaluation checklist (names and weights), editable. */
  checklist: z.array(z.object({ key: requiredText('评价项代码', 30), name: requiredText('评价项', 30), weight: count('权重', 1, 1000) }))
    .min(1, { error: '评价表至少要有一项' }).max(20).default(() => DEFAULT_CHECKLIST.map((i) => ({ ...i }))),
});
export type OfficeRules = z.output<typeof officeRules>;

// ── companies and contracts ──────────────────────────────────────────
/** Typed or pasted (spaces, dashes, full-width and lower case are normalised), checked by GB 32100's check character. */
export const creditCode = z.string({ error: '统一社会信用代码应为文字' }).transform((value, ctx) => {
  const r = checkCreditCode(value);
  if (!r.ok) {
    ctx.addIssue({ code: 'custom', message: r.message });
    return z.NEVER;
  }
  return r.value;
});

export const companyFields = z.object({
  name: requiredText('企业名称', 100),
  creditCode,
  contact: optionalText('联系人', 40),
  phone: optionalText('联系电话', 30),
});
export const company = companyFields.extend({ id, contracts: z.number().int(), revision });
/** A new company (no id) or changes to one (its id and the revision its form opened). */
export const companySave = companyFields.extend({ id: id.optional(), ...expectedRevision });

export const CONTRACT_KINDS = ['前期物业', '招投标选聘', '业主大会表决选聘'] as const;
export const contractKind = z.enum(CONTRACT_KINDS, { error: `合同类型应为${CONTRACT_KINDS.join('、')}之一` });

export const contractFields = z.object({
  communityId: id,
  /** An existing company, or a new one by name and credit code (CLI, first contract). */
  companyId: id.nullable().default(null),
  company: companyFields.nullable().default(null),
  kind: contractKind.default('业主大会表决选聘'),
  /** The Art. 278 item-4 vote that chose the company (kind 业主大会表决选聘). */
  voteId: id.nullable().default(null),
  startDate: calendarDate('合同起始日'),
  endDate: calendarDate('合同届满日'),
  nonRenewalNoticeDays: count('不续聘提前通知天数', 1, 365).default(DEFAULT_CONTRACT_PERIODS.nonRenewalNoticeDays),
  dismissalNoticeDays: count('解聘提前通知天数', 1, 365).default(DEFAULT_CONTRACT_PERIODS.dismissalNoticeDays),
  indefiniteNoticeDays: count('不定期合同解除通知天数', 1, 365).default(DEFAULT_CONTRACT_PERIODS.indefiniteNoticeDays),
  /** 元/㎡·月 per part type. */
  fees: z.array(z.object({ partType, fee: yuanText('收费标准') })).max(10).default([]),
  serviceLevel: optionalText('服务等级', 60),
  deposit: yuanText('履约保证金').nullable().default(null),
  signatories: optionalText('签约人', 200),
  note: optionalText('备注', 500),
});
export const contractUpdate = contractFields.omit({ communityId: true, company: true }).extend({ id, ...expectedRevision });

/** The events that end a contract, each dated once (a wrong date is corrected with a reason, audited). */
export const CONTRACT_EVENTS = ['non-renewal-notice', 'owners-decision-renew', 'owners-decision-replace', 'termination-notice', 'ended', 'handed-over'] as const;
export const contractEventInput = z.object({
  contractId: id,
  event: z.enum(CONTRACT_EVENTS),
  date: calendarDate('日期'),
  note: optionalText('说明', 500),
});

const datedNotice = z.object({ date: z.string(), onRestDay: z.boolean() });
export const contractState = z.object({
  kind: z.string(), date: z.string(), message: z.string(), overdue: z.boolean(), notes: z.array(z.string()),
});
export const contractSummary = z.object({
  id, communityId: id, communityName: z.string(), companyId: id, companyName: z.string(), creditCode: z.string(), kind: contractKind,
  startDate: z.string(), endDate: z.string(), state: contractState,
  nonRenewalNoticeBy: datedNotice, renewalPreparationFrom: z.string().nullable(),
  /** The owners' decision still pending: due by the expiry, urgent from renewal preparation, and what follows without it. */
  decisionDue: z.object({ due: z.string(), urgentFrom: z.string().nullable(), message: z.string() }).nullable(),
});
export const contractDetail = contractSummary.extend({
  voteId: id.nullable(), voteTitle: z.string().nullable(), revision,
  nonRenewalNoticeDays: z.number().int(), dismissalNoticeDays: z.number().int(), indefiniteNoticeDays: z.number().int(), handoverDays: z.number().int(),
  fees: z.array(z.object({ partType: z.string(), fee: decimal2 })), serviceLevel: z.string(), deposit: decimal2, signatories: z.string(), note: z.string(),
  nonRenewalNoticeOn: z.string().nullable(), ownersDecision: z.enum(['renew', 'replace']).nullable(), ownersDecisionOn: z.string().nullable(),
  terminationNoticeOn: z.string().nullable(), endedOn: z.string().nullable(), endReason: z.string(), handedOverOn: z.string().nullable(),
  /** What the owners' dismissal would give if noticed today. */
  dismissalIfNoticedToday: datedNotice.extend({ days: z.number().int() }),
});
export const dismissalInput = z.object({ id, noticeDate: calendarDate('通知日期') });
export const dismissalResult = z.object({ earliestEnd: z.string(), days: z.number().int(), onRestDay: z.boolean(), message: z.string() });

// ── evaluations ─────────────────────────────────────────────────────
export const quarterText = z.string().regex(/^\d{4}-Q[1-4]$/, { error: '季度应为 YYYY-Qn，如 2026-Q3' });
export const evaluationInput = z.object({
  contractId: id,
  quarter: quarterText,
  /** Score 0–100 per checklist item key. */
  scores: z.record(z.string(), z.number().int().min(0, { error: '评分应在0–100之间' }).max(100, { error: '评分应在0–100之间' })),
  /** Survey: satisfied of surveyed; both 0 when no survey. */
  satisfied: count('满意人数', 0, 100_000).default(0),
  surveyed: count('调查人数', 0, 100_000).default(0),
  /** Fee collection: collected of due, in yuan; blank when unknown. */
  feesDue: yuanText('应收物业费').nullable().default(null),
  feesCollected: yuanText('实收物业费').nullable().default(null),
  note: optionalText('备注', 500),
});
export const evaluation = z.object({
  id, contractId: id, quarter: z.string(), items: z.array(z.object({ key: z.string(), name: z.string(), weight: z.number().int(), score: z.number().int() })),
  /** Weighted score, one decimal ("87.5"). */
  score: z.string(), band: z.string().nullable(),
  satisfaction: z.number().int().nullable(), surveyed: z.number().int(),
  complaints: z.number().int(), collectionRate: z.number().int().nullable(), note: z.string(),
});

// ── the community's bodies ───────────────────────────────────────────
export const BODY_KINDS = ['业主委员会', '业主议事会', '业主监事会', '党支部'] as const;
export const bodyKind = z.enum(BODY_KINDS, { error: `组织类型应为${BODY_KINDS.join('、')}之一` });
export const MEMBER_ROLES = ['主任', '副主任', '委员', '书记', '副书记', '监事长', '监事'] as const;
export const memberInput = z.object({
  personId: id.nullable().default(null),
  name: requiredText('姓名', 40),
  role: z.enum(MEMBER_ROLES, { error: `职务应为${MEMBER_ROLES.join('、')}之一` }),
  partyMember: z.boolean().default(false),
  onPartyBranch: z.boolean().default(false),
  onResidentsCommittee: z.boolean().default(false),
});
export const bodyFields = z.object({
  communityId: id,
  kind: bodyKind,
  electedOn: calendarDate('选举日期'),
  termYears: count('任期年数', 1, 10),
  firstMeetingOn: calendarDate('首次会议日期').nullable().default(null),
  filedOn: calendarDate('备案日期').nullable().default(null),
  members: z.array(memberInput).max(50).default([]),
  note: optionalText('备注', 500),
  /** A rule that says no (member count, term) may be overridden with a written reason, as meetings do. */
  overrideReason: z.string().trim().max(500).default(''),
});
export const bodyUpdate = bodyFields.omit({ communityId: true, kind: true }).extend({ id, ...expectedRevision });
const deadline = z.object({ date: z.string(), moved: z.boolean() });
export const body = z.object({
  id, communityId: id, kind: bodyKind, electedOn: z.string(), termYears: z.number().int(), termEnd: z.string(),
  firstMeetingOn: z.string().nullable(), filedOn: z.string().nullable(), note: z.string(), revision,
  members: z.array(memberInput.extend({ id })),
  /** Owners' committee: the deadlines after the election, the term's state, the warnings of the rules. */
  firstMeetingBy: deadline.nullable(), filingBy: deadline.nullable(),
  term: z.object({ kind: z.string(), reElectionFrom: z.string(), flagged: z.boolean(), message: z.string() }),
  warnings: z.array(z.string()),
  current: z.boolean(),
  /** The rules passed with a written reason when this term was saved (rule_overrides), oldest first. */
  overrides: z.array(z.object({ rule: z.string(), message: z.string(), reason: z.string(), author: z.string(), at: z.string() })).default([]),
});

export const CANDIDATE_CHECKS = ['owns_part', 'no_arrears', 'not_defaulter', 'no_conflict'] as const;
export const CANDIDATE_CHECK_NAMES: Record<(typeof CANDIDATE_CHECKS)[number], string> = {
  owns_part: '在本小区拥有专有部分', no_arrears: '无欠缴物业费、维修资金', not_defaulter: '非失信被执行人', no_conflict: '与物业服务企业无利害关系',
};
export const RECOMMENDERS = ['社区党组织', '居委会', '业主联名', '本人自荐'] as const;
export const candidateFields = z.object({
  communityId: id,
  kind: bodyKind.default('业主委员会'),
  personId: id.nullable().default(null),
  name: requiredText('姓名', 40),
  recommendedBy: z.enum(RECOMMENDERS, { error: `推荐方应为${RECOMMENDERS.join('、')}之一` }),
  publicityStart: calendarDate('公示开始日期').nullable().default(null),
  publicityEnd: calendarDate('公示结束日期').nullable().default(null),
});
export const candidateCheckInput = z.object({
  candidateId: id,
  check: z.enum(CANDIDATE_CHECKS),
  passed: z.boolean(),
  note: optionalText('核查说明', 300),
});
export const candidate = candidateFields.omit({ communityId: true }).extend({
  id, communityId: id,
  /** What the register says: the person owns a part in this community now. */
  ownsPartInRegister: z.boolean().nullable(),
  checks: z.array(z.object({ check: z.enum(CANDIDATE_CHECKS), name: z.string(), passed: z.boolean().nullable(), note: z.string(), checkedBy: z.string().nullable(), checkedAt: z.string().nullable() })),
  /** Every check passed and the publicity period is over. */
  cleared: z.boolean(),
});

export const coverage = z.object({
  communityId: id, communityName: z.string(),
  bodies: z.record(z.string(), z.boolean()),
  partyMembers: z.number().int(), needsPartyOrganisation: z.boolean(), hasPartyOrganisation: z.boolean(),
  propertyManagement: z.boolean(),
});

// ── the issue ledger ────────────────────────────────────────────────
export const ISSUE_SOURCES = ['院坝会', '楼栋会', '网格员走访', '热线', '来访', '联席会议'] as const;
/** An issue's source when none is said: the form starts with it too. */
export const DEFAULT_ISSUE_SOURCE = '来访' satisfies (typeof ISSUE_SOURCES)[number];
export const ISSUE_CATEGORIES = ['停车', '电梯', '养老', '托幼', '环境卫生', '安全', '设施维修', '邻里纠纷', '物业服务', '其他'] as const;
export const RESPONSIBLE_PARTIES = ['居委会', '业委会', '物业', '街道部门'] as const;
export const issueStatus = z.enum(ISSUE_STATUSES);
export const escalationLevel = z.enum(ESCALATION_LEVELS);

export const issueFields = z.object({
  communityId: id,
  title: requiredText('问题标题', 100),
  reportedAt: dateTime('反映时间'),
  source: z.enum(ISSUE_SOURCES, { error: `来源应为${ISSUE_SOURCES.join('、')}之一` }).default(DEFAULT_ISSUE_SOURCE),
  reporter: optionalText('反映人', 40),
  category: z.enum(ISSUE_CATEGORIES, { error: `类别应为${ISSUE_CATEGORIES.join('、')}之一` }),
  buildingId: id.nullable().default(null),
  partId: id.nullable().default(null),
  place: optionalText('地点', 100),
  description: optionalText('问题描述', 2000),
  resolutionDue: calendarDate('办结期限').nullable().default(null),
  matterId: id.nullable().default(null),
  meetingId: id.nullable().default(null),
});
export const issueUpdate = issueFields.omit({ communityId: true, reportedAt: true }).extend({ id, ...expectedRevision });

export const dispatchInput = z.object({
  id,
  responsibleParty: z.enum(RESPONSIBLE_PARTIES, { error: `责任方应为${RESPONSIBLE_PARTIES.join('、')}之一` }),
  responsiblePerson: optionalText('责任人', 40),
  at: dateTime('派单时间'),
});
export const planInput = z.object({ id, plan: requiredText('处理方案', 2000), at: dateTime('方案时间'), resolutionDue: calendarDate('办结期限').nullable().default(null) });
export const statusInput = z.object({ id, status: issueStatus, at: dateTime('时间'), note: optionalText('说明', 500) });
export const feedbackInput = z.object({
  id, at: dateTime('回访时间'), feedback: requiredText('回访意见', 1000),
  satisfaction: z.enum(['满意', '基本满意', '不满意'], { error: '满意度应为满意、基本满意、不满意之一' }),
});
/** One level up: the reason, and who answers for it there (the unit and the person); the new level's deadline follows from the community's setting. */
export const escalateInput = z.object({
  id, reason: requiredText('提级理由', 500), at: dateTime('提级时间').optional(),
  responsibleUnit: requiredText('新层级责任单位', 60),
  responsiblePerson: requiredText('新层级责任人', 40),
});

export const issueEvent = z.object({ at: z.string(), kind: z.string(), from: z.string().nullable(), to: z.string().nullable(), reason: z.string(), author: z.string() });
export const issueSummary = z.object({
  id, communityId: id, number: z.number().int(), title: z.string(), reportedAt: z.string(), source: z.string(), category: z.string(),
  place: z.string(), responsibleParty: z.string(), status: issueStatus, level: escalationLevel,
  planDueAt: z.string(), resolutionDue: z.string().nullable(),
  /** For the board and the printed ledger: who handles it, the plan and when, closing and the return visit's verdict. */
  responsiblePerson: z.string(), plan: z.string(), plannedAt: z.string().nullable(), closedAt: z.string().nullable(), satisfaction: z.string().nullable(),
  overdue: z.array(z.object({ deadline: z.enum(['plan', 'resolution']), due: z.string(), message: z.string() })),
  /** Flagged for escalation: a deadline passed with no escalation since. */
  flag: z.object({ reason: z.string(), suggested: escalationLevel.nullable() }).nullable(),
  /** When it reached its present level (the last escalation); null at 楼栋. */
  escalatedAt: z.string().nullable(),
});
export const issueDetail = issueSummary.extend({
  reporter: z.string(), buildingId: id.nullable(), partId: id.nullable(), description: z.string(), revision,
  responsiblePerson: z.string(), plan: z.string(), plannedAt: z.string().nullable(), closedAt: z.string().nullable(),
  feedback: z.string(), satisfaction: z.string().nullable(), visitedAt: z.string().nullable(),
  matterId: id.nullable(), matterTitle: z.string().nullable(), meetingId: id.nullable(), meetingTitle: z.string().nullable(),
  events: z.array(issueEvent),
});
export const issueQuery = z.object({
  communityId: id,
  status: issueStatus.optional(),
  overdueOnly: z.boolean().default(false),
  text: z.string().trim().max(100).default(''),
  /** The issues that led to this matter, or were discussed at this meeting (the other side of the issue's links). */
  matterId: id.optional(),
  meetingId: id.optional(),
});
export const issueStats = z.object({
  communityId: id, from: z.string(), to: z.string(), total: z.number().int(),
  byCategory: z.array(z.object({ category: z.string(), count: z.number().int() })),
  byStatus: z.array(z.object({ status: z.string(), count: z.number().int() })),
  planOnTime: z.object({ onTime: z.number().int(), counted: z.number().int(), percent: z.number().int().nullable() }),
  resolvedOnTime: z.object({ onTime: z.number().int(), counted: z.number().int(), percent: z.number().int().nullable() }),
  /** Median and mean minutes, shown as text (“1天3小时”). */
  timeToPlan: z.object({ count: z.number().int(), median: z.string().nullable(), mean: z.string().nullable() }),
  timeToClose: z.object({ count: z.number().int(), median: z.string().nullable(), mean: z.string().nullable() }),
});

// ── mediation ───────────────────────────────────────────────────────
export const mediationFields = z.object({
  communityId: id,
  issueId: id.nullable().default(null),
  parties: requiredText('当事人', 300),
  mediator: requiredText('调解员', 60),
  sessions: z.array(z.object({ date: calendarDate('调解日期'), summary: requiredText('调解情况', 1000) })).max(50).default([]),
  outcome: z.enum(['', '调解成功', '调解不成']).default(''),
  agreement: optionalText('调解协议', 4000),
});
export const mediationUpdate = mediationFields.omit({ communityId: true }).extend({ id, ...expectedRevision });
export const mediation = mediationFields.extend({ id, createdAt: z.string(), updatedAt: z.string(), revision });
