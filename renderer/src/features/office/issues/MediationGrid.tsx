/**
 * The list of 调解记录 (Mediations): the parties, the mediator, how many
 * sessions and the last one's date, the outcome (locked once there is one) and,
 * on the ledger's tab, the issue each is linked to. A row opens the record.
 */
import { useMemo } from 'react';
import { Tag } from 'antd';
import { DataGrid, type ColumnDef } from '../../../components/DataGrid';
import { useLocalSort } from '../../../components/useLocalSort';
import { t, type Mediation } from './issueShared';

const lastSession = (m: Mediation) => m.sessions.at(-1)?.date ?? '';

/** By the last session's date and by the number of sessions; main lists the newest record first. */
const COMPARE: Record<string, (a: Mediation, b: Mediation) => number> = {
  sessions: (a, b) => a.sessions.length - b.sessions.length,
  lastSession: (a, b) => lastSession(a).localeCompare(lastSession(b)),
};

interface Props {
  rows: readonly Mediation[];
  /** Shown on an issue's page: every row is that issue's, so no 关联问题 column. */
  issueId?: string;
  issueLabel: ReadonlyMap<string, string>;
  onOpen: (m: Mediation) => void;
}

export function MediationGrid({ rows, issueId, issueLabel, onOpen }: Props) {
  const sorted = useLocalSort(rows, COMPARE);
  const columns = useMemo<ColumnDef<Mediation>[]>(() => [
    { id: 'parties', header: t.colParties, size: 220, meta: { grow: true }, enableSorting: false, cell: ({ row }) => <span className="strong" title={row.original.parties}>{row.original.parties}</span> },
    { id: 'mediator', header: t.colMediator, size: 110, enableSorting: false, cell: ({ row }) => row.original.mediator },
    { id: 'sessions', header: t.colSessions, size: 100, cell: ({ row }) => <span className="num">{t.sessionsCount(row.original.sessions.length)}</span> },
    { id: 'lastSession', header: t.colLastSession, size: 120, cell: ({ row }) => <span className="num">{row.original.sessions.at(-1)?.date ?? t.none}</span> },
    {
      id: 'outcome', header: t.colOutcome, size: 160, enableSorting: false,
      cell: ({ row: { original: m } }) => (m.outcome
        ? <><Tag color={m.outcome === '调解成功' ? 'green' : 'orange'} className="tight-tag">{m.outcome}</Tag><Tag className="tight-tag">{t.lockedTag}</Tag></>
        : <span className="muted">{t.outcomePending}</span>),
    },
    ...(issueId ? [] : [{
      id: 'issue', header: t.colIssue, size: 220, enableSorting: false,
      cell: ({ row: { original: m } }) => (m.issueId ? <span title={issueLabel.get(m.issueId)}>{issueLabel.get(m.issueId) ?? ''}</span> : <span className="muted">{t.none}</span>),
    } satisfies ColumnDef<Mediation>]),
  ], [issueId, issueLabel]);

  return (
    <DataGrid
      testId="mediation-table"
      ariaLabel={t.mediationTitle}
      columns={columns}
      source={{ kind: 'local', rows: sorted.rows }}
      getRowId={(m) => m.id}
      sort={sorted.sort}
      onSortChange={sorted.onSortChange}
      onRowClick={onOpen}
      rowAttributes={(m) => ({ 'data-testid': 'mediation-row', 'data-outcome': m.outcome })}
      autoHeightRows={15}
    />
  );
}
