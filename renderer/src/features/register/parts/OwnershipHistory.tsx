import { Tag } from 'antd';
import { DataGrid, type ColumnDef } from '../../../components/DataGrid';
import { zhCN } from '../../../i18n/zh-CN';
import { navigate } from '../../../router';
import type { PartDetail } from './PartForm';

const t = zhCN.part;

type HistoryRow = PartDetail['history'][number];

/** Current and past owners of a part, newest first, with the dates of each holding. */
export function OwnershipHistory({ part }: { part: PartDetail }) {
  const columns: ColumnDef<HistoryRow>[] = [
    {
      id: 'name', header: zhCN.person.name, size: 80, meta: { grow: true },
      cell: ({ row }) => <a onClick={() => navigate({ name: 'person', communityId: part.communityId, personId: row.original.personId })}>{row.original.name}</a>,
    },
    { id: 'document', header: zhCN.person.document, size: 186, cell: ({ row }) => <span className="mono">{row.original.document}</span> },
    { id: 'from', header: t.from, size: 100, cell: ({ row }) => row.original.startDate ?? t.unknownDate },
    { id: 'to', header: t.to, size: 100, cell: ({ row }) => row.original.endDate ?? t.now },
    {
      id: 'state', header: '', size: 64, meta: { align: 'center' },
      cell: ({ row }) => (row.original.endDate === null ? <Tag color="green" className="tight-tag">{t.current}</Tag> : <Tag className="tight-tag">{t.past}</Tag>),
    },
  ];
  return (
    <section className="drawer-section">
      <div className="section-title"><span>{t.history}</span></div>
      <DataGrid
        testId="ownership-history"
        columns={columns}
        source={{ kind: 'local', rows: part.history }}
        getRowId={(r) => `${r.personId}|${r.startDate ?? ''}|${r.endDate ?? ''}`}
        autoHeightRows={8}
        emptyText={t.noOwners}
      />
    </section>
  );
}
