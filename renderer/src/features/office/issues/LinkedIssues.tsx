/**
 * The issues linked to a matter or a meeting, shown on that matter's or
 * meeting's page: the other side of the link an issue keeps (it led to the
 * matter, or was discussed at the meeting).
 */
import { Alert } from 'antd';
import { invoke } from '../../../api/client';
import { errorMessage } from '../../../api/errors';
import { useAsync } from '../../../api/useAsync';
import { DataGrid, type ColumnDef } from '../../../components/DataGrid';
import { zhCN } from '../../../i18n/zh-CN';
import { navigate } from '../../../router';
import { LevelTag, OverdueMarks, StatusTag, type IssueSummary } from './issueShared';
import './issues.css';

const t = zhCN.issues;

const columns: ColumnDef<IssueSummary>[] = [
  { id: 'number', header: t.colNumber, size: 70, meta: { align: 'right' }, cell: ({ row }) => <span className="num">{row.original.number}</span> },
  { id: 'title', header: t.colTitle, size: 220, meta: { grow: true }, cell: ({ row }) => <span title={row.original.title}>{row.original.title}</span> },
  { id: 'category', header: t.colCategory, size: 110, cell: ({ row }) => row.original.category },
  {
    id: 'status', header: t.colStatus, size: 280,
    cell: ({ row: { original: i } }) => <><StatusTag status={i.status} /> <LevelTag level={i.level} /> <OverdueMarks issue={i} /></>,
  },
];

export function LinkedIssues({ communityId, matterId, meetingId }: { communityId: string; matterId?: string; meetingId?: string }) {
  const list = useAsync(() => invoke('issue.list', { communityId, matterId, meetingId }), [communityId, matterId, meetingId]);
  if (list.error !== null) return <Alert type="error" showIcon title={errorMessage(list.error)} />;
  if (!list.data) return null;
  if (list.data.length === 0) return <p className="issue-help" data-testid="linked-issues-empty">{t.linkedNone}</p>;
  return (
    <DataGrid
      testId="linked-issues"
      ariaLabel={t.linkedTitle}
      columns={columns}
      source={{ kind: 'local', rows: list.data }}
      getRowId={(i) => i.id}
      onRowClick={(i) => navigate({ name: 'issue', communityId, issueId: i.id })}
      rowAttributes={() => ({ 'data-testid': 'linked-issue' })}
      autoHeightRows={10}
    />
  );
}
