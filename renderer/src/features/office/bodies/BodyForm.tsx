/**
 * 登记组织 / 换届 / 修改: one term of a body — its kind, election date, term
 * in years, for the owners' committee the first meeting and the filing, a note,
 * and its members in a table (name, optionally linked to a person of the
 * register, role, party member, also on the party branch or the residents'
 * committee). The contract's schema checks the form; a rule that says no
 * (member count, term) is refused by main with every violation listed, and
 * 「仍要保存」 sends it again with the written reason (meetings' override).
 */
import { useEffect, useMemo, useState } from 'react';
import { App as AntApp, AutoComplete, Button, Checkbox, Form, Input, InputNumber, Select, Space, Tag } from 'antd';
import { DateField } from '../../../components/DateField';
import { BODY_KINDS, bodyFields, bodyUpdate, type OfficeRules } from '../../../../../shared/contract/office';
import { invoke } from '../../../api/client';
import { useAsync } from '../../../api/useAsync';
import { FormError } from '../../../components/FormError';
import { GuardedModal } from '../../../components/GuardedModal';
import { useFormSubmit } from '../../../components/useFormSubmit';
import { useRevision } from '../../../components/ConflictDialog';
import { zhCN } from '../../../i18n/zh-CN';
import { OverridePanel, useOverride } from '../../meetings/meetings/override';
import { defaultRole, OWNERS_COMMITTEE, partyCount, roleOptions, type Body, type BodyKind, type MemberRole, type Person } from './bodiesShared';

const t = zhCN.bodies;

/** What the form is for: a new term of a kind (a first one, or 换届), or changing a recorded term. */
export type BodyFormMode = { mode: 'create'; kind: BodyKind; renew: boolean } | { mode: 'edit'; body: Body };

interface MemberValues {
  personId?: string | null;
  name?: string;
  role?: MemberRole;
  partyMember?: boolean;
  onPartyBranch?: boolean;
  onResidentsCommittee?: boolean;
}
interface Values {
  kind?: BodyKind;
  electedOn?: string;
  termYears?: number | null;
  firstMeetingOn?: string;
  filedOn?: string;
  note?: string;
  members?: MemberValues[];
}

const newMember = (kind: BodyKind): MemberValues => ({
  personId: null, name: '', role: defaultRole(kind), partyMember: false, onPartyBranch: false, onResidentsCommittee: false,
});

function initialValues(mode: BodyFormMode): Values {
  if (mode.mode === 'edit') {
    const b = mode.body;
    return {
      kind: b.kind, electedOn: b.electedOn, termYears: b.termYears, firstMeetingOn: b.firstMeetingOn ?? '', filedOn: b.filedOn ?? '', note: b.note,
      members: b.members.map((m) => ({
        personId: m.personId, name: m.name, role: m.role, partyMember: m.partyMember, onPartyBranch: m.onPartyBranch, onResidentsCommittee: m.onResidentsCommittee,
      })),
    };
  }
  return { kind: mode.kind, electedOn: '', termYears: 5, firstMeetingOn: '', filedOn: '', note: '', members: [] };
}

function toInput(v: Values) {
  const committee = v.kind === OWNERS_COMMITTEE;
  return {
    electedOn: v.electedOn ?? '',
    termYears: v.termYears ?? null,
    firstMeetingOn: committee && v.firstMeetingOn ? v.firstMeetingOn : null,
    filedOn: committee && v.filedOn ? v.filedOn : null,
    note: v.note ?? '',
    members: (v.members ?? []).map((m) => ({
      personId: m.personId ?? null,
      name: m.name ?? '',
      role: m.role ?? '委员',
      partyMember: m.partyMember === true,
      onPartyBranch: m.onPartyBranch === true,
      onResidentsCommittee: m.onResidentsCommittee === true,
    })),
  };
}

interface Props {
  communityId: string;
  /** null: closed. */
  mode: BodyFormMode | null;
  rules: OfficeRules | null;
  onClose: () => void;
  onSaved: (body: Body) => void;
}

export function BodyForm({ communityId, mode, rules, onClose, onSaved }: Props) {
  const [form] = Form.useForm<Values>();
  const { message } = AntApp.useApp();
  const { busy, errors, setErrors, submit } = useFormSubmit(form);
  const override = useOverride();
  const open = mode !== null;
  const revision = useRevision<Values>({
    fields: [
      { name: 'electedOn', label: t.electedOn }, { name: 'termYears', label: t.termYears }, { name: 'firstMeetingOn', label: t.firstMeetingOn },
      { name: 'filedOn', label: t.filedOn }, { name: 'note', label: t.note },
      { name: 'members', label: t.members, show: (list) => (Array.isArray(list) ? (list as MemberValues[]).map((m) => `${m.name ?? ''}（${m.role ?? ''}）`).join('、') : '') },
    ],
    readFresh: async () => {
      const id = mode?.mode === 'edit' ? mode.body.id : '';
      const fresh = (await invoke('body.list', { communityId })).find((b) => b.id === id);
      if (!fresh) throw new Error(zhCN.conflict.gone);
      return { values: initialValues({ mode: 'edit', body: fresh }), revision: fresh.revision };
    },
    fill: (values) => form.setFieldsValue(values),
    resave: () => void save(),
  });

  useEffect(() => {
    if (!mode) return;
    setErrors([]);
    override.clear();
    override.setReason('');
    form.resetFields();
    form.setFieldsValue(initialValues(mode));
    if (mode.mode === 'edit') revision.opened(initialValues(mode), mode.body.revision);
    // Only when the dialog opens anew.
  }, [mode]);

  const kind = (Form.useWatch('kind', form) ?? (mode?.mode === 'edit' ? mode.body.kind : mode?.kind) ?? OWNERS_COMMITTEE) as BodyKind;
  const members = (Form.useWatch('members', form) ?? []) as MemberValues[];
  const committee = kind === OWNERS_COMMITTEE;

  const save = () => {
    if (!mode) return;
    const typed = form.getFieldsValue(true) as Values;
    const input = toInput(typed);
    if (mode.mode === 'edit') {
      return submit(bodyUpdate, { ...input, id: mode.body.id, expectedRevision: revision.expected() }, async (data) => {
        await override.attempt(async (overrideReason) => {
          const saved = await revision.guard(() => invoke('body.update', { ...data, overrideReason }), typed);
          message.success(t.saved);
          onSaved(saved);
        });
      });
    }
    return submit(bodyFields, { ...input, communityId, kind }, async (data) => {
      await override.attempt(async (overrideReason) => {
        const saved = await invoke('body.create', { ...data, overrideReason });
        message.success(t.created);
        onSaved(saved);
      });
    });
  };

  const title = !mode ? '' : mode.mode === 'edit' ? t.editTitle(mode.body.kind, mode.body.electedOn) : mode.renew ? t.renewTitle(mode.kind) : t.createTitle;

  return (
    <GuardedModal
      open={open}
      busy={busy}
      title={title}
      onClose={onClose}
      width={860}
      destroyOnHidden
      footer={(cancel) => (
        <Space>
          <Button onClick={cancel}>{zhCN.common.cancel}</Button>
          {override.violations
            ? <Button type="primary" danger loading={busy} onClick={() => void save()} data-testid="body-override-save">{t.overrideSave}</Button>
            : <Button type="primary" loading={busy} onClick={() => void save()} data-testid="body-save">{t.save}</Button>}
        </Space>
      )}
    >
      {mode?.mode === 'create' && mode.renew && <p className="body-help">{t.renewHelp}</p>}
      {committee && rules && (
        <p className="body-help" data-testid="body-rules-hint">
          {t.committeeRulesHint(rules.minMembers, rules.maxMembers, rules.smallCommunityHouseholds, rules.minTermYears, rules.maxTermYears)}
        </p>
      )}
      <Form
        form={form}
        layout="vertical"
        className="compact-form body-form"
        data-testid="body-form"
        onValuesChange={() => { if (override.violations) override.clear(); }}
      >
        <div className="form-row three">
          <Form.Item name="kind" label={t.kind} required>
            <Select
              disabled={mode?.mode === 'edit' || (mode?.mode === 'create' && mode.renew)}
              options={BODY_KINDS.map((k) => ({ value: k, label: k }))}
              data-testid="body-kind"
            />
          </Form.Item>
          <Form.Item name="electedOn" label={t.electedOn} required extra={t.electedOnHelp}>
            <DateField data-testid="body-elected-on" />
          </Form.Item>
          <Form.Item name="termYears" label={t.termYears} required extra={committee ? t.termYearsHelp : undefined}>
            <InputNumber min={1} max={10} precision={0} suffix={t.rules.yearsUnit} style={{ width: '100%' }} data-testid="body-term-years" />
          </Form.Item>
        </div>
        {committee && (
          <div className="form-row">
            <Form.Item name="firstMeetingOn" label={t.firstMeetingOn} extra={t.firstMeetingHelp(rules?.firstMeetingDays ?? 7)}>
              <DateField data-testid="body-first-meeting" />
            </Form.Item>
            <Form.Item name="filedOn" label={t.filedOn} extra={t.filedHelp(rules?.filingDays ?? 30)}>
              <DateField data-testid="body-filed-on" />
            </Form.Item>
          </div>
        )}
        <Form.Item label={t.members} extra={t.membersHelp}>
          <Form.List name="members">
            {(fields, { add, remove }) => (
              <>
                <div className="member-table" data-testid="member-table">
                  <div className="member-row head">
                    <span>{t.memberName}</span>
                    <span>{t.memberRole}</span>
                    <span className="center">{t.memberParty}</span>
                    <span className="center">{t.memberBranch}</span>
                    <span className="center">{t.memberRc}</span>
                    <span />
                  </div>
                  {fields.length === 0 && <div className="member-none">{t.membersNone}</div>}
                  {fields.map((field) => (
                    <div key={field.key} className="member-row" data-testid="member-row">
                      <div className="member-name-cell">
                        <Form.Item name={[field.name, 'name']} style={{ flex: 1, minWidth: 0 }}>
                          <MemberNameInput communityId={communityId} index={field.name} />
                        </Form.Item>
                      </div>
                      <Form.Item name={[field.name, 'role']}>
                        <Select options={roleOptions(kind)} data-testid="member-role" />
                      </Form.Item>
                      <Form.Item name={[field.name, 'partyMember']} valuePropName="checked" className="center">
                        <Checkbox data-testid="member-party" aria-label={t.memberParty} />
                      </Form.Item>
                      <Form.Item name={[field.name, 'onPartyBranch']} valuePropName="checked" className="center">
                        <Checkbox data-testid="member-branch" aria-label={t.memberBranch} />
                      </Form.Item>
                      <Form.Item name={[field.name, 'onResidentsCommittee']} valuePropName="checked" className="center">
                        <Checkbox data-testid="member-rc" aria-label={t.memberRc} />
                      </Form.Item>
                      <Button type="link" danger size="small" onClick={() => remove(field.name)} data-testid="member-remove">{t.memberRemove}</Button>
                    </div>
                  ))}
                </div>
                <Space>
                  <Button onClick={() => add(newMember(kind))} data-testid="member-add">{t.memberAdd}</Button>
                  <span className="member-summary" data-testid="member-summary">
                    {t.memberCountHint(members.length, partyCount(members.map((m) => ({ partyMember: m?.partyMember === true }))))}
                  </span>
                </Space>
              </>
            )}
          </Form.List>
        </Form.Item>
        <Form.Item name="note" label={t.note}>
          <Input.TextArea rows={2} maxLength={500} placeholder={t.notePlaceholder} data-testid="body-note" />
        </Form.Item>
      </Form>
      <div data-testid="body-form-errors"><FormError messages={errors} /></div>
      <OverridePanel texts={t} inputId="body-override-reason" state={override} />
      {revision.dialog}
    </GuardedModal>
  );
}

/**
 * A member's name: typed, or picked from the register (person.search), which
 * links the member to that person; typing another name drops the link.
 */
function MemberNameInput({ communityId, index, value, onChange }: { communityId: string; index: number; value?: string; onChange?: (name: string) => void }) {
  const form = Form.useFormInstance<Values>();
  const personId = Form.useWatch(['members', index, 'personId'], { form, preserve: true }) as string | null | undefined;
  const [search, setSearch] = useState<string | null>(null);
  const found = useAsync(
    () => (search === null || search.trim() === '' ? Promise.resolve([] as Person[]) : invoke('person.search', { communityId, search: search.trim(), limit: 10 })),
    [communityId, search],
  );
  const options = useMemo(
    () => (found.data ?? []).map((p) => ({ value: `person:${p.personId}`, label: t.personOption(p.name, p.document, p.phone), person: p })),
    [found.data],
  );
  const setPerson = (id: string | null) => form.setFieldValue(['members', index, 'personId'], id);
  return (
    <div className="member-name-cell" data-testid="member-name" data-linked={personId ? 'true' : 'false'}>
      <AutoComplete
        value={value ?? ''}
        options={options}
        onSearch={setSearch}
        placeholder={t.memberNamePlaceholder}
        onSelect={(_v: string, option) => {
          const person = (option as { person?: Person } | undefined)?.person;
          if (!person) return;
          setPerson(person.personId);
          onChange?.(person.name);
        }}
        onChange={(v: string) => {
          // A pick arrives as the option's value and is handled by onSelect; typing drops the link.
          if (v.startsWith('person:')) return;
          if (personId) setPerson(null);
          onChange?.(v);
        }}
      />
      {personId && <Tag color="blue" className="tight-tag" title={t.memberLinked} data-testid="member-linked">{t.inRegister}</Tag>}
    </div>
  );
}

