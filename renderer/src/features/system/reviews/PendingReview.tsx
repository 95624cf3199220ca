/**
 * A record's 待复核 mark: whether an action on it waits for a second person (复核, issue 16), read from
 * review.list by the record's id. The vote's page, an entry, the books and a repair show it instead of offering
 * the action again (main refuses a second request anyway).
 */
import { Alert, Button, Tag } from 'antd';
import type { MethodOutput } from '../../../../../shared/contract/methods';
import type { ReviewedAction } from '../../../../../shared/contract/reviews';
import { useQuery } from '../../../api/queries';
import { formatDateTime } from '../../../format';
import { zhCN } from '../../../i18n/zh-CN';
import { navigate } from '../../../router';

const t = zhCN.reviews;

export type ReviewRow = MethodOutput<'review.list'>[number];

/** The pending review of this action on this record, or null; undefined while it is read. */
export function usePendingReview(communityId: string | null, subjectId: string | null, action: ReviewedAction): ReviewRow | null | undefined {
  // Without the community (an entry's drawer knows only the entry): main looks in every community the caller may see.
  const list = useQuery('review.list', subjectId === null ? null : { filter: 'community', subjectId, status: 'pending', ...(communityId ? { communityId } : {}) });
  if (subjectId === null) return null;
  if (!list.data) return undefined;
  return list.data.find((r) => r.action === action) ?? null;
}

/** A small tag for a header or a row: 关闭待复核, 冲销待复核… */
export function PendingTag({ label, testId }: { label: string; testId: string }) {
  return <Tag color="orange" data-testid={testId}>{label}</Tag>;
}

/** The note under a record's header: who asked and when, and the way to the list. */
export function PendingNote({ review, what, testId }: { review: ReviewRow; what: string; testId: string }) {
  return (
    <Alert
      type="warning"
      showIcon
      className="pending-review-note"
      data-testid={testId}
      title={t.pendingNote(what, review.requestedBy, formatDateTime(review.requestedAt))}
      action={<Button size="small" onClick={() => navigate({ name: 'reviews', tab: review.mine ? 'requested' : 'toConfirm' })} data-testid={`${testId}-open`}>{t.toList}</Button>}
    />
  );
}
