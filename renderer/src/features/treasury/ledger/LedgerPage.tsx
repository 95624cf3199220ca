/**
 * 账簿: every entry of the community's books, newest first, filtered by
 * account, dates and words and paged in SQL like the roster (so 100,000
 * entries scroll), beside the accounts with their balances and the month
 * closed through. A row opens the entry (its own route, so the sub-ledger can
 * link to it); 收入 / 支出 / 转账 record, 结账 closes a month.
 */
import { useMemo, useState } from 'react';
import { invoke } from '../../../api/client';
import { useQuery } from '../../../api/queries';
import { DataGrid } from '../../../components/DataGrid';
import type { PagedSource } from '../../../components/usePagedRows';
import { navigate } from '../../../router';
import { BooksPanel } from './BooksPanel';
import { usePendingReview } from '../../system/reviews/PendingReview';
import { CloseMonthModal } from './CloseMonthModal';
import { EntryDrawer } from './EntryDrawer';
import { ledgerColumns } from './ledgerColumns';
import type { EntryRow, RecordForm } from './ledgerShared';
import { LedgerToolbar, type LedgerFilters } from './LedgerToolbar';
import { RecordModal } from './RecordModal';
import { zhCN } from '../../../i18n/zh-CN';

const t = zhCN.ledger;

type Dialog = RecordForm | 'close' | null;

export function LedgerPage({ communityId, entryId }: { communityId: string; entryId: string | null }) {
  const [filters, setFilters] = useState<LedgerFilters>({ from: '', to: '', text: '' });
  const [revision, setRevision] = useState(0);
  const [total, setTotal] = useState<number | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const books = useQuery('ledger.books', { communityId });
  const pendingClose = usePendingReview(communityId, communityId, 'ledger.closeMonth');

  const source = useMemo<PagedSource<EntryRow>>(() => {
    const query = {
      communityId,
      accountId: filters.accountId,
      from: filters.from || undefined,
      to: filters.to || undefined,
      text: filters.text.trim(),
    };
    return {
      kind: 'remote',
      key: JSON.stringify({ ...query, typed: filters.text }),
      label: filters.text,
      revision,
      pageSize: 200,
      fetchPage: (offset, limit) => invoke('ledger.entries', { ...query, offset, limit }),
    };
  }, [communityId, filters, revision]);

  // An entry was posted (or a month closed): the table, the balances and the open entry follow.
  const posted = () => setRevision((r) => r + 1);
  const openEntry = (id: string | null) => navigate({ name: 'ledger', communityId, entryId: id ?? undefined });
  const filtered = filters.text.trim() !== '' || filters.accountId !== undefined || filters.from !== '' || filters.to !== '';

  return (
    <div className="page ledger-page" data-testid="ledger-page">
      <LedgerToolbar
        filters={filters}
        onChange={setFilters}
        accounts={books.data?.accounts ?? []}
        total={total}
        onRecord={setDialog}
        onCloseMonth={() => setDialog('close')}
        closeMonthPending={pendingClose !== null && pendingClose !== undefined}
      />
      <div className="ledger-body">
        <div className="page-fill">
          <DataGrid
            testId="ledger-grid"
            ariaLabel={t.title}
            columns={ledgerColumns}
            source={source}
            getRowId={(r) => r.id}
            onRowClick={(r) => openEntry(r.id)}
            selectedId={entryId}
            onTotalChange={setTotal}
            emptyText={filtered ? t.noMatch : t.empty}
          />
        </div>
        <BooksPanel
          books={books.data}
          error={books.error}
          selectedId={filters.accountId}
          onSelect={(accountId) => setFilters({ ...filters, accountId })}
        />
      </div>
      <EntryDrawer entryId={entryId} onOpen={openEntry} onReversed={(id) => { posted(); openEntry(id); }} />
      <RecordModal
        communityId={communityId}
        form={dialog === 'income' || dialog === 'expense' || dialog === 'transfer' ? dialog : null}
        accounts={books.data?.accounts ?? []}
        onClose={() => setDialog(null)}
        onPosted={posted}
      />
      <CloseMonthModal
        communityId={communityId}
        open={dialog === 'close'}
        closedThrough={books.data?.closedThrough ?? null}
        onClose={() => setDialog(null)}
        onClosed={posted}
      />
    </div>
  );
}
