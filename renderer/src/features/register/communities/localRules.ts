/**
 * 套用地方规则: one choice fills every rule the app knows a place's practice
 * for, from the presets that already exist — the committee's and the
 * contract's (shared/domain/committees.ts, service-contracts.ts, through the
 * office rules' own presetValues), the common revenue's and the repairs'
 * (shared/domain/treasury.ts). Rules with no recorded local difference
 * (notice periods, vote counting) are left as they are. 默认 is the national
 * defaults of the same rules.
 */
import { fundRules } from '../../../../../shared/contract/treasury/fund';
import { REPAIR_RULE_PRESETS, REVENUE_RULE_PRESETS } from '../../../../../shared/domain/treasury';
import { PLACES, presetValues, type Place } from '../../office/bodies/OfficeRulesFields';

export { PLACES as LOCAL_PLACES, type Place as LocalPlace };

const REVENUE_OF: Partial<Record<Place, string>> = { 北京: 'beijing', 上海: 'shanghai' };
const REPAIR_OF: Partial<Record<Place, string>> = { 杭州: 'hangzhou' };

/** The form fields (antd names) and values a place sets. */
export function localRuleFields(place: Place): { name: (string | number)[]; value: unknown }[] {
  const defaults = fundRules.parse({});
  const revenue = REVENUE_RULE_PRESETS.find((p) => p.key === REVENUE_OF[place])?.values ?? {
    revenueTransferPercent: defaults.revenueTransferPercent,
    revenueTransferStrict: defaults.revenueTransferStrict,
    revenueTransferOnlyBelowPercent: defaults.revenueTransferOnlyBelowPercent,
  };
  const repair = REPAIR_RULE_PRESETS.find((p) => p.key === (REPAIR_OF[place] ?? 'none'))!.values;
  return [
    ...Object.entries(presetValues(place)).map(([key, value]) => ({ name: ['settings', 'officeRules', key], value })),
    ...Object.entries({ ...revenue, ...repair }).map(([key, value]) => ({ name: ['settings', 'fundRules', key], value })),
  ];
}
