/**
 * The fund summary print's 专户对账 block: bank = fund + 待查明款项 + other
 * liabilities as of the period's end, the day and where the bank's figure
 * comes from, the difference (in bold when it is not zero, with what explains
 * it in totals), and the other liabilities by account.
 */
import { zhCN } from '../../../i18n/zh-CN';
import { groupedYuan } from '../fund/fundShared';
import { isZero, sourceLine, type Reconciliation } from './reconciliationShared';

const t = zhCN.reconciliation;

export function ReconciliationPrintBlock({ data }: { data: Reconciliation }) {
  const columns = [t.bank, t.fund, t.unidentified, t.other, t.difference];
  const values = [data.bank.amount, data.fund.amount, data.unidentified.amount, data.other.amount, data.difference];
  const bad = !isZero(data.difference);
  const x = data.explanation;
  return (
    <div className="recon-print-block" data-testid="fund-summary-reconciliation">
      <p className="fund-print-section">{t.printTitle}</p>
      <table className="print-table fund-print-table">
        <colgroup>{columns.map((c) => <col key={c} style={{ width: `${100 / columns.length}%` }} />)}</colgroup>
        <thead><tr>{columns.map((c) => <th key={c}>{c}</th>)}</tr></thead>
        <tbody>
          <tr>
            {values.map((v, i) => (
              <td key={columns[i]} className={`num${i === values.length - 1 ? ' strong' : ''}${i === values.length - 1 && bad ? ' recon-print-bad' : ''}`} data-testid={`fund-summary-recon-${i}`}>
                {groupedYuan(v)}
              </td>
            ))}
          </tr>
        </tbody>
      </table>
      <p className="fund-print-note">{t.printNote}；{sourceLine(data)}</p>
      <p className="fund-print-note">
        {data.other.accounts.map((a) => `${a.name} ${groupedYuan(a.amount)} 元`).join('；')}
      </p>
      {bad && (
        <p className="recon-print-line recon-print-bad" data-testid="fund-summary-recon-explained">
          {t.explainTitle(groupedYuan(data.difference))}
          {[
            x.outsideFund.entries.length > 0 ? `${t.outsideFund}${t.total(groupedYuan(x.outsideFund.total))}` : '',
            x.notOnStatement.entries.length > 0 ? `${t.notOnStatement}${t.total(groupedYuan(x.notOnStatement.total))}` : '',
            x.notInBooks.entries.length > 0 ? `${t.notInBooks}${t.total(groupedYuan(x.notInBooks.total))}` : '',
            isZero(x.unexplained) ? '' : t.unexplained(groupedYuan(x.unexplained)),
          ].filter(Boolean).join('；')}
        </p>
      )}
    </div>
  );
}
