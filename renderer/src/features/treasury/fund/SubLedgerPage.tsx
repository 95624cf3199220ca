/**
 * One part's sub-ledger (分户账, fund.subLedger): its figures, who held the
 * part when — the balance stays with the part when it is sold — and every
 * line with the running balance. A line's entry number opens the entry in
 * the books.
 */
import { useMemo, useState } from 'react';
import { Alert, Button, Descriptions, Spin, Tag } from 'antd';
import { errorMessage } from '../../../api/errors';
import { useQuery } from '../../../api/queries';
import { DataGrid, type ColumnDef } from '../../../components/DataGrid';
import { PageHeader } from '../../../components/PageHeader';
import { navigate } from '../../../router';
import { PeriodModal } from '../intake/FundPrints';
import { groupedYuan, Yuan, type SubLedger } from './fundShared';
import { zhCN } from '../../../i18n/zh-CN';

const t = zhCN.fund;

/** A line with its position: one entry could touch a part twice, so the entry id alone is no key. */
type Line = SubLedger['lines'][number] & { seq: number };
type Holding = SubLedger['owners'][number];

export function SubLedgerPage({ communityId, partId }: { communityId: string; partId: string }) {
  const ledger = useQuery('fund.subLedger', { partId });
  const back = () => navigate({ name: 'fund', communityId });
  const data = ledger.data;
  const [printing, setPrinting] = useState(false);

  return (
    <div className="page page-scroll sub-ledger-page" data-testid="sub-ledger-page" data-ready={data ? 'true' : 'false'}>
      <PageHeader
        title={<span data-testid="sub-ledger-title">{data ? t.subLedgerTitle(data.household.address) : t.title}</span>}
        extra={
          <>
            <Button onClick={() => setPrinting(true)} data-testid="sub-ledger-print">{zhCN.intake.printStatement}</Button>
            <Button onClick={back}>{t.back}</Button>
          </>
        }
      />
      <PeriodModal communityId={communityId} kind={printing ? 'statement' : null} partId={partId} onClose={() => setPrinting(false)} />
      {ledger.error !== null && <Alert type="error" showIcon title={errorMessage(ledger.error)} />}
      {!data && ledger.error === null && <Spin />}
      {data && (
        <>
          <section className="panel">
            <h3 className="section-heading">{t.figures}</h3>
            <Figures household={data.household} />
          </section>
          <section className="panel">
            <h3 className="section-heading">{t.ownersTitle}</h3>
            <p className="fund-note">{t.ownersNote}</p>
            <OwnerHistory owners={data.owners} />
          </section>
          <section className="panel">
            <h3 className="section-heading">{t.linesTitle}</h3>
            <Lines communityId={communityId} lines={data.lines} />
          </section>
        </>
      )}
    </div>
  );
}

function Figures({ household: h }: { household: SubLedger['household'] }) {
  const money = (value: string, testId: string) => <span className="num" data-testid={testId}>{groupedYuan(value)}</span>;
  return (
    <Descriptions size="small" column={4} data-testid="sub-ledger-figures">
      <Descriptions.Item label={t.colArea}><span className="num">{h.area}</span></Descriptions.Item>
      <Descriptions.Item label={t.colOwners} span={3}>{h.owners}</Descriptions.Item>
      <Descriptions.Item label={t.colInitialDue}>{money(h.initialDue, 'sub-ledger-initial-due')}</Descriptions.Item>
      <Descriptions.Item label={t.colDeposited}>{money(h.deposited, 'sub-ledger-deposited')}</Descriptions.Item>
      <Descriptions.Item label={t.colEarnings}>{money(h.earnings, 'sub-ledger-earnings')}</Descriptions.Item>
      <Descriptions.Item label={t.colCharges}>{money(h.charges, 'sub-ledger-charges')}</Descriptions.Item>
      <Descriptions.Item label={t.colTransfers}>{money(h.transfers, 'sub-ledger-transfers')}</Descriptions.Item>
      <Descriptions.Item label={t.colBalance}><span className="strong">{money(h.balance, 'sub-ledger-balance')}</span></Descriptions.Item>
      <Descriptions.Item label={t.colTopUp} span={2}>
        {h.belowTopUp
          ? <span data-testid="sub-ledger-top-up"><Tag color="orange" className="tight-tag">{t.needsTopUp}</Tag> {t.topUpAmount(groupedYuan(h.topUp))}</span>
          : <span className="muted">—</span>}
      </Descriptions.Item>
    </Descriptions>
  );
}

const holdingColumns: ColumnDef<Holding>[] = [
  { id: 'names', header: t.ownerNames, size: 200, meta: { grow: true }, cell: ({ row }) => row.original.names },
  { id: 'from', header: t.ownerFrom, size: 120, cell: ({ row }) => <span className="num">{row.original.from ?? t.unknownDate}</span> },
  { id: 'to', header: t.ownerTo, size: 120, cell: ({ row }) => <span className="num">{row.original.to ?? t.now}</span> },
];

function OwnerHistory({ owners }: { owners: Holding[] }) {
  return (
    <DataGrid
      testId="sub-ledger-owners"
      columns={holdingColumns}
      source={{ kind: 'local', rows: owners }}
      getRowId={(o) => `${o.names}|${o.from ?? ''}|${o.to ?? ''}`}
      autoHeightRows={6}
      emptyText={t.noOwners}
    />
  );
}

function Lines({ communityId, lines }: { communityId: string; lines: SubLedger['lines'] }) {
  const rows = useMemo(() => lines.map((l, seq) => ({ ...l, seq })), [lines]);
  const columns: ColumnDef<Line>[] = [
    { id: 'date', header: t.colDate, size: 110, cell: ({ row }) => <span className="num">{row.original.date}</span> },
    {
      id: 'number', header: t.colNumber, size: 90,
      cell: ({ row }) => <a onClick={() => navigate({ name: 'ledger', communityId, entryId: row.original.entryId })}>{t.numberText(row.original.number)}</a>,
    },
    { id: 'memo', header: t.colMemo, size: 240, meta: { grow: true }, cell: ({ row }) => <span title={row.original.memo}>{row.original.memo}</span> },
    { id: 'category', header: t.colCategory, size: 100, cell: ({ row }) => (row.original.category ? t.categories[row.original.category] ?? row.original.category : '') },
    { id: 'amount', header: t.colAmount, size: 130, meta: { align: 'right' }, cell: ({ row }) => <Yuan value={row.original.amount} /> },
    { id: 'balance', header: t.colRunning, size: 130, meta: { align: 'right' }, cell: ({ row }) => <Yuan value={row.original.balance} /> },
  ];
  return (
    <DataGrid
      testId="sub-ledger-lines"
      columns={columns}
      source={{ kind: 'local', rows }}
      getRowId={(l) => String(l.seq)}
      autoHeightRows={20}
      emptyText={t.noLines}
    />
  );
}
