/**
 * The reconciliation as one line — 银行余额 = 维修资金 + 待查明款项 + 其他负债,
 * 差额 — for the 银行对账 page (each term a button opening its list), the
 * 维修资金 screen and the fund summary print; and the table of entries each
 * list is made of.
 */
import type { ReactNode } from 'react';
import type { MethodOutput } from '../../../../../shared/contract/methods';
import { ENTRY_KIND_NAMES } from '../../../../../shared/domain/ledger';
import { DataGrid, type ColumnDef } from '../../../components/DataGrid';
import { zhCN } from '../../../i18n/zh-CN';
import { navigate } from '../../../router';
import { groupedYuan, Yuan } from '../fund/fundShared';
import './reconciliation.css';

const t = zhCN.reconciliation;

export type Reconciliation = MethodOutput<'fund.reconciliation'>;
export type ReconciliationItem = Reconciliation['unidentified']['items'][number];
export type Term = 'bank' | 'fund' | 'unidentified' | 'other' | 'difference';

export const isZero = (amount: string) => /^-?0\.00$/.test(amount);

interface LineProps {
  data: Reconciliation;
  /** The term whose list is open (the page). */
  active?: Term | null;
  /** Makes each term a button (the page). */
  onTerm?: (term: Term) => void;
  testId?: string;
}

/** The equation with its figures; the difference in red when it is not zero. */
export function ReconciliationLine({ data, active = null, onTerm, testId = 'reconciliation-line' }: LineProps) {
  const term = (key: Term, label: string, amount: string, extra?: ReactNode) => {
    const body = (
      <>
        <span className="recon-term-label">{label}</span>
        <span className="recon-term-value num" data-testid={`recon-${key}`}>{groupedYuan(amount)}</span>
        {extra}
      </>
    );
    const className = `recon-term${active === key ? ' active' : ''}${key === 'difference' ? (isZero(amount) ? ' ok' : ' bad') : ''}`;
    return onTerm
      ? <button type="button" className={className} onClick={() => onTerm(key)} data-testid={`recon-term-${key}`}>{body}</button>
      : <span className={className}>{body}</span>;
  };
  return (
    <div className="recon-line" data-testid={testId}>
      {term('bank', t.bank, data.bank.amount)}
      <span className="recon-op">{t.equals}</span>
      {term('fund', t.fund, data.fund.amount)}
      <span className="recon-op">{t.plus}</span>
      {term('unidentified', t.unidentified, data.unidentified.amount)}
      <span className="recon-op">{t.plus}</span>
      {term('other', t.other, data.other.amount)}
      <span className="recon-gap" />
      {term('difference', t.difference, data.difference, (
        <span className="recon-verdict" data-testid="recon-verdict">{isZero(data.difference) ? t.balanced : t.notBalanced}</span>
      ))}
    </div>
  );
}

/** Where the bank's figure comes from, and the day. */
export function sourceLine(data: Reconciliation): string {
  return `${t.asOf(data.asOf)}；${t.source[data.bank.source]}：${data.bank.label}`;
}

type Keyed = ReconciliationItem & { key: string };

const kindName = (kind: string) => (kind === 'statement-row' ? t.statementRow : kind === 'project' ? t.project : ENTRY_KIND_NAMES[kind] ?? kind);

/** The entries (or statement rows, or projects) a list is made of; the number opens the entry in the books. */
export function ItemsTable({ communityId, items, testId }: { communityId: string; items: readonly ReconciliationItem[]; testId: string }) {
  const columns: ColumnDef<Keyed>[] = [
    {
      id: 'number', header: t.colNumber, size: 90,
      cell: ({ row }) => (row.original.entryId && row.original.number !== null
        ? <a onClick={() => navigate({ name: 'ledger', communityId, entryId: row.original.entryId! })}>{t.numberText(row.original.number)}</a>
        : null),
    },
    { id: 'date', header: t.colDate, size: 104, cell: ({ row }) => <span className="num">{row.original.date}</span> },
    { id: 'kind', header: t.colKind, size: 110, cell: ({ row }) => kindName(row.original.kind) },
    { id: 'counterparty', header: t.colCounterparty, size: 130, cell: ({ row }) => <span title={row.original.counterparty}>{row.original.counterparty}</span> },
    { id: 'memo', header: t.colMemo, size: 260, meta: { grow: true }, cell: ({ row }) => <span title={row.original.memo}>{row.original.memo}</span> },
    { id: 'amount', header: t.colAmount, size: 120, meta: { align: 'right' }, cell: ({ row }) => <Yuan value={row.original.amount} /> },
  ];
  if (items.length === 0) return <div className="recon-empty" data-testid={testId}>{t.listEmpty}</div>;
  // Statement rows have no entry of their own: the position in the list keys them.
  const rows = items.map((r, i): Keyed => ({ ...r, key: String(i) }));
  return <DataGrid testId={testId} columns={columns} source={{ kind: 'local', rows }} getRowId={(r) => r.key} autoHeightRows={8} />;
}
