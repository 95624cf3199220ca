/** Types, tags and the rule arithmetic shared by the repair screens. */
import { Tag } from 'antd';
import type { MethodOutput } from '../../../../../shared/contract/methods';
import { fenToYuan, parseYuan } from '../../../../../shared/domain/money';
import { needsAudit, needsReapproval, type RepairRule } from '../../../../../shared/domain/treasury';
import { zhCN } from '../../../i18n/zh-CN';
import './repairs.css';

const t = zhCN.repairs;

export type ProjectSummary = MethodOutput<'repair.list'>[number];
export type ProjectDetail = MethodOutput<'repair.get'>;
export type Apportionment = MethodOutput<'repair.previewCharge'>;

export function StatusTag({ status, testId }: { status: ProjectSummary['status']; testId?: string }) {
  return (
    <Tag color={status === 'charged' ? 'green' : 'blue'} className="tight-tag" data-testid={testId} data-status={status}>
      {t.status[status]}
    </Tag>
  );
}

/** "12345.6" typed → fen, or null when it is no amount. */
export function fenOf(text: string | undefined | null): number | null {
  if (text === undefined || text === null || text.trim() === '') return null;
  return parseYuan(text);
}

/** fen → "12,345.60" */
export function yuanShown(fen: number): string {
  return fenToYuan(fen).replace(/^(-?)(\d+)/, (_m, sign: string, digits: string) => sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, ','));
}

export interface CostCheck {
  audit: boolean;
  reapproval: boolean;
  /** The final cost's difference from the estimate in percent, two decimals, rounded toward zero (as the rule compares). */
  overrunPercent: string;
  over: boolean;
}

/** What the community's rule says of a final cost (fen) against the approved estimate (fen). */
export function checkCost(finalCost: number, estimate: number, rule: RepairRule): CostCheck {
  // Hundredths of a percent, in integers: (final − estimate) × 10000 / estimate, toward zero.
  const diff = BigInt(finalCost - estimate) * 10000n;
  const hundredths = estimate > 0 ? diff / BigInt(estimate) : 0n;
  const abs = hundredths < 0n ? -hundredths : hundredths;
  const overrunPercent = `${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
  return { audit: needsAudit(finalCost, rule), reapproval: needsReapproval(finalCost, estimate, rule), overrunPercent, over: finalCost > estimate };
}
