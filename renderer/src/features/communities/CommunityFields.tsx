/** The fields of a community, shared by the community form and the import form. */
import { Button, Form, Input, InputNumber, Select, Switch } from 'antd';
import { DEFAULT_MEETING_RULES } from '../../../../shared/domain/meetings';
import { zhCN } from '../../i18n/zh-CN';

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
      <Form.Item name="developer" label={t.developer}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name={['settings', 'countParkingInVotes']} label={t.countParking} valuePropName="checked" extra={t.countParkingHelp}>
        <Switch checkedChildren={t.counted} unCheckedChildren={t.notCounted} />
      </Form.Item>
      <MeetingRulesFields />
      <VoteRulesFields />
    </>
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

export const emptyCommunity = {
  name: '', address: '', streetOffice: '', communityOffice: '', developer: '',
  settings: {
    countParkingInVotes: false, meetingRules: { ...DEFAULT_MEETING_RULES },
    voteRules: { blankRule: 'abstain' as const, invalidParticipates: false, minWindowDays: null, maxWindowDays: null, extraItems: [] },
  },
};
