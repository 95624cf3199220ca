/**
 * The 维修资金 screen's reconciliation in one line: 银行余额 = 维修资金 +
 * 待查明款项 + 其他负债, 差额 (red when not zero), the day and where the bank's
 * figure comes from, and the way to the 银行对账 page.
 */
import { Button } from 'antd';
import { useQuery } from '../../../api/queries';
import { zhCN } from '../../../i18n/zh-CN';
import { navigate } from '../../../router';
import { groupedYuan } from '../fund/fundShared';
import { isZero, sourceLine } from './reconciliationShared';

const t = zhCN.reconciliation;

export function ReconciliationSummary({ communityId }: { communityId: string }) {
  const loaded = useQuery('fund.reconciliation', { communityId });
  const r = loaded.data;
  if (!r) return null;
  const bad = !isZero(r.difference);
  return (
    <div className={`recon-summary${bad ? ' bad' : ''}`} data-testid="fund-reconciliation">
      <span>
        {t.bank} <span className="num" data-testid="fund-recon-bank">{groupedYuan(r.bank.amount)}</span>
        {` ${t.equals} `}{t.fund} <span className="num" data-testid="fund-recon-fund">{groupedYuan(r.fund.amount)}</span>
        {` ${t.plus} `}{t.unidentified} <span className="num" data-testid="fund-recon-unidentified">{groupedYuan(r.unidentified.amount)}</span>
        {` ${t.plus} `}{t.other} <span className="num" data-testid="fund-recon-other">{groupedYuan(r.other.amount)}</span>
      </span>
      <span>
        {t.difference} <span className="recon-summary-difference" data-testid="fund-recon-difference">{groupedYuan(r.difference)}</span>
        {` ${bad ? t.notBalanced : t.balanced}`}
      </span>
      <span className="recon-summary-source">{sourceLine(r)}</span>
      <Button size="small" type="link" onClick={() => navigate({ name: 'reconciliation', communityId })} data-testid="fund-recon-open">{t.lineOpen}</Button>
    </div>
  );
}
