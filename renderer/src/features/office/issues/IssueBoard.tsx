/**
 * The board by status: 登记 / 已派单 / 处理中 / 已办结 / 已回访, each issue a
 * card with its number, title, category, place, level and next deadline (its
 * countdown, hours under two days), red
 * marks for passed deadlines and the 建议提级 flag. A card opens the issue.
 */
import { ISSUE_STATUSES } from '../../../../../shared/domain/issue-ledger';
import { Deadline } from '../../../components/Deadline';
import { FlagMark, LevelTag, nextDue, OverdueMarks, shown, t, type IssueSummary } from './issueShared';

export function IssueBoard({ issues, onOpen }: { issues: readonly IssueSummary[]; onOpen: (i: IssueSummary) => void }) {
  return (
    <div className="issue-board" data-testid="issue-board">
      {ISSUE_STATUSES.map((status) => {
        const items = issues.filter((i) => i.status === status);
        const closed = status === '已办结' || status === '已回访';
        return (
          <section key={status} className={`issue-column${closed ? ' closed' : ''}`} data-testid={`issue-column-${status}`} data-count={items.length}>
            <header className="issue-column-head">
              <span>{status}</span>
              <span className="issue-column-count">{items.length}</span>
            </header>
            <div className="issue-column-body">
              {items.length === 0 && <div className="issue-column-empty">{t.empty}</div>}
              {items.map((i) => <IssueCard key={i.id} issue={i} onOpen={() => onOpen(i)} />)}
            </div>
          </section>
        );
      })}
    </div>
  );
}

function IssueCard({ issue: i, onOpen }: { issue: IssueSummary; onOpen: () => void }) {
  const overdue = i.overdue.length > 0;
  const due = nextDue(i);
  return (
    <button
      type="button"
      className={`issue-card${overdue ? ' overdue' : ''}${i.flag ? ' flagged' : ''}`}
      onClick={onOpen}
      data-testid="issue-card"
      data-number={i.number}
      data-status={i.status}
      data-overdue={overdue ? 'true' : 'false'}
    >
      <div className="issue-card-head">
        <span className="issue-card-number num">{t.number(i.number)}</span>
        <LevelTag level={i.level} />
      </div>
      <div className="issue-card-title">{i.title}</div>
      <div className="issue-card-meta">{[i.category, i.place].filter(Boolean).join(' · ')}</div>
      {due && (
        <div className={`issue-card-due${overdue ? ' overdue-text' : ''}`}>
          {due.label} <span className="num">{due.shown}</span>
          <div><Deadline due={due.due} testId="issue-card-countdown" /></div>
        </div>
      )}
      {i.closedAt && <div className="issue-card-due muted">{t.closedOn(shown(i.closedAt))}</div>}
      {(overdue || i.flag) && (
        <div className="issue-card-marks">
          <OverdueMarks issue={i} />
          <FlagMark issue={i} />
        </div>
      )}
    </button>
  );
}
