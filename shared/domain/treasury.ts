/**
 * The treasurer's local rules (docs/domain.md §5), as integer arithmetic: how much
 * common revenue goes to the fund, when a repair needs an audit or a new
 * approval, how near a budget line is to its limit.
 */

import { formatHundredths, formatHundredthsGrouped } from './area';
import type { RuleViolation } from './meetings';

export const REVENUE_KINDS = ['电梯广告', '停车', '场地租金', '其他'] as const;
export type RevenueKind = (typeof REVENUE_KINDS)[number];

export interface RevenueTransferRule {
  /** Share of the net revenue, in percent (Beijing, Shanghai: 50). */
  percent: number;
  /** Shanghai: more than the share; Beijing: at least. */
  strictlyMore: boolean;
  /** Beijing: only while the fund is below this share of the initial deposits; null: always. */
  onlyWhileFundBelowPercent: number | null;
}

export interface FundPosition {
  /** The fund (the sum of its sub-ledgers), fen. */
  balance: number;
  /** The initial deposits due of every part, fen (the opening file's, or area × the community's rate). */
  initialDue: number;
}

/** balance ÷ initial deposits in hundredths of a percent, rounded down, in integers; null when no initial deposit is known. */
export function fundRatioHundredths(f: FundPosition): number | null {
  if (f.initialDue <= 0) return null;
  // BigInt: a balance of 10^12 fen × 10^4 passes 2^53.
  const q = (BigInt(f.balance) * 10000n) / BigInt(f.initialDue);
  return Number(f.balance < 0 && (BigInt(f.balance) * 10000n) % BigInt(f.initialDue) !== 0n ? q - 1n : q);
}

/** 9912 → "99.12%". */
export const percentText = (hundredths: number) => `${formatHundredths(hundredths)}%`;

/**
 * Whether the rule's condition holds (Beijing: the fund below 30 % of the
 * initial deposits), decided by cross-multiplying integers — balance × 100 <
 * initialDue × 30 — with the ratio and the comparison in words. A rule
 * without a condition always applies. With no initial deposit known, the
 * condition cannot be shown to hold: it does not.
 */
export function transferCondition(rule: RevenueTransferRule, f: FundPosition): { holds: boolean; ratio: string | null; words: string | null } {
  const below = rule.onlyWhileFundBelowPercent;
  const hundredths = fundRatioHundredths(f);
  const ratio = hundredths === null ? null : percentText(hundredths);
  if (below === null) return { holds: true, ratio, words: null };
  const condition = `仅在维修资金余额低于首期应缴总额的 ${below}% 时转入`;
  if (ratio === null) {
    return { holds: false, ratio, words: `${condition}；首期应缴总额未知（小区未设每平方米首期缴存标准，也未导入期初应缴），无法判断，本期不提出转入` };
  }
  const holds = f.balance * 100 < f.initialDue * below;
  const figures = `维修资金余额 ${formatHundredthsGrouped(f.balance)} 元 ÷ 首期应缴总额 ${formatHundredthsGrouped(f.initialDue)} 元 = ${ratio}`;
  return { holds, ratio, words: `${condition}；${figures}，${holds ? `低于 ${below}%，条件成立` : `不低于 ${below}%，条件不成立`}` };
}

export type TransferProposal = { amount: number; why: string; condition: ReturnType<typeof transferCondition> } & (
  | { required: true }
  | { required: false; amount: 0 }
);

/**
 * The least transfer the rule asks for out of `net` fen of a period's revenue
 * after its costs: ceil(net × p / 100), one fen more when the rule says "more
 * than" and that lands exactly on the share. Nothing when the rule's
 * condition does not hold.
 */
export function proposeTransfer(net: number, rule: RevenueTransferRule, fund: FundPosition): TransferProposal {
  const condition = transferCondition(rule, fund);
  if (net <= 0) return { required: false, amount: 0, why: '本期公共收益扣除合理成本后没有结余', condition };
  const below = rule.onlyWhileFundBelowPercent;
  if (!condition.holds) {
    const why = condition.ratio === null
      ? `首期应缴总额未知，无法判断维修资金是否低于首期应缴总额的 ${below}%，本期不提出转入`
      : `维修资金余额为首期应缴总额的 ${condition.ratio}，不低于 ${below}%，本期不要求转入`;
    return { required: false, amount: 0, why, condition };
  }
  const exact = net * rule.percent;
  let amount = Math.ceil(exact / 100);
  if (rule.strictlyMore && amount * 100 === exact) amount += 1;
  amount = Math.min(amount, net);
  const words = rule.strictlyMore ? `超过 ${rule.percent}%` : `不少于 ${rule.percent}%`;
  const when = below !== null ? `（维修资金余额为首期应缴总额的 ${condition.ratio}，低于 ${below}%）` : '';
  return { required: true, amount, why: `本期净收益的${words}应转入维修资金${when}`, condition };
}

/**
 * Local practice the community form offers as presets (docs/domain.md §5 and the
 * README's rules on repairs and revenue), each with where it comes from. A
 * place without a known rule has no preset: its figures are typed.
 */
export interface RulePreset<K extends string> {
  key: string;
  label: string;
  /** Where the figures come from, said on the form. */
  source: string;
  values: Record<K, number | boolean | null>;
}

export const REPAIR_RULE_PRESETS: readonly RulePreset<'repairAuditAbove' | 'repairReapprovalPercent'>[] = [
  {
    key: 'hangzhou', label: '杭州：决算超过 30,000 元须审计，超出批准金额 10% 及以上须重新表决',
    source: '杭州的做法（本软件维修项目规则说明所载）；启用前请与本地现行文件核对',
    values: { repairAuditAbove: 3_000_000, repairReapprovalPercent: 10 },
  },
  {
    key: 'none', label: '不设：不要求审计，也不要求超支重新表决',
    source: '未收录本地规定时的默认；有规定的地方请选“杭州”或直接填写',
    values: { repairAuditAbove: null, repairReapprovalPercent: null },
  },
];

export const REVENUE_RULE_PRESETS: readonly RulePreset<'revenueTransferPercent' | 'revenueTransferStrict' | 'revenueTransferOnlyBelowPercent'>[] = [
  {
    key: 'beijing', label: '北京：维修资金低于首期应缴总额的 30% 时，净收益不少于 50% 转入',
    source: '北京的做法（本软件领域规则说明第5节所载）；启用前请与本地现行文件核对',
    values: { revenueTransferPercent: 50, revenueTransferStrict: false, revenueTransferOnlyBelowPercent: 30 },
  },
  {
    key: 'shanghai', label: '上海：净收益超过 50% 转入维修资金，不论余额',
    source: '上海的做法（本软件领域规则说明第5节所载，按季度公开）；启用前请与本地现行文件核对',
    values: { revenueTransferPercent: 50, revenueTransferStrict: true, revenueTransferOnlyBelowPercent: null },
  },
];

export interface RepairRule {
  /** An audit is required above this cost, fen (Hangzhou: 30,000 yuan); null: never. */
  auditAbove: number | null;
  /** A new approval when the final cost exceeds the approved by this share or more (Hangzhou: 10 %); null: never. */
  reapprovalPercent: number | null;
}

export const needsAudit = (cost: number, rule: RepairRule) => rule.auditAbove !== null && cost > rule.auditAbove;

/** finalCost ≥ approved × (100 + p) / 100, cross-multiplied. */
export const needsReapproval = (finalCost: number, approved: number, rule: RepairRule) =>
  rule.reapprovalPercent !== null && finalCost * 100 >= approved * (100 + rule.reapprovalPercent);

export type BudgetState = 'ok' | 'near' | 'over';

/** Warned at 90 % of the line, over at 100 % (spent reaches the budget). */
export function budgetState(spent: number, budget: number): BudgetState {
  if (spent >= budget) return spent === 0 ? 'ok' : 'over';
  return spent * 10 >= budget * 9 ? 'near' : 'ok';
}

/** What a charge to the households needs before it goes through (docs/domain.md §5: a proposal, a vote, a notice, then payment). */
export interface ChargeFacts {
  /** The charge's posting date. */
  date: string;
  /** 使用公示（事前）: the date the project was posted before the works; null: not posted. */
  noticeDate: string | null;
  /** The owners' decision: the vote's item 5 passed (as it stands now), or the emergency path's dates. */
  decision:
    | { approval: 'vote'; voteTitle: string | null; passed: boolean }
    | { approval: 'emergency'; reviewDate: string | null; streetDate: string | null };
  finalCost: number;
  /** The audit's opinion or report number, when there was one. */
  auditNote: string;
}

/**
 * What is missing for a charge: the notice before the works, the audit the
 * community's rule asks above its threshold, the owners' decision (a passed
 * item 5, or the committee's review and the street's confirmation by the
 * charge's date). Each is a warning the treasurer may go past only with a
 * written reason, kept with the charge (main/services/rule-overrides.ts).
 */
export function chargeWarnings(f: ChargeFacts, rule: RepairRule): RuleViolation[] {
  const out: RuleViolation[] = [];
  if (f.noticeDate === null) {
    out.push({ rule: 'repair-notice', message: '尚未记录使用公示（事前）：使用维修资金应在施工前公示' });
  } else if (f.noticeDate > f.date) {
    out.push({ rule: 'repair-notice', message: `使用公示日期 ${f.noticeDate} 晚于分摊日期 ${f.date}：分摊时尚未公示` });
  }
  if (needsAudit(f.finalCost, rule) && f.auditNote.trim() === '') {
    out.push({ rule: 'repair-audit', message: `决算 ${formatHundredthsGrouped(f.finalCost)} 元超过本小区审计起点 ${formatHundredthsGrouped(rule.auditAbove!)} 元，尚未填写审计意见` });
  }
  const d = f.decision;
  if (d.approval === 'vote' && !d.passed) {
    out.push({ rule: 'repair-decision', message: `表决“${d.voteTitle ?? ''}”现在没有通过的“使用维修资金”议题：缺少业主共同决定` });
  }
  if (d.approval === 'emergency') {
    const missing = [
      d.reviewDate === null ? '业委会审核日期未填' : d.reviewDate > f.date ? `业委会审核日期 ${d.reviewDate} 晚于分摊日期` : null,
      d.streetDate === null ? '街道确认日期未填' : d.streetDate > f.date ? `街道确认日期 ${d.streetDate} 晚于分摊日期` : null,
    ].filter((x): x is string => x !== null);
    if (missing.length > 0) out.push({ rule: 'repair-decision', message: `应急维修的批准不完整：${missing.join('，')}` });
  }
  return out;
}
