/**
 * The printed roster table: one row per exclusive part, in address order.
 * Documents and phones are shown as main returns them in roster.page
 * (masked), one line per owner in the order of the names.
 */
import { zhCN } from '../../i18n/zh-CN';
import type { RosterRow } from '../register/roster/rosterColumns';
import { PrintTableHead } from './PrintTableHead';

const t = zhCN.rosterPrint;

/** Column widths in % of the sheet (landscape A4). */
const COLUMNS = [
  { label: t.no, width: 4.5, className: 'center' },
  { label: t.address, width: 14 },
  { label: t.type, width: 5.5, className: 'center' },
  { label: t.area, width: 8, className: 'num' },
  { label: t.areaSource, width: 6.5, className: 'center' },
  { label: t.deliveryStatus, width: 8, className: 'center' },
  { label: t.owners, width: 19 },
  { label: t.document, width: 20 },
  { label: t.phone, width: 14.5 },
] as const;

export function RosterPrintTable({ rows, developer }: { rows: readonly RosterRow[]; developer: string }) {
  return (
    <table className="print-table" data-testid="roster-print-table">
      <PrintTableHead columns={COLUMNS} />
      <tbody>
        {rows.map((row, i) => (
          <tr key={row.partId}>
            <td className="center">{i + 1}</td>
            <td>{row.address}</td>
            <td className="center">{row.type}</td>
            <td className="num">{row.area}</td>
            <td className="center">{row.areaSource}</td>
            <td className="center">{row.deliveryStatus}</td>
            <td>{ownerNames(row, developer)}</td>
            <td className="mono"><PerOwner values={row.owners.map((o) => o.document)} /></td>
            <td className="mono"><PerOwner values={row.owners.map((o) => o.phone)} /></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Co-owners joined by 、; an unsold part is the developer's; a delivered part without owners is marked. */
function ownerNames(row: RosterRow, developer: string): string {
  if (row.owners.length > 0) return row.owners.map((o) => o.name).join('、');
  if (row.deliveryStatus === '未售') return developer.trim() || t.developer;
  return t.noOwner;
}

/** One line per owner; a missing value among co-owners is a dash so the lines keep matching the names. */
function PerOwner({ values }: { values: string[] }) {
  if (values.every((v) => v === '')) return null;
  return <>{values.map((v, i) => <div key={i}>{v || '—'}</div>)}</>;
}
