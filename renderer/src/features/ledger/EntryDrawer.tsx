/**
 * One entry beside the ledger (ledger.entry): date, kind, memo, who recorded
 * it, its lines as 借方/贷方, the links between an entry and its reversal, and
 * 冲销 — the only correction, since posted entries are never edited.
 */
import { useMemo, useState } from 'react';
import { Alert, Button, Descriptions, Drawer, Spin } from 'antd';
import { invoke } from '../../api/client';
import { errorMessage } from '../../api/errors';
import { useAsync } from '../../api/useAsync';
import { DataGrid, type ColumnDef } from '../../components/DataGrid';
import { formatDateTime } from '../../format';
import { groupedYuan, Yuan } from '../fund/fundShared';
import { kindText, ReversalTags, type Entry } from './ledgerShared';
import { ReverseModal } from './ReverseModal';
import { zhCN } from '../../i18n/zh-CN';

const t = zhCN.ledger;

interface Props {
  entryId: string | null;
  /** Bumped after anything was posted: the open entry may have been reversed meanwhile. */
  revision: number;
  onOpen: (entryId: string | null) => void;
  onReversed: (reversalId: string) => void;
}

export function EntryDrawer({ entryId, revision, onOpen, onReversed }: Props) {
  return (
    <Drawer
      open={entryId !== null}
      onClose={() => onOpen(null)}
      size={720}
      title={t.entryDrawerTitle}
      destroyOnHidden
      data-testid="entry-drawer"
    >
      {entryId !== null && <EntryView key={entryId} entryId={entryId} revision={revision} onOpen={onOpen} onReversed={onReversed} />}
    </Drawer>
  );
}

function EntryView({ entryId, revision, onOpen, onReversed }: Props & { entryId: string }) {
  const entry = useAsync(() => invoke('ledger.entry', { id: entryId }), [entryId, revision]);
  const [reversing, setReversing] = useState(false);
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
        {canReverse && <Button danger onClick={() => setReversing(true)} data-testid="entry-reverse">{t.reverse}</Button>}
      </div>
      <Descriptions size="small" column={2} bordered className="fund-descriptions" data-testid="entry-summary">
        <Descriptions.Item label={t.entryDate}><span className="num" data-testid="entry-date">{e.date}</span></Descriptions.Item>
        <Descriptions.Item label={t.entryKind}><span data-testid="entry-kind">{kindText(e.kind)}</span></Descriptions.Item>
        <Descriptions.Item label={t.entryMemo} span={2}><span data-testid="entry-memo">{e.memo}</span></Descriptions.Item>
        <Descriptions.Item label={t.entryAmount}><span className="num" data-testid="entry-amount">{groupedYuan(e.amount)}</span></Descriptions.Item>
        <Descriptions.Item label={t.entryCounterparty}>{e.counterparty}</Descriptions.Item>
        <Descriptions.Item label={t.entryReference}>{e.reference}</Descriptions.Item>
        <Descriptions.Item label={t.entryCreated}>{t.entryCreatedBy(formatDateTime(e.createdAt), e.createdBy)}</Descriptions.Item>
        {e.reversesId !== null && (
          <Descriptions.Item label={t.entryReverses} span={2}>
            <EntryLink id={e.reversesId} number={e.reversesNumber} onOpen={onOpen} testId="entry-reverses-link" />
          </Descriptions.Item>
        )}
        {e.reason && <Descriptions.Item label={t.entryReason} span={2}><span data-testid="entry-reason">{e.reason}</span></Descriptions.Item>}
        {e.reversedById !== null && (
          <Descriptions.Item label={t.entryReversedBy} span={2}>
            <EntryLink id={e.reversedById} number={e.reversedByNumber} onOpen={onOpen} testId="entry-reversed-by-link" />
          </Descriptions.Item>
        )}
      </Descriptions>
      <div className="section-title"><span>{t.linesTitle}</span></div>
      <EntryLines entry={e} />
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

type Line = Entry['lines'][number] & { seq: number };

const lineColumns: ColumnDef<Line>[] = [
  { id: 'account', header: t.colAccount, size: 220, meta: { grow: true }, cell: ({ row }) => `${row.original.accountCode} ${row.original.accountName}` },
  { id: 'part', header: t.colPart, size: 110, cell: ({ row }) => row.original.address ?? '' },
  { id: 'debit', header: t.colDebit, size: 120, meta: { align: 'right' }, cell: ({ row }) => (row.original.debit ? <Yuan value={row.original.debit} /> : '') },
  { id: 'credit', header: t.colCredit, size: 120, meta: { align: 'right' }, cell: ({ row }) => (row.original.credit ? <Yuan value={row.original.credit} /> : '') },
];

/** The lines (an earnings entry has one per household, so the grid is virtualized) and their totals, equal by construction. */
function EntryLines({ entry }: { entry: Entry }) {
  const rows = useMemo(() => entry.lines.map((l, seq) => ({ ...l, seq })), [entry.lines]);
  return (
    <>
      <DataGrid testId="entry-lines" columns={lineColumns} source={{ kind: 'local', rows }} getRowId={(l) => String(l.seq)} autoHeightRows={12} />
      <div className="toolbar" style={{ justifyContent: 'flex-end', marginTop: 6 }} data-testid="entry-totals">
        <span className="toolbar-label">{t.linesTotal}</span>
        <span className="num">{t.colDebit} {groupedYuan(entry.amount)}</span>
        <span className="num">{t.colCredit} {groupedYuan(entry.amount)}</span>
      </div>
    </>
  );
}
