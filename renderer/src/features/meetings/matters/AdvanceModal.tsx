/**
 * 办理此步: record the next step of a matter (matter.advance) — its date and,
 * by the step's kind, the meeting that did it, the posting period and the
 * notice text, or the body that received the filing; an optional step may be
 * skipped with a reason instead. Main's refusals (order, a date before the
 * previous step's …) are shown line by line above the form.
 *
 * A publication step starts from its draft notice: the text drafted from what
 * decided the matter (notices.ts) and the posting period from the step's date
 * for the workflow's default posting days; the end follows a changed start
 * until it is typed over. Opened after printing the draft, it says so.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Form, Input, Radio, Select, Typography } from 'antd';
import { DateField } from '../../../components/DateField';
import { advanceInput } from '../../../../../shared/contract/meetings';
import { invoke } from '../../../api/client';
import { useAsync } from '../../../api/useAsync';
import { FormError } from '../../../components/FormError';
import { GuardedModal } from '../../../components/GuardedModal';
import { useFormSubmit } from '../../../components/useFormSubmit';
import { todayDate } from '../../../format';
import { isValidDate } from '../../../../../shared/domain/dates';
import { zhCN } from '../../../i18n/zh-CN';
import { attachmentHint, defaultPosting, draftNoticeText } from './notices';
import { type MatterDetail, type MatterStep } from './shared';
import { DEFAULT_POSTING_DAYS } from '../../../../../shared/domain/workflow';
import { refusalMessages } from '../../../api/errors';

const t = zhCN.matters.advance;

interface Props {
  matter: MatterDetail;
  step: MatterStep;
  /** The office that files are sent to (the community's 所属社区), to prefill the filing body. */
  communityOffice: string;
  onClose: () => void;
  onSaved: (matter: MatterDetail, skipped: boolean) => void;
  /** Opened from a printed draft notice: say that the form holds what was printed. */
  fromDraft?: boolean;
}

interface Values {
  mode: 'do' | 'skip';
  date: string;
  meetingId?: string | null;
  postingStart: string;
  postingEnd: string;
  noticeText: string;
  filingBody: string;
  document: string;
  note: string;
  skipReason: string;
}

function schemaFor(step: MatterStep, skip: boolean) {
  return advanceInput.superRefine((v, ctx) => {
    if (skip) {
      if (!v.skipReason?.trim()) ctx.addIssue({ code: 'custom', path: ['skipReason'], message: t.needSkipReason });
      return;
    }
    if (step.kind === 'publication') {
      if (!v.postingStart) ctx.addIssue({ code: 'custom', path: ['postingStart'], message: t.needPosting });
      if (!v.postingEnd) ctx.addIssue({ code: 'custom', path: ['postingEnd'], message: t.needPosting });
    }
    if (step.kind === 'filing' && !v.filingBody?.trim()) ctx.addIssue({ code: 'custom', path: ['filingBody'], message: t.needFilingBody });
  });
}

const emptyToNull = (v: string | null | undefined) => (v === undefined || v === null || v.trim() === '' ? null : v);

export function AdvanceModal({ matter, step, communityOffice, onClose, onSaved, fromDraft = false }: Props) {
  const [form] = Form.useForm<Values>();
  const { busy, errors, submit } = useFormSubmit(form);
  const [refused, setRefused] = useState<string[]>([]);
  const mode = Form.useWatch('mode', form) ?? 'do';
  const skip = mode === 'skip';
  const meetings = useAsync(
    () => (step.kind === 'meeting' ? invoke('meeting.list', { communityId: matter.communityId }) : Promise.resolve([])),
    [step.kind, matter.communityId],
  );
  const meetingOptions = useMemo(
    () => [...(meetings.data ?? [])]
      .sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0))
      .map((m) => ({ value: m.id, label: t.meetingOption(m.date, m.kind, m.title) })),
    [meetings.data],
  );

  useEffect(() => {
    const today = todayDate();
    const posting = step.kind === 'publication' ? defaultPosting(today) : { start: '', end: '' };
    form.setFieldsValue({
      mode: 'do', date: today, meetingId: undefined, postingStart: posting.start, postingEnd: posting.end,
      noticeText: step.kind === 'publication' ? draftNoticeText(matter, step) : '',
      filingBody: step.kind === 'filing' ? communityOffice : '', document: '', note: '', skipReason: '',
    });
  }, [form, matter, step, communityOffice]);

  // The posting period follows the step's date, and its end the start, for as long as each still holds what was prefilled.
  const prefilled = useRef({ date: '', start: '' });
  useEffect(() => {
    prefilled.current = { date: todayDate(), start: todayDate() };
  }, [step]);
  const onValuesChange = (changed: Partial<Values>, all: Values) => {
    if (step.kind !== 'publication') return;
    const was = prefilled.current;
    if (changed.date !== undefined && isValidDate(changed.date)) {
      if (all.postingStart === was.date) {
        form.setFieldsValue({ postingStart: changed.date, ...(all.postingEnd === defaultPosting(was.start).end ? { postingEnd: defaultPosting(changed.date).end } : {}) });
        prefilled.current = { date: changed.date, start: changed.date };
      } else prefilled.current = { ...was, date: changed.date };
    } else if (changed.postingStart !== undefined && isValidDate(changed.postingStart)) {
      if (all.postingEnd === defaultPosting(was.start).end) form.setFieldsValue({ postingEnd: defaultPosting(changed.postingStart).end });
      prefilled.current = { ...was, start: changed.postingStart };
    }
  };

  const save = () => {
    const v = form.getFieldsValue(true) as Values;
    const input = {
      id: matter.id,
      key: step.key,
      date: v.date,
      meetingId: !skip && step.kind === 'meeting' ? emptyToNull(v.meetingId) : null,
      postingStart: !skip && step.kind === 'publication' ? emptyToNull(v.postingStart) : null,
      postingEnd: !skip && step.kind === 'publication' ? emptyToNull(v.postingEnd) : null,
      noticeText: !skip && step.kind === 'publication' ? v.noticeText : '',
      filingBody: !skip && step.kind === 'filing' ? emptyToNull(v.filingBody) : null,
      document: skip ? '' : v.document,
      note: skip ? '' : v.note,
      skipReason: skip ? v.skipReason : null,
    };
    setRefused([]);
    return submit(schemaFor(step, skip), input, async (data) => {
      try {
        onSaved(await invoke('matter.advance', data), skip);
      } catch (e) {
        setRefused(refusalMessages(e));
      }
    });
  };

  return (
    <GuardedModal
      open
      busy={busy}
      title={t.title(step.name)}
      onClose={onClose}
      onOk={() => void save()}
      okText={skip ? t.submitSkip : t.submit}
      okButtonProps={{ 'data-testid': 'advance-submit' }}
      cancelText={zhCN.common.cancel}
      confirmLoading={busy}
      width={640}
    >
      <div data-testid="advance-form" data-step={step.key}>
        {refused.length > 0 && (
          <Alert
            type="error"
            showIcon
            className="form-error"
            role="alert"
            data-testid="advance-refused"
            title={t.refusedTitle}
            description={<ul className="plain-list">{refused.map((m) => <li key={m}>{m}</li>)}</ul>}
          />
        )}
        <FormError messages={errors} />
        {fromDraft && <Alert type="info" showIcon className="form-error" title={t.fromDraft} data-testid="advance-from-draft" />}
        <Form form={form} layout="vertical" className="compact-form" onValuesChange={onValuesChange}>
          {step.optional && (
            <Form.Item name="mode" label={t.mode}>
              <Radio.Group
                data-testid="advance-mode"
                options={[{ value: 'do', label: t.modeDo }, { value: 'skip', label: t.modeSkip }]}
              />
            </Form.Item>
          )}
          <Form.Item name="date" label={t.date} required>
            <DateField style={{ width: 200 }} data-testid="advance-date" />
          </Form.Item>
          {skip
            ? (
              <Form.Item name="skipReason" label={t.skipReason} required>
                <Input.TextArea rows={3} maxLength={500} placeholder={t.skipReasonPlaceholder} data-testid="advance-skip-reason" />
              </Form.Item>
            )
            : <KindFields kind={step.kind} meetingOptions={meetingOptions} meetingsLoading={meetings.loading} />}
          {!skip && (
            <>
              <Form.Item name="document" label={t.document} extra={<span data-testid="advance-attach-hint">{t.attachHint(attachmentHint(step))}</span>}>
                <Input maxLength={200} placeholder={t.documentPlaceholder} data-testid="advance-document" />
              </Form.Item>
              <Form.Item name="note" label={t.note}>
                <Input.TextArea rows={2} maxLength={2000} data-testid="advance-note" />
              </Form.Item>
            </>
          )}
        </Form>
      </div>
    </GuardedModal>
  );
}

function KindFields({ kind, meetingOptions, meetingsLoading }: {
  kind: MatterStep['kind']; meetingOptions: { value: string; label: string }[]; meetingsLoading: boolean;
}) {
  if (kind === 'meeting') {
    return (
      <Form.Item name="meetingId" label={t.meeting}>
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          loading={meetingsLoading}
          placeholder={t.meetingPlaceholder}
          notFoundContent={t.noMeetings}
          options={meetingOptions}
          data-testid="advance-meeting"
        />
      </Form.Item>
    );
  }
  if (kind === 'publication') {
    return (
      <>
        <div className="form-row">
          <Form.Item name="postingStart" label={t.postingStart} required>
            <DateField data-testid="advance-posting-start" />
          </Form.Item>
          <Form.Item name="postingEnd" label={t.postingEnd} required extra={t.postingHint(DEFAULT_POSTING_DAYS)}>
            <DateField data-testid="advance-posting-end" />
          </Form.Item>
        </div>
        <Form.Item name="noticeText" label={t.noticeText} extra={<Typography.Text type="secondary">{t.noticeHint}</Typography.Text>}>
          <Input.TextArea rows={7} maxLength={20000} data-testid="advance-notice-text" />
        </Form.Item>
      </>
    );
  }
  if (kind === 'filing') {
    return (
      <Form.Item name="filingBody" label={t.filingBody} required>
        <Input maxLength={100} placeholder={t.filingPlaceholder} data-testid="advance-filing-body" />
      </Form.Item>
    );
  }
  return null;
}
