/**
 * 公共收益 (revenue.summary for a period, the current quarter first): the
 * period's income, reasonable costs and net by kind; what the community's rule
 * asks to go to the maintenance fund, its condition with the fund's ratio
 * (nothing is proposed when it does not hold), and what already went
 * (转入维修资金); 收支明细: every movement of the revenue account in the
 * period — income, costs, the transfer, budget spending, reversals — with the
 * account's balance. 登记收益 / 登记成本 record, 打印公示 prints the quarterly
 * disclosure of the period shown.
 */
import { useState } from 'react';
import { Alert, Button, Descriptions, Tag } from 'antd';
import type { MethodOutput } from '../../../../../shared/contract/methods';
import { errorMessage } from '../../../api/errors';
import { useQuery } from '../../../api/queries';
import { DataGrid, type ColumnDef } from '../../../components/DataGrid';
import { PageHeader } from '../../../components/PageHeader';
import { decimal2ToHundredths, todayDate } from '../../../format';
import { zhCN } from '../../../i18n/zh-CN';
import { navigate } from '../../../router';
import { groupedYuan, Yuan } from '../fund/fundShared';
import { DirectionTag } from '../ledger/ledgerShared';
import { periodQuarter, quarterOf, quarterPeriod, type Period } from './period';
import { PeriodPicker } from './PeriodPicker';
import { RecordRevenueModal, type Direction } from './RecordRevenueModal';
import { availableToTransfer, TransferModal } from './TransferModal';
import './revenue.css';
import { useCan } from '../../system/auth/permissions';

const t = zhCN.revenue;

type Summary = MethodOutput<'revenue.summary'>;
type Entry = Summary['entries'][number];

function currentQuarter(): Period {
  const q = quarterOf(todayDate());
  return quarterPeriod(q.year, q.quarter);
}

/** Today when it is in the period, else the period's last day (entries are not dated in the future). */
function dateIn(p: Period): string {
  const today = todayDate();
  if (today >= p.from && today <= p.to) return today;
  return p.to < today ? p.to : p.from;
}

export function RevenuePage({ communityId }: { communityId: string }) {
  const can = useCan();
  const [period, setPeriod] = useState<Period>(currentQuarter);
  const [record, setRecord] = useState<Direction | null>(null);
  const [transferring, setTransferring] = useState(false);
  const summary = useQuery('revenue.summary', { communityId, ...period });
  const data = summary.data;
  const current = data && data.from === period.from && data.to === period.to && !summary.loading ? data : undefined;
  const posted = () => summary.reload();
  const quarter = periodQuarter(period);

  return (
    <div className="page page-scroll revenue-page" data-testid="revenue-page" data-period={current ? `${current.from}/${current.to}` : ''}>
      <PageHeader
        title={t.title}
        sub={<span data-testid="revenue-period-label">
          {quarter ? t.quarterWithDates(t.quarterLabel(quarter.year, quarter.quarter), t.periodLabel(period.from, period.to)) : t.periodLabel(period.from, period.to)}
        </span>}
        extra={
          <>
            <Button onClick={() => navigate({ name: 'printRevenue', communityId, ...period })} data-testid="revenue-print">{t.printNotice}</Button>
            {can('books.write') && <Button onClick={() => setRecord('cost')} data-testid="revenue-record-cost">{t.recordCost}</Button>}
            {can('books.write') && <Button type="primary" onClick={() => setRecord('income')} data-testid="revenue-record-income">{t.recordIncome}</Button>}
          </>
        }
      />
      <PeriodPicker value={period} onChange={setPeriod} />
      {summary.error !== null && <Alert type="error" showIcon title={errorMessage(summary.error)} data-testid="revenue-error" />}
      {data && summary.error === null && (
        <>
          <Figures summary={data} />
          <div className="revenue-body">
            <section className="panel revenue-kinds">
              <h3 className="section-heading">{t.byKindTitle}</h3>
              <KindTable summary={data} />
              <p className="revenue-note">{t.byKindNote}</p>
            </section>
            <Proposal summary={data} onTransfer={() => setTransferring(true)} />
          </div>
          <section className="panel">
            <div className="revenue-entries-head">
              <h3 className="section-heading">{t.entriesTitle}</h3>
              <span className="muted" data-testid="revenue-account-balances">
                {t.accountBalances(groupedYuan(data.accountOpening), groupedYuan(data.accountClosing))}
              </span>
            </div>
            <Entries communityId={communityId} entries={data.entries} />
          </section>
          <TransferModal communityId={communityId} summary={data} open={transferring} onClose={() => setTransferring(false)} onPosted={posted} />
        </>
      )}
      <RecordRevenueModal communityId={communityId} direction={record} defaultDate={dateIn(period)} onClose={() => setRecord(null)} onPosted={posted} />
    </div>
  );
}

function Figures({ summary: s }: { summary: Summary }) {
  return (
    <div className="fund-figures" data-testid="revenue-figures">
      <Figure label={t.income} value={s.income} testId="revenue-income" />
      <Figure label={t.cost} value={s.cost} testId="revenue-cost" />
      <Figure label={t.net} value={s.net} testId="revenue-net" />
      <Figure label={t.transferred} value={s.transferred} testId="revenue-transferred" />
    </div>
  );
}

function Figure({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="fund-figure">
      <div className="fund-figure-label">{label}</div>
      <div className={`fund-figure-value${value.startsWith('-') ? ' fund-negative' : ''}`}>
        <span data-testid={testId}>{groupedYuan(value)}</span>
        <span className="fund-figure-unit">{t.yuanUnit}</span>
      </div>
    </div>
  );
}

/** Every kind, in the contract's order, then the totals. */
function KindTable({ summary: s }: { summary: Summary }) {
  return (
    <table className="revenue-table" data-testid="revenue-kinds">
      <thead>
        <tr><th>{t.colKind}</th><th className="right">{t.colIncome}</th><th className="right">{t.colCost}</th><th className="right">{t.colNet}</th></tr>
      </thead>
      <tbody>
        {s.byKind.map((k) => (
          <tr key={k.kind} data-testid="revenue-kind-row" data-kind={k.kind}>
            <td>{k.kind}</td>
            <td className="right"><Yuan value={k.income} /></td>
            <td className="right"><Yuan value={k.cost} /></td>
            <td className="right"><Yuan value={k.net} /></td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr data-testid="revenue-kind-total">
          <td>{t.total}</td>
          <td className="right"><Yuan value={s.income} /></td>
          <td className="right"><Yuan value={s.cost} /></td>
          <td className="right"><Yuan value={s.net} /></td>
        </tr>
      </tfoot>
    </table>
  );
}

/** What the rule asks, what went, what is left, why, and the rule in words; 转入维修资金. */
function Proposal({ summary: s, onTransfer }: { summary: Summary; onTransfer: () => void }) {
  const can = useCan();
  const p = s.proposal;
  const outstanding = decimal2ToHundredths(p.outstanding);
  const available = availableToTransfer(s);
  const money = (value: string, testId: string, strong = false) => (
    <span className={`num${strong ? ' strong' : ''}`} data-testid={testId}>{groupedYuan(value)} {t.yuanUnit}</span>
  );
  return (
    <section className={`panel revenue-proposal${p.required && outstanding > 0 ? ' due' : ''}`} data-testid="revenue-proposal" data-required={String(p.required)}>
      <h3 className="section-heading revenue-proposal-heading">
        {t.proposalTitle}
        {p.required
          ? <Tag color={outstanding > 0 ? 'orange' : 'green'} className="tight-tag" data-testid="revenue-proposal-tag">{t.required}</Tag>
          : <Tag className="tight-tag" data-testid="revenue-proposal-tag">{t.notRequired}</Tag>}
      </h3>
      <p className="revenue-why" data-testid="revenue-proposal-why">{p.why}</p>
      <Descriptions size="small" column={1} className="revenue-proposal-figures">
        <Descriptions.Item label={t.proposedAmount}>{money(p.amount, 'revenue-proposal-amount', true)}</Descriptions.Item>
        <Descriptions.Item label={t.alreadyTransferred}>{money(s.transferred, 'revenue-proposal-transferred')}</Descriptions.Item>
        <Descriptions.Item label={t.outstanding}>
          <span className={outstanding > 0 ? 'revenue-outstanding' : undefined}>{money(p.outstanding, 'revenue-proposal-outstanding', outstanding > 0)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t.ruleWords}><span data-testid="revenue-proposal-rule">{p.rule}</span></Descriptions.Item>
        {p.condition !== null && (
          <Descriptions.Item label={t.conditionWords}>
            <span className={p.conditionHolds ? undefined : 'revenue-condition-off'} data-testid="revenue-proposal-condition" data-holds={String(p.conditionHolds)}>
              {p.condition}
            </span>
          </Descriptions.Item>
        )}
        {p.condition === null && p.fundRatio !== null && (
          <Descriptions.Item label={t.fundRatio}><span className="num" data-testid="revenue-proposal-ratio">{p.fundRatio}</span></Descriptions.Item>
        )}
      </Descriptions>
      <div className="revenue-proposal-actions">
        {available === 0 && <span className="muted">{outstanding === 0 && p.required ? t.transferDone : t.nothingToTransfer}</span>}
        {can('books.write') && (
          <Button type={p.required && outstanding > 0 ? 'primary' : 'default'} disabled={available === 0} onClick={onTransfer} data-testid="revenue-transfer">
            {t.transfer}
          </Button>
        )}
      </div>
    </section>
  );
}

function Entries({ communityId, entries }: { communityId: string; entries: Entry[] }) {
  // Sized to fit a 1366-pixel screen beside the menu without scrolling sideways.
  const columns: ColumnDef<Entry>[] = [
    { id: 'date', header: t.colDate, size: 100, cell: ({ row }) => <span className="num">{row.original.date}</span> },
    {
      id: 'number', header: t.colNumber, size: 76,
      cell: ({ row }) => <a onClick={() => navigate({ name: 'ledger', communityId, entryId: row.original.entryId })}>{t.numberText(row.original.number)}</a>,
    },
    { id: 'kind', header: t.colKind, size: 166, cell: ({ row }) => <span title={row.original.kind}>{row.original.kind}</span> },
    { id: 'direction', header: t.colDirection, size: 70, cell: ({ row }) => <DirectionTag direction={row.original.direction} /> },
    {
      id: 'amount', header: t.colAmount, size: 110, meta: { align: 'right' },
      cell: ({ row }) => (
        <span>
          {row.original.reversal && <><Tag color="red" className="tight-tag">{t.reversalTag}</Tag>{' '}</>}
          <Yuan value={row.original.amount} />
        </span>
      ),
    },
    { id: 'balance', header: t.colBalance, size: 110, meta: { align: 'right' }, cell: ({ row }) => <Yuan value={row.original.balance} /> },
    { id: 'counterparty', header: t.colCounterparty, size: 130, cell: ({ row }) => <span title={row.original.counterparty}>{row.original.counterparty}</span> },
    { id: 'contract', header: t.colContract, size: 120, cell: ({ row }) => <span title={row.original.contract}>{row.original.contract}</span> },
    { id: 'memo', header: t.colMemo, size: 120, meta: { grow: true }, cell: ({ row }) => <span title={row.original.memo}>{row.original.memo}</span> },
  ];
  if (entries.length === 0) return <p className="muted revenue-empty" data-testid="revenue-entries-empty">{t.noEntries}</p>;
  return (
    <DataGrid
      testId="revenue-entries"
      columns={columns}
      source={{ kind: 'local', rows: entries }}
      getRowId={(e) => e.entryId}
      autoHeightRows={15}
      emptyText={t.noEntries}
    />
  );
}
