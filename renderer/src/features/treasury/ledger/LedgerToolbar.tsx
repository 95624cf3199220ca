/** The ledger's title line (the treasurer's buttons) and its filters: account, dates, words. */
import { Button, Select } from 'antd';
import { DateField } from '../../../components/DateField';
import { PageHeader } from '../../../components/PageHeader';
import { SearchBox } from '../../../components/SearchBox';
import { formatCount } from '../../../format';
import { accountLabel, type Account, type RecordForm } from './ledgerShared';
import { zhCN } from '../../../i18n/zh-CN';
import { useCan } from '../../system/auth/permissions';

const t = zhCN.ledger;

export interface LedgerFilters {
  accountId?: string;
  /** YYYY-MM-DD, or '' for no bound (what an empty date input gives). */
  from: string;
  to: string;
  text: string;
}

interface Props {
  filters: LedgerFilters;
  onChange: (filters: LedgerFilters) => void;
  accounts: readonly Account[];
  total: number | null;
  onRecord: (form: RecordForm) => void;
  onCloseMonth: () => void;
  /** 复核: a month's closing already waits for a second person, so 结账 is not offered again. */
  closeMonthPending?: boolean;
}

export function LedgerToolbar({ filters, onChange, accounts, total, onRecord, onCloseMonth, closeMonthPending = false }: Props) {
  const can = useCan();
  return (
    <>
      <PageHeader
        title={t.title}
        sub={<span data-testid="ledger-count">{total === null ? '' : t.count(formatCount(total))}</span>}
        extra={
          <>
            {can('books.write') && <Button type="primary" onClick={() => onRecord('income')} data-testid="ledger-income">{t.income}</Button>}
            {can('books.write') && <Button type="primary" onClick={() => onRecord('expense')} data-testid="ledger-expense">{t.expense}</Button>}
            {can('books.write') && <Button onClick={() => onRecord('transfer')} data-testid="ledger-transfer">{t.transfer}</Button>}
            {can('books.write') && <Button onClick={onCloseMonth} disabled={closeMonthPending} title={closeMonthPending ? zhCN.reviews.closeMonthPending : undefined} data-testid="ledger-close-month">{t.closeMonth}</Button>}
          </>
        }
      />
      <div className="toolbar">
        <Select
          data-testid="ledger-filter-account"
          allowClear
          placeholder={t.allAccounts}
          value={filters.accountId}
          options={accounts.map((a) => ({ value: a.id, label: accountLabel(a) }))}
          onChange={(accountId?: string) => onChange({ ...filters, accountId })}
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: 230 }}
        />
        <DateField
          className="ledger-date"
          aria-label={t.from}
          value={filters.from}
          onChange={(from) => onChange({ ...filters, from })}
          data-testid="ledger-filter-from"
        />
        <span className="toolbar-label">{t.dateSeparator}</span>
        <DateField
          className="ledger-date"
          aria-label={t.to}
          value={filters.to}
          onChange={(to) => onChange({ ...filters, to })}
          data-testid="ledger-filter-to"
        />
        <SearchBox
          testId="ledger-search"
          value={filters.text}
          placeholder={t.searchPlaceholder}
          width={320}
          onSearch={(text) => onChange({ ...filters, text })}
        />
      </div>
    </>
  );
}
