/** The audit log: who changed what and when, paged from main; a row expands to before/after. */
import { useMemo, useState } from 'react';
import { Button, Typography } from 'antd';
import type { MethodOutput } from '../../../../../shared/contract/methods';
import { invoke } from '../../../api/client';
import { DataGrid, type ColumnDef } from '../../../components/DataGrid';
import type { PagedSource } from '../../../components/usePagedRows';
import { PageHeader } from '../../../components/PageHeader';
import { formatCount, formatDateTime } from '../../../format';
import { zhCN } from '../../../i18n/zh-CN';
import { AuditChange } from './AuditChange';

const t = zhCN.audit;

type AuditRow = MethodOutput<'audit.list'>['rows'][number];

const columns: ColumnDef<AuditRow>[] = [
  { id: 'at', header: t.time, size: 170, cell: ({ row }) => formatDateTime(row.original.at) },
  { id: 'author', header: t.author, size: 140, cell: ({ row }) => row.original.author },
  { id: 'action', header: t.action, size: 110, cell: ({ row }) => t.actions[row.original.action] ?? row.original.action },
  { id: 'entity', header: t.entity, size: 110, cell: ({ row }) => t.entities[row.original.entity] ?? row.original.entity },
  {
    id: 'summary', header: `${t.before} → ${t.after}`, size: 300, meta: { grow: true },
    cell: ({ row }) => <span className="mono muted">{compact(row.original.before)} → {compact(row.original.after)}</span>,
  },
];

function compact(value: unknown): string {
  if (value === null || value === undefined) return '—';
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}

export function AuditPage() {
  const [revision, setRevision] = useState(0);
  const [total, setTotal] = useState<number | null>(null);
  const source = useMemo<PagedSource<AuditRow>>(() => ({
    kind: 'remote',
    key: 'audit',
    revision,
    pageSize: 200,
    fetchPage: (offset, limit) => invoke('audit.list', { offset, limit }),
  }), [revision]);

  return (
    <div className="page">
      <PageHeader
        title={t.title}
        sub={total === null ? '' : zhCN.common.rows(formatCount(total))}
        extra={<Button onClick={() => setRevision((r) => r + 1)}>{zhCN.common.refresh}</Button>}
      />
      <Typography.Paragraph type="secondary" className="page-intro">{t.intro}</Typography.Paragraph>
      <div className="page-fill">
        <DataGrid
          testId="audit-grid"
          columns={columns}
          source={source}
          getRowId={(r) => r.id}
          renderExpanded={(r) => <AuditChange row={r} />}
          onTotalChange={setTotal}
        />
      </div>
    </div>
  );
}
