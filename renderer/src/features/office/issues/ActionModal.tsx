/**
 * The small forms of an issue's handling, each with its time (default now):
 * 派单 (the responsible party and person), 制定方案 (the plan and the
 * resolution's due date), 办结 (with an optional note), 重新办理 (with its
 * reason), 回访 (the residents' view and satisfaction) and 提级 (one level up,
 * with the reason — prefilled from the flag, editable). main's refusals show
 * on their field or above the buttons, in its words.
 */
import { useEffect } from 'react';
import { App as AntApp, Form, Input, Radio, Select } from 'antd';
import { DateField } from '../../../components/DateField';
import { RESPONSIBLE_PARTIES, dispatchInput, escalateInput, feedbackInput, planInput, statusInput } from '../../../../../shared/contract/office';
import { escalate, nextLevel, type EscalationLevel } from '../../../../../shared/domain/issue-ledger';
import { invoke } from '../../../api/client';
import { FormError } from '../../../components/FormError';
import { GuardedModal } from '../../../components/GuardedModal';
import { useFormSubmit } from '../../../components/useFormSubmit';
import { useQuery } from '../../../api/queries';
import { clearErrors, nowDateTime, t, type IssueDetail, type IssueSummary } from './issueShared';
import { SaveCancel } from '../../../components/SaveCancel';

export type ActionKind = 'dispatch' | 'plan' | 'close' | 'reopen' | 'feedback' | 'escalate';

/** The issue as far as the modals need it (the overdue list has only the summary). */
type ActionIssue = IssueSummary & Partial<Pick<IssueDetail, 'responsiblePerson'>>;

interface Values {
  at?: string;
  responsibleParty?: string;
  responsiblePerson?: string;
  plan?: string;
  resolutionDue?: string;
  note?: string;
  feedback?: string;
  satisfaction?: string;
  reason?: string;
  responsibleUnit?: string;
}

const AT_LABEL: Record<ActionKind, string> = {
  dispatch: t.atDispatch, plan: t.atPlan, close: t.atClose, reopen: t.atReopen, feedback: t.atFeedback, escalate: t.atEscalate,
};

const ACTION_NAME: Record<ActionKind, string> = {
  dispatch: t.actions.dispatch, plan: t.actions.plan, close: t.actions.close, reopen: t.actions.reopen, feedback: t.actions.feedback, escalate: t.actions.escalate,
};

function titleOf(kind: ActionKind, i: ActionIssue): string {
  switch (kind) {
    case 'dispatch': return t.dispatchTitle(i.number);
    case 'plan': return t.planTitle(i.number);
    case 'close': return t.closeTitle(i.number);
    case 'reopen': return t.reopenTitle(i.number);
    case 'feedback': return t.feedbackTitle(i.number);
    case 'escalate': {
      const next = nextLevel(i.level as EscalationLevel);
      return next ? t.escalateTitle(i.number, i.level, next) : t.escalateTitleTop(i.number);
    }
  }
}

interface Props {
  kind: ActionKind | null;
  issue: ActionIssue;
  onClose: () => void;
  onDone: (issue: IssueDetail) => void;
}

export function ActionModal({ kind, issue, onClose, onDone }: Props) {
  const [form] = Form.useForm<Values>();
  const { message } = AntApp.useApp();
  const { busy, errors, setErrors, submit } = useFormSubmit(form);
  const open = kind !== null;
  const next = nextLevel(issue.level as EscalationLevel);
  const community = useQuery('community.get', { id: issue.communityId });
  const levelDays = next ? community.data?.settings.officeRules.issueLevelDays[next] : undefined;

  useEffect(() => {
    if (!open) return;
    setErrors([]);
    form.resetFields();
    form.setFieldsValue({
      at: nowDateTime(),
      responsibleParty: issue.responsibleParty || undefined,
      responsiblePerson: issue.responsiblePerson ?? '',
      plan: issue.plan,
      resolutionDue: issue.resolutionDue ?? '',
      note: '',
      feedback: '',
      satisfaction: '满意',
      reason: issue.flag?.reason ?? '',
      // Escalating hands it to someone new: nothing carried over from the level below.
      responsibleUnit: '',
      ...(kind === 'escalate' ? { responsiblePerson: '' } : {}),
    });
  }, [open, kind, issue.id]);

  const save = () => {
    if (!kind) return Promise.resolve();
    const v = form.getFieldsValue(true) as Values;
    const at = v.at ?? '';
    const done = (saved: IssueDetail) => {
      message.success(t.saved(ACTION_NAME[kind]));
      onDone(saved);
    };
    switch (kind) {
      case 'dispatch':
        return submit(dispatchInput, { id: issue.id, at, responsibleParty: v.responsibleParty ?? '', responsiblePerson: v.responsiblePerson ?? '' },
          async (data) => done(await invoke('issue.dispatch', data)));
      case 'plan':
        return submit(planInput, { id: issue.id, at, plan: v.plan ?? '', resolutionDue: v.resolutionDue ? v.resolutionDue : null },
          async (data) => done(await invoke('issue.plan', data)));
      case 'close':
        return submit(statusInput, { id: issue.id, at, status: '已办结', note: v.note ?? '' },
          async (data) => done(await invoke('issue.status', data)));
      case 'reopen':
        return submit(statusInput, { id: issue.id, at, status: '处理中', note: v.note ?? '' },
          async (data) => done(await invoke('issue.status', data)));
      case 'feedback':
        return submit(feedbackInput, { id: issue.id, at, feedback: v.feedback ?? '', satisfaction: v.satisfaction ?? '' },
          async (data) => done(await invoke('issue.feedback', data)));
      case 'escalate': {
        // At the top there is nobody to hand it to: the rule's own refusal, before asking for a unit and a person.
        const refused = next === null ? escalate(issue.level as EscalationLevel, v.reason ?? '') : null;
        if (refused && !refused.ok) {
          setErrors([refused.message]);
          return Promise.resolve();
        }
        return submit(escalateInput, { id: issue.id, at, reason: v.reason ?? '', responsibleUnit: v.responsibleUnit ?? '', responsiblePerson: v.responsiblePerson ?? '' },
          async (data) => done(await invoke('issue.escalate', data)));
      }
    }
  };

  return (
    <GuardedModal
      open={open}
      busy={busy}
      title={kind ? titleOf(kind, issue) : ''}
      onClose={onClose}
      width={560}
      destroyOnHidden
      footer={(cancel) => <SaveCancel onCancel={cancel} busy={busy} onSave={save} testId="action-save" label={kind ? ACTION_NAME[kind] : t.confirm} />}
    >
      <p className="issue-help issue-action-of" data-testid="action-issue">{t.number(issue.number)} {issue.title}</p>
      <Form form={form} onValuesChange={(changed: object) => clearErrors(form, changed)} layout="vertical" className="compact-form" data-testid={`action-form-${kind ?? ''}`}>
        {kind === 'dispatch' && (
          <div className="form-row">
            <Form.Item name="responsibleParty" label={t.responsible} required>
              <Select options={RESPONSIBLE_PARTIES.map((p) => ({ value: p, label: p }))} data-testid="action-party" />
            </Form.Item>
            <Form.Item name="responsiblePerson" label={t.responsiblePerson}>
              <Input maxLength={40} data-testid="action-person" />
            </Form.Item>
          </div>
        )}
        {kind === 'plan' && (
          <>
            <p className="issue-help">{t.planDueHint(issue.planDueAt.replace('T', ' '))}</p>
            <Form.Item name="plan" label={t.plan} required>
              <Input.TextArea rows={4} maxLength={2000} placeholder={t.planPlaceholder} data-testid="action-plan" />
            </Form.Item>
            <Form.Item name="resolutionDue" label={t.fieldResolutionDue}>
              <DateField data-testid="action-resolution-due" />
            </Form.Item>
          </>
        )}
        {kind === 'close' && (
          <Form.Item name="note" label={t.closeNote}>
            <Input.TextArea rows={2} maxLength={500} placeholder={t.notePlaceholder} data-testid="action-note" />
          </Form.Item>
        )}
        {kind === 'reopen' && (
          <Form.Item name="note" label={t.reopenReason} required>
            <Input.TextArea rows={2} maxLength={500} placeholder={t.reopenPlaceholder} data-testid="action-note" />
          </Form.Item>
        )}
        {kind === 'feedback' && (
          <>
            <Form.Item name="feedback" label={t.feedback} required>
              <Input.TextArea rows={3} maxLength={1000} placeholder={t.feedbackPlaceholder} data-testid="action-feedback" />
            </Form.Item>
            <Form.Item name="satisfaction" label={t.satisfaction} required>
              <Radio.Group options={t.satisfactions.map((s) => ({ value: s, label: s }))} data-testid="action-satisfaction" />
            </Form.Item>
          </>
        )}
        {kind === 'escalate' && (
          <>
            <Form.Item name="reason" label={t.reason} required>
              <Input.TextArea rows={3} maxLength={500} placeholder={t.reasonPlaceholder} data-testid="action-reason" />
            </Form.Item>
            {next && (
              <>
                <div className="form-row">
                  <Form.Item name="responsibleUnit" label={t.levelUnit(next)} required>
                    <Input maxLength={60} placeholder={t.levelUnitPlaceholder(next)} data-testid="action-level-unit" />
                  </Form.Item>
                  <Form.Item name="responsiblePerson" label={t.levelPerson(next)} required>
                    <Input maxLength={40} data-testid="action-level-person" />
                  </Form.Item>
                </div>
                {levelDays !== undefined && <p className="issue-help" data-testid="action-level-hint">{t.escalateHint(next, levelDays)}</p>}
              </>
            )}
          </>
        )}
        <Form.Item name="at" label={kind ? AT_LABEL[kind] : t.at} required>
          <DateField withTime data-testid="action-at" />
        </Form.Item>
      </Form>
      <div data-testid="action-errors"><FormError messages={errors} /></div>
    </GuardedModal>
  );
}
