/**
 * The treasurer's local rules (DOMAIN.md §5), as integer arithmetic: how much
 * common revenue goes to the fund, when a repair needs an audit or a new
 * approval, how near a budget line is to its limit.
 */

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

export type TransferProposal =
  | { required: true; amount: number; why: string }
  | { required: false; amount: 0; why: string };

/**
 * The least transfer the rule asks for out of `net` fen of a period's revenue
 * after its costs: ceil(net × p / 100), one fen more when the rule says "more
 * than" and that lands exactly on the share.
 */
export function proposeTransfer(net: number, rule: RevenueTransferRule, fund: { balance: number; initialDue: number }): TransferProposal {
  if (net <= 0) return { required: false, amount: 0, why: '本期公共收益扣除合理成本后没有结余' };
  const below = rule.onlyWhileFundBelowPercent;
  if (below !== null && fund.balance * 100 >= fund.initialDue * below) {
    return { required: false, amount: 0, why: `维修资金余额不低于首期应缴总额的 ${below}%，本期不要求转入` };
  }
  const exact = net * rule.percent;
  let amount = Math.ceil(exact / 100);
  if (rule.strictlyMore && amount * 100 === exact) amount += 1;
  amount = Math.min(amount, net);
  const words = rule.strictlyMore ? `超过 ${rule.percent}%` : `不少于 ${rule.percent}%`;
  const when = below !== null ? `（维修资金余额低于首期应缴总额的 ${below}%）` : '';
  return { required: true, amount, why: `本期净收益的${words}应转入维修资金${when}` };
}

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
