import { Alert } from 'antd';
import type { MethodOutput } from '../../../../../shared/contract/methods';
import { formatCount, groupedArea } from '../../../format';
import { zhCN } from '../../../i18n/zh-CN';

const t = zhCN.electorate;

/** How N and A were counted, in words, with the rule they follow. */
export function ElectorateBreakdown({ electorate }: { electorate: MethodOutput<'roster.electorate'> }) {
  const b = electorate.breakdown;
  const n = formatCount;
  return (
    <section className="electorate-breakdown" data-testid="electorate-breakdown">
      <h3 className="section-heading">{t.breakdownTitle}</h3>
      <ol className="breakdown-list">
        <li>{t.partsInScope(n(b.partsInScope), n(b.countedParts))}</li>
        <li>
          {electorate.countParking ? t.parkingCounted : t.parkingExcluded(n(b.excludedParking.parts), groupedArea(b.excludedParking.area))}
          <span className="muted">{t.parkingSetting}</span>
        </li>
        <li>{b.developer.parts > 0 ? t.developer(n(b.developer.parts), groupedArea(b.developer.area)) : t.noDeveloper}</li>
        <li>{t.coOwned(n(b.coOwnedParts))}</li>
        <li>{t.multiPart(n(b.multiPartSubjects.subjects), n(b.multiPartSubjects.parts))}</li>
        <li>{t.merged(n(b.mergedParts))}</li>
      </ol>
      {b.withoutOwner > 0 && <Alert type="warning" showIcon title={t.withoutOwner(n(b.withoutOwner))} data-testid="without-owner" />}
      <p className="rule-citation">{t.rule}</p>
    </section>
  );
}
