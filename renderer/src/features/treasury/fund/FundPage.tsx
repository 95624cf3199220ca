/**
 * 维修资金: the fund's figures, the households table (one sub-ledger per
 * exclusive part, paged in SQL like the roster, searchable and narrowed to
 * those that must top up), and the treasurer's three jobs on the fund:
 * 缴存, 分配增值收益 (previewed before posting) and 按面积分摊试算 (writes nothing).
 * Under the figures, the reconciliation in one line (bank = fund + 待查明 +
 * other). A row opens the part's sub-ledger.
 */
import { useMemo, useState } from 'react';
import { Alert, Button, Switch } from 'antd';
import { invoke } from '../../../api/client';
import { errorMessage } from '../../../api/errors';
import { useQuery } from '../../../api/queries';
import { DataGrid } from '../../../components/DataGrid';
import { PageHeader } from '../../../components/PageHeader';
import { SearchBox } from '../../../components/SearchBox';
import type { PagedSource } from '../../../components/usePagedRows';
import { formatCount } from '../../../format';
import { navigate } from '../../../router';
import { useCommunities } from '../../register/communities/CommunitiesContext';
import { FundPrintMenu } from '../intake/FundPrints';
import { ReconciliationSummary } from '../reconciliation/ReconciliationSummary';
import { ApportionModal } from './ApportionModal';
import { DepositModal } from './DepositModal';
import { EarningsModal } from './EarningsModal';
import { FundFigures } from './FundFigures';
import { fenToYuan } from '../../../../../shared/domain/money';
import { type HouseholdRow } from './fundShared';
import { householdColumns } from './householdColumns';
import { zhCN } from '../../../i18n/zh-CN';
import { useCan } from '../../system/auth/permissions';

const t = zhCN.fund;
const ti = zhCN.intake;

type Dialog = 'deposit' | 'earnings' | 'apportion' | null;

export function FundPage({ communityId }: { communityId: string }) {
  const can = useCan();
  const [text, setText] = useState('');
  const [belowOnly, setBelowOnly] = useState(false);
  const [revision, setRevision] = useState(0);
  const [total, setTotal] = useState<number | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const balance = useQuery('fund.balance', { communityId });

  const source = useMemo<PagedSource<HouseholdRow>>(() => {
    const query = { communityId, text: text.trim(), belowTopUpOnly: belowOnly };
    return {
      kind: 'remote',
      key: JSON.stringify({ ...query, typed: text }),
      label: text,
      revision,
      pageSize: 200,
      fetchPage: (offset, limit) => invoke('fund.households', { ...query, offset, limit }),
    };
  }, [communityId, text, belowOnly, revision]);

  // Something was posted: the figures and the table follow.
  const posted = () => setRevision((r) => r + 1);
  const filtered = text.trim() !== '' || belowOnly;

  return (
    <div className="page fund-page" data-testid="fund-page">
      <PageHeader
        title={t.title}
        sub={<span data-testid="fund-count">{total === null ? '' : t.count(formatCount(total))}</span>}
        extra={
          <>
            {can('books.write') && <Button onClick={() => navigate({ name: 'fundOpening', communityId })} data-testid="fund-opening">{ti.openingNav}</Button>}
            <Button onClick={() => navigate({ name: 'bankStatement', communityId })} data-testid="fund-statement">{ti.statementNav}</Button>
            <span className="fund-header-divider" aria-hidden />
            <Button onClick={() => setDialog('apportion')} data-testid="fund-apportion">{t.apportion}</Button>
            {can('books.write') && <Button onClick={() => setDialog('earnings')} data-testid="fund-earnings">{t.earnings}</Button>}
            {can('books.write') && <Button type="primary" onClick={() => setDialog('deposit')} data-testid="fund-deposit">{t.deposit}</Button>}
          </>
        }
      />
      {balance.error !== null && <Alert type="error" showIcon title={errorMessage(balance.error)} />}
      <FundFigures balance={balance.data} />
      <ReconciliationSummary communityId={communityId} />
      <RulesLine communityId={communityId} />
      <div className="toolbar">
        <SearchBox testId="fund-search" value={text} placeholder={t.searchPlaceholder} width={300} onSearch={setText} />
        <Switch checked={belowOnly} onChange={setBelowOnly} data-testid="fund-below-only" />
        <span className="toolbar-label">{t.belowOnly}</span>
        <span className="toolbar-spacer" />
        <FundPrintMenu communityId={communityId} />
      </div>
      <div className="page-fill">
        <DataGrid
          testId="fund-grid"
          ariaLabel={t.title}
          columns={householdColumns}
          source={source}
          getRowId={(h) => h.partId}
          onRowClick={(h) => navigate({ name: 'subLedger', communityId, partId: h.partId })}
          onTotalChange={setTotal}
          emptyText={filtered ? t.noMatch : t.empty}
        />
      </div>
      <DepositModal communityId={communityId} open={dialog === 'deposit'} onClose={() => setDialog(null)} onPosted={posted} />
      <EarningsModal communityId={communityId} open={dialog === 'earnings'} onClose={() => setDialog(null)} onPosted={posted} />
      <ApportionModal communityId={communityId} open={dialog === 'apportion'} onClose={() => setDialog(null)} />
    </div>
  );
}

/** The community's fund rules in one line, or a warning that the rate is not set (nobody can then be below the trigger). */
function RulesLine({ communityId }: { communityId: string }) {
  const { list } = useCommunities();
  const rules = list?.find((c) => c.id === communityId)?.settings.fundRules;
  if (!rules) return null;
  const rate = rules.depositRatePerM2;
  if (rate <= 0) return <Alert type="warning" showIcon data-testid="fund-rate-missing" title={t.rateNotSet} />;
  return <div className="fund-rules-line" data-testid="fund-rules">{t.rateShown(fenToYuan(rate), rules.topUpTriggerPercent, rules.topUpTargetPercent)}</div>;
}
