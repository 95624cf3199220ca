import type { MethodOutput } from '../../../../../shared/contract/methods';
import { DataGrid, type ColumnDef } from '../../../components/DataGrid';
import { formatCount, groupedArea } from '../../../format';
import { zhCN } from '../../../i18n/zh-CN';
import { DeliveryTag } from '../roster/rosterColumns';

const t = zhCN.importer;

type Preview = MethodOutput<'roster.previewImport'>;
type SampleRow = Preview['sample'][number];

const sampleColumns: ColumnDef<SampleRow>[] = [
  { id: 'row', header: t.row, size: 56, meta: { align: 'right' }, cell: ({ row }) => row.original.row },
  { id: 'address', header: zhCN.roster.address, size: 150, cell: ({ row }) => <span className="strong">{row.original.address}</span> },
  { id: 'type', header: zhCN.roster.type, size: 64, cell: ({ row }) => row.original.type },
  { id: 'area', header: zhCN.roster.area, size: 100, meta: { align: 'right' }, cell: ({ row }) => <span className="num">{row.original.area}</span> },
  { id: 'areaSource', header: zhCN.roster.areaSource, size: 80, cell: ({ row }) => row.original.areaSource },
  { id: 'deliveryStatus', header: zhCN.roster.deliveryStatus, size: 100, cell: ({ row }) => <DeliveryTag status={row.original.deliveryStatus} /> },
  { id: 'owners', header: zhCN.roster.owners, size: 140, meta: { grow: true }, cell: ({ row }) => row.original.owners },
];

/** The summary of a roster file and its first rows as they will be recorded. */
export function ImportPreview({ preview }: { preview: Preview }) {
  const s = preview.summary;
  return (
    <div className="import-preview" data-testid="import-preview">
      {s && (
        <div className="summary-figures" data-testid="import-summary">
          <Figure label={t.parts} value={formatCount(s.parts)} testId="summary-parts" />
          <Figure label={t.owners} value={formatCount(s.owners)} testId="summary-owners" />
          <Figure label={t.votingSubjects} value={formatCount(s.votingSubjects)} testId="summary-subjects" />
          <Figure label={t.totalArea} value={groupedArea(s.totalArea)} testId="summary-area" />
        </div>
      )}
      {preview.sample.length > 0 && (
        <>
          <div className="section-title"><span>{t.sample}</span></div>
          <DataGrid
            testId="import-sample"
            columns={sampleColumns}
            source={{ kind: 'local', rows: preview.sample }}
            getRowId={(r) => String(r.row)}
            autoHeightRows={10}
          />
        </>
      )}
    </div>
  );
}

function Figure({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="summary-figure">
      <div className="summary-label">{label}</div>
      <div className="summary-value" data-testid={testId}>{value}</div>
    </div>
  );
}
