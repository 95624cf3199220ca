/**
 * 银行对账: the fund's bank account on one line (fund.reconciliation) —
 * 银行余额 = 维修资金 + 待查明款项 + 其他负债, 差额 — against the bank's latest
 * figure (a statement's 余额 or the opening's), or a balance the treasurer
 * types with its day. Each term opens its list; a difference that is not zero
 * is red, with the entries and statement rows that explain it.
 */
import { useState } from 'react';
import { Alert, Button, Input, Radio, Typography } from 'antd';
import { DateField } from '../../../components/DateField';
import { reconciliationInput } from '../../../../../shared/contract/treasury/intake';
import { invoke } from '../../../api/client';
import { errorMessage } from '../../../api/errors';
import { useAsync } from '../../../api/useAsync';
import { FormError } from '../../../components/FormError';
import { PageHeader } from '../../../components/PageHeader';
import { formatCount, todayDate } from '../../../format';
import { zhCN } from '../../../i18n/zh-CN';
import { navigate } from '../../../router';
import { groupedYuan } from '../fund/fundShared';
import { isZero, ItemsTable, ReconciliationLine, sourceLine, type Reconciliation, type Term } from './reconciliationShared';

const t = zhCN.reconciliation;

interface Typed { amount: string; date: string }

export function ReconciliationPage({ communityId }: { communityId: string }) {
  const [mode, setMode] = useState<'latest' | 'typed'>('latest');
  const [typed, setTyped] = useState<Typed>({ amount: '', date: todayDate() });
  const [asked, setAsked] = useState<Typed | null>(null);
  const [problem, setProblem] = useState<string[]>([]);
  const [term, setTerm] = useState<Term | null>(null);
  const data = useAsync(
    () => invoke('fund.reconciliation', asked ? { communityId, bankBalance: asked.amount, asOf: asked.date } : { communityId }),
    [communityId, asked],
  );

  const reconcile = () => {
    const checked = reconciliationInput.safeParse({ communityId, bankBalance: typed.amount, asOf: typed.date });
    if (!checked.success) {
      setProblem(checked.error.issues.map((i) => i.message));
      return;
    }
    setProblem([]);
    setAsked({ ...typed });
  };

  const r = data.data;
  // The books' own bank account may disagree with the bank even when the fund's side agrees (an entry outside the fund).
  const booksDiffer = r !== undefined && r.booksBank !== r.bank.amount;
  // A difference (or books that disagree with the bank) always shows what explains it; the bank's term opens it too.
  const explain = r !== undefined && (!isZero(r.difference) || booksDiffer || term === 'bank' || term === 'difference');
  return (
    <div className="page page-scroll recon-page" data-testid="reconciliation-page" data-ready={r !== undefined && !data.loading}>
      <PageHeader
        title={t.title}
        extra={
          <>
            <Button onClick={() => navigate({ name: 'bankStatement', communityId })} data-testid="recon-to-statement">{t.toStatement}</Button>
            <Button onClick={() => navigate({ name: 'fund', communityId })} data-testid="recon-to-fund">{t.toFund}</Button>
          </>
        }
      />
      <Typography.Paragraph type="secondary" className="page-intro">{t.intro}</Typography.Paragraph>
      <section className="panel recon-figure">
        <Radio.Group
          value={mode}
          onChange={(e) => {
            setMode(e.target.value as 'latest' | 'typed');
            if (e.target.value === 'latest') setAsked(null);
          }}
          data-testid="recon-mode"
          options={[
            { value: 'latest', label: <span data-testid="recon-mode-latest">{t.figureLatest}</span> },
            { value: 'typed', label: <span data-testid="recon-mode-typed">{t.figureTyped}</span> },
          ]}
        />
        {mode === 'typed' && (
          <div className="recon-typed">
            <label>{t.typedAmount}<Input inputMode="decimal" value={typed.amount} placeholder={t.typedPlaceholder} onChange={(e) => setTyped({ ...typed, amount: e.target.value })} data-testid="recon-amount" /></label>
            <label>{t.typedDate}<DateField value={typed.date} onChange={(v) => setTyped({ ...typed, date: v })} data-testid="recon-date" /></label>
            <Button type="primary" onClick={reconcile} data-testid="recon-run">{t.reconcile}</Button>
          </div>
        )}
        <FormError messages={problem} />
      </section>
      {data.error !== null && <Alert type="error" showIcon title={errorMessage(data.error)} />}
      {r && (
        <>
          <ReconciliationLine data={r} active={term} onTerm={(k) => setTerm(k === term ? null : k)} />
          <div className="recon-source" data-testid="recon-source">{sourceLine(r)}</div>
          {booksDiffer && <Alert type="warning" showIcon className="recon-books-differ" data-testid="recon-books-differ" title={t.booksDiffer(groupedYuan(r.booksBank), groupedYuan(r.bank.amount))} />}
          {explain && <Explanation communityId={communityId} data={r} />}
          {term && term !== 'bank' && term !== 'difference' && <TermList communityId={communityId} data={r} term={term} />}
        </>
      )}
    </div>
  );
}

/** The list a term of the line is made of (the bank's and the difference's are the explanation). */
function TermList({ communityId, data, term }: { communityId: string; data: Reconciliation; term: Term }) {
  if (term === 'fund') {
    return (
      <section className="panel recon-list" data-testid="recon-list-fund">
        <p>{t.listFund(formatCount(data.fund.households))}</p>
        <Button onClick={() => navigate({ name: 'fund', communityId })} data-testid="recon-open-fund">{t.openFund}</Button>
      </section>
    );
  }
  if (term === 'unidentified') {
    return (
      <section className="panel recon-list" data-testid="recon-list-unidentified">
        <div className="recon-list-head">
          <span>{t.listUnidentified}</span>
          <Button size="small" onClick={() => navigate({ name: 'bankStatement', communityId })}>{t.openUnidentified}</Button>
        </div>
        <ItemsTable communityId={communityId} items={data.unidentified.items} testId="recon-unidentified-items" />
      </section>
    );
  }
  if (term === 'other') {
    return (
      <section className="panel recon-list" data-testid="recon-list-other">
        <p>{t.listOther}</p>
        {data.other.accounts.map((a) => (
          <div key={a.role} className="recon-account" data-testid={`recon-account-${a.role}`}>
            <h4>{a.code} {a.name}：<span className="num">{groupedYuan(a.amount)}</span> {t.yuan}</h4>
            <ItemsTable communityId={communityId} items={a.items} testId={`recon-items-${a.role}`} />
          </div>
        ))}
      </section>
    );
  }
  return null;
}

/** What explains the gap between the bank, the books and the fund's side: red when the difference is not zero. */
function Explanation({ communityId, data }: { communityId: string; data: Reconciliation }) {
  const x = data.explanation;
  const bad = !isZero(data.difference);
  return (
    <section className={`panel recon-list${bad ? ' recon-bad' : ''}`} data-testid="recon-list-explanation">
      {bad && <p className="recon-bad-title" data-testid="recon-explain-title">{t.explainTitle(groupedYuan(data.difference))}</p>}
      <p data-testid="recon-books-bank">{t.booksBank(groupedYuan(data.booksBank))}</p>
      <Explained title={t.outsideFund} list={x.outsideFund} communityId={communityId} testId="recon-outside" />
      <Explained title={t.notOnStatement} list={x.notOnStatement} communityId={communityId} testId="recon-not-on-statement" />
      <Explained title={t.notInBooks} list={x.notInBooks} communityId={communityId} testId="recon-not-in-books" />
      {!isZero(x.unexplained) && <p className="recon-bad-title" data-testid="recon-unexplained">{t.unexplained(groupedYuan(x.unexplained))}</p>}
    </section>
  );
}

function Explained({ title, list, communityId, testId }: {
  title: string; list: Reconciliation['explanation']['outsideFund']; communityId: string; testId: string;
}) {
  if (list.entries.length === 0) return null;
  return (
    <div className="recon-explained" data-testid={testId}>
      <div className="recon-list-head">
        <span>{title}</span>
        <span className="num strong">{t.total(groupedYuan(list.total))}{list.more > 0 ? `，${t.more(formatCount(list.more))}` : ''}</span>
      </div>
      <ItemsTable communityId={communityId} items={list.entries} testId={`${testId}-items`} />
    </div>
  );
}
