/**
 * 调解记录: property-dispute mediations — the parties, the mediator, each
 * session (date and what happened) as a row, the outcome and the agreement.
 * A record with an outcome is locked: it opens read-only. Used on the ledger's
 * 调解记录 tab (all records) and on an issue's page (those linked to it).
 */
import { useEffect, useMemo, useState } from 'react';
import { Alert, App as AntApp, Button, Descriptions, Form, Input, Radio, Select } from 'antd';
import { DateField } from '../../../components/DateField';
import { mediationFields, mediationUpdate } from '../../../../../shared/contract/office';
import { invoke } from '../../../api/client';
import { errorMessage } from '../../../api/errors';
import { useQuery } from '../../../api/queries';
import { FormError } from '../../../components/FormError';
import { GuardedModal } from '../../../components/GuardedModal';
import { useFormSubmit } from '../../../components/useFormSubmit';
import { todayDate } from '../../../format';
import { zhCN } from '../../../i18n/zh-CN';
import { clearErrors, t, type Mediation } from './issueShared';
import { MediationGrid } from './MediationGrid';
import { Attachments } from '../../meetings/minutes/Attachments';
import { SaveCancel } from '../../../components/SaveCancel';
import { useCan } from '../../system/auth/permissions';
import { useRevision } from '../../../components/ConflictDialog';

interface Props {
  communityId: string;
  /** Only the records of this issue (and new ones linked to it). */
  issueId?: string;
  /** Shown above the list: the tab's explanation. */
  help?: boolean;
}

export function Mediations({ communityId, issueId, help }: Props) {
  const can = useCan();
  const list = useQuery('mediation.list', { communityId });
  const issues = useQuery('issue.list', { communityId, overdueOnly: false, text: '' });
  const [editing, setEditing] = useState<Mediation | 'new' | null>(null);
  const rows = useMemo(() => (list.data ?? []).filter((m) => issueId === undefined || m.issueId === issueId), [list.data, issueId]);
  const issueLabel = useMemo(() => new Map((issues.data ?? []).map((i) => [i.id, `${t.number(i.number)} ${i.title}`])), [issues.data]);

  return (
    <div className="issue-mediations" data-testid="mediations" data-ready={list.data ? 'true' : 'false'} data-count={rows.length}>
      <div className="toolbar">
        {help && <p className="issue-help issue-grow">{t.mediationHelp}</p>}
        {!help && <span className="toolbar-spacer" />}
        {can('mediations.write') && <Button onClick={() => setEditing('new')} data-testid="mediation-create">{t.mediationCreate}</Button>}
      </div>
      {list.error !== null && <Alert type="error" showIcon title={errorMessage(list.error)} />}
      {list.data && rows.length === 0 && <div className="muted issue-none" data-testid="mediations-none">{issueId ? t.mediationsNone : t.mediationNone}</div>}
      {rows.length > 0 && <MediationGrid rows={rows} issueId={issueId} issueLabel={issueLabel} onOpen={setEditing} />}
      <MediationForm
        communityId={communityId}
        record={editing === 'new' ? null : editing}
        open={editing !== null}
        issueId={issueId}
        issueOptions={(issues.data ?? []).map((i) => ({ value: i.id, label: `${t.number(i.number)} ${i.title}` }))}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          list.reload();
        }}
      />
    </div>
  );
}

interface Values {
  parties?: string;
  mediator?: string;
  issueId?: string | null;
  sessions?: { date?: string; summary?: string }[];
  outcome?: '' | '调解成功' | '调解不成';
  agreement?: string;
}

interface FormProps {
  communityId: string;
  record: Mediation | null;
  open: boolean;
  issueId?: string;
  issueOptions: { value: string; label: string }[];
  onClose: () => void;
  onSaved: (m: Mediation) => void;
}

/** What the form saves, as the record holds it (also what the conflict dialog compares). */
function fieldsOf(m: Mediation) {
  return { parties: m.parties, mediator: m.mediator, issueId: m.issueId, sessions: m.sessions.map((s) => ({ ...s })), outcome: m.outcome, agreement: m.agreement };
}

function MediationForm({ communityId, record, open, issueId, issueOptions, onClose, onSaved }: FormProps) {
  const [form] = Form.useForm<Values>();
  const { message } = AntApp.useApp();
  const { busy, errors, setErrors, submit } = useFormSubmit(form);
  const outcome = Form.useWatch('outcome', form) as Values['outcome'];
  const locked = record !== null && record.outcome !== '';
  const revision = useRevision<ReturnType<typeof fieldsOf>>({
    fields: [
      { name: 'parties', label: t.parties }, { name: 'mediator', label: t.mediator },
      { name: 'issueId', label: t.linkedIssue, show: (id) => (typeof id === 'string' ? issueOptions.find((o) => o.value === id)?.label ?? id : '') },
      { name: 'sessions', label: t.sessions, show: (s) => (Array.isArray(s) ? (s as { date: string; summary: string }[]).map((x) => `${x.date} ${x.summary}`).join('；') : '') },
      { name: 'outcome', label: t.outcome }, { name: 'agreement', label: t.agreement },
    ],
    readFresh: async () => {
      const fresh = (await invoke('mediation.list', { communityId })).find((m) => m.id === record!.id);
      if (!fresh) throw new Error(zhCN.conflict.gone);
      return { values: fieldsOf(fresh), revision: fresh.revision };
    },
    fill: (values) => form.setFieldsValue(values),
    resave: () => void save(),
  });

  useEffect(() => {
    if (!open) return;
    setErrors([]);
    form.resetFields();
    if (record) revision.opened(fieldsOf(record), record.revision);
    form.setFieldsValue(record
      ? fieldsOf(record)
      : { parties: '', mediator: '', issueId: issueId ?? null, sessions: [{ date: todayDate(), summary: '' }], outcome: '', agreement: '' });
  }, [open, record]);

  const save = () => {
    const v = form.getFieldsValue(true) as Values;
    const fields = {
      parties: v.parties ?? '', mediator: v.mediator ?? '', issueId: v.issueId ?? null,
      sessions: (v.sessions ?? []).map((s) => ({ date: s.date ?? '', summary: s.summary ?? '' })),
      outcome: v.outcome ?? '', agreement: v.agreement ?? '',
    };
    const done = (m: Mediation) => {
      message.success(t.mediationSaved);
      onSaved(m);
    };
    if (record) {
      const input = { id: record.id, ...fields, expectedRevision: revision.expected() };
      return submit(mediationUpdate, input, async (data) => done(await revision.guard(() => invoke('mediation.update', data), fields)));
    }
    const input = { communityId, ...fields };
    return submit(mediationFields, input, async (data) => done(await invoke('mediation.create', data)));
  };

  return (
    <GuardedModal
      open={open}
      busy={busy}
      title={locked ? t.mediationView : record ? t.mediationEdit : t.mediationCreate}
      onClose={onClose}
      width={760}
      destroyOnHidden
      footer={(cancel) => (locked
        ? <Button onClick={cancel} data-testid="mediation-close">{zhCN.common.close}</Button>
        : <SaveCancel onCancel={cancel} busy={busy} onSave={save} testId="mediation-save" label={zhCN.common.save} />)}
    >
      {locked && record ? <MediationView record={record} issueLabel={issueOptions.find((o) => o.value === record.issueId)?.label ?? null} /> : (
        <>
          <p className="issue-help">{t.mediationHelp}</p>
          <Form form={form} onValuesChange={(changed: object) => clearErrors(form, changed)} layout="vertical" className="compact-form" data-testid="mediation-form">
            <div className="form-row">
              <Form.Item name="parties" label={t.parties} required>
                <Input maxLength={300} placeholder={t.partiesPlaceholder} data-testid="mediation-parties" />
              </Form.Item>
              <Form.Item name="mediator" label={t.mediator} required>
                <Input maxLength={60} data-testid="mediation-mediator" />
              </Form.Item>
            </div>
            <Form.Item name="issueId" label={t.linkedIssue}>
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t.linkedIssuePlaceholder}
                options={issueOptions}
                onChange={(id?: string) => form.setFieldValue('issueId', id ?? null)}
                data-testid="mediation-issue"
              />
            </Form.Item>
            <div className="issue-sessions-head">{t.sessions}</div>
            <Form.List name="sessions">
              {(items, { add, remove }) => (
                <div className="issue-sessions" data-testid="mediation-sessions">
                  {items.map((item, index) => (
                    <div key={item.key} className="issue-session-row" data-testid="mediation-session">
                      <span className="issue-session-no">{t.sessionNo(index + 1)}</span>
                      <Form.Item name={[item.name, 'date']} className="issue-session-date">
                        <DateField aria-label={t.sessionDate} data-testid="session-date" />
                      </Form.Item>
                      <Form.Item name={[item.name, 'summary']} className="issue-session-summary">
                        <Input.TextArea rows={1} autoSize={{ minRows: 1, maxRows: 4 }} maxLength={1000} placeholder={t.sessionSummary} data-testid="session-summary" />
                      </Form.Item>
                      <Button type="link" onClick={() => remove(item.name)} data-testid="session-remove">{t.removeSession}</Button>
                    </div>
                  ))}
                  <Button onClick={() => add({ date: todayDate(), summary: '' })} data-testid="session-add">{t.addSession}</Button>
                </div>
              )}
            </Form.List>
            <Form.Item name="outcome" label={t.outcome} className="issue-outcome">
              <Radio.Group
                options={[{ value: '', label: t.outcomePending }, ...t.outcomes.map((o) => ({ value: o, label: o }))]}
                data-testid="mediation-outcome"
              />
            </Form.Item>
            {outcome && <Alert type="warning" showIcon title={t.outcomeConfirm} className="issue-outcome-warn" />}
            <Form.Item name="agreement" label={t.agreement}>
              <Input.TextArea rows={3} maxLength={4000} placeholder={t.agreementPlaceholder} data-testid="mediation-agreement" />
            </Form.Item>
          </Form>
          <div data-testid="mediation-errors"><FormError messages={errors} /></div>
          {record && <MediationFiles id={record.id} />}
          {revision.dialog}
        </>
      )}
    </GuardedModal>
  );
}

function MediationView({ record: m, issueLabel }: { record: Mediation; issueLabel: string | null }) {
  return (
    <div data-testid="mediation-locked">
      <Alert type="info" showIcon title={t.mediationLocked(m.outcome)} className="issue-locked-note" />
      <Descriptions size="small" column={2} bordered>
        <Descriptions.Item label={t.parties} span={2}>{m.parties}</Descriptions.Item>
        <Descriptions.Item label={t.mediator}>{m.mediator}</Descriptions.Item>
        <Descriptions.Item label={t.outcome}><span data-testid="mediation-outcome-shown">{m.outcome}</span></Descriptions.Item>
        <Descriptions.Item label={t.linkedIssue} span={2}>{issueLabel ?? t.none}</Descriptions.Item>
        <Descriptions.Item label={t.sessions} span={2}>
          <ol className="issue-session-list" data-testid="mediation-sessions-shown">
            {m.sessions.map((s, i) => <li key={i}><span className="num">{s.date}</span>　{s.summary}</li>)}
          </ol>
        </Descriptions.Item>
        <Descriptions.Item label={t.agreement} span={2}><span className="pre-line">{m.agreement || t.none}</span></Descriptions.Item>
      </Descriptions>
      <MediationFiles id={m.id} />
    </div>
  );
}

/** The signed agreement and other papers: files may be added to a decided record, since they never change it. */
function MediationFiles({ id }: { id: string }) {
  return (
    <>
      <h4 className="section-heading">{t.agreementFiles}</h4>
      <Attachments ownerType="mediation" ownerId={id} />
    </>
  );
}
