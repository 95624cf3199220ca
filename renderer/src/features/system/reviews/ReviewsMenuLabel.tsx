/** The menu entry 待复核 with the number of reviews waiting for the signed-in person (read again after any write). */
import { useEffect } from 'react';
import { Badge } from 'antd';
import { useQuery } from '../../../api/queries';
import { zhCN } from '../../../i18n/zh-CN';

export function ReviewsMenuLabel() {
  const waiting = useQuery('review.list', { filter: 'toConfirm' });
  const count = waiting.data?.length ?? 0;
  const { reload } = waiting;
  // Another person's request, on another PC, is no write of this screen's: looked for again every minute while shown.
  useEffect(() => {
    const timer = window.setInterval(() => { if (document.visibilityState === 'visible') reload(); }, 60_000);
    return () => window.clearInterval(timer);
  }, [reload]);
  return (
    <span className="reviews-menu-label" data-testid="reviews-menu" data-count={waiting.data ? count : ''}>
      {zhCN.reviews.nav}
      {count > 0 && <Badge count={count} size="small" className="reviews-menu-badge" data-testid="reviews-menu-count" />}
    </span>
  );
}
