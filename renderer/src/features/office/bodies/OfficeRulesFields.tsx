/**
 * settings.officeRules (docs/domain.md §6, §7) as a section of the community form:
 * the property-service contract's handover and renewal preparation, the
 * owners' committee's member count, term, deadlines after the election and
 * re-election preparation, the issue ledger's plan hours and days per level
 * escalated to, the party members
 * counted for the party organisation, and the evaluation checklist (names and
 * weights, editable rows). Each field shows docs/domain.md's default (as its
 * initial value) and a hint naming the places that differ; 北京 / 上海 / 杭州
 * apply COMMITTEE_RULE_PRESETS and CONTRACT_PERIOD_PRESETS over the defaults.
 *
 * Rendered inside the community's antd Form (CommunityFields), like the fund
 * rules: every field is named under ['settings', 'officeRules', …].
 */
import { useState } from 'react';
import { Button, Form, Input, InputNumber, Space } from 'antd';
import { COMMITTEE_RULE_PRESETS, DEFAULT_COMMITTEE_RULES, type CommitteeRules } from '../../../../../shared/domain/committees';
import { DEFAULT_CHECKLIST } from '../../../../../shared/domain/evaluation';
import { DEFAULT_LEVEL_DAYS, UPPER_LEVELS } from '../../../../../shared/domain/issue-ledger';
import { CONTRACT_PERIOD_PRESETS, DEFAULT_CONTRACT_PERIODS, type ContractPeriods } from '../../../../../shared/domain/service-contracts';
import { zhCN } from '../../../i18n/zh-CN';

const r = zhCN.bodies.rules;
const RULES = ['settings', 'officeRules'] as const;
const fieldsetStyle = { border: 0, borderTop: '1px solid #eef0f3', padding: '10px 0 0', margin: '4px 0 0', minWidth: 0 } as const;
const legendStyle = { fontWeight: 600, fontSize: 14, padding: 0, marginBottom: 4 } as const;
const subheadStyle = { fontWeight: 500, color: '#4e5969', margin: '2px 0 8px' } as const;
const full = { width: '100%' } as const;

export type Place = '默认' | '北京' | '上海' | '杭州';
export const PLACES: Place[] = ['默认', '北京', '上海', '杭州'];

/** The committee's and the contract's rules of a place: docs/domain.md §6's defaults with the place's differences. */
export function presetValues(place: Place): Partial<CommitteeRules & Pick<ContractPeriods, 'handoverDays' | 'renewalPreparationMonths'>> {
  const committee = { ...DEFAULT_COMMITTEE_RULES, ...(place === '默认' ? {} : COMMITTEE_RULE_PRESETS[place]) };
  const contract = place === '北京' || place === '杭州' ? CONTRACT_PERIOD_PRESETS[place] : {};
  return {
    ...committee,
    handoverDays: contract.handoverDays ?? DEFAULT_CONTRACT_PERIODS.handoverDays,
    renewalPreparationMonths: contract.renewalPreparationMonths !== undefined ? contract.renewalPreparationMonths : DEFAULT_CONTRACT_PERIODS.renewalPreparationMonths,
  };
}

let newKey = 0;
/** A key for a new checklist row (the evaluation keeps scores by key; names may change). */
const freshKey = () => `item-${Date.now().toString(36)}-${(newKey++).toString(36)}`;

export function OfficeRulesFields() {
  const form = Form.useFormInstance();
  const [applied, setApplied] = useState<Place | null>(null);
  const checklist = Form.useWatch([...RULES, 'checklist'], form) as { weight?: number | null }[] | undefined;
  const weightSum = (checklist ?? []).reduce((s, i) => s + (typeof i?.weight === 'number' ? i.weight : 0), 0);

  const apply = (place: Place) => {
    const values = presetValues(place);
    form.setFields(Object.entries(values).map(([key, value]) => ({ name: [...RULES, key], value, errors: [] })));
    setApplied(place);
  };

  return (
    <fieldset style={fieldsetStyle} data-testid="community-office-rules">
      <legend style={legendStyle}>{r.heading}</legend>
      <p style={{ color: '#7a828e', margin: '0 0 8px' }}>{r.intro}</p>
      <div style={{ margin: '0 0 12px' }}>
        <Space wrap size={6}>
          <span style={{ color: '#4e5969' }}>{r.presets}</span>
          {PLACES.map((p) => (
            <Button key={p} size="small" title={r.presetHint[p]} onClick={() => apply(p)} data-testid={`rule-office-preset-${p}`}>{p === '默认' ? r.presetDefault : p}</Button>
          ))}
        </Space>
        {applied && <div style={{ color: '#4e5969', fontSize: 12, marginTop: 6 }} data-testid="rule-office-preset-applied">{r.presetApplied(applied === '默认' ? r.presetDefault : applied)}：{r.presetHint[applied]}</div>}
      </div>

      <div style={subheadStyle}>{r.contractHeading}</div>
      <div className="form-row">
        <Form.Item name={[...RULES, 'handoverDays']} label={r.handoverDays} extra={r.handoverHelp} initialValue={DEFAULT_CONTRACT_PERIODS.handoverDays}>
          <InputNumber min={1} max={365} precision={0} suffix={r.days} style={full} data-testid="rule-handover-days" />
        </Form.Item>
        <Form.Item name={[...RULES, 'renewalPreparationMonths']} label={r.renewalMonths} extra={r.renewalHelp} initialValue={DEFAULT_CONTRACT_PERIODS.renewalPreparationMonths}>
          <InputNumber min={1} max={24} precision={0} suffix={r.months} placeholder={r.noReminder} style={full} data-testid="rule-renewal-months" />
        </Form.Item>
      </div>

      <div style={subheadStyle}>{r.committeeHeading}</div>
      <div className="form-row">
        <Form.Item name={[...RULES, 'minMembers']} label={r.minMembers} extra={r.membersHelp} initialValue={DEFAULT_COMMITTEE_RULES.minMembers}>
          <InputNumber min={3} max={21} precision={0} suffix={r.personsUnit} style={full} data-testid="rule-min-members" />
        </Form.Item>
        <Form.Item name={[...RULES, 'maxMembers']} label={r.maxMembers} initialValue={DEFAULT_COMMITTEE_RULES.maxMembers}>
          <InputNumber min={3} max={21} precision={0} suffix={r.personsUnit} style={full} data-testid="rule-max-members" />
        </Form.Item>
      </div>
      <div className="form-row">
        <Form.Item name={[...RULES, 'smallCommunityHouseholds']} label={r.smallHouseholds} extra={r.smallHelp} initialValue={DEFAULT_COMMITTEE_RULES.smallCommunityHouseholds}>
          <InputNumber min={1} max={10_000} precision={0} suffix={r.householdsUnit} placeholder={r.noLimit} style={full} data-testid="rule-small-households" />
        </Form.Item>
        <Form.Item name={[...RULES, 'reElectionPreparationMonths']} label={r.reElectionMonths} extra={r.reElectionHelp} initialValue={DEFAULT_COMMITTEE_RULES.reElectionPreparationMonths}>
          <InputNumber min={1} max={24} precision={0} suffix={r.months} style={full} data-testid="rule-reelection-months" />
        </Form.Item>
      </div>
      <div className="form-row">
        <Form.Item name={[...RULES, 'minTermYears']} label={r.minTerm} extra={r.minTermHelp} initialValue={DEFAULT_COMMITTEE_RULES.minTermYears}>
          <InputNumber min={1} max={10} precision={0} suffix={r.yearsUnit} placeholder={r.noLimit} style={full} data-testid="rule-min-term" />
        </Form.Item>
        <Form.Item name={[...RULES, 'maxTermYears']} label={r.maxTerm} extra={r.maxTermHelp} initialValue={DEFAULT_COMMITTEE_RULES.maxTermYears}>
          <InputNumber min={1} max={10} precision={0} suffix={r.yearsUnit} style={full} data-testid="rule-max-term" />
        </Form.Item>
      </div>
      <div className="form-row">
        <Form.Item name={[...RULES, 'firstMeetingDays']} label={r.firstMeetingDays} extra={r.firstMeetingHelp} initialValue={DEFAULT_COMMITTEE_RULES.firstMeetingDays}>
          <InputNumber min={1} max={90} precision={0} suffix={r.days} style={full} data-testid="rule-first-meeting-days" />
        </Form.Item>
        <Form.Item name={[...RULES, 'filingDays']} label={r.filingDays} extra={r.filingHelp} initialValue={DEFAULT_COMMITTEE_RULES.filingDays}>
          <InputNumber min={1} max={180} precision={0} suffix={r.days} style={full} data-testid="rule-filing-days" />
        </Form.Item>
      </div>

      <div style={subheadStyle}>{r.otherHeading}</div>
      <div className="form-row">
        <Form.Item name={[...RULES, 'issuePlanHours']} label={r.issuePlanHours} extra={r.issuePlanHelp} initialValue={24}>
          <InputNumber min={1} max={720} precision={0} suffix={r.hours} style={full} data-testid="rule-issue-plan-hours" />
        </Form.Item>
        <Form.Item name={[...RULES, 'partyMembers']} label={r.partyMembers} extra={r.partyMembersHelp} initialValue={null}>
          <InputNumber min={0} max={100_000} precision={0} suffix={r.personsUnit} placeholder={r.partyPlaceholder} style={full} data-testid="rule-party-members" />
        </Form.Item>
      </div>

      <div className="form-row" style={{ gridTemplateColumns: 'repeat(3, minmax(0, 1fr))' }}>
        {UPPER_LEVELS.map((level) => (
          <Form.Item key={level} name={[...RULES, 'issueLevelDays', level]} label={r.issueLevelDays(level)} extra={level === '小区' ? r.issueLevelHelp : undefined} initialValue={DEFAULT_LEVEL_DAYS[level]}>
            <InputNumber min={1} max={365} precision={0} suffix={r.days} style={full} data-testid={`rule-issue-level-days-${level}`} />
          </Form.Item>
        ))}
      </div>

      <Form.Item label={r.checklistHeading} extra={<span>{r.checklistHelp}；<span data-testid="rule-checklist-total">{r.checklistTotal(weightSum)}</span></span>}>
        <Form.List name={[...RULES, 'checklist']} initialValue={DEFAULT_CHECKLIST.map((i) => ({ ...i }))}>
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <div key={field.key} className="form-row" style={{ gridTemplateColumns: 'minmax(0, 1fr) 140px 64px' }} data-testid="checklist-row">
                  <Form.Item name={[field.name, 'name']} style={{ marginBottom: 8 }}>
                    <Input maxLength={30} placeholder={r.checklistName} aria-label={r.checklistName} data-testid="checklist-name" />
                  </Form.Item>
                  <Form.Item name={[field.name, 'weight']} style={{ marginBottom: 8 }}>
                    <InputNumber min={1} max={1000} precision={0} placeholder={r.checklistWeight} aria-label={r.checklistWeight} prefix={r.checklistWeight} style={full} data-testid="checklist-weight" />
                  </Form.Item>
                  <Button type="link" danger onClick={() => remove(field.name)} disabled={fields.length <= 1}>{r.checklistRemove}</Button>
                </div>
              ))}
              <Button onClick={() => add({ key: freshKey(), name: '', weight: 10 })} data-testid="checklist-add">{r.checklistAdd}</Button>
            </>
          )}
        </Form.List>
      </Form.Item>
    </fieldset>
  );
}
