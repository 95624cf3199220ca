/** Types and small pieces shared by the fund screens (and the ledger's part picker). */
import type { MethodOutput } from '../../../../../shared/contract/methods';
import { groupedArea } from '../../../format';
import './fund.css';

export type HouseholdRow = MethodOutput<'fund.households'>['rows'][number];
export type FundBalance = MethodOutput<'fund.balance'>;
export type SubLedger = MethodOutput<'fund.subLedger'>;
export type Apportionment = MethodOutput<'fund.apportion'>;
export type Share = Apportionment['shares'][number];

/** "12345.60" → "12,345.60": money comes from main as two-decimal text and is grouped like areas. */
export const groupedYuan = groupedArea;

/** An amount in a table cell: right-aligned digits, negative amounts in red. */
export function Yuan({ value, testId }: { value: string; testId?: string }) {
  return <span className={`num${value.startsWith('-') ? ' fund-negative' : ''}`} data-testid={testId}>{groupedYuan(value)}</span>;
}

/** fen (the settings' integer) ⇄ yuan (what a person types): the community form shows yuan and stores fen. */
export const fenToYuanNumber = (fen: number | null | undefined): number | null => (typeof fen === 'number' && fen > 0 ? fen / 100 : null);
export const yuanNumberToFen = (yuan: number | null | undefined): number => (typeof yuan === 'number' && Number.isFinite(yuan) ? Math.round(yuan * 100) : 0);
