/**
 * The decision workflow as data (docs/domain.md §3): a definition is a list of
 * steps; a matter pins the definition version it started with and records each
 * step in order. The default is 五议两公开一备案; an office may define its own.
 */
import { daysBetween } from './dates';

/**
 * A posting period (公示期) given only its start runs to the start + this many
 * days: a publication step advanced from the CLI, the repair-use notices.
 * Local rules commonly ask for at least 7 days [practice].
 */
export const DEFAULT_POSTING_DAYS = 7;

/** What a step records besides its date: a meeting, a posting period, the filing body. */
export const STEP_KINDS = ['plain', 'meeting', 'publication', 'filing'] as const;
export type StepKind = (typeof STEP_KINDS)[number];

export interface StepDefinition {
  key: string;
  name: string;
  kind: StepKind;
  /** May be skipped (with a reason). */
  optional: boolean;
  /** How long a matter may wait at this step before the board flags it. */
  expectedDays: number;
}

export interface WorkflowDefinition {
  name: string;
  steps: StepDefinition[];
}

export const DEFAULT_WORKFLOW: WorkflowDefinition = {
  name: '五议两公开一备案',
  steps: [
    { key: 'suggest', name: '党员群众建议', kind: 'plain', optional: false, expectedDays: 15 },
    { key: 'propose', name: '小区党组织提议', kind: 'meeting', optional: false, expectedDays: 15 },
    { key: 'joint', name: '联席会议商议', kind: 'meeting', optional: false, expectedDays: 30 },
    { key: 'party', name: '党员大会审议', kind: 'meeting', optional: false, expectedDays: 30 },
    { key: 'resolve', name: '业主(代表)大会决议', kind: 'meeting', optional: false, expectedDays: 60 },
    { key: 'publish-resolution', name: '决议公开', kind: 'publication', optional: false, expectedDays: 7 },
    { key: 'publish-result', name: '实施结果公开', kind: 'publication', optional: false, expectedDays: 180 },
    { key: 'file', name: '决议结果与实施情况报社区备案', kind: 'filing', optional: false, expectedDays: 30 },
  ],
};

/** The Civil Code Art. 278 items, and 其他 for matters outside them. */
export const MATTER_CATEGORIES = [
  '制定和修改业主大会议事规则', '制定和修改管理规约', '选举业主委员会或者更换业主委员会成员', '选聘和解聘物业服务企业或者其他管理人',
  '使用建筑物及其附属设施的维修资金', '筹集建筑物及其附属设施的维修资金', '改建、重建建筑物及其附属设施',
  '改变共有部分的用途或者利用共有部分从事经营活动', '有关共有和共同管理权利的其他重大事项', '其他',
] as const;
export type MatterCategory = (typeof MATTER_CATEGORIES)[number];

/** Problems with a definition, in Chinese; empty when it can be saved. */
export function checkWorkflowDefinition(def: WorkflowDefinition): string[] {
  const out: string[] = [];
  if (def.name.trim() === '') out.push('请填写流程名称');
  if (def.steps.length === 0) out.push('流程至少要有一个步骤');
  const keys = new Set<string>();
  def.steps.forEach((s, i) => {
    const n = `第${i + 1}步`;
    if (!/^[a-z0-9-]{1,40}$/.test(s.key)) out.push(`${n}的代码“${s.key}”应为1–40位小写字母、数字或连字符`);
    if (keys.has(s.key)) out.push(`${n}的代码“${s.key}”与前面的步骤重复`);
    keys.add(s.key);
    if (s.name.trim() === '') out.push(`${n}缺少名称`);
    if (!Number.isInteger(s.expectedDays) || s.expectedDays < 1 || s.expectedDays > 3650) out.push(`${n}的预计天数应为1–3650的整数`);
  });
  return out;
}

/** What has been recorded for one step of a matter. */
export interface StepRecord {
  key: string;
  date: string;
  skipped: boolean;
}

export interface AdvanceInput {
  key: string;
  date: string;
  /** Skip an optional step instead of doing it (needs a reason). */
  skip?: { reason: string };
  meetingId?: string | null;
  postingStart?: string | null;
  postingEnd?: string | null;
  filingBody?: string | null;
}

/**
 * The step an owners' vote decides: the last meeting step before the first
 * publication (in the default workflow 业主(代表)大会决议, before 决议公开).
 */
export function voteStepOf(def: WorkflowDefinition): StepDefinition | null {
  const firstPublication = def.steps.findIndex((s) => s.kind === 'publication');
  const before = firstPublication < 0 ? def.steps : def.steps.slice(0, firstPublication);
  return [...before].reverse().find((s) => s.kind === 'meeting') ?? null;
}

/** The next step to record: the first step with no record. */
export function nextStep(def: WorkflowDefinition, records: StepRecord[]): StepDefinition | null {
  const done = new Set(records.map((r) => r.key));
  return def.steps.find((s) => !done.has(s.key)) ?? null;
}

/**
 * Why recording `input` now would be wrong (Chinese, one line each), or []:
 * steps are done in order; a step's date is not before the previous one's; a
 * publication carries a posting period that starts on or after the step's
 * date; a filing names the body that received it.
 */
export function checkAdvance(def: WorkflowDefinition, records: StepRecord[], input: AdvanceInput): string[] {
  const step = def.steps.find((s) => s.key === input.key);
  if (!step) return [`流程中没有步骤“${input.key}”，可用的步骤：${def.steps.map((s) => s.key).join('、')}`];
  if (records.some((r) => r.key === step.key)) return [`“${step.name}”已经记录，不能重复记录（更正请新增说明）`];
  const next = nextStep(def, records);
  if (next && next.key !== step.key) {
    return [`请按顺序办理：下一步应为“${next.name}”，不能直接记录“${step.name}”`];
  }
  const out: string[] = [];
  const previous = [...records].filter((r) => !r.skipped).sort((a, b) => (a.date < b.date ? 1 : -1))[0];
  if (previous && input.date < previous.date) {
    const prevName = def.steps.find((s) => s.key === previous.key)?.name ?? previous.key;
    out.push(`“${step.name}”的日期 ${input.date} 早于上一步“${prevName}”的日期 ${previous.date}`);
  }
  if (input.skip) {
    if (!step.optional) out.push(`“${step.name}”是必经步骤，不能跳过`);
    if (input.skip.reason.trim() === '') out.push(`跳过“${step.name}”须写明理由`);
    return out;
  }
  if (step.kind === 'publication') {
    if (!input.postingStart || !input.postingEnd) out.push(`“${step.name}”须填写公示期（开始和结束日期）`);
    else {
      if (input.postingStart < input.date) out.push(`公示开始日期 ${input.postingStart} 不能早于本步骤日期 ${input.date}`);
      if (daysBetween(input.postingStart, input.postingEnd) < 0) out.push(`公示结束日期 ${input.postingEnd} 早于开始日期 ${input.postingStart}`);
    }
  }
  if (step.kind === 'filing' && !input.filingBody?.trim()) out.push(`“${step.name}”须填写接收备案的单位`);
  return out;
}

export interface BoardPosition {
  /** The step the matter waits at, or null when every step is recorded. */
  current: StepDefinition | null;
  /** Since when it waits: the last recorded date, or the day it was raised. */
  waitingSince: string;
  waitingDays: number;
  overdue: boolean;
}

/** Where a matter stands on the board today, flagged when it has waited longer than the step expects. */
export function boardPosition(def: WorkflowDefinition, records: StepRecord[], raisedOn: string, today: string): BoardPosition {
  const current = nextStep(def, records);
  const waitingSince = records.reduce((d, r) => (r.date > d ? r.date : d), raisedOn);
  const waitingDays = Math.max(0, daysBetween(waitingSince, today));
  return { current, waitingSince, waitingDays, overdue: current !== null && waitingDays > current.expectedDays };
}
