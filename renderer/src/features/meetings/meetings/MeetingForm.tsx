/**
 * Create or change a meeting: kind, form (assemblies), title, date and time,
 * place, convener, notice date, members (committees) and the agenda. While
 * editing an assembly it shows the latest day to give notice; a save that
 * breaks a procedural rule is refused by main and may go ahead with a reason.
 */
import { useEffect, useMemo, useRef } from 'react';
import { App as AntApp, Button, type FormInstance, Checkbox, Form, Input, InputNumber, Radio, Select, Space, Tag, Typography } from 'antd';
import type { MethodOutput } from '../../../../../shared/contract/methods';
import { GuardedModal } from '../../../components/GuardedModal';
import { DateField } from '../../../components/DateField';
import { meetingFields, meetingUpdate } from '../../../../../shared/contract/meetings';
import { addDays, daysBetween, isRestDay, isValidDate } from '../../../../../shared/domain/dates';
import {
  ASSEMBLY_FORMS, MEETING_BODY, MEETING_KINDS, requiredNoticeDays, suggestedNoticeDate, type MeetingKind, type MeetingRules,
} from '../../../../../shared/domain/meetings';
import { invoke } from '../../../api/client';
import { useAsync } from '../../../api/useAsync';
import { FormError } from '../../../components/FormError';
import { useFormSubmit } from '../../../components/useFormSubmit';
import { todayDate } from '../../../format';
import { zhCN } from '../../../i18n/zh-CN';
import { isAssembly, isCommittee, useMeetingRules, weekdayName, type Meeting } from './meetingShared';
import { OverridePanel, useOverride } from './override';
import { useRevision } from '../../../components/ConflictDialog';

const t = zhCN.meetings;

interface AgendaValues { id?: string; title?: string; matterId?: string | null; forVote?: boolean; inNotice?: boolean }
interface FormValues {
  kind?: MeetingKind; form?: string; title?: string; date?: string; startTime?: string; place?: string; convener?: string;
  noticeDate?: string; membersTotal?: number | null; agenda?: AgendaValues[];
}

interface Props {
  communityId: string;
  /** null: a new meeting. */
  meeting: Meeting | null;
  open: boolean;
  onClose: () => void;
  onSaved: (meeting: Meeting) => void;
}

function initialValues(meeting: Meeting | null): FormValues {
  if (!meeting) {
    return {
      // No notice date until the user gives one or a past date suggests it (a meeting recorded after it was held).
      kind: '联席会议', form: '现场会议', title: '', date: '', startTime: '', place: '', convener: '', noticeDate: '',
      membersTotal: null, agenda: [],
    };
  }
  return {
    kind: meeting.kind, form: meeting.form ?? '现场会议', title: meeting.title, date: meeting.date, startTime: meeting.startTime,
    place: meeting.place, convener: meeting.convener, noticeDate: meeting.noticeDate ?? '', membersTotal: meeting.membersTotal,
    agenda: meeting.agenda.map((a) => ({ id: a.id, title: a.title, matterId: a.matterId, forVote: a.forVote, inNotice: a.inNotice })),
  };
}

/** The form's values as the contract wants them (fields that do not apply to the kind are left out). */
function toInput(v: FormValues) {
  const kind = v.kind ?? '联席会议';
  return {
    kind,
    form: isAssembly(kind) ? (v.form ?? '现场会议') : null,
    title: v.title ?? '',
    date: v.date ?? '',
    startTime: v.startTime ?? '',
    place: v.place ?? '',
    convener: v.convener ?? '',
    noticeDate: v.noticeDate ? v.noticeDate : null,
    membersTotal: isCommittee(kind) ? (v.membersTotal ?? null) : null,
    agenda: (v.agenda ?? []).map((a) => ({
      ...(a.id ? { id: a.id } : {}),
      title: a.title ?? '',
      matterId: a.matterId ?? null,
      forVote: a.forVote === true,
      inNotice: a.inNotice !== false,
    })),
  };
}

export function MeetingForm({ communityId, meeting, open, onClose, onSaved }: Props) {
  const [form] = Form.useForm<FormValues>();
  const { message } = AntApp.useApp();
  const { busy, errors, setErrors, submit: submitForm } = useFormSubmit(form);
  const override = useOverride();
  const matters = useAsync(() => invoke('matter.list', { communityId }).catch(() => []), [communityId]);
  const revision = useRevision<FormValues>({
    fields: [
      { name: 'kind', label: t.kind }, { name: 'form', label: t.form }, { name: 'title', label: t.meetingTitle }, { name: 'date', label: t.date },
      { name: 'startTime', label: t.startTime }, { name: 'place', label: t.place }, { name: 'convener', label: t.convener },
      { name: 'noticeDate', label: t.noticeDate }, { name: 'membersTotal', label: t.membersTotal },
      { name: 'agenda', label: t.agenda, show: (list) => (Array.isArray(list) ? (list as AgendaValues[]).map((a, i) => `${i + 1}. ${a.title ?? ''}`).join('；') : '') },
    ],
    readFresh: async () => {
      const fresh = await invoke('meeting.get', { id: meeting!.id });
      return { values: initialValues(fresh), revision: fresh.revision };
    },
    fill: (values) => form.setFieldsValue(values),
    resave: () => void save(),
  });

  useEffect(() => {
    if (!open) return;
    setErrors([]);
    override.clear();
    override.setReason('');
    form.resetFields();
    form.setFieldsValue(initialValues(meeting));
    if (meeting) revision.opened(initialValues(meeting), meeting.revision);
    // Only when the dialog opens anew.
  }, [open, meeting]);

  const kind = Form.useWatch('kind', form) ?? meeting?.kind ?? '联席会议';
  const date = Form.useWatch('date', form) ?? '';
  const noticeDate = Form.useWatch('noticeDate', form) ?? '';
  const rules = useMeetingRules(communityId);
  // Typed by the user (kept) or filled by the form (follows the meeting's date and body).
  const typed = useRef({ noticeDate: false, membersTotal: false });
  useEffect(() => {
    if (open) typed.current = { noticeDate: meeting?.noticeDate != null, membersTotal: meeting !== null };
  }, [open, meeting]);

  const body = useAsync(
    () => (isCommittee(kind) && isValidDate(date) ? invoke('meeting.body', { communityId, kind, date }).catch(() => null) : Promise.resolve(null)),
    [communityId, kind, date],
  );
  useEffect(() => {
    if (!open || typed.current.membersTotal || !body.data) return;
    form.setFieldsValue({ membersTotal: body.data.members.length });
  }, [open, body.data]);

  const onValuesChange = (changed: Partial<FormValues>, all: FormValues) => {
    if (override.violations) override.clear();
    if ('noticeDate' in changed) typed.current.noticeDate = (changed.noticeDate ?? '') !== '';
    if ('membersTotal' in changed) typed.current.membersTotal = changed.membersTotal != null;
    if (('date' in changed || 'kind' in changed) && !typed.current.noticeDate) {
      form.setFieldsValue({ noticeDate: suggestedNotice(all, rules) ?? '' });
    }
  };

  const save = () => {
    const typed = form.getFieldsValue(true) as FormValues;
    const input = toInput(typed);
    if (meeting) {
      return submitForm(meetingUpdate, { ...input, id: meeting.id, expectedRevision: revision.expected() }, async (data) => {
        await override.attempt(async (overrideReason) => {
          const saved = await revision.guard(() => invoke('meeting.update', { ...data, overrideReason }), typed);
          message.success(t.saved);
          onSaved(saved);
        });
      });
    }
    return submitForm(meetingFields, { ...input, communityId }, async (data) => {
      await override.attempt(async (overrideReason) => {
        const saved = await invoke('meeting.create', { ...data, overrideReason });
        message.success(t.created);
        onSaved(saved);
      });
    });
  };

  const matterOptions = useMemo(
    () => (matters.data ?? []).map((m) => ({ value: m.id, label: m.title })),
    [matters.data],
  );

  return (
    <GuardedModal
      open={open}
      busy={busy}
      title={meeting ? t.editTitle : t.createTitle}
      onClose={onClose}
      width={820}
      destroyOnHidden
      footer={(cancel) => (
        <Space>
          <Button onClick={cancel}>{zhCN.common.cancel}</Button>
          {override.violations
            ? <Button type="primary" danger loading={busy} onClick={() => void save()} data-testid="meeting-override-save">{t.overrideSave}</Button>
            : <Button type="primary" loading={busy} onClick={() => void save()} data-testid="meeting-save">{zhCN.common.save}</Button>}
        </Space>
      )}
    >
      <Form
        form={form}
        layout="vertical"
        className="compact-form meeting-form"
        data-testid="meeting-form"
        onValuesChange={onValuesChange}
      >
        <div className="form-row">
          <Form.Item name="kind" label={t.kind} required>
            <Select
              data-testid="meeting-kind"
              showSearch={{ optionFilterProp: 'label' }}
              options={MEETING_KINDS.map((k) => ({ value: k, label: k }))}
            />
          </Form.Item>
          {isAssembly(kind) && (
            <Form.Item name="form" label={t.form} extra={t.formHelp}>
              <Radio.Group data-testid="meeting-assembly-form" options={ASSEMBLY_FORMS.map((f) => ({ value: f, label: f }))} />
            </Form.Item>
          )}
        </div>
        <Form.Item name="title" label={t.meetingTitle} required>
          <Input maxLength={100} placeholder={t.titlePlaceholder} data-testid="meeting-title" />
        </Form.Item>
        <div className="form-row three">
          <Form.Item name="date" label={t.date} required>
            <DateField data-testid="meeting-date" />
          </Form.Item>
          <Form.Item name="startTime" label={t.startTime}>
            <Input type="time" data-testid="meeting-time" />
          </Form.Item>
          <Form.Item name="noticeDate" label={t.noticeDate}>
            <DateField data-testid="meeting-notice-date" />
          </Form.Item>
        </div>
        <NoticeHint form={form} kind={kind} communityId={communityId} suggested={!typed.current.noticeDate && noticeDate !== ''} />
        <div className="form-row">
          <Form.Item name="place" label={t.place}>
            <Input maxLength={100} placeholder={t.placePlaceholder} data-testid="meeting-place" />
          </Form.Item>
          <Form.Item name="convener" label={t.convener}>
            <Input maxLength={60} placeholder={t.convenerPlaceholder} data-testid="meeting-convener" />
          </Form.Item>
        </div>
        {isCommittee(kind) && (
          <div className="meeting-members-row">
            <Form.Item name="membersTotal" label={t.membersTotal} extra={t.membersHelp} required>
              <InputNumber min={1} max={99} precision={0} style={{ width: 160 }} data-testid="meeting-members" />
            </Form.Item>
            <BodyMembers form={form} kind={kind} dateValid={isValidDate(date)} body={body.data ?? null} />
          </div>
        )}
        <AgendaEditor matterOptions={matterOptions} />
      </Form>
      <FormError messages={errors} />
      <OverridePanel state={override} />
      {revision.dialog}
    </GuardedModal>
  );
}

/** A past meeting's notice date by the rules (the latest day notice could have been given); null when none applies. */
function suggestedNotice(v: FormValues, rules: MeetingRules): string | null {
  const kind = v.kind ?? '联席会议';
  return v.date && isValidDate(v.date) ? suggestedNoticeDate(kind, v.date, todayDate(), rules) : null;
}

type Body = NonNullable<MethodOutput<'meeting.body'>>;

/** The committee's members in 组织建设 as of the meeting's date: the 应到 they give, and a note when the count typed differs. */
function BodyMembers({ form, kind, dateValid, body }: { form: FormInstance<FormValues>; kind: MeetingKind; dateValid: boolean; body: Body | null }) {
  const total = Form.useWatch('membersTotal', form) ?? null;
  if (!dateValid) return null;
  if (body === null) return <div className="meeting-body-members muted" data-testid="meeting-body-none">{t.membersNoBody(MEETING_BODY[kind]?.body ?? kind)}</div>;
  return (
    <div className="meeting-body-members" data-testid="meeting-body-members">
      <div><strong>{t.membersFromBody(body.bodyKind, body.electedOn, body.members.length)}</strong></div>
      <div className="meeting-body-names">
        {body.members.map((m, i) => <Tag key={`${m.name}-${i}`} className="tight-tag">{m.name}{m.role ? `（${m.role}）` : ''}</Tag>)}
      </div>
      {total !== null && total !== body.members.length
        ? <div className="meeting-hint-bad" data-testid="meeting-members-differ">{t.membersDiffer(body.members.length)}</div>
        : <div className="muted">{t.membersFromBodyNote}</div>}
    </div>
  );
}

/** Assemblies: the notice period and the latest day to give notice (informative; main checks on save). */
function NoticeHint({ form, kind, communityId, suggested }: { form: FormInstance<FormValues>; kind: MeetingKind; communityId: string; suggested: boolean }) {
  const rules = useMeetingRules(communityId);
  const date = Form.useWatch('date', form) ?? '';
  const noticeDate = Form.useWatch('noticeDate', form) ?? '';
  const days = requiredNoticeDays(kind, rules);
  const valid = days !== null && isValidDate(date);
  const latest = valid ? addDays(date, -days) : null;
  const year = latest ? Number(latest.slice(0, 4)) : null;
  const holidays = useAsync(
    () => (year === null ? Promise.resolve(null) : invoke('holiday.year', { year }).catch(() => null)),
    [year],
  );
  if (days === null) return null;
  const calendar = holidays.data
    ? {
      holidays: new Set(holidays.data.days.filter((d) => d.kind === 'holiday').map((d) => d.date)),
      workdays: new Set(holidays.data.days.filter((d) => d.kind === 'workday').map((d) => d.date)),
      years: new Set([holidays.data.year]),
    }
    : { holidays: new Set<string>(), workdays: new Set<string>(), years: new Set<number>() };
  const gap = latest && isValidDate(noticeDate) ? daysBetween(noticeDate, date) : null;
  return (
    <div className="meeting-notice-hint" data-testid="meeting-notice-hint">
      <div>{t.noticeRule(kind, days)}</div>
      {suggested && <div className="meeting-hint-warn" data-testid="meeting-notice-suggested">{t.noticeSuggested(days)}</div>}
      {latest && (
        <div>
          <strong data-testid="meeting-latest-notice">{t.latestNotice(latest, weekdayName(latest))}</strong>
          {isRestDay(latest, calendar) && <span className="meeting-hint-warn">　{t.latestNoticeRest}</span>}
          {gap !== null && (
            <span className={gap < days ? 'meeting-hint-bad' : 'meeting-hint-good'}>
              　{gap < days ? t.noticeLate(gap) : t.noticeInTime(gap)}
            </span>
          )}
        </div>
      )}
    </div>
  );
}

function AgendaEditor({ matterOptions }: { matterOptions: { value: string; label: string }[] }) {
  return (
    <div className="meeting-agenda-editor" data-testid="agenda-editor">
      <div className="section-title">
        <span>{t.agenda}</span>
      </div>
      <Typography.Paragraph type="secondary" className="meeting-agenda-help">{t.agendaHelp}</Typography.Paragraph>
      <Form.List name="agenda">
        {(fields, { add, remove, move }) => (
          <>
            {fields.map((field, index) => (
              <div key={field.key} className="meeting-agenda-row" data-testid={`agenda-row-${index}`}>
                <span className="meeting-agenda-no">{index + 1}.</span>
                <Form.Item name={[field.name, 'id']} hidden><Input /></Form.Item>
                <Form.Item name={[field.name, 'title']} className="meeting-agenda-title">
                  <Input
                    maxLength={200}
                    placeholder={t.itemTitlePlaceholder(index + 1)}
                    aria-label={`${t.itemTitle}${index + 1}`}
                    data-testid={`agenda-title-${index}`}
                  />
                </Form.Item>
                <Form.Item name={[field.name, 'forVote']} valuePropName="checked">
                  <Checkbox data-testid={`agenda-vote-${index}`}>{t.forVote}</Checkbox>
                </Form.Item>
                <Form.Item name={[field.name, 'inNotice']} valuePropName="checked">
                  <Checkbox data-testid={`agenda-notice-${index}`}>{t.inNotice}</Checkbox>
                </Form.Item>
                <Form.Item name={[field.name, 'matterId']} className="meeting-agenda-matter">
                  <Select
                    allowClear
                    showSearch={{ optionFilterProp: 'label' }}
                    placeholder={t.matterPlaceholder}
                    options={matterOptions}
                    aria-label={t.matter}
                    data-testid={`agenda-matter-${index}`}
                  />
                </Form.Item>
                <Space size={2}>
                  <Button size="small" type="text" disabled={index === 0} onClick={() => move(index, index - 1)} aria-label={t.moveUp} title={t.moveUp}>↑</Button>
                  <Button size="small" type="text" disabled={index === fields.length - 1} onClick={() => move(index, index + 1)} aria-label={t.moveDown} title={t.moveDown}>↓</Button>
                  <Button size="small" type="text" danger onClick={() => remove(index)} aria-label={t.remove} title={t.remove}>✕</Button>
                </Space>
              </div>
            ))}
            <Button
              type="dashed"
              block
              data-testid="agenda-add"
              onClick={() => add({ title: '', matterId: null, forVote: false, inNotice: true })}
            >
              + {t.addItem}
            </Button>
          </>
        )}
      </Form.List>
    </div>
  );
}
