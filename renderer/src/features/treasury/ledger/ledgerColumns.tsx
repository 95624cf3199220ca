/** The ledger table's columns (ledger.entries): newest first, sorted by main. */
import type { ColumnDef } from '../../../components/DataGrid';
import { Yuan } from '../fund/fundShared';
import { kindText, ReversalTags, type EntryRow } from './ledgerShared';
import { zhCN } from '../../../i18n/zh-CN';

const t = zhCN.ledger;

// Sized to fit a 1366-pixel screen beside the menu and the accounts panel without scrolling sideways.
export const ledgerColumns: ColumnDef<EntryRow>[] = [
  { id: 'number', header: t.colNumber, size: 70, meta: { align: 'right' }, cell: ({ row }) => <span className="num">{row.original.number}</span> },
  { id: 'date', header: t.colDate, size: 96, cell: ({ row }) => <span className="num">{row.original.date}</span> },
  {
    id: 'kind', header: t.colKind, size: 112,
    // A reversal's kind is its red tag alone; a reversed entry keeps its kind beside 已冲销.
    cell: ({ row }) => (
      <span>
        {row.original.reversal ? null : `${kindText(row.original.kind)} `}
        <ReversalTags reversed={row.original.reversed} reversal={row.original.reversal} />
      </span>
    ),
  },
  { id: 'memo', header: t.colMemo, size: 140, meta: { grow: true }, cell: ({ row }) => <span title={row.original.memo}>{row.original.memo}</span> },
  { id: 'counterparty', header: t.colCounterparty, size: 112, cell: ({ row }) => <span title={row.original.counterparty}>{row.original.counterparty}</span> },
  { id: 'accounts', header: t.colAccounts, size: 150, cell: ({ row }) => <AccountNames names={row.original.accounts} /> },
  { id: 'address', header: t.colAddress, size: 76, cell: ({ row }) => row.original.address ?? '' },
  { id: 'amount', header: t.colAmount, size: 104, meta: { align: 'right' }, cell: ({ row }) => <Yuan value={row.original.amount} /> },
];

/** main lists an entry's accounts comma-separated (SQL group_concat); shown the Chinese way. */
function AccountNames({ names }: { names: string }) {
  const text = names.split(',').join('、');
  return <span title={text}>{text}</span>;
}
