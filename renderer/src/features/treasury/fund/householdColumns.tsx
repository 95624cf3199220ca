/** The households table's columns: one sub-ledger per exclusive part (fund.households). */
import { Tag } from 'antd';
import type { ColumnDef } from '../../../components/DataGrid';
import { groupedYuan, Yuan, type HouseholdRow } from './fundShared';
import { zhCN } from '../../../i18n/zh-CN';

const t = zhCN.fund;

// Sized to fit a 1366-pixel screen beside the menu without scrolling sideways.
const money = (id: keyof HouseholdRow, header: string, size = 100): ColumnDef<HouseholdRow> => ({
  id, header, size, meta: { align: 'right' },
  cell: ({ row }) => <Yuan value={String(row.original[id])} />,
});

export const householdColumns: ColumnDef<HouseholdRow>[] = [
  { id: 'address', header: t.colAddress, size: 120, cell: ({ row }) => <span className="strong">{row.original.address}</span> },
  { id: 'area', header: t.colArea, size: 100, meta: { align: 'right' }, cell: ({ row }) => <span className="num">{row.original.area}</span> },
  { id: 'owners', header: t.colOwners, size: 90, meta: { grow: true }, cell: ({ row }) => <span title={row.original.owners}>{row.original.owners}</span> },
  money('initialDue', t.colInitialDue),
  money('deposited', t.colDeposited),
  money('earnings', t.colEarnings, 90),
  money('charges', t.colCharges, 90),
  money('transfers', t.colTransfers, 90),
  { id: 'balance', header: t.colBalance, size: 110, meta: { align: 'right' }, cell: ({ row }) => <span className="strong"><Yuan value={row.original.balance} testId="household-balance" /></span> },
  {
    id: 'topUp', header: t.colTopUp, size: 160,
    cell: ({ row }) => (row.original.belowTopUp ? (
      <span data-testid="household-top-up">
        <Tag color="orange" className="tight-tag">{t.needsTopUp}</Tag>{' '}
        <span className="num">{groupedYuan(row.original.topUp)}</span>
      </span>
    ) : null),
  },
];
