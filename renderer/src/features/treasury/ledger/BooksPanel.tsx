/** Beside the ledger table: every account with its balance (ledger.books) and the month closed through; an account filters the table. */
import { Alert, Spin } from 'antd';
import { errorMessage } from '../../../api/errors';
import { Yuan } from '../fund/fundShared';
import type { Books } from './ledgerShared';
import { zhCN } from '../../../i18n/zh-CN';
import { PendingTag, usePendingReview } from '../../system/reviews/PendingReview';

const t = zhCN.ledger;

interface Props {
  books: Books | undefined;
  error: unknown;
  selectedId: string | undefined;
  onSelect: (accountId: string | undefined) => void;
}

export function BooksPanel({ books, error, selectedId, onSelect }: Props) {
  // 复核: a month's closing waiting for a second person (its subject is the community's books).
  const pendingClose = usePendingReview(books?.communityId ?? null, books?.communityId ?? null, 'ledger.closeMonth');
  return (
    <aside className="ledger-books" data-testid="ledger-books">
      <h3 className="section-heading">{t.accountsTitle}</h3>
      {error !== null && <Alert type="error" showIcon title={errorMessage(error)} />}
      {!books && error === null && <Spin />}
      {books && (
        <>
          <div className="ledger-books-closed" data-testid="ledger-closed-through" data-month={books.closedThrough ?? ''}>
            {books.closedThrough ? t.closedThrough(books.closedThrough) : t.notClosed}
          </div>
          {pendingClose && (
            <div className="ledger-books-pending" data-testid="ledger-close-pending" title={zhCN.reviews.pendingNote(pendingClose.summary, pendingClose.requestedBy, pendingClose.requestedAt.slice(0, 10))}>
              <PendingTag label={zhCN.reviews.closeMonthPending} testId="ledger-close-pending-tag" />{pendingClose.summary}
            </div>
          )}
          {books.accounts.map((a) => (
            <button
              key={a.id}
              type="button"
              className={`ledger-account${a.id === selectedId ? ' selected' : ''}`}
              data-testid="ledger-account"
              data-code={a.code}
              data-balance={a.balance}
              // A second click on the chosen account shows every account again.
              onClick={() => onSelect(a.id === selectedId ? undefined : a.id)}
            >
              <span className="ledger-account-name" title={a.name}><span className="ledger-account-code">{a.code}</span>{a.name}</span>
              <Yuan value={a.balance} />
            </button>
          ))}
          <div className="ledger-books-hint">{t.accountFilterHint}</div>
        </>
      )}
    </aside>
  );
}
