/**
 * 逾期督办: the issues past a deadline (issue.list overdueOnly), with what
 * passed, the flag's reason, and a one-click 提级 whose reason is prefilled
 * from the flag (editable in the modal).
 */
import { useMemo, useState } from 'react';
import { Alert, Button } from 'antd';
import { ESCALATION_LEVELS, ISSUE_STATUSES, nextLevel, type EscalationLevel } from '../../../../../shared/domain/issue-ledger';
import { invoke } from '../../../api/client';
import { errorMessage } from '../../../api/errors';
import { useAsync } from '../../../api/useAsync';
import { DataGrid, type ColumnDef } from '../../../components/DataGrid';
import { useLocalSort } from '../../../components/useLocalSort';
import { ActionModal } from './ActionModal';
import { FlagMark, LevelTag, shown, StatusTag, t, type IssueSummary } from './issueShared';
import { useCan } from '../../system/auth/permissions';

/** The sortable columns: by number, report time, status and level in their order (main lists the newest first). */
const COMPARE: Record<string, (a: IssueSummary, b: IssueSummary) => number> = {
  number: (a, b) => a.number - b.number,
  reportedAt: (a, b) => a.reportedAt.localeCompare(b.reportedAt) || a.number - b.number,
  status: (a, b) => ISSUE_STATUSES.indexOf(a.status) - ISSUE_STATUSES.indexOf(b.status) || a.number - b.number,
  level: (a, b) => ESCALATION_LEVELS.indexOf(a.level as EscalationLevel) - ESCALATION_LEVELS.indexOf(b.level as EscalationLevel) || a.number - b.number,
};

interface Props {
  communityId: string;
  text: string;
  /** Changes when something was saved elsewhere on the page. */
  version: number;
  onOpen: (i: IssueSummary) => void;
  onChanged: () => void;
}

export function OverdueList({ communityId, text, version, onOpen, onChanged }: Props) {
  const can = useCan();
  const list = useAsync(() => invoke('issue.list', { communityId, overdueOnly: true, text }), [communityId, text, version]);
  const [escalating, setEscalating] = useState<IssueSummary | null>(null);
  const rows = useMemo(() => list.data ?? [], [list.data]);
  const sorted = useLocalSort(rows, COMPARE);

  const columns = useMemo<ColumnDef<IssueSummary>[]>(() => [
    { id: 'number', header: t.colNumber, size: 70, meta: { align: 'right' }, cell: ({ row }) => <span className="num">{row.original.number}</span> },
    {
      id: 'title', header: t.colTitle, size: 220, meta: { grow: true }, enableSorting: false,
      cell: ({ row: { original: i } }) => (
        <>
          <a onClick={() => onOpen(i)} className="strong" data-testid="overdue-open">{i.title}</a>
          <div className="muted small">{[i.category, i.place].filter(Boolean).join(' · ')}</div>
        </>
      ),
    },
    { id: 'reportedAt', header: t.colReportedAt, size: 140, cell: ({ row }) => <span className="num">{shown(row.original.reportedAt)}</span> },
    { id: 'status', header: t.colStatus, size: 90, cell: ({ row }) => <StatusTag status={row.original.status} /> },
    { id: 'level', header: t.colLevel, size: 90, cell: ({ row }) => <LevelTag level={row.original.level} testId="overdue-level" /> },
    {
      id: 'overdue', header: t.colOverdue, size: 300, meta: { grow: true }, enableSorting: false,
      cell: ({ row: { original: i } }) => (
        <>
          <ul className="plain-list issue-overdue-reasons" data-testid="overdue-reasons">
            {i.overdue.map((o) => <li key={o.deadline} className="overdue-text">{o.message}</li>)}
          </ul>
          <FlagMark issue={i} />
        </>
      ),
    },
    {
      id: 'action', header: t.colAction, size: 130, enableSorting: false,
      cell: ({ row: { original: i } }) => {
        const next = nextLevel(i.level as EscalationLevel);
        return next
          ? can('issues.write') && <Button size="small" type={i.flag ? 'primary' : 'default'} danger={i.flag !== null} onClick={() => setEscalating(i)} data-testid="overdue-escalate">{t.escalateTo(next)}</Button>
          : <span className="muted">{t.escalateTop}</span>;
      },
    },
  ], [onOpen, can]);

  return (
    <div className="issue-overdue" data-testid="issue-overdue-list" data-ready={list.data ? 'true' : 'false'} data-count={rows.length}>
      <p className="issue-help">{t.overdueHelp}</p>
      {list.error !== null && <Alert type="error" showIcon title={errorMessage(list.error)} />}
      {list.data && rows.length === 0 && <div className="panel muted" data-testid="issue-overdue-none">{t.overdueNone}</div>}
      {rows.length > 0 && (
        <DataGrid
          testId="issue-overdue-grid"
          ariaLabel={t.tabOverdue}
          columns={columns}
          source={{ kind: 'local', rows: sorted.rows }}
          getRowId={(i) => i.id}
          sort={sorted.sort}
          onSortChange={sorted.onSortChange}
          rowAttributes={(i) => ({ 'data-testid': 'overdue-row', 'data-number': i.number })}
          autoHeightRows={20}
          wrapText
        />
      )}
      {escalating && (
        <ActionModal
          kind="escalate"
          issue={escalating}
          onClose={() => setEscalating(null)}
          onDone={() => {
            setEscalating(null);
            list.reload();
            onChanged();
          }}
        />
      )}
    </div>
  );
}
