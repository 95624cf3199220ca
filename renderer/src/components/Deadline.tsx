/**
 * A deadline that speaks: the count of days (or hours) left or overdue in the
 * colour of its urgency — red once passed, orange when soon, neutral before —
 * and the caller's plain sentence of what happens at the deadline. The words
 * and levels are components/deadline.ts; `now` defaults to the office's clock.
 */
import type { ReactNode } from 'react';
import { deadlineView, officeNow, type DeadlineWarning } from './deadline';
import './deadline.css';

interface Props extends DeadlineWarning {
  /** 'YYYY-MM-DD' (met on that day) or 'YYYY-MM-DDTHH:mm' (office time). */
  due: string;
  /** What happens at the deadline, in plain words; shown beside (or under, with `block`) the count. */
  what?: ReactNode;
  /** The sentence on a line of its own, for a page; inline for a table's cell. */
  block?: boolean;
  /** Office time 'YYYY-MM-DDTHH:mm'; the tests' and prints' fixed moment. */
  now?: string;
  testId?: string;
}

export function Deadline({ due, what, block = false, now, testId, warnDays, warnFrom }: Props) {
  const v = deadlineView(due, now ?? officeNow(), { warnDays, warnFrom });
  return (
    <span className={`deadline deadline-${v.level}${block ? ' deadline-block' : ''}`} data-testid={testId} data-level={v.level} data-due={due}>
      <span className="deadline-count" data-testid={testId ? `${testId}-count` : undefined}>{v.words}</span>
      {what && <span className="deadline-what" data-testid={testId ? `${testId}-what` : undefined}>{what}</span>}
    </span>
  );
}
