/**
 * 逾期督办: the issues past a deadline (issue.list overdueOnly), with what
 * passed, the flag's reason, and a one-click 提级 whose reason is prefilled
 * from the flag (editable in the modal).
 */
import { useState } from 'react';
import { Alert, Button } from 'antd';
import { nextLevel, type EscalationLevel } from '../../../../../shared/domain/issue-ledger';
import { invoke } from '../../../api/client';
import { errorMessage } from '../../../api/errors';
import { useAsync } from '../../../api/useAsync';
import { ActionModal } from './ActionModal';
import { FlagMark, LevelTag, shown, StatusTag, t, type IssueSummary } from './issueShared';

interface Props {
  communityId: string;
  text: string;
  /** Changes when something was saved elsewhere on the page. */
  version: number;
  onOpen: (i: IssueSummary) => void;
  onChanged: () => void;
}

export function OverdueList({ communityId, text, version, onOpen, onChanged }: Props) {
  const list = useAsync(() => invoke('issue.list', { communityId, overdueOnly: true, text }), [communityId, text, version]);
  const [escalating, setEscalating] = useState<IssueSummary | null>(null);
  const rows = list.data ?? [];

  return (
    <div className="issue-overdue" data-testid="issue-overdue-list" data-ready={list.data ? 'true' : 'false'} data-count={rows.length}>
      <p className="issue-help">{t.overdueHelp}</p>
      {list.error !== null && <Alert type="error" showIcon title={errorMessage(list.error)} />}
      {list.data && rows.length === 0 && <div className="panel muted" data-testid="issue-overdue-none">{t.overdueNone}</div>}
      {rows.length > 0 && (
        <table className="issue-table" aria-label={t.tabOverdue}>
          <thead>
            <tr>
              <th style={{ width: 70 }}>{t.colNumber}</th>
              <th>{t.colTitle}</th>
              <th style={{ width: 140 }}>{t.colReportedAt}</th>
              <th style={{ width: 80 }}>{t.colStatus}</th>
              <th style={{ width: 80 }}>{t.colLevel}</th>
              <th>{t.colOverdue}</th>
              <th style={{ width: 130 }}>{t.colAction}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((i) => {
              const next = nextLevel(i.level as EscalationLevel);
              return (
                <tr key={i.id} data-testid="overdue-row" data-number={i.number}>
                  <td className="num">{i.number}</td>
                  <td>
                    <a onClick={() => onOpen(i)} className="strong" data-testid="overdue-open">{i.title}</a>
                    <div className="muted small">{[i.category, i.place].filter(Boolean).join(' · ')}</div>
                  </td>
                  <td className="num">{shown(i.reportedAt)}</td>
                  <td><StatusTag status={i.status} /></td>
                  <td><LevelTag level={i.level} testId="overdue-level" /></td>
                  <td>
                    <ul className="plain-list issue-overdue-reasons" data-testid="overdue-reasons">
                      {i.overdue.map((o) => <li key={o.deadline} className="overdue-text">{o.message}</li>)}
                    </ul>
                    <FlagMark issue={i} />
                  </td>
                  <td>
                    {next
                      ? <Button size="small" type={i.flag ? 'primary' : 'default'} danger={i.flag !== null} onClick={() => setEscalating(i)} data-testid="overdue-escalate">{t.escalateTo(next)}</Button>
                      : <span className="muted">{t.escalateTop}</span>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
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
