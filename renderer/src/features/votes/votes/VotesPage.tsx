/**
 * The votes of a community: a table (title, window, status, items, subjects,
 * ballots returned) whose rows open the vote, and 发起表决, which opens the
 * create form and goes to the new vote's page.
 */
import { useMemo, useState } from 'react';
import { Alert, Button } from 'antd';
import { errorMessage } from '../../../api/errors';
import { useQuery } from '../../../api/queries';
import { DataGrid, type ColumnDef } from '../../../components/DataGrid';
import { PageHeader } from '../../../components/PageHeader';
import { formatCount } from '../../../format';
import { zhCN } from '../../../i18n/zh-CN';
import { navigate } from '../../../router';
import { VoteForm } from './VoteForm';
import { StatusTag, type VoteListItem } from './voteShared';
import { useCan } from '../../system/auth/permissions';

const t = zhCN.votes;

export function VotesPage({ communityId }: { communityId: string }) {
  const can = useCan();
  const [creating, setCreating] = useState(false);
  const list = useQuery('vote.list', { communityId });
  const open = (voteId: string) => navigate({ name: 'vote', communityId, voteId });

  const columns = useMemo<ColumnDef<VoteListItem>[]>(() => [
    { id: 'title', header: t.colTitle, size: 260, meta: { grow: true }, cell: ({ row }) => <span className="strong">{row.original.title}</span> },
    { id: 'window', header: t.colWindow, size: 210, cell: ({ row }) => <span className="num">{t.window(row.original.opens, row.original.closes)}</span> },
    { id: 'status', header: t.colStatus, size: 90, cell: ({ row }) => <StatusTag status={row.original.status} /> },
    { id: 'items', header: t.colItems, size: 80, meta: { align: 'right' }, cell: ({ row }) => <span className="num">{row.original.items}</span> },
    { id: 'subjects', header: t.colSubjects, size: 100, meta: { align: 'right' }, cell: ({ row }) => <span className="num">{formatCount(row.original.subjects)}</span> },
    {
      id: 'returned', header: t.colReturned, size: 120, meta: { align: 'right' },
      cell: ({ row }) => <span className="num" data-testid="vote-row-returned">{formatCount(row.original.returned)} / {formatCount(row.original.subjects)}</span>,
    },
  ], []);

  return (
    <div className="page page-scroll votes-page" data-testid="votes-page" data-ready={list.data ? 'true' : 'false'}>
      <PageHeader
        title={t.title}
        extra={can('votes.write') && <Button type="primary" onClick={() => setCreating(true)} data-testid="vote-create">{t.create}</Button>}
      />
      {list.error !== null && <Alert type="error" showIcon title={errorMessage(list.error)} />}
      {list.data && (
        <DataGrid
          testId="votes-grid"
          columns={columns}
          source={{ kind: 'local', rows: list.data }}
          getRowId={(v) => v.id}
          onRowClick={(v) => open(v.id)}
          autoHeightRows={16}
          emptyText={t.empty}
          ariaLabel={t.title}
        />
      )}
      <VoteForm
        communityId={communityId}
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(v) => {
          setCreating(false);
          open(v.id);
        }}
      />
    </div>
  );
}
