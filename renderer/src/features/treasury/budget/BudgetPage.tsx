/**
 * 业委会预算 (budget.get for a year): the owners' committee's lines with what
 * was spent against each, what is left and the share used — 90 % warns,
 * 100 % is over (shared/domain/treasury.ts budgetState), and a line above
 * the table names those lines. 编辑预算 sets the lines, 登记支出 posts
 * spending against one, 打印预算执行表 prints the report.
 */
import { useState } from 'react';
import { Alert, Button, Progress, Select, Spin, Tag } from 'antd';
import type { MethodOutput } from '../../../../../shared/contract/methods';
import { errorMessage } from '../../../api/errors';
import { useQuery } from '../../../api/queries';
import { DataGrid, type ColumnDef } from '../../../components/DataGrid';
import { PageHeader } from '../../../components/PageHeader';
import { decimal2ToHundredths, todayDate } from '../../../format';
import { zhCN } from '../../../i18n/zh-CN';
import { navigate } from '../../../router';
import { groupedYuan, Yuan } from '../fund/fundShared';
import { fenToYuan } from '../../../../../shared/domain/money';
import { BudgetLinesModal } from './BudgetLinesModal';
import { SpendModal } from './SpendModal';
import './budget.css';
import { useCan } from '../../system/auth/permissions';

const t = zhCN.revenue.budget;

type Report = MethodOutput<'budget.get'>;
type Line = Report['lines'][number];
type Dialog = 'lines' | 'spend' | null;

/** Spending is dated in the budget's year and not in the future: today, or the year's last day. */
function spendDate(year: number): string {
  const today = todayDate();
  const thisYear = Number(today.slice(0, 4));
  if (year === thisYear) return today;
  return year < thisYear ? `${year}-12-31` : `${year}-01-01`;
}

export function BudgetPage({ communityId, year: asked }: { communityId: string; year?: number }) {
  const can = useCan();
  const year = asked ?? Number(todayDate().slice(0, 4));
  const [dialog, setDialog] = useState<Dialog>(null);
  const report = useQuery('budget.get', { communityId, year });
  const data = report.data;
  const reload = () => report.reload();
  const hasLines = (data?.lines.length ?? 0) > 0;

  return (
    <div className="page page-scroll budget-page" data-testid="budget-page" data-year={data && !report.loading ? String(data.year) : ''}>
      <PageHeader
        title={t.titleYear(year)}
        extra={
          <>
            <Button onClick={() => navigate({ name: 'printBudget', communityId, year })} data-testid="budget-print">{t.print}</Button>
            {can('books.write') && <Button onClick={() => setDialog('lines')} disabled={!data} data-testid="budget-edit">{hasLines ? t.edit : t.create}</Button>}
            {can('books.write') && <Button type="primary" onClick={() => setDialog('spend')} disabled={!hasLines} data-testid="budget-spend">{t.spend}</Button>}
          </>
        }
      />
      <div className="toolbar">
        <span className="toolbar-label">{t.year}</span>
        <Select
          className="budget-year"
          data-testid="budget-year"
          value={year}
          options={yearOptions(year)}
          onChange={(y: number) => navigate({ name: 'budget', communityId, year: y })}
        />
      </div>
      {report.error !== null && <Alert type="error" showIcon title={errorMessage(report.error)} />}
      {!data && report.error === null && <Spin />}
      {data && (hasLines ? (
        <>
          <StateAlert lines={data.lines} />
          <Figures report={data} />
          <section className="panel">
            <h3 className="section-heading">{t.linesTitle}</h3>
            <LinesTable lines={data.lines} />
          </section>
        </>
      ) : (
        <section className="panel budget-empty" data-testid="budget-empty">
          <p className="strong">{t.empty(year)}</p>
          <p>{t.emptyHelp}</p>
          {can('books.write') && <Button type="primary" onClick={() => setDialog('lines')} data-testid="budget-create">{t.create}</Button>}
        </section>
      ))}
      <BudgetLinesModal communityId={communityId} year={year} report={data} open={dialog === 'lines'} onClose={() => setDialog(null)} onSaved={reload} />
      {data && <SpendModal communityId={communityId} report={data} defaultDate={spendDate(year)} open={dialog === 'spend'} onClose={() => setDialog(null)} onPosted={reload} />}
    </div>
  );
}

function yearOptions(year: number) {
  const thisYear = Number(todayDate().slice(0, 4));
  const years = new Set([year]);
  for (let y = thisYear - 4; y <= thisYear + 1; y++) years.add(y);
  return [...years].sort((a, b) => b - a).map((y) => ({ value: y, label: t.yearOption(y) }));
}

/** One line naming the lines used up or over (error) and those at 90 % (warning). */
function StateAlert({ lines }: { lines: Line[] }) {
  const names = (state: Line['state']) => lines.filter((l) => l.state === state).map((l) => t.quoted(l.name)).join(t.listSep);
  const over = names('over');
  const near = names('near');
  if (!over && !near) return null;
  const text = [over && t.alertOver(over), near && t.alertNear(near)].filter(Boolean).join('');
  return <Alert type={over ? 'error' : 'warning'} showIcon title={text} data-testid="budget-alert" data-state={over ? 'over' : 'near'} />;
}

function Figures({ report: r }: { report: Report }) {
  const budget = decimal2ToHundredths(r.budget);
  const spent = decimal2ToHundredths(r.spent);
  const percent = budget === 0 ? 0 : Math.floor((spent * 100) / budget);
  return (
    <div className="fund-figures" data-testid="budget-figures">
      <Figure label={t.totalBudget} value={groupedYuan(r.budget)} unit={zhCN.revenue.yuanUnit} testId="budget-total" />
      <Figure label={t.totalSpent} value={groupedYuan(r.spent)} unit={zhCN.revenue.yuanUnit} testId="budget-spent" />
      <Figure label={t.totalLeft} value={groupedYuan(fenToYuan(budget - spent))} unit={zhCN.revenue.yuanUnit} testId="budget-left" negative={spent > budget} />
      <Figure label={t.execution} value={String(percent)} unit="%" testId="budget-percent" />
    </div>
  );
}

function Figure({ label, value, unit, testId, negative = false }: { label: string; value: string; unit: string; testId: string; negative?: boolean }) {
  return (
    <div className="fund-figure">
      <div className="fund-figure-label">{label}</div>
      <div className={`fund-figure-value${negative ? ' fund-negative' : ''}`}>
        <span data-testid={testId}>{value}</span>
        <span className="fund-figure-unit">{unit}</span>
      </div>
    </div>
  );
}

function StateTag({ line }: { line: Line }) {
  if (line.state === 'ok') return <Tag className="tight-tag" data-testid="budget-state" data-state="ok">{t.stateOk}</Tag>;
  if (line.state === 'near') return <Tag color="warning" className="tight-tag" data-testid="budget-state" data-state="near">{t.stateNear}</Tag>;
  return <Tag color="error" className="tight-tag" data-testid="budget-state" data-state="over">{line.percent > 100 ? t.stateOver : t.stateUsedUp}</Tag>;
}

const columns: ColumnDef<Line>[] = [
  { id: 'name', header: t.colName, size: 180, meta: { grow: true }, cell: ({ row }) => <span className="strong" title={row.original.name}>{row.original.name}</span> },
  { id: 'budget', header: t.colBudget, size: 130, meta: { align: 'right' }, cell: ({ row }) => <Yuan value={row.original.budget} /> },
  { id: 'spent', header: t.colSpent, size: 130, meta: { align: 'right' }, cell: ({ row }) => <Yuan value={row.original.spent} /> },
  { id: 'left', header: t.colLeft, size: 130, meta: { align: 'right' }, cell: ({ row }) => <Yuan value={row.original.left} /> },
  {
    id: 'percent', header: t.colPercent, size: 200,
    cell: ({ row }) => {
      const l = row.original;
      return (
        <span className="budget-percent">
          <Progress
            percent={Math.min(100, l.percent)}
            size="small"
            showInfo={false}
            status={l.state === 'over' ? 'exception' : 'normal'}
            strokeColor={l.state === 'near' ? '#faad14' : undefined}
          />
          <span className="budget-percent-text" data-testid="budget-line-percent">{l.percent}%</span>
        </span>
      );
    },
  },
  { id: 'state', header: t.colState, size: 100, cell: ({ row }) => <StateTag line={row.original} /> },
];

function LinesTable({ lines }: { lines: Line[] }) {
  return (
    <DataGrid
      testId="budget-lines"
      ariaLabel={t.title}
      columns={columns}
      source={{ kind: 'local', rows: lines }}
      getRowId={(l) => l.id}
      autoHeightRows={30}
    />
  );
}
