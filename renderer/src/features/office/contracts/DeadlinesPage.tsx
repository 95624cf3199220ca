/**
 * 合同期限提醒: every community's property-service contracts, sorted by the
 * deadline they count down to (the owners' decision, a handover, an end; else
 * the date of the rule that applies today), the soonest first, with its message
 * and countdown (components/Deadline.tsx);
 * the overdue ones (a handover past its day) highlighted and first. A row
 * opens the contract.
 */
import { useMemo } from 'react';
import { Alert } from 'antd';
import { errorMessage } from '../../../api/errors';
import { useQuery } from '../../../api/queries';
import { DataGrid, type ColumnDef } from '../../../components/DataGrid';
import { PageHeader } from '../../../components/PageHeader';
import { formatCount } from '../../../format';
import { navigate, routeHash } from '../../../router';
import { contractColumns } from './ContractsPage';
import { contractDeadline, t, type ContractSummary } from './contractShared';

const columns: ColumnDef<ContractSummary>[] = [
  {
    id: 'community', header: t.colCommunity, size: 100,
    cell: ({ row }) => <a href={routeHash({ name: 'contracts', communityId: row.original.communityId })} onClick={(e) => e.stopPropagation()}>{row.original.communityName}</a>,
  },
  {
    id: 'company', header: t.colCompany, size: 180,
    cell: ({ row }) => (
      <a
        className="strong"
        href={routeHash({ name: 'contract', communityId: row.original.communityId, contractId: row.original.id })}
        onClick={(e) => e.stopPropagation()}
        title={row.original.companyName}
        data-testid="deadline-link"
      >
        {row.original.companyName}
      </a>
    ),
  },
  ...contractColumns.filter((c) => c.id !== 'creditCode' && c.id !== 'company'),
];

export function DeadlinesPage(_props: Record<string, never>) {
  const list = useQuery('contract.list', {});
  const rows = useMemo(
    () => [...(list.data ?? [])]
      .map((c) => ({ c, due: contractDeadline(c)?.due ?? c.state.date }))
      .sort((a, b) => Number(b.c.state.overdue) - Number(a.c.state.overdue) || a.due.localeCompare(b.due) || a.c.communityName.localeCompare(b.c.communityName, 'zh-CN'))
      .map(({ c }) => c),
    [list.data],
  );
  const overdue = rows.filter((r) => r.state.overdue).length;

  return (
    <div className="page page-scroll deadlines-page" data-testid="deadlines-page" data-ready={list.data ? 'true' : 'false'}>
      <PageHeader title={t.deadlinesTitle} sub={list.data && <span data-testid="deadlines-count">{t.deadlinesSub(formatCount(rows.length), overdue)}</span>} />
      {list.error !== null && <Alert type="error" showIcon title={errorMessage(list.error)} />}
      {list.data && rows.length === 0 && <div className="panel contract-empty" data-testid="deadlines-empty">{t.deadlinesEmpty}</div>}
      {rows.length > 0 && (
        <DataGrid
          testId="deadlines-grid"
          ariaLabel={t.deadlinesTitle}
          columns={columns}
          source={{ kind: 'local', rows }}
          getRowId={(c) => c.id}
          onRowClick={(c) => navigate({ name: 'contract', communityId: c.communityId, contractId: c.id })}
          autoHeightRows={20}
          wrapText
        />
      )}
    </div>
  );
}
