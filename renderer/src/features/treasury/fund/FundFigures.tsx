/** The four figures at the top of the fund page (fund.balance): the fund, its sub-ledgers' sum, the bank, the households to top up. */
import { formatCount } from '../../../format';
import { groupedYuan, type FundBalance } from './fundShared';
import { zhCN } from '../../../i18n/zh-CN';

const t = zhCN.fund;

export function FundFigures({ balance }: { balance: FundBalance | undefined }) {
  return (
    <div className="fund-figures" data-testid="fund-figures">
      <Figure label={t.fund} testId="fund-balance" value={balance ? groupedYuan(balance.fund) : '—'} unit={t.yuanUnit} />
      <Figure label={t.households} testId="fund-households-sum" value={balance ? groupedYuan(balance.households) : '—'} unit={t.yuanUnit} />
      <Figure label={t.bank} testId="fund-bank" value={balance ? groupedYuan(balance.bank) : '—'} unit={t.yuanUnit} />
      <Figure
        label={t.belowTopUp}
        testId="fund-below-count"
        value={balance ? formatCount(balance.belowTopUp) : '—'}
        unit={t.householdUnit}
        warn={(balance?.belowTopUp ?? 0) > 0}
      />
    </div>
  );
}

function Figure({ label, value, unit, testId, warn = false }: { label: string; value: string; unit: string; testId: string; warn?: boolean }) {
  return (
    <div className="fund-figure">
      <div className="fund-figure-label">{label}</div>
      <div className={`fund-figure-value${warn ? ' warn' : ''}`}>
        <span data-testid={testId}>{value}</span>
        <span className="fund-figure-unit">{unit}</span>
      </div>
    </div>
  );
}
