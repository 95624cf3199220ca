/**
 * 银行流水: the fund's bank statement in (fund.previewStatement, then
 * fund.importStatement, each row classified), the rows already in the books
 * with their re-classification (fund.statementRows), and the 待查明款项 list
 * (fund.unidentified) where what nobody could place is claimed later. Three
 * tabs; the last one's label counts what waits.
 */
import { useState } from 'react';
import { Alert, Button, Tabs, Typography } from 'antd';
import { errorMessage } from '../../../api/errors';
import { useQuery } from '../../../api/queries';
import { PageHeader } from '../../../components/PageHeader';
import { zhCN } from '../../../i18n/zh-CN';
import { navigate } from '../../../router';
import { PostedStatementRows } from './PostedStatementRows';
import { StatementImport } from './StatementImport';
import { UnidentifiedList } from './UnidentifiedList';

const t = zhCN.intake;

type Tab = 'import' | 'posted' | 'unidentified';

export function BankStatementPage({ communityId }: { communityId: string }) {
  const [tab, setTab] = useState<Tab>('import');
  const [revision, setRevision] = useState(0);
  const unidentified = useQuery('fund.unidentified', { communityId });
  const waiting = unidentified.data?.length ?? 0;
  // Something was posted: every tab's figures follow.
  const changed = () => setRevision((r) => r + 1);

  return (
    <div className="page page-scroll statement-page" data-testid="statement-page">
      <PageHeader
        title={t.statementTitle}
        extra={
          <>
            <Button onClick={() => navigate({ name: 'reconciliation', communityId })} data-testid="statement-reconciliation">{t.reconciliationNav}</Button>
            <Button onClick={() => navigate({ name: 'fund', communityId })} data-testid="statement-back">{t.backToFund}</Button>
          </>
        }
      />
      <Typography.Paragraph type="secondary" className="page-intro intake-intro">{t.statementIntro}</Typography.Paragraph>
      {unidentified.error !== null && <Alert type="error" showIcon title={errorMessage(unidentified.error)} />}
      <Tabs
        activeKey={tab}
        onChange={(key) => setTab(key as Tab)}
        items={[
          {
            key: 'import',
            label: <span data-testid="statement-tab-import">{t.tabImport}</span>,
            children: <StatementImport communityId={communityId} onImported={changed} />,
          },
          {
            key: 'posted',
            label: <span data-testid="statement-tab-posted">{t.tabPosted}</span>,
            children: <PostedStatementRows communityId={communityId} revision={revision} onChanged={changed} />,
          },
          {
            key: 'unidentified',
            label: (
              <span data-testid="statement-tab-unidentified">
                {t.tabUnidentified}{waiting > 0 && <span className="intake-tab-count" data-testid="statement-unidentified-count">{waiting}</span>}
              </span>
            ),
            children: <UnidentifiedList communityId={communityId} items={unidentified.data} onClaimed={changed} />,
          },
        ]}
      />
    </div>
  );
}
