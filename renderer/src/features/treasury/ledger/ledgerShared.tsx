/** Types and small pieces shared by the screens of the books. */
import { Tag } from 'antd';
import type { MethodOutput } from '../../../../../shared/contract/methods';
import type { Direction } from '../../../../../shared/domain/voucher';
import '../fund/fund.css';
import { zhCN } from '../../../i18n/zh-CN';

const t = zhCN.ledger;

export type Books = MethodOutput<'ledger.books'>;
export type Account = Books['accounts'][number];
export type Entry = MethodOutput<'ledger.entry'>;
export type EntryRow = MethodOutput<'ledger.entries'>['rows'][number];
export type RecordForm = 'income' | 'expense' | 'transfer';

/** An entry's kind in words; kinds this screen does not know yet show as main wrote them. */
export const kindText = (kind: string): string => t.kinds[kind] ?? kind;

export const accountLabel = (a: Pick<Account, 'code' | 'name'>): string => `${a.code} ${a.name}`;

const DIRECTION_COLOR: Record<Direction, string> = { 收入: 'green', 支出: 'orange', 转入: 'blue', 转出: 'purple' };

/** 收入 / 支出 / 转入 / 转出 as main words them (shared/domain/voucher.ts). */
export function DirectionTag({ direction }: { direction: Direction }) {
  return <Tag color={DIRECTION_COLOR[direction]} className="tight-tag" data-testid="direction" data-direction={direction}>{direction}</Tag>;
}

/** 已冲销 on an entry that a later one reversed; 冲销 on the reversing entry. */
export function ReversalTags({ reversed, reversal }: { reversed: boolean; reversal: boolean }) {
  return (
    <>
      {reversed && <Tag color="default" className="tight-tag" data-testid="entry-reversed-tag">{t.reversedTag}</Tag>}
      {reversal && <Tag color="red" className="tight-tag" data-testid="entry-reversal-tag">{t.reversalTag}</Tag>}
    </>
  );
}
