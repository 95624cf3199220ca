/**
 * The issues linked to a matter or a meeting, shown on that matter's or
 * meeting's page: the other side of the link an issue keeps (it led to the
 * matter, or was discussed at the meeting).
 */
import { Alert } from 'antd';
import { invoke } from '../../../api/client';
import { errorMessage } from '../../../api/errors';
import { useAsync } from '../../../api/useAsync';
import { zhCN } from '../../../i18n/zh-CN';
import { navigate } from '../../../router';
import { LevelTag, OverdueMarks, StatusTag } from './issueShared';
import './issues.css';

const t = zhCN.issues;

export function LinkedIssues({ communityId, matterId, meetingId }: { communityId: string; matterId?: string; meetingId?: string }) {
  const list = useAsync(() => invoke('issue.list', { communityId, matterId, meetingId }), [communityId, matterId, meetingId]);
  if (list.error !== null) return <Alert type="error" showIcon title={errorMessage(list.error)} />;
  if (!list.data) return null;
  if (list.data.length === 0) return <p className="issue-help" data-testid="linked-issues-empty">{t.linkedNone}</p>;
  return (
    <table className="issue-table" data-testid="linked-issues">
      <tbody>
        {list.data.map((i) => (
          <tr key={i.id} className="clickable" onClick={() => navigate({ name: 'issue', communityId, issueId: i.id })} data-testid="linked-issue">
            <td className="num">{i.number}</td>
            <td>{i.title}</td>
            <td>{i.category}</td>
            <td><StatusTag status={i.status} /> <LevelTag level={i.level} /> <OverdueMarks issue={i} /></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
