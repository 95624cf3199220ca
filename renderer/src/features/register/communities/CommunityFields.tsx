/**
 * A community's fields: its name and offices (CommunityFields: the new
 * community's form and 小区设置), and its rules (CommunityRulesFields: only on
 * 小区设置 — a new community starts with the defaults).
 */
import { Button, Form, Input, InputNumber, Radio, Select, Switch } from 'antd';
import { fundRules } from '../../../../../shared/contract/treasury/fund';
import { DEFAULT_LOCK_MINUTES, LOCK_MINUTES_MAX, LOCK_MINUTES_MIN } from '../../../../../shared/contract/register';
import { DEFAULT_AREA_BOUNDS } from '../../../../../shared/domain/area';
import { COMMUNITY_TYPES } from '../../../../../shared/domain/levels';
import { DEFAULT_MEETING_RULES } from '../../../../../shared/domain/meetings';
import { PART_TYPES, type PartType } from '../../../../../shared/domain/register';
import { REPAIR_RULE_PRESETS, REVENUE_RULE_PRESETS, type RulePreset } from '../../../../../shared/domain/treasury';
import { zhCN } from '../../../i18n/zh-CN';
import { fenToYuanNumber, yuanNumberToFen } from '../../treasury/fund/fundShared';
import { OfficeRulesFields } from '../../office/bodies/OfficeRulesFields';

const t = zhCN.community;
const m = zhCN.meetings.settings;
const RULES = ['settings', 'meetingRules'] as const;

export function CommunityFields() {
  return (
    <>
      <Form.Item name="name" label={t.name} required>
        <Input maxLength={60} />
      </Form.Item>
      <Form.Item name="address" label={t.address}>
        <Input />
      </Form.Item>
      <div className="form-row">
        <Form.Item name="streetOffice" label={t.streetOffice}>
          <Input maxLength={60} placeholder={t.streetPlaceholder} />
        </Form.Item>
        <Form.Item name="communityOffice" label={t.communityOffice}>
          <Input maxLength={60} placeholder={t.communityPlaceholder} />
        </Form.Item>
      </div>
      <div className="form-row">
        <Form.Item name="developer" label={t.developer}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="type" label={t.type} extra={t.typeHelp}>
          <Select options={COMMUNITY_TYPES.map((v) => ({ value: v, label: v }))} style={{ minWidth: 140 }} data-testid="community-type" />
        </Form.Item>
      </div>
    </>
  );
}

/** The community's rules, section by section (settings.*). */
export function CommunityRulesFields() {
  return (
    <>
      <Form.Item name={['settings', 'countParkingInVotes']} label={t.countParking} valuePropName="checked" extra={t.countParkingHelp}>
        <Switch checkedChildren={t.counted} unCheckedChildren={t.notCounted} />
      </Form.Item>
      <AreaBoundsFields />
      <MeetingRulesFields />
      <VoteRulesFields />
      <FundRulesFields />
      <RevenueRulesFields />
      <RepairRulesFields />
      <OfficeRulesFields />
      <ReviewRulesFields />
      <fieldset style={fieldsetStyle} data-testid="community-lock">
        <legend style={legendStyle}>{t.lockHeading}</legend>
        <Form.Item name={['settings', 'lockMinutes']} label={t.lockMinutes} extra={t.lockMinutesHelp} style={{ maxWidth: 320 }}>
          <InputNumber min={LOCK_MINUTES_MIN} max={LOCK_MINUTES_MAX} precision={0} suffix={t.minutes} style={{ width: '100%' }} data-testid="rule-lock-minutes" />
        </Form.Item>
      </fieldset>
    </>
  );
}

/** settings.twoPersonControl: 复核 (issue 16), its own section like the other rules. */
function ReviewRulesFields() {
  return (
    <fieldset style={{ border: 0, borderTop: '1px solid #eef0f3', padding: '10px 0 0', margin: '4px 0 0', minWidth: 0 }} data-testid="community-review-rules">
      <legend style={{ fontWeight: 600, fontSize: 14, padding: 0, marginBottom: 4 }}>{zhCN.reviews.settingHeading}</legend>
      <Form.Item name={['settings', 'twoPersonControl']} label={zhCN.reviews.setting} valuePropName="checked" extra={zhCN.reviews.settingHelp}>
        <Switch checkedChildren={zhCN.reviews.on} unCheckedChildren={zhCN.reviews.off} data-testid="two-person-control" />
      </Form.Item>
    </fieldset>
  );
}

/** settings.meetingRules: notice periods, the committee's decision rule, posting and meeting intervals. */
function MeetingRulesFields() {
  return (
    <fieldset style={{ border: 0, borderTop: '1px solid #eef0f3', padding: '10px 0 0', margin: '4px 0 0', minWidth: 0 }} data-testid="community-meeting-rules">
      <legend style={{ fontWeight: 600, fontSize: 14, padding: 0, marginBottom: 4 }}>{m.heading}</legend>
      <p style={{ color: '#7a828e', margin: '0 0 10px' }}>{m.intro}</p>
      <div className="form-row">
        <Form.Item name={[...RULES, 'assemblyNoticeDays']} label={m.assemblyNoticeDays} extra={m.assemblyNoticeHelp}>
          <InputNumber min={1} max={90} precision={0} suffix={m.days} style={{ width: '100%' }} data-testid="rule-assembly-notice" />
        </Form.Item>
        <Form.Item name={[...RULES, 'extraordinaryNoticeDays']} label={m.extraordinaryNoticeDays} extra={m.extraordinaryNoticeHelp}>
          <InputNumber min={1} max={90} precision={0} suffix={m.days} style={{ width: '100%' }} data-testid="rule-extraordinary-notice" />
        </Form.Item>
      </div>
      <Form.Item name={[...RULES, 'committeeDecisionRule']} label={m.committeeDecisionRule} extra={m.committeeDecisionHelp}>
        <Select
          data-testid="rule-decision"
          options={[
            { value: 'more-than-half', label: m.moreThanHalf },
            { value: 'half-or-more', label: m.halfOrMore },
          ]}
        />
      </Form.Item>
      <div className="form-row">
        <Form.Item name={[...RULES, 'postingDays']} label={m.postingDays} extra={m.postingDaysHelp}>
          <InputNumber min={1} max={30} precision={0} suffix={m.days} style={{ width: '100%' }} data-testid="rule-posting-days" />
        </Form.Item>
        <Form.Item name={[...RULES, 'committeeMeetingMonths']} label={m.committeeMeetingMonths} extra={m.committeeMeetingHelp}>
          <InputNumber min={1} max={12} precision={0} suffix={m.months} style={{ width: '100%' }} data-testid="rule-committee-months" />
        </Form.Item>
      </div>
    </fieldset>
  );
}

const VOTE = ['settings', 'voteRules'] as const;
const v = zhCN.community.voteRules;

/** settings.voteRules: how blanks and invalid ballots count (stated on every result notice), the voting window. */
function VoteRulesFields() {
  return (
    <fieldset style={{ border: 0, borderTop: '1px solid #eef0f3', padding: '10px 0 0', margin: '4px 0 0', minWidth: 0 }} data-testid="community-vote-rules">
      <legend style={{ fontWeight: 600, fontSize: 14, padding: 0, marginBottom: 4 }}>{v.heading}</legend>
      <div className="form-row">
        <Form.Item name={[...VOTE, 'blankRule']} label={v.blankRule} extra={v.blankRuleHelp}>
          <Select data-testid="rule-blank" options={[{ value: 'abstain', label: v.blankAbstain }, { value: 'not-counted', label: v.blankNotCounted }]} />
        </Form.Item>
        <Form.Item name={[...VOTE, 'invalidParticipates']} label={v.invalidParticipates} valuePropName="checked" extra={v.invalidHelp}>
          <Switch checkedChildren={v.invalidYes} unCheckedChildren={v.invalidNo} data-testid="rule-invalid" />
        </Form.Item>
      </div>
      <div className="form-row">
        <Form.Item name={[...VOTE, 'minWindowDays']} label={v.minWindow} extra={v.windowHelp}>
          <InputNumber min={1} max={365} precision={0} suffix={zhCN.meetings.settings.days} style={{ width: '100%' }} placeholder={v.noLimit} />
        </Form.Item>
        <Form.Item name={[...VOTE, 'maxWindowDays']} label={v.maxWindow}>
          <InputNumber min={1} max={365} precision={0} suffix={zhCN.meetings.settings.days} style={{ width: '100%' }} placeholder={v.noLimit} />
        </Form.Item>
      </div>
      <Form.Item label={v.extraItems} extra={v.extraItemsHelp}>
        <Form.List name={[...VOTE, 'extraItems']}>
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <div key={field.key} className="form-row" data-testid="extra-item">
                  <Form.Item name={[field.name, 'number']} style={{ maxWidth: 110 }} rules={[{ required: true, message: v.extraNumber }]}>
                    <InputNumber min={10} max={99} precision={0} placeholder={v.extraNumber} style={{ width: '100%' }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'name']} rules={[{ required: true, message: v.extraName }]}>
                    <Input maxLength={60} placeholder={v.extraName} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'threshold']} style={{ maxWidth: 180 }}>
                    <Select options={[{ value: 'majority', label: v.majority }, { value: 'three-quarters', label: v.threeQuarters }]} />
                  </Form.Item>
                  <Button type="link" danger onClick={() => remove(field.name)}>{zhCN.common.delete}</Button>
                </div>
              ))}
              <Button onClick={() => add({ number: 10 + fields.length, name: '', threshold: 'majority' })} data-testid="extra-item-add">{v.extraAdd}</Button>
            </>
          )}
        </Form.List>
      </Form.Item>
    </fieldset>
  );
}

const FUND = ['settings', 'fundRules'] as const;
const f = zhCN.fund.rules;

/**
 * settings.fundRules (docs/domain.md §5): the initial deposit per m², typed in
 * yuan and kept in fen as every amount is; when a household must top up, and
 * to what share.
 */
function FundRulesFields() {
  return (
    <fieldset style={{ border: 0, borderTop: '1px solid #eef0f3', padding: '10px 0 0', margin: '4px 0 0', minWidth: 0 }} data-testid="community-fund-rules">
      <legend style={{ fontWeight: 600, fontSize: 14, padding: 0, marginBottom: 4 }}>{f.heading}</legend>
      <Form.Item
        name={[...FUND, 'depositRatePerM2']}
        label={f.rate}
        extra={f.rateHelp}
        getValueProps={(fen?: number) => ({ value: fenToYuanNumber(fen) })}
        normalize={(yuan?: number | null) => yuanNumberToFen(yuan)}
      >
        <InputNumber min={0} max={100_000} precision={2} step={1} style={{ width: '100%' }} data-testid="rule-fund-rate" />
      </Form.Item>
      <div className="form-row">
        <Form.Item name={[...FUND, 'topUpTriggerPercent']} label={f.trigger} extra={f.triggerHelp}>
          <InputNumber min={1} max={100} precision={0} suffix={f.percent} style={{ width: '100%' }} data-testid="rule-fund-trigger" />
        </Form.Item>
        <Form.Item name={[...FUND, 'topUpTargetPercent']} label={f.target} extra={f.targetHelp}>
          <InputNumber min={1} max={100} precision={0} suffix={f.percent} style={{ width: '100%' }} data-testid="rule-fund-target" />
        </Form.Item>
      </div>
    </fieldset>
  );
}

const r = zhCN.revenue.rules;
const fieldsetStyle = { border: 0, borderTop: '1px solid #eef0f3', padding: '10px 0 0', margin: '4px 0 0', minWidth: 0 } as const;
const legendStyle = { fontWeight: 600, fontSize: 14, padding: 0, marginBottom: 4 } as const;

/**
 * settings.fundRules' common-revenue rule (shared/domain/treasury.ts
 * proposeTransfer): the share of the net revenue that goes to the fund,
 * "at least" or "more than" it, and only while the fund is below a share of
 * the initial deposits (Beijing ≥ 50 % while below 30 %; Shanghai > 50 %).
 */
function RevenueRulesFields() {
  const form = Form.useFormInstance();
  const percent = Form.useWatch([...FUND, 'revenueTransferPercent'], form) as number | null | undefined;
  const strict = Form.useWatch([...FUND, 'revenueTransferStrict'], form) as boolean | undefined;
  const below = Form.useWatch([...FUND, 'revenueTransferOnlyBelowPercent'], form) as number | null | undefined;
  return (
    <fieldset style={fieldsetStyle} data-testid="community-revenue-rules">
      <legend style={legendStyle}>{r.revenueHeading}</legend>
      <p style={{ color: '#7a828e', margin: '0 0 10px' }}>{r.revenueIntro}</p>
      <RulePresetPicker presets={REVENUE_RULE_PRESETS} testId="rule-revenue-preset" />
      <div className="form-row">
        <Form.Item name={[...FUND, 'revenueTransferPercent']} label={r.percent} extra={r.percentHelp}>
          <InputNumber min={1} max={100} precision={0} suffix={r.percentSign} style={{ width: '100%' }} data-testid="rule-revenue-percent" />
        </Form.Item>
        <Form.Item name={[...FUND, 'revenueTransferStrict']} label={r.comparison} extra={r.comparisonHelp}>
          <Radio.Group
            data-testid="rule-revenue-strict"
            options={[{ value: false, label: r.atLeast }, { value: true, label: r.moreThan }]}
          />
        </Form.Item>
      </div>
      <div className="form-row">
        <Form.Item name={[...FUND, 'revenueTransferOnlyBelowPercent']} label={r.onlyBelow} extra={r.onlyBelowHelp}>
          <InputNumber min={1} max={100} precision={0} suffix={r.percentSign} placeholder={r.always} style={{ width: '100%' }} data-testid="rule-revenue-below" />
        </Form.Item>
      </div>
      <p style={{ color: '#4e5969', margin: '-4px 0 12px' }} data-testid="rule-revenue-preview">{r.preview(percent ?? null, strict === true, below ?? null)}</p>
    </fieldset>
  );
}

/**
 * A local practice chosen as a whole (shared/domain/treasury.ts presets):
 * choosing one fills its fields, which stay editable; the picker shows the
 * preset the fields now match, or 自定义, and says where the preset comes from.
 */
function RulePresetPicker<K extends string>({ presets, testId }: { presets: readonly RulePreset<K>[]; testId: string }) {
  const form = Form.useFormInstance();
  const keys = Object.keys(presets[0]!.values) as K[];
  // Watched, so the picker follows the fields as they are typed.
  const rules = Form.useWatch((all: { settings?: { fundRules?: Partial<Record<K, unknown>> } }) => all.settings?.fundRules, form);
  const matched = rules && presets.find((p) => keys.every((k) => (rules[k] ?? null) === p.values[k]));
  return (
    <Form.Item label={r.presetLabel} extra={matched ? <span data-testid={`${testId}-source`}>{r.presetSource(matched.source)}</span> : r.presetCustomHelp}>
      <Select
        data-testid={testId}
        value={matched?.key ?? 'custom'}
        onChange={(key: string) => {
          const chosen = presets.find((p) => p.key === key);
          if (chosen) form.setFieldValue([...FUND], { ...(form.getFieldValue([...FUND]) as object), ...chosen.values });
        }}
        options={[...presets.map((p) => ({ value: p.key, label: p.label })), { value: 'custom', label: r.presetCustom, disabled: true }]}
      />
    </Form.Item>
  );
}

/** Nullable hundredths (fen, 0.01 m²) ⇄ units (yuan, m²): an empty field is null (no rule), not zero. */
const fromHundredthsOrNull = (value: number | null | undefined): number | null => (typeof value === 'number' ? value / 100 : null);
const toHundredthsOrNull = (units: number | null | undefined): number | null => (typeof units === 'number' && Number.isFinite(units) ? Math.round(units * 100) : null);

/**
 * settings.fundRules' repair rules: an audit above a cost (typed in yuan, kept
 * in fen; Hangzhou 30,000 元) and a new approval when the final cost exceeds
 * the approved by a share or more (Hangzhou 10 %). Empty: no such rule.
 */
function RepairRulesFields() {
  return (
    <fieldset style={fieldsetStyle} data-testid="community-repair-rules">
      <legend style={legendStyle}>{r.repairHeading}</legend>
      <p style={{ color: '#7a828e', margin: '0 0 10px' }}>{r.repairIntro}</p>
      <RulePresetPicker presets={REPAIR_RULE_PRESETS} testId="rule-repair-preset" />
      <div className="form-row">
        <Form.Item
          name={[...FUND, 'repairAuditAbove']}
          label={r.auditAbove}
          extra={r.auditHelp}
          getValueProps={(fen?: number | null) => ({ value: fromHundredthsOrNull(fen) })}
          normalize={(yuan?: number | null) => toHundredthsOrNull(yuan)}
        >
          <InputNumber min={0} max={100_000_000} precision={2} step={1000} placeholder={r.notRequired} style={{ width: '100%' }} data-testid="rule-repair-audit" />
        </Form.Item>
        <Form.Item name={[...FUND, 'repairReapprovalPercent']} label={r.reapproval} extra={r.reapprovalHelp}>
          <InputNumber min={1} max={100} precision={0} suffix={r.percentSign} placeholder={r.notRequired} style={{ width: '100%' }} data-testid="rule-repair-reapproval" />
        </Form.Item>
      </div>
    </fieldset>
  );
}

const BOUNDS = ['settings', 'areaBounds'] as const;
const a = zhCN.community.areaBounds;

/**
 * settings.areaBounds (shared/domain/area.ts): per part type, the areas the
 * roster import and the part form record without a confirmation. Typed in m²,
 * kept in 0.01 m² as every area is; empty is no bound.
 */
function AreaBoundsFields() {
  const bound = (type: PartType, side: 'min' | 'max') => (
    <Form.Item
      name={[...BOUNDS, type, side]}
      label={`${type}${side === 'min' ? a.min : a.max}`}
      getValueProps={(hundredths?: number | null) => ({ value: fromHundredthsOrNull(hundredths) })}
      normalize={(m2?: number | null) => toHundredthsOrNull(m2)}
    >
      <InputNumber min={0.01} max={1_000_000} precision={2} suffix={a.unit} placeholder={a.noLimit} style={{ width: '100%' }} data-testid={`bound-${type}-${side}`} />
    </Form.Item>
  );
  return (
    <fieldset style={fieldsetStyle} data-testid="community-area-bounds">
      <legend style={legendStyle}>{a.heading}</legend>
      <p style={{ color: '#7a828e', margin: '0 0 10px' }}>{a.intro}</p>
      {PART_TYPES.map((type) => (
        <div className="form-row" key={type}>
          {bound(type, 'min')}
          {bound(type, 'max')}
        </div>
      ))}
    </fieldset>
  );
}

export const emptyCommunity = {
  name: '', address: '', streetOffice: '', communityOffice: '', developer: '', type: '其他' as const,
  settings: {
    countParkingInVotes: false, areaBounds: DEFAULT_AREA_BOUNDS, meetingRules: { ...DEFAULT_MEETING_RULES },
    voteRules: { blankRule: 'abstain' as const, invalidParticipates: false, minWindowDays: null, maxWindowDays: null, extraItems: [] },
    fundRules: fundRules.parse({}),
    twoPersonControl: false,
    lockMinutes: DEFAULT_LOCK_MINUTES,
  },
};
