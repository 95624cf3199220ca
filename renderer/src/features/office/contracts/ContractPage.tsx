/**
 * One property-service contract: which rule applies today (the state's
 * message, its date and notes) first and large; the statutory dates (the
 * latest non-renewal notice, renewal preparation, what a dismissal noticed
 * today would give, and a what-if for any notice date); the terms (修改条款);
 * the events that end a contract, each recorded once with its date and note
 * (main refuses a second one or a future date, in its words); and the
 * quarterly evaluations with their trend chart and 打印年度评价报告.
 */
import { useEffect, useMemo, useState } from 'react';
import { Alert, App as AntApp, Button, Descriptions, Form, Input, InputNumber, Select, Space, Spin, Tag } from 'antd';
import { DateField } from '../../../components/DateField';
import { contractEventInput, dismissalInput, evaluationInput, CONTRACT_EVENTS } from '../../../../../shared/contract/office';
import type { MethodInput } from '../../../../../shared/contract/methods';
import { invoke } from '../../../api/client';
import { errorMessage } from '../../../api/errors';
import { useQuery } from '../../../api/queries';
import { DataGrid, type ColumnDef } from '../../../components/DataGrid';
import { FormError } from '../../../components/FormError';
import { GuardedModal } from '../../../components/GuardedModal';
import { PageHeader } from '../../../components/PageHeader';
import { useFormSubmit, useSending } from '../../../components/useFormSubmit';
import { groupedArea, todayDate } from '../../../format';
import { zhCN } from '../../../i18n/zh-CN';
import { navigate, routeHash } from '../../../router';
import { ContractForm } from './ContractForm';
import { lazyExport, OnDemand } from '../../../components/OnDemand';
import { Deadline } from '../../../components/Deadline';
import { deadlineView, officeNow } from '../../../components/deadline';
import { BandTag, contractDeadline, rateText, ratePercent, StateTag, t, type ContractDetail, type Evaluation } from './contractShared';
import { Attachments } from '../../meetings/minutes/Attachments';
import { SaveCancel } from '../../../components/SaveCancel';
import { HistoryLink } from '../../system/audit/HistoryLink';
import { useCan } from '../../system/auth/permissions';

// ECharts loads with the chart, not with the page.
const EvaluationChart = lazyExport(() => import('./EvaluationChart'), 'EvaluationChart');

type EventKey = (typeof CONTRACT_EVENTS)[number];
type Checklist = { key: string; name: string; weight: number }[];

export function ContractPage({ communityId, contractId }: { communityId: string; contractId: string }) {
  const can = useCan();
  const loaded = useQuery('contract.get', { id: contractId });
  const [contract, setContract] = useState<ContractDetail | null>(null);
  const [editing, setEditing] = useState(false);
  useEffect(() => {
    if (loaded.data) setContract(loaded.data);
  }, [loaded.data]);

  const c = contract;
  return (
    <div className="page page-scroll contract-page" data-testid="contract-page" data-ready={c ? 'true' : 'false'} data-state={c?.state.kind}>
      <PageHeader
        title={<span data-testid="contract-title">{c ? c.companyName : t.title}</span>}
        sub={c && <span>{c.kind}　<span className="num">{t.term(c.startDate, c.endDate)}</span></span>}
        extra={(
          <Space>
            {c && can('contracts.write') && <Button onClick={() => setEditing(true)} data-testid="contract-edit">{t.edit}</Button>}
            <HistoryLink entity="service_contract" id={contractId} />
            <Button onClick={() => navigate({ name: 'contracts', communityId })}>{t.back}</Button>
          </Space>
        )}
      />
      {loaded.error !== null && <Alert type="error" showIcon title={errorMessage(loaded.error)} />}
      {!c && loaded.error === null && <Spin />}
      {c && (
        <>
          <StatePanel contract={c} />
          <DatesPanel contract={c} />
          <TermsPanel contract={c} />
          <EventsPanel contract={c} onSaved={setContract} />
          <EvaluationsPanel contract={c} />
          <section className="panel">
            <h3 className="section-heading">{t.attachments}</h3>
            <Attachments ownerType="contract" ownerId={c.id} />
          </section>
          <ContractForm
            communityId={communityId}
            contract={c}
            open={editing}
            onClose={() => setEditing(false)}
            onSaved={(saved) => {
              setContract(saved);
              setEditing(false);
            }}
          />
        </>
      )}
    </div>
  );
}

/** Which rule applies today, prominently: the message, the date it is about, the notes. */
function StatePanel({ contract: c }: { contract: ContractDetail }) {
  const s = c.state;
  const d = contractDeadline(c);
  const level = d ? deadlineView(d.due, officeNow(), { warnFrom: d.warnFrom }).level : 'later';
  return (
    <section className="panel" data-testid="contract-state">
      <h3 className="section-heading">{t.today}</h3>
      <div className={`contract-state${s.overdue || level === 'overdue' ? ' overdue' : level === 'soon' ? ' soon' : ''}`} data-kind={s.kind} data-overdue={s.overdue ? 'true' : 'false'}>
        <div className="contract-state-message" data-testid="contract-state-message">{s.message}</div>
        {d && (
          <div className="contract-state-deadline">
            <Deadline due={d.due} warnFrom={d.warnFrom} what={d.sentence} testId="contract-countdown" />
          </div>
        )}
        <div className="contract-state-date">
          {t.stateDate}：<span className="num" data-testid="contract-state-date">{s.date}</span> <StateTag state={s} />
        </div>
        {s.notes.length > 0 && (
          <ul className="contract-state-notes" data-testid="contract-state-notes">
            {s.notes.map((n) => <li key={n}>{n}</li>)}
          </ul>
        )}
      </div>
    </section>
  );
}

/** The statutory dates, and what a dismissal noticed on a chosen day would give (contract.dismissal, nothing written). */
function DatesPanel({ contract: c }: { contract: ContractDetail }) {
  const [date, setDate] = useState(todayDate());
  const [result, setResult] = useState<string | null>(null);
  const { busy, errors, setErrors, run } = useSending();
  const d = c.dismissalIfNoticedToday;
  const today = todayDate();

  const compute = () => {
    const checked = dismissalInput.safeParse({ id: c.id, noticeDate: date });
    setResult(null);
    if (!checked.success) {
      setErrors(checked.error.issues.map((i) => i.message));
      return Promise.resolve();
    }
    return run(async () => {
      setResult((await invoke('contract.dismissal', checked.data)).message);
    });
  };

  return (
    <section className="panel" data-testid="contract-dates">
      <h3 className="section-heading">{t.dates}</h3>
      <dl className="contract-dates">
        <dt>{t.nonRenewalBy(c.nonRenewalNoticeDays)}</dt>
        <dd>
          <span className="num strong" data-testid="contract-notice-by">{c.nonRenewalNoticeBy.date}</span>
          {c.nonRenewalNoticeBy.onRestDay && <span className="muted">{t.restDay}</span>}
          {c.nonRenewalNoticeBy.date >= today
            ? <> <Deadline due={c.nonRenewalNoticeBy.date} warnDays={30} what={t.noticeByWhat} testId="contract-notice-by-countdown" /></>
            : <span className="muted"> {t.noticeByPassed}</span>}
        </dd>
        <dt>{t.renewalFrom}</dt>
        <dd>
          {c.renewalPreparationFrom
            ? <span className="num strong" data-testid="contract-renewal-from">{c.renewalPreparationFrom}</span>
            : <span className="muted" data-testid="contract-renewal-from">{t.noRenewalReminder}</span>}
          {c.renewalPreparationFrom && c.renewalPreparationFrom > today && (
            <> <Deadline due={c.renewalPreparationFrom} what={t.renewalFromWhat} warnDays={30} testId="contract-renewal-countdown" /></>
          )}
        </dd>
        {c.decisionDue && (
          <>
            <dt>{t.expiryLabel}</dt>
            <dd>
              <span className="num strong">{c.decisionDue.due}</span>{' '}
              <Deadline due={c.decisionDue.due} warnFrom={c.decisionDue.urgentFrom} what={t.decisionShort} testId="contract-expiry-countdown" />
            </dd>
          </>
        )}
        <dt>{t.dismissalToday(d.days)}</dt>
        <dd>
          <span className="num strong" data-testid="contract-dismissal-today">{d.date}</span>
          {d.onRestDay && <span className="muted">{t.restDay}</span>}
        </dd>
      </dl>
      <div className="contract-whatif">
        <span className="toolbar-label">{t.whatIf}{t.whatIfLabel}</span>
        <DateField className="contract-whatif-date" value={date} onChange={(v) => setDate(v)} aria-label={t.whatIfLabel} data-testid="contract-whatif-date" />
        <Button loading={busy} onClick={() => void compute()} data-testid="contract-whatif-run">{t.whatIfRun}</Button>
        {result && <span className="contract-whatif-result" data-testid="contract-whatif-result">{result}</span>}
      </div>
      <div data-testid="contract-whatif-errors"><FormError messages={errors} /></div>
    </section>
  );
}

function TermsPanel({ contract: c }: { contract: ContractDetail }) {
  return (
    <section className="panel">
      <h3 className="section-heading">{t.terms}</h3>
      <Descriptions size="small" column={3} className="contract-descriptions" data-testid="contract-terms">
        <Descriptions.Item label={t.company}>{c.companyName}</Descriptions.Item>
        <Descriptions.Item label={t.colCreditCode}><span className="num" data-testid="contract-credit-code-shown">{c.creditCode}</span></Descriptions.Item>
        <Descriptions.Item label={t.kind}><span data-testid="contract-kind-shown">{c.kind}</span></Descriptions.Item>
        <Descriptions.Item label={t.termLabel}><span className="num" data-testid="contract-term-shown">{t.term(c.startDate, c.endDate)}</span></Descriptions.Item>
        <Descriptions.Item label={t.vote} span={2}>
          {c.voteId
            ? <a href={routeHash({ name: 'vote', communityId: c.communityId, voteId: c.voteId })} data-testid="contract-vote-link">{c.voteTitle}</a>
            : t.none}
        </Descriptions.Item>
        <Descriptions.Item label={t.periods}>
          <span data-testid="contract-periods-shown">{t.periodsShown(c.nonRenewalNoticeDays, c.dismissalNoticeDays, c.indefiniteNoticeDays)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t.feesShown} span={2}>
          <span data-testid="contract-fees-shown">{c.fees.length > 0 ? c.fees.map((f) => t.feeShown(f.partType, f.fee)).join('；') : t.none}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t.serviceLevel}>{c.serviceLevel || t.none}</Descriptions.Item>
        <Descriptions.Item label={t.deposit}>{c.deposit === '0.00' ? t.none : t.yuan(groupedArea(c.deposit))}</Descriptions.Item>
        <Descriptions.Item label={t.signatories}>{c.signatories || t.none}</Descriptions.Item>
        <Descriptions.Item label={t.note} span={3}>{c.note || t.none}</Descriptions.Item>
        <Descriptions.Item label={t.handoverLabel} span={3}>{t.handover(c.handoverDays)}</Descriptions.Item>
      </Descriptions>
    </section>
  );
}

function recordedOn(c: ContractDetail, event: EventKey): string | null {
  switch (event) {
    case 'non-renewal-notice': return c.nonRenewalNoticeOn;
    case 'owners-decision-renew': return c.ownersDecision === 'renew' ? c.ownersDecisionOn : null;
    case 'owners-decision-replace': return c.ownersDecision === 'replace' ? c.ownersDecisionOn : null;
    case 'termination-notice': return c.terminationNoticeOn;
    case 'ended': return c.endedOn;
    case 'handed-over': return c.handedOverOn;
  }
}

/** The dated events that end a contract: recorded ones with their dates, 登记 for the others. */
function EventsPanel({ contract: c, onSaved }: { contract: ContractDetail; onSaved: (c: ContractDetail) => void }) {
  const can = useCan();
  const [recording, setRecording] = useState<EventKey | null>(null);
  return (
    <section className="panel" data-testid="contract-events">
      <h3 className="section-heading">{t.events}</h3>
      <p className="contract-help">{t.eventsHelp}</p>
      <table className="contract-events">
        <tbody>
          {CONTRACT_EVENTS.map((event) => {
            const on = recordedOn(c, event);
            return (
              <tr key={event} data-testid="contract-event" data-event={event} data-date={on ?? ''}>
                <td>{t.eventName[event]}</td>
                <td>
                  {on
                    ? <><Tag color="green" className="tight-tag">{t.recorded}</Tag> <span className="num">{on}</span>{event === 'ended' && c.endReason ? `　${t.endReason}：${c.endReason}` : ''}</>
                    : <span className="muted">{t.notRecorded}</span>}
                </td>
                <td>
                  {can('contracts.write') && <Button size="small" onClick={() => setRecording(event)} data-testid={`contract-record-${event}`}>{t.record}</Button>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <RecordModal contract={c} event={recording} onClose={() => setRecording(null)} onSaved={(saved) => { onSaved(saved); setRecording(null); }} />
    </section>
  );
}

function RecordModal({ contract, event, onClose, onSaved }: { contract: ContractDetail; event: EventKey | null; onClose: () => void; onSaved: (c: ContractDetail) => void }) {
  const { message } = AntApp.useApp();
  const { busy, errors, setErrors, run } = useSending();
  const [date, setDate] = useState(todayDate());
  const [note, setNote] = useState('');
  useEffect(() => {
    if (event === null) return;
    setErrors([]);
    setDate(todayDate());
    setNote('');
  }, [event]);

  const save = () => {
    const checked = contractEventInput.safeParse({ contractId: contract.id, event, date, note });
    if (!checked.success) {
      setErrors(checked.error.issues.map((i) => i.message));
      return Promise.resolve();
    }
    return run(async () => {
      const saved = await invoke('contract.record', checked.data);
      message.success(zhCN.common.saved);
      onSaved(saved);
    });
  };

  return (
    <GuardedModal
      open={event !== null}
      busy={busy}
      title={event ? t.recordTitle(t.eventName[event] ?? event) : ''}
      onClose={onClose}
      destroyOnHidden
      width={480}
      footer={(cancel) => <SaveCancel onCancel={cancel} busy={busy} onSave={save} testId="event-save" label={t.record} />}
    >
      <div className="compact-form" data-testid="event-form">
        <div className="toolbar-label">{t.eventDate}</div>
        <DateField value={date} onChange={(v) => setDate(v)} aria-label={t.eventDate} data-testid="event-date" style={{ width: 180, marginBottom: 12 }} />
        <div className="toolbar-label">{event === 'ended' ? t.endReason : t.eventNote}</div>
        <Input.TextArea rows={2} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} aria-label={t.eventNote} data-testid="event-note" />
      </div>
      <div data-testid="event-errors" style={{ marginTop: 12 }}><FormError messages={errors} /></div>
    </GuardedModal>
  );
}

// ── evaluations ─────────────────────────────────────────────────────

function EvaluationsPanel({ contract: c }: { contract: ContractDetail }) {
  const can = useCan();
  const list = useQuery('contract.evaluations', { contractId: c.id });
  const community = useQuery('community.get', { id: c.communityId });
  const [entering, setEntering] = useState(false);
  const rows = useMemo(() => list.data ?? [], [list.data]);
  const years = useMemo(() => [...new Set(rows.map((e) => Number(e.quarter.slice(0, 4))))].sort((a, b) => b - a), [rows]);
  const [year, setYear] = useState<number | null>(null);
  const shownYear = year ?? years[0] ?? Number(todayDate().slice(0, 4));
  const checklist: Checklist = community.data?.settings.officeRules.checklist ?? [];

  const columns: ColumnDef<Evaluation>[] = [
    { id: 'quarter', header: t.colQuarter, size: 150, cell: ({ row }) => t.quarterLabel(row.original.quarter) },
    { id: 'score', header: t.colScore, size: 80, meta: { align: 'right' }, cell: ({ row }) => <span className="num strong" data-testid="evaluation-score">{row.original.score}</span> },
    { id: 'band', header: t.colBand, size: 80, cell: ({ row }) => <span data-testid="evaluation-band"><BandTag band={row.original.band} /></span> },
    {
      id: 'satisfaction', header: t.colSatisfaction, size: 110, meta: { align: 'right' },
      cell: ({ row }) => <span className="num" data-testid="evaluation-satisfaction">{rateText(row.original.satisfaction)}</span>,
    },
    { id: 'complaints', header: t.colComplaints, size: 70, meta: { align: 'right' }, cell: ({ row }) => <span className="num" data-testid="evaluation-complaints">{row.original.complaints}</span> },
    {
      id: 'collection', header: t.colCollection, size: 120, meta: { align: 'right' },
      cell: ({ row }) => <span className="num" data-testid="evaluation-collection">{rateText(row.original.collectionRate)}</span>,
    },
    { id: 'note', header: t.colNote, size: 160, meta: { grow: true }, cell: ({ row }) => <span title={row.original.note}>{row.original.note}</span> },
  ];

  return (
    <section className="panel" data-testid="contract-evaluations" data-count={list.data ? String(rows.length) : ''}>
      <div className="contract-section-head">
        <h3 className="section-heading">{t.evaluations}</h3>
        <div className="contract-section-actions">
          {can('contracts.write') && <Button onClick={() => setEntering(true)} disabled={checklist.length === 0} data-testid="evaluation-create">{t.evaluate}</Button>}
          <span className="toolbar-label">{t.reportYear}</span>
          <Select
            value={shownYear}
            style={{ width: 100 }}
            options={(years.length > 0 ? years : [shownYear]).map((y) => ({ value: y, label: `${y}年` }))}
            onChange={(y) => setYear(y)}
            data-testid="evaluation-year"
          />
          <Button href={routeHash({ name: 'printEvaluation', communityId: c.communityId, contractId: c.id, year: shownYear })} data-testid="evaluation-print">
            {t.printReport}
          </Button>
        </div>
      </div>
      {list.error !== null && <Alert type="error" showIcon title={errorMessage(list.error)} />}
      {list.data && rows.length === 0 && <p className="contract-help" data-testid="evaluations-none">{t.evaluationsNone}</p>}
      {rows.length > 0 && (
        <>
          <DataGrid
            testId="evaluations-grid"
            ariaLabel={t.evaluations}
            columns={columns}
            source={{ kind: 'local', rows }}
            getRowId={(e) => e.id}
            autoHeightRows={8}
          />
          <div className="contract-chart-box">
            <OnDemand>
              <EvaluationChart
                testId="evaluation-chart"
                quarters={rows.map((e) => e.quarter)}
                scores={rows.map((e) => Number(e.score))}
                satisfaction={rows.map((e) => ratePercent(e.satisfaction))}
                widthMm={200}
                heightMm={65}
              />
            </OnDemand>
          </div>
        </>
      )}
      <EvaluationForm
        contract={c}
        checklist={checklist}
        open={entering}
        onClose={() => setEntering(false)}
        onSaved={() => {
          setEntering(false);
          list.reload();
        }}
      />
    </section>
  );
}

interface EvalValues {
  year?: number | null;
  q?: number;
  scores?: Record<string, number | null>;
  satisfied?: number | null;
  surveyed?: number | null;
  feesDue?: string;
  feesCollected?: string;
  note?: string;
}

/** The quarter before today's: the one usually evaluated. */
function lastQuarter(): { year: number; q: number } {
  const [y, m] = todayDate().split('-').map(Number) as [number, number];
  const q = Math.floor((m - 1) / 3) + 1;
  return q === 1 ? { year: y - 1, q: 4 } : { year: y, q: q - 1 };
}

function EvaluationForm({ contract, checklist, open, onClose, onSaved }: {
  contract: ContractDetail; checklist: Checklist; open: boolean; onClose: () => void; onSaved: (e: Evaluation) => void;
}) {
  const [form] = Form.useForm<EvalValues>();
  const { message } = AntApp.useApp();
  const { busy, errors, setErrors, submit } = useFormSubmit(form);

  useEffect(() => {
    if (!open) return;
    setErrors([]);
    form.resetFields();
    const last = lastQuarter();
    form.setFieldsValue({ year: last.year, q: last.q, scores: {}, satisfied: 0, surveyed: 0, feesDue: '', feesCollected: '', note: '' });
  }, [open]);

  const save = () => {
    const v = form.getFieldsValue(true) as EvalValues;
    const text = (s: string | undefined) => ((s ?? '').trim() === '' ? null : (s ?? '').trim());
    const input = {
      contractId: contract.id,
      quarter: `${v.year ?? ''}-Q${v.q ?? ''}`,
      scores: Object.fromEntries(checklist.map((i) => [i.key, v.scores?.[i.key] ?? undefined])),
      satisfied: v.satisfied ?? 0,
      surveyed: v.surveyed ?? 0,
      feesDue: text(v.feesDue),
      feesCollected: text(v.feesCollected),
      note: v.note ?? '',
    };
    // main gets the amounts as typed (yuan text), as the contract takes them.
    return submit(evaluationInput, input, async () => {
      const saved = await invoke('contract.evaluate', input as MethodInput<'contract.evaluate'>);
      message.success(t.saved);
      onSaved(saved);
    });
  };

  return (
    <GuardedModal
      open={open}
      busy={busy}
      title={t.formEvalTitle}
      onClose={onClose}
      width={720}
      destroyOnHidden
      footer={(cancel) => <SaveCancel onCancel={cancel} busy={busy} onSave={save} testId="evaluation-save" label={t.save} />}
    >
      <p className="contract-help">{t.evalHelp}</p>
      <Form form={form} layout="vertical" className="compact-form" data-testid="evaluation-form">
        <div className="contract-eval-row">
          <Form.Item name="year" label={t.fieldYear} required>
            <InputNumber min={2000} max={2100} precision={0} data-testid="evaluation-year-input" />
          </Form.Item>
          <Form.Item name="q" label={t.fieldQuarter} required>
            <Select options={[1, 2, 3, 4].map((q) => ({ value: q, label: t.quarterName(q) }))} data-testid="evaluation-quarter" />
          </Form.Item>
        </div>
        <div className="toolbar-label">{t.scores}</div>
        <div className="contract-scores">
          {checklist.map((item) => (
            <Form.Item key={item.key} name={['scores', item.key]} label={<span>{item.name} <span className="muted">{t.weight(item.weight)}</span></span>}>
              <InputNumber min={0} max={100} precision={0} data-testid={`evaluation-score-${item.key}`} />
            </Form.Item>
          ))}
        </div>
        <div className="contract-eval-row">
          <Form.Item name="satisfied" label={t.satisfied}>
            <InputNumber min={0} precision={0} data-testid="evaluation-satisfied" />
          </Form.Item>
          <Form.Item name="surveyed" label={t.surveyed}>
            <InputNumber min={0} precision={0} data-testid="evaluation-surveyed" />
          </Form.Item>
          <Form.Item name="feesDue" label={t.feesDue}>
            <Input inputMode="decimal" suffix="元" data-testid="evaluation-fees-due" />
          </Form.Item>
          <Form.Item name="feesCollected" label={t.feesCollected}>
            <Input inputMode="decimal" suffix="元" data-testid="evaluation-fees-collected" />
          </Form.Item>
        </div>
        <Form.Item name="note" label={t.fieldNote}>
          <Input.TextArea rows={2} maxLength={500} data-testid="evaluation-note" />
        </Form.Item>
      </Form>
      <div data-testid="evaluation-errors"><FormError messages={errors} /></div>
    </GuardedModal>
  );
}
