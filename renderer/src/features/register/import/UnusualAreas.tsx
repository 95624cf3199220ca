import { Alert, Checkbox } from 'antd';
import type { MethodOutput } from '../../../../../shared/contract/methods';
import { DataGrid, type ColumnDef } from '../../../components/DataGrid';
import { formatCount, groupedArea } from '../../../format';
import { zhCN } from '../../../i18n/zh-CN';

const t = zhCN.importer;

type Preview = MethodOutput<'roster.previewImport'>;
type UnusualRow = Preview['unusual'][number];

const columns: ColumnDef<UnusualRow>[] = [
  { id: 'row', header: t.row, size: 56, meta: { align: 'right' }, cell: ({ row }) => row.original.row },
  { id: 'address', header: zhCN.roster.address, size: 130, cell: ({ row }) => <span className="strong">{row.original.address}</span> },
  { id: 'type', header: zhCN.roster.type, size: 56, cell: ({ row }) => row.original.type },
  { id: 'area', header: zhCN.roster.area, size: 100, meta: { align: 'right' }, cell: ({ row }) => <span className="num">{groupedArea(row.original.area)}</span> },
  { id: 'message', header: t.unusualReason, size: 240, meta: { grow: true }, cell: ({ row }) => row.original.message },
];

/**
 * The rows of a roster whose area is outside the community's bounds: listed,
 * and imported only after the clerk ticks that each was checked (the import
 * then carries acceptUnusual).
 */
export function UnusualAreas({ preview, confirmed, onConfirm }: { preview: Preview; confirmed: boolean; onConfirm: (checked: boolean) => void }) {
  const count = formatCount(preview.unusualCount);
  const more = preview.unusualCount > preview.unusual.length ? t.unusualMore(formatCount(preview.unusual.length), count) : '';
  return (
    <div className="import-unusual" data-testid="import-unusual" data-count={preview.unusualCount}>
      <Alert type="warning" showIcon title={t.unusualTitle(count) + more} description={t.unusualNote} />
      <DataGrid
        testId="import-unusual-grid"
        columns={columns}
        source={{ kind: 'local', rows: preview.unusual }}
        getRowId={(r) => String(r.row)}
        autoHeightRows={8}
        wrapText
      />
      <Checkbox checked={confirmed} onChange={(e) => onConfirm(e.target.checked)} data-testid="confirm-unusual">
        {t.unusualConfirm(count)}
      </Checkbox>
    </div>
  );
}
