/**
 * 办理此步: record the next step of a matter (matter.advance) — its date and,
 * by the step's kind, the meeting that did it, the posting period and the
 * notice text, or the body that received the filing; an optional step may be
 * skipped with a reason instead. Main's refusals (order, a date before the
 * previous step's …) are shown line by line above the form.
 */
import { useEffect, useMemo, useState } from 'react';
import { Alert, Form, Input, Modal, Radio, Select, Typography } from 'antd';
import { DateField } from '../../../components/DateField';
import { advanceInput } from '../../../../../shared/contract/meetings';
import { invoke } from '../../../api/client';
import { useAsync } from '../../../api/useAsync';
import { FormError } from '../../../components/FormError';
import { useFormSubmit } from '../../../components/useFormSubmit';
import { todayDate } from '../../../format';
import { zhCN } from '../../../i18n/zh-CN';
import { publicationSteps, type MatterDetail, type MatterStep } from './shared';
import { refusalMessages } from '../../../api/errors';

const t = zhCN.matters.advance;

interface Props {
  matter: MatterDetail;
  step: MatterStep;
  /** The office that files are sent to (the community's 所属社区), to prefill the filing body. */
  communityOffice: string;
  onClose: () => void;
  onSaved: (matter: MatterDetail, skipped: boolean) => void;
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

/** The prefilled notice text: a resolution notice for the first publication step, a result notice for the second. */
function noticeTemplate(matter: MatterDetail, step: MatterStep): string {
  const { resolution } = publicationSteps(matter.steps);
  if (resolution && resolution.key === step.key) {
    const index = matter.steps.findIndex((s) => s.key === step.key);
    const previous = matter.steps.slice(0, index).reverse().find((s) => s.done && !s.skipped && s.kind === 'meeting' && s.date !== null) ?? null;
    return t.resolutionTemplate(matter.title, previous ? { name: previous.name, date: previous.date! } : null);
  }
  return t.resultTemplate(matter.title);
}

const emptyToNull = (v: string | null | undefined) => (v === undefined || v === null || v.trim() === '' ? null : v);

export function AdvanceModal({ matter, step, communityOffice, onClose, onSaved }: Props) {
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
    form.setFieldsValue({
      mode: 'do', date: today, meetingId: undefined, postingStart: step.kind === 'publication' ? today : '', postingEnd: '',
      noticeText: step.kind === 'publication' ? noticeTemplate(matter, step) : '',
      filingBody: step.kind === 'filing' ? communityOffice : '', document: '', note: '', skipReason: '',
    });
  }, [form, matter, step, communityOffice]);

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
    <Modal
      open
      title={t.title(step.name)}
      onCancel={onClose}
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
        <Form form={form} layout="vertical" className="compact-form">
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
              <Form.Item name="document" label={t.document}>
                <Input maxLength={200} placeholder={t.documentPlaceholder} data-testid="advance-document" />
              </Form.Item>
              <Form.Item name="note" label={t.note}>
                <Input.TextArea rows={2} maxLength={2000} data-testid="advance-note" />
              </Form.Item>
            </>
          )}
        </Form>
      </div>
    </Modal>
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
          <Form.Item name="postingEnd" label={t.postingEnd} required>
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
