/**
 * 指标汇总 (issue 18): the street's or district's targets per 社区 or per type of 小区 (rollup.screen) — 业委会
 * formed against Pidu's 80 %, party organisations where needed, 小区 without property management, issues open,
 * overdue and escalated here, funds below the top-up line, contracts ending within 90 days, matters stalled,
 * committees due for re-election — with the day each 社区's data last arrived and a flag on the silent ones.
 * Every figure opens its list (rollup.list), which exports to xlsx (rollup.export); the report prints on A4.
 */
import { useState } from 'react';
import { Alert, App as AntApp, Button, Modal, Segmented, Space, Tag } from 'antd';
import type { z } from 'zod';
import type { rollupListInput, rollupScreen } from '../../../../shared/contract/levels';
import { invoke } from '../../api/client';
import { errorMessage } from '../../api/errors';
import { downloadFile } from '../../api/files';
import { useQuery } from '../../api/queries';
import { DataGrid, type ColumnDef } from '../../components/DataGrid';
import { PageHeader } from '../../components/PageHeader';
import { zhCN } from '../../i18n/zh-CN';
import { navigate } from '../../router';
import './levels.css';

const t = zhCN.levels;
type By = '社区' | '类型';
type Row = z.output<typeof rollupScreen>['rows'][number];
type Figure = z.input<typeof rollupListInput>['figure'];
const pct = (rate: string) => (rate === '—' ? rate : `${rate}%`);

export function RollupPage(_props: Record<string, never>) {
  const [by, setBy] = useState<By>('社区');
  const [list, setList] = useState<{ figure: Figure; group: string | null } | null>(null);
  const screen = useQuery('rollup.screen', { by });
  const overview = useQuery('office.overview', {});
  const data = screen.data;
  const atCommunity = overview.data?.self?.level === '社区' || overview.data?.self === null;

  const figure = (f: Figure, value: number, group: string | null, bad = false) => (
    <button type="button" className={`levels-figure${bad && value > 0 ? ' levels-figure-bad' : ''}`} data-testid={`figure-${f}`} data-value={value}
      onClick={() => setList({ figure: f, group })}>{value}</button>
  );
  const columns: ColumnDef<Row>[] = [
    {
      id: 'name', header: t.colName[by], size: 200, meta: { grow: true },
      cell: ({ row }) => (
        <span>
          <span className="strong">{row.original.name}</span>
          {row.original.silent && (
            <Tag color="orange" className="tight-tag levels-silent" data-testid="rollup-silent">
              {row.original.lastReceivedOn === null ? t.silentNever : t.silent(data?.silentDays ?? 0)}
            </Tag>
          )}
        </span>
      ),
    },
    { id: 'communities', header: t.colCommunities, size: 64, meta: { align: 'right' }, cell: ({ row }) => figure('communities', row.original.communities, row.original.name) },
    { id: 'committees', header: t.colCommittees, size: 64, meta: { align: 'right' }, cell: ({ row }) => figure('committeesFormed', row.original.committeesFormed, row.original.name) },
    {
      id: 'rate', header: t.colRate, size: 80, meta: { align: 'right' },
      cell: ({ row }) => (row.original.communities === 0 ? <span className="muted">—</span>
        : <span data-testid="rollup-rate" data-met={row.original.committeeTargetMet ? 'true' : 'false'} className={row.original.committeeTargetMet ? '' : 'levels-bad'}>{row.original.committeeRate}%</span>),
    },
    {
      id: 'party', header: t.colParty, size: 70, meta: { align: 'right' },
      cell: ({ row }) => <button type="button" className={`levels-figure${row.original.partyCovered < row.original.partyRequired ? ' levels-figure-bad' : ''}`} data-testid="figure-partyMissing"
        onClick={() => setList({ figure: 'partyMissing', group: row.original.name })}>{row.original.partyCovered}/{row.original.partyRequired}</button>,
    },
    { id: 'noManagement', header: t.colNoManagement, size: 64, meta: { align: 'right' }, cell: ({ row }) => figure('noManagement', row.original.noManagement, row.original.name, true) },
    { id: 'open', header: t.colOpen, size: 64, meta: { align: 'right' }, cell: ({ row }) => figure('issuesOpen', row.original.issuesOpen, row.original.name) },
    { id: 'overdue', header: t.colOverdue, size: 60, meta: { align: 'right' }, cell: ({ row }) => figure('issuesOpen', row.original.issuesOverdue, row.original.name, true) },
    // At a 社区 its escalated issues are on its own issue ledger; the list here is of those received.
    {
      id: 'escalated', header: t.colEscalated, size: 76, meta: { align: 'right' },
      cell: ({ row }) => (atCommunity ? row.original.escalatedHere : figure('escalatedHere', row.original.escalatedHere, row.original.name)),
    },
    {
      id: 'onTime', header: t.colOnTime, size: 100, meta: { align: 'right' },
      cell: ({ row }) => (
        <span data-testid="rollup-on-time" title={t.onTimeTitle(row.original.planOnTime, row.original.resolvedOnTime)}>
          {pct(row.original.planOnTimeRate)} / {pct(row.original.resolvedOnTimeRate)}
        </span>
      ),
    },
    { id: 'belowTopUp', header: t.colBelowTopUp, size: 84, meta: { align: 'right' }, cell: ({ row }) => figure('belowTopUp', row.original.fundsBelowTopUp, row.original.name) },
    // Read from the contracts and matters other offices sent: a 社区 has its own screens for its own (合同期限, 事项办理).
    ...(atCommunity ? [] : [
      { id: 'contractsDue', header: t.colContractsDue, size: 84, meta: { align: 'right' as const }, cell: ({ row }: { row: { original: Row } }) => figure('contractsDue', row.original.contractsDue, row.original.name) },
      { id: 'mattersStalled', header: t.colMattersStalled, size: 80, meta: { align: 'right' as const }, cell: ({ row }: { row: { original: Row } }) => figure('mattersStalled', row.original.mattersStalled, row.original.name, true) },
    ]),
    { id: 'reElection', header: t.colReElection, size: 64, meta: { align: 'right' }, cell: ({ row }) => figure('reElectionDue', row.original.reElectionDue, row.original.name) },
    ...(by === '社区' && !atCommunity ? [{
      id: 'received', header: t.colReceived, size: 100,
      cell: ({ row }: { row: { original: Row } }) => <span data-testid="rollup-received">{row.original.lastReceivedOn ?? t.never}</span>,
    }] : []),
  ];

  return (
    <div className="page page-scroll levels-page" data-testid="rollup-page" data-ready={data ? 'true' : 'false'}>
      <PageHeader
        title={t.rollupTitle}
        extra={(
          <Space>
            <Segmented value={by} onChange={(v) => setBy(v as By)} options={(['社区', '类型'] as const).map((v) => ({ value: v, label: t.by[v] }))} data-testid="rollup-by" />
            <Button onClick={() => navigate({ name: 'printRollup', by })} data-testid="rollup-print">{t.print}</Button>
          </Space>
        )}
      />
      <p className="levels-intro">{atCommunity ? `${t.rollupIntro}${t.bySelf}` : t.rollupIntro}</p>
      {screen.error !== null && <Alert type="error" showIcon title={errorMessage(screen.error)} />}
      {data && data.rows.length === 0 && <div className="panel muted">{t.empty}</div>}
      {data && data.rows.length > 0 && (
        <>
          <div className="levels-totals" data-testid="rollup-totals">
            <Total label={t.colRate} value={`${data.total.committeeRate}%`} met={data.total.committeeTargetMet} testId="total-rate" />
            <Total label={t.colParty} value={`${data.total.partyCovered}/${data.total.partyRequired}`} met={data.total.partyCovered === data.total.partyRequired} testId="total-party" />
            <Total label={t.colNoManagement} value={String(data.total.noManagement)} met={data.total.noManagement === 0} testId="total-no-management" />
            <Total label={t.colEscalated} value={String(data.total.escalatedHere)} met={null} testId="total-escalated" />
            <Total label={t.colOnTime} value={`${pct(data.total.planOnTimeRate)} / ${pct(data.total.resolvedOnTimeRate)}`} met={null} testId="total-on-time" />
          </div>
          <DataGrid testId="rollup-grid" ariaLabel={t.rollupTitle} columns={columns} source={{ kind: 'local', rows: data.rows }} getRowId={(r) => r.name} autoHeightRows={40}
            rowAttributes={(r) => ({ 'data-name': r.name })} />
        </>
      )}
      {list && <FigureList by={by} figure={list.figure} group={list.group} atCommunity={atCommunity} onClose={() => setList(null)} />}
    </div>
  );
}

function Total({ label, value, met, testId }: { label: string; value: string; met: boolean | null; testId: string }) {
  return (
    <div className="levels-total" data-testid={testId}>
      <div className="muted">{label}</div>
      <div className="levels-total-figure">{value}</div>
      {met !== null && <Tag color={met ? 'green' : 'red'} className="tight-tag">{met ? t.targetMet : t.targetNotMet}</Tag>}
    </div>
  );
}

type ListRow = Record<string, string | number | null>;

function FigureList({ by, figure, group, atCommunity, onClose }: { by: By; figure: Figure; group: string | null; atCommunity: boolean; onClose: () => void }) {
  const list = useQuery('rollup.list', { by, figure, group });
  const [busy, setBusy] = useState(false);
  const columns: ColumnDef<ListRow>[] = (list.data?.columns ?? []).map((c) => ({ id: c.key, header: c.header, size: 120, cell: ({ row }) => row.original[c.key] ?? '' }));
  // A row of a 小区 (not of an issue or a contract alone) opens its 一小区一档 from this office's copy.
  if (list.data?.rows.some((r) => typeof r.communityId === 'string') && !atCommunity) {
    columns.push({
      id: 'dossier', header: '', size: 100,
      cell: ({ row }) => (
        <Button size="small" type="link" data-testid="rollup-dossier"
          onClick={() => navigate({ name: 'printDossierCopy', officeName: String(row.original.office), communityId: String(row.original.communityId) })}>{t.dossier}</Button>
      ),
    });
  }
  const { message } = AntApp.useApp();
  const exportXlsx = async () => {
    setBusy(true);
    try {
      downloadFile(await invoke('rollup.export', { by, figure, group }));
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={list.data?.title ?? ''} onCancel={onClose} width={1000}
      footer={<Space><Button loading={busy} onClick={() => void exportXlsx()} data-testid="rollup-list-export">{t.exportXlsx}</Button><Button onClick={onClose}>{t.listClose}</Button></Space>}>
      {list.error !== null && <Alert type="error" showIcon title={errorMessage(list.error)} />}
      <div data-testid="rollup-list" data-ready={list.data ? 'true' : 'false'} data-rows={list.data?.rows.length ?? 0}>
        {list.data && <DataGrid testId="rollup-list-grid" columns={columns} source={{ kind: 'local', rows: list.data.rows }} getRowId={(r) => JSON.stringify(r)} autoHeightRows={15} />}
      </div>
    </Modal>
  );
}
