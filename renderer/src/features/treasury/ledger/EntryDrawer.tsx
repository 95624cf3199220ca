/**
 * One entry beside the ledger (ledger.entry), as a voucher in the treasurer's
 * words: date, kind, memo, the money that moved (labelled by the kind), who
 * recorded it; per account 收入/支出/转入/转出 and its amount, then each
 * household's line; the links between an entry and its reversal (red ink:
 * negative amounts), and 冲销 — the only correction, since posted entries are
 * never edited. The words come from main (shared/domain/voucher.ts).
 */
import { useMemo, useState } from 'react';
import { Alert, Button, Descriptions, Drawer, Spin } from 'antd';
import { errorMessage } from '../../../api/errors';
import { useQuery } from '../../../api/queries';
import { DataGrid, type ColumnDef } from '../../../components/DataGrid';
import { formatCount, formatDateTime } from '../../../format';
import { Yuan } from '../fund/fundShared';
import { DirectionTag, kindText, ReversalTags, type Entry } from './ledgerShared';
import { ReverseModal } from './ReverseModal';
import { zhCN } from '../../../i18n/zh-CN';
import { PendingNote, PendingTag, usePendingReview } from '../../system/reviews/PendingReview';
import { useCan } from '../../system/auth/permissions';

const t = zhCN.ledger;

interface Props {
  entryId: string | null;
  onOpen: (entryId: string | null) => void;
  onReversed: (reversalId: string) => void;
}

export function EntryDrawer({ entryId, onOpen, onReversed }: Props) {
  return (
    <Drawer
      open={entryId !== null}
      onClose={() => onOpen(null)}
      size={720}
      title={t.entryDrawerTitle}
      destroyOnHidden
      data-testid="entry-drawer"
    >
      {entryId !== null && <EntryView key={entryId} entryId={entryId} onOpen={onOpen} onReversed={onReversed} />}
    </Drawer>
  );
}

function EntryView({ entryId, onOpen, onReversed }: Props & { entryId: string }) {
  const can = useCan();
  const entry = useQuery('ledger.entry', { id: entryId });
  const [reversing, setReversing] = useState(false);
  // 复核: a reversal waiting for a second person is shown, and not offered again.
  const pendingReverse = usePendingReview(null, entryId, 'ledger.reverse');
  if (entry.error !== null) return <Alert type="error" showIcon title={errorMessage(entry.error)} />;
  const e = entry.data;
  if (!e) return <Spin />;
  const canReverse = e.reversedById === null && e.reversesId === null;

  return (
    <div data-testid="entry-view" data-number={e.number}>
      <div className="section-title">
        <h3 className="section-heading" data-testid="entry-title">
          {t.entryTitle(e.number)} <ReversalTags reversed={e.reversedById !== null} reversal={e.reversesId !== null} />
        </h3>
        {canReverse && can('books.write') && pendingReverse === null && <Button danger onClick={() => setReversing(true)} data-testid="entry-reverse">{t.reverse}</Button>}
        {canReverse && pendingReverse && <PendingTag label={zhCN.reviews.reversePending} testId="entry-reverse-pending" />}
      </div>
      {canReverse && pendingReverse && <PendingNote review={pendingReverse} what={t.reverse} testId="entry-reverse-pending-note" />}
      <Descriptions size="small" column={2} bordered className="fund-descriptions" data-testid="entry-summary">
        <Descriptions.Item label={t.entryDate}><span className="num" data-testid="entry-date">{e.date}</span></Descriptions.Item>
        <Descriptions.Item label={t.entryKind}><span data-testid="entry-kind">{kindText(e.kind)}</span></Descriptions.Item>
        <Descriptions.Item label={t.entryMemo} span={2}><span data-testid="entry-memo">{e.memo}</span></Descriptions.Item>
        <Descriptions.Item label={e.labels.amount}><span data-testid="entry-amount"><Yuan value={e.amount} /></span></Descriptions.Item>
        <Descriptions.Item label={e.labels.counterparty}><span data-testid="entry-counterparty">{e.counterparty}</span></Descriptions.Item>
        <Descriptions.Item label={e.labels.reference}>{e.reference}</Descriptions.Item>
        <Descriptions.Item label={t.entryCreated}>{t.entryCreatedBy(formatDateTime(e.createdAt), e.createdBy)}</Descriptions.Item>
        {e.reversesId !== null && (
          <Descriptions.Item label={t.entryReverses} span={2}>
            <EntryLink id={e.reversesId} number={e.reversesNumber} onOpen={onOpen} testId="entry-reverses-link" />
          </Descriptions.Item>
        )}
        {e.reason && (
          <Descriptions.Item label={<span data-testid="entry-reason-label">{e.labels.note}</span>} span={2}>
            <span data-testid="entry-reason">{e.reason}</span>
          </Descriptions.Item>
        )}
        {e.reversedById !== null && (
          <Descriptions.Item label={t.entryReversedBy} span={2}>
            <EntryLink id={e.reversedById} number={e.reversedByNumber} onOpen={onOpen} testId="entry-reversed-by-link" />
          </Descriptions.Item>
        )}
      </Descriptions>
      <div className="section-title"><span>{t.movementTitle}</span></div>
      <EntryAccounts entry={e} />
      <EntryHouseholds entry={e} />
      <p className="muted" style={{ marginTop: 12 }}>{t.neverEdited}</p>
      <ReverseModal
        entry={e}
        open={reversing}
        onClose={() => setReversing(false)}
        onReversed={(r) => {
          setReversing(false);
          onReversed(r.id);
        }}
      />
    </div>
  );
}

function EntryLink({ id, number, onOpen, testId }: { id: string; number: number | null; onOpen: (id: string) => void; testId: string }) {
  return (
    <Button type="link" size="small" className="ledger-inline-link" onClick={() => onOpen(id)} data-testid={testId}>
      {t.openEntry(number ?? 0)}
    </Button>
  );
}

type AccountMovement = Entry['accounts'][number] & { seq: number };

const accountColumns: ColumnDef<AccountMovement>[] = [
  { id: 'account', header: t.colAccount, size: 240, meta: { grow: true }, cell: ({ row }) => `${row.original.accountCode} ${row.original.accountName}` },
  { id: 'direction', header: t.colDirection, size: 80, cell: ({ row }) => <DirectionTag direction={row.original.direction} /> },
  { id: 'amount', header: t.colLineAmount, size: 140, meta: { align: 'right' }, cell: ({ row }) => <Yuan value={row.original.amount} /> },
  { id: 'households', header: t.colHouseholds, size: 80, meta: { align: 'right' }, cell: ({ row }) => (row.original.households > 0 ? <span className="num">{formatCount(row.original.households)}</span> : '') },
];

/** Per account, which way the money went and how much: a share to every household is one row here. */
function EntryAccounts({ entry }: { entry: Entry }) {
  const rows = useMemo(() => entry.accounts.map((a, seq) => ({ ...a, seq })), [entry.accounts]);
  return <DataGrid testId="entry-accounts" columns={accountColumns} source={{ kind: 'local', rows }} getRowId={(a) => String(a.seq)} autoHeightRows={6} />;
}

type Line = Entry['lines'][number] & { seq: number };

const householdColumns: ColumnDef<Line>[] = [
  { id: 'part', header: t.colPart, size: 160, meta: { grow: true }, cell: ({ row }) => <span className="strong">{row.original.address ?? ''}</span> },
  { id: 'category', header: t.colCategory, size: 100, cell: ({ row }) => (row.original.category ? zhCN.fund.categories[row.original.category] : '') },
  { id: 'direction', header: t.colDirection, size: 80, cell: ({ row }) => <DirectionTag direction={row.original.direction} /> },
  { id: 'amount', header: t.colLineAmount, size: 140, meta: { align: 'right' }, cell: ({ row }) => <Yuan value={row.original.amount} /> },
];

/** Each household's line (an earnings entry has one per household, so the grid is virtualized). */
function EntryHouseholds({ entry }: { entry: Entry }) {
  const rows = useMemo(() => entry.lines.filter((l) => l.partId !== null).map((l, seq) => ({ ...l, seq })), [entry.lines]);
  if (rows.length === 0) return null;
  return (
    <>
      <div className="section-title"><span>{t.householdsTitle(formatCount(new Set(rows.map((l) => l.partId)).size))}</span></div>
      <DataGrid testId="entry-lines" columns={householdColumns} source={{ kind: 'local', rows }} getRowId={(l) => String(l.seq)} autoHeightRows={12} />
    </>
  );
}
