/**
 * 物业合同: the community's property-service contracts — company, credit code,
 * kind, term, which rule applies today and its date — and 登记合同. A row
 * opens the contract.
 */
import { useMemo, useState } from 'react';
import { Alert, Button } from 'antd';
import { errorMessage } from '../../../api/errors';
import { useQuery } from '../../../api/queries';
import { DataGrid, type ColumnDef } from '../../../components/DataGrid';
import { PageHeader } from '../../../components/PageHeader';
import { formatCount } from '../../../format';
import { navigate } from '../../../router';
import { ContractForm } from './ContractForm';
import { Deadline } from '../../../components/Deadline';
import { contractDeadline, StateTag, t, type ContractSummary } from './contractShared';
import { useCan } from '../../system/auth/permissions';

export const contractColumns: ColumnDef<ContractSummary>[] = [
  { id: 'company', header: t.colCompany, size: 160, cell: ({ row }) => <span className="strong" title={row.original.companyName}>{row.original.companyName}</span> },
  { id: 'creditCode', header: t.colCreditCode, size: 185, cell: ({ row }) => <span className="num">{row.original.creditCode}</span> },
  { id: 'kind', header: t.colKind, size: 130, cell: ({ row }) => row.original.kind },
  { id: 'term', header: t.colTerm, size: 190, cell: ({ row }) => <span className="num">{t.term(row.original.startDate, row.original.endDate)}</span> },
  {
    id: 'state', header: t.colState, size: 260, meta: { grow: true },
    cell: ({ row }) => (
      <span className={row.original.state.overdue ? 'deadline-row-overdue' : undefined} data-testid="contract-row-state">{row.original.state.message}</span>
    ),
  },
  {
    id: 'next', header: t.colNext, size: 230,
    cell: ({ row }) => {
      const d = contractDeadline(row.original);
      return (
        <span className={row.original.state.overdue ? 'deadline-row-overdue' : undefined} data-testid="contract-row-date">
          <span className="num">{d?.due ?? row.original.state.date}</span> <StateTag state={row.original.state} />
          {d && <div><Deadline due={d.due} warnFrom={d.warnFrom} what={d.what} block testId="contract-row-countdown" /></div>}
        </span>
      );
    },
  },
];

export function ContractsPage({ communityId }: { communityId: string }) {
  const can = useCan();
  const [creating, setCreating] = useState(false);
  const list = useQuery('contract.list', { communityId });
  const open = (contractId: string) => navigate({ name: 'contract', communityId, contractId });
  const rows = useMemo(() => list.data ?? [], [list.data]);

  return (
    <div className="page page-scroll contracts-page" data-testid="contracts-page" data-ready={list.data ? 'true' : 'false'}>
      <PageHeader
        title={t.title}
        sub={list.data && <span data-testid="contracts-count">{t.count(formatCount(rows.length))}</span>}
        extra={can('contracts.write') && <Button type="primary" onClick={() => setCreating(true)} data-testid="contract-create">{t.create}</Button>}
      />
      {list.error !== null && <Alert type="error" showIcon title={errorMessage(list.error)} />}
      {list.data && rows.length === 0 && <div className="panel contract-empty" data-testid="contracts-empty">{t.empty}</div>}
      {rows.length > 0 && (
        <DataGrid
          testId="contracts-grid"
          ariaLabel={t.title}
          columns={contractColumns}
          source={{ kind: 'local', rows }}
          getRowId={(c) => c.id}
          onRowClick={(c) => open(c.id)}
          autoHeightRows={16}
          wrapText
        />
      )}
      <ContractForm
        communityId={communityId}
        contract={null}
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={(c) => {
          setCreating(false);
          open(c.id);
        }}
      />
    </div>
  );
}
