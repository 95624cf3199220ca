/**
 * 银行流水: the fund's bank statement in (fund.previewStatement, then
 * fund.importStatement), and the 待查明款项 list (fund.unidentified) where a
 * receipt nobody could match is assigned to its part later
 * (fund.settleUnidentified). Two tabs; the second's label counts what waits.
 */
import { useState } from 'react';
import { Alert, Button, Tabs, Typography } from 'antd';
import { invoke } from '../../api/client';
import { errorMessage } from '../../api/errors';
import { useAsync } from '../../api/useAsync';
import { PageHeader } from '../../components/PageHeader';
import { zhCN } from '../../i18n/zh-CN';
import { navigate } from '../../router';
import { StatementImport } from './StatementImport';
import { UnidentifiedList } from './UnidentifiedList';

const t = zhCN.fundIntake;

type Tab = 'import' | 'unidentified';

export function BankStatementPage({ communityId }: { communityId: string }) {
  const [tab, setTab] = useState<Tab>('import');
  const unidentified = useAsync(() => invoke('fund.unidentified', { communityId }), [communityId]);
  const waiting = unidentified.data?.length ?? 0;

  return (
    <div className="page page-scroll statement-page" data-testid="statement-page">
      <PageHeader
        title={t.statementTitle}
        extra={<Button onClick={() => navigate({ name: 'fund', communityId })} data-testid="statement-back">{t.backToFund}</Button>}
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
            children: <StatementImport communityId={communityId} onImported={unidentified.reload} />,
          },
          {
            key: 'unidentified',
            label: (
              <span data-testid="statement-tab-unidentified">
                {t.tabUnidentified}{waiting > 0 && <span className="intake-tab-count" data-testid="statement-unidentified-count">{waiting}</span>}
              </span>
            ),
            children: <UnidentifiedList communityId={communityId} receipts={unidentified.data} onSettled={unidentified.reload} />,
          },
        ]}
      />
    </div>
  );
}
