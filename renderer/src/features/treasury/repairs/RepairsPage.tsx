/**
 * 维修项目: the community's repair projects paid from the fund — title,
 * scope, how it was approved (an owners' vote or the emergency path), the
 * estimate, what has been paid, the final cost, its status and whether the
 * community's rule asks for an audit — and 新建维修项目. A row opens the project.
 */
import { useMemo, useState } from 'react';
import { Alert, Button, Tag } from 'antd';
import { errorMessage } from '../../../api/errors';
import { useQuery } from '../../../api/queries';
import { DataGrid, type ColumnDef } from '../../../components/DataGrid';
import { PageHeader } from '../../../components/PageHeader';
import { formatCount } from '../../../format';
import { zhCN } from '../../../i18n/zh-CN';
import { navigate } from '../../../router';
import { Yuan } from '../fund/fundShared';
import { ProjectForm } from './ProjectForm';
import { StatusTag, type ProjectSummary } from './repairShared';
import { useCan } from '../../system/auth/permissions';

const t = zhCN.repairs;

const columns: ColumnDef<ProjectSummary>[] = [
  { id: 'title', header: t.colTitle, size: 200, meta: { grow: true }, cell: ({ row }) => <span className="strong" title={row.original.title}>{row.original.title}</span> },
  { id: 'scope', header: t.colScope, size: 130, cell: ({ row }) => <span title={row.original.scopeLabel}>{row.original.scopeLabel}</span> },
  {
    id: 'approval', header: t.colApproval, size: 120,
    cell: ({ row }) => (
      <span title={row.original.voteTitle ?? row.original.emergencyNote} data-testid="repair-row-approval">
        {row.original.approval === 'emergency' ? <Tag color="orange" className="tight-tag">{t.approvalShort.emergency}</Tag> : t.approvalShort.vote}
      </span>
    ),
  },
  { id: 'estimate', header: t.colEstimate, size: 110, meta: { align: 'right' }, cell: ({ row }) => <Yuan value={row.original.estimate} /> },
  { id: 'paid', header: t.colPaid, size: 110, meta: { align: 'right' }, cell: ({ row }) => <Yuan value={row.original.paid} /> },
  {
    id: 'final', header: t.colFinal, size: 110, meta: { align: 'right' },
    cell: ({ row }) => (row.original.finalCost === null ? <span className="muted">{t.none}</span> : <Yuan value={row.original.finalCost} />),
  },
  { id: 'status', header: t.colStatus, size: 80, cell: ({ row }) => <StatusTag status={row.original.status} testId="repair-row-status" /> },
  {
    id: 'audit', header: t.colAudit, size: 80,
    cell: ({ row }) => {
      const p = row.original;
      if (!p.auditRequired) return <span className="muted">{t.auditNotRequired}</span>;
      return p.auditNote
        ? <Tag color="green" className="tight-tag" data-testid="repair-row-audit">{t.auditDone}</Tag>
        : <Tag color="orange" className="tight-tag" data-testid="repair-row-audit">{t.auditRequired}</Tag>;
    },
  },
];

export function RepairsPage({ communityId }: { communityId: string }) {
  const can = useCan();
  const [creating, setCreating] = useState(false);
  const list = useQuery('repair.list', { communityId });
  const open = (projectId: string) => navigate({ name: 'repair', communityId, projectId });
  const rows = useMemo(() => list.data ?? [], [list.data]);

  return (
    <div className="page page-scroll repairs-page" data-testid="repairs-page" data-ready={list.data ? 'true' : 'false'}>
      <PageHeader
        title={t.title}
        sub={list.data && <span data-testid="repairs-count">{t.count(formatCount(rows.length))}</span>}
        extra={can('books.write') && <Button type="primary" onClick={() => setCreating(true)} data-testid="repair-create">{t.create}</Button>}
      />
      {list.error !== null && <Alert type="error" showIcon title={errorMessage(list.error)} />}
      {list.data && rows.length === 0 && <div className="panel repair-empty" data-testid="repairs-empty">{t.empty}</div>}
      {rows.length > 0 && (
        <DataGrid
          testId="repairs-grid"
          ariaLabel={t.title}
          columns={columns}
          source={{ kind: 'local', rows }}
          getRowId={(p) => p.id}
          onRowClick={(p) => open(p.id)}
          autoHeightRows={16}
        />
      )}
      <ProjectForm
        communityId={communityId}
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(p) => {
          setCreating(false);
          open(p.id);
        }}
      />
    </div>
  );
}
