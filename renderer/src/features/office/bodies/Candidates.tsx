/**
 * 候选人审查 (关键人选把关): each candidate with the body they stand for, who
 * recommended them, what the register says about owning a part, the publicity
 * period, and the four checks — passed, failed or not yet, each with its note,
 * who checked and when; 已通过审查 once every check passed and the publicity is
 * over. A candidate is added from the register or by name; a check is
 * recorded with its result and note (main refuses "owns a part" passed against
 * the register without a note, in its words).
 */
import { useEffect, useMemo, useState } from 'react';
import { Alert, App as AntApp, Button, Form, Input, Radio, Select, Tag } from 'antd';
import { DateField } from '../../../components/DateField';
import { BODY_KINDS, candidateCheckInput, candidateFields, RECOMMENDERS, type CANDIDATE_CHECKS } from '../../../../../shared/contract/office';
import { invoke } from '../../../api/client';
import { errorMessage } from '../../../api/errors';
import { useAsync } from '../../../api/useAsync';
import { DataGrid, type ColumnDef } from '../../../components/DataGrid';
import { FormModal } from '../../../components/FormModal';
import { useFormSubmit } from '../../../components/useFormSubmit';
import { formatDateTime, todayDate } from '../../../format';
import { zhCN } from '../../../i18n/zh-CN';
import { PersonSelect, type Candidate, type Person } from './bodiesShared';
import { useCan } from '../../system/auth/permissions';

const t = zhCN.bodies;

type CheckKey = (typeof CANDIDATE_CHECKS)[number];
type CheckRow = Candidate['checks'][number];

function CheckResult({ passed }: { passed: boolean | null }) {
  if (passed === null) return <Tag className="tight-tag" data-testid="check-result" data-state="none">{t.notChecked}</Tag>;
  return passed
    ? <Tag color="green" className="tight-tag" data-testid="check-result" data-state="passed">{t.passed}</Tag>
    : <Tag color="red" className="tight-tag" data-testid="check-result" data-state="failed">{t.notPassed}</Tag>;
}

function publicityState(c: Candidate, today: string): 'before' | 'during' | 'over' | null {
  if (c.publicityStart === null || c.publicityEnd === null) return null;
  if (today < c.publicityStart) return 'before';
  return today > c.publicityEnd ? 'over' : 'during';
}

export function CandidatesSection({ communityId }: { communityId: string }) {
  const can = useCan();
  const list = useAsync(() => invoke('candidate.list', { communityId }), [communityId]);
  const [adding, setAdding] = useState(false);
  const [checking, setChecking] = useState<{ candidate: Candidate; check: CheckRow } | null>(null);
  const rows = list.data ?? [];

  return (
    <div className="bodies-cards" data-testid="candidates" data-ready={list.data ? 'true' : 'false'}>
      <div className="body-card-head">
        <p className="bodies-intro">{t.candidatesIntro}</p>
        {can('bodies.write') && <Button type="primary" onClick={() => setAdding(true)} data-testid="candidate-create">{t.candidateCreate}</Button>}
      </div>
      {list.error !== null && <Alert type="error" showIcon title={errorMessage(list.error)} />}
      {list.data && rows.length === 0 && <div className="panel muted" data-testid="candidates-empty">{t.candidatesEmpty}</div>}
      {rows.map((c) => <CandidateCard key={c.id} candidate={c} onCheck={(check) => setChecking({ candidate: c, check })} />)}
      <CandidateForm
        communityId={communityId}
        open={adding}
        onClose={() => setAdding(false)}
        onSaved={() => {
          setAdding(false);
          list.reload();
        }}
      />
      <CheckForm
        target={checking}
        onClose={() => setChecking(null)}
        onSaved={() => {
          setChecking(null);
          list.reload();
        }}
      />
    </div>
  );
}

function CandidateCard({ candidate: c, onCheck }: { candidate: Candidate; onCheck: (check: CheckRow) => void }) {
  const can = useCan();
  const today = todayDate();
  const state = publicityState(c, today);
  const failed = c.checks.some((k) => k.passed === false);
  const columns = useMemo<ColumnDef<CheckRow>[]>(() => [
    { id: 'name', header: t.colCheck, size: 200, cell: ({ row }) => <span className="strong">{row.original.name}</span> },
    { id: 'result', header: t.colResult, size: 80, cell: ({ row }) => <CheckResult passed={row.original.passed} /> },
    { id: 'note', header: t.colNote, size: 200, meta: { grow: true }, cell: ({ row }) => <span title={row.original.note}>{row.original.note || <span className="muted">{t.none}</span>}</span> },
    { id: 'by', header: t.colBy, size: 160, cell: ({ row }) => row.original.checkedBy ?? <span className="muted">{t.none}</span> },
    { id: 'at', header: t.colAt, size: 150, cell: ({ row }) => (row.original.checkedAt ? formatDateTime(row.original.checkedAt) : <span className="muted">{t.none}</span>) },
    {
      id: 'action', header: '', size: 70, meta: { align: 'center' },
      cell: ({ row }) => (
        can('bodies.write') && <Button size="small" type="link" onClick={() => onCheck(row.original)} data-testid={`check-${row.original.check}`}>{t.record}</Button>
      ),
    },
  ], [onCheck, can]);
  return (
    <section className="panel candidate-card" data-testid="candidate-card" data-name={c.name} data-cleared={c.cleared ? 'true' : 'false'}>
      <div className="candidate-card-head">
        <div>
          <span className="candidate-name">{c.name}</span>
          <Tag className="tight-tag">{c.kind}</Tag>
        </div>
        {c.cleared
          ? <Tag color="green" data-testid="candidate-status" data-state="cleared">{t.cleared}</Tag>
          : failed
            ? <Tag color="red" data-testid="candidate-status" data-state="failed">{t.failed}</Tag>
            : <Tag color="blue" data-testid="candidate-status" data-state="pending">{t.notCleared}</Tag>}
      </div>
      <div className="candidate-facts">
        <span><span className="label">{t.recommendedBy}</span>{c.recommendedBy}</span>
        <span data-testid="candidate-publicity">
          <span className="label">{t.publicity}</span>
          {c.publicityStart && c.publicityEnd ? `${t.publicityRange(c.publicityStart, c.publicityEnd)}（${t.publicityState[state ?? 'before']}）` : t.publicityNone}
        </span>
        <span
          className={`candidate-register ${c.ownsPartInRegister === true ? 'yes' : c.ownsPartInRegister === false ? 'no' : ''}`}
          data-testid="candidate-register"
        >
          {c.ownsPartInRegister === true ? t.ownsInRegister : c.ownsPartInRegister === false ? t.notOwnsInRegister : t.notLinked}
        </span>
      </div>
      <DataGrid
        testId="candidate-checks-grid"
        ariaLabel={`${c.name}${t.colCheck}`}
        columns={columns}
        source={{ kind: 'local', rows: c.checks }}
        getRowId={(k) => k.check}
        autoHeightRows={4}
      />
    </section>
  );
}

interface CandidateValues {
  source?: 'register' | 'name';
  personId?: string | null;
  name?: string;
  kind?: (typeof BODY_KINDS)[number];
  recommendedBy?: (typeof RECOMMENDERS)[number];
  publicityStart?: string;
  publicityEnd?: string;
}

function CandidateForm({ communityId, open, onClose, onSaved }: { communityId: string; open: boolean; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm<CandidateValues>();
  const { message } = AntApp.useApp();
  const { busy, errors, setErrors, submit } = useFormSubmit(form);
  const [person, setPerson] = useState<Person | null>(null);
  const source = Form.useWatch('source', form) ?? 'register';

  useEffect(() => {
    if (!open) return;
    setErrors([]);
    setPerson(null);
    form.resetFields();
    form.setFieldsValue({ source: 'register', personId: null, name: '', kind: '业主委员会', recommendedBy: '社区党组织', publicityStart: '', publicityEnd: '' });
  }, [open]);

  const save = () => {
    const v = form.getFieldsValue(true) as CandidateValues;
    const fromRegister = v.source !== 'name';
    if (fromRegister && !person) {
      form.setFields([{ name: 'personId', errors: [t.personRequired] }]);
      return;
    }
    const input = {
      communityId,
      kind: v.kind ?? '业主委员会',
      personId: fromRegister ? person!.personId : null,
      name: fromRegister ? person!.name : (v.name ?? ''),
      recommendedBy: v.recommendedBy,
      publicityStart: v.publicityStart ? v.publicityStart : null,
      publicityEnd: v.publicityEnd ? v.publicityEnd : null,
    };
    return submit(candidateFields, input, async (data) => {
      await invoke('candidate.create', data);
      message.success(t.candidateCreated);
      onSaved();
    });
  };

  return (
    <FormModal
      open={open}
      title={t.candidateFormTitle}
      onCancel={onClose}
      width={620}
      save={{ busy, onSave: save, testId: 'candidate-save', label: t.save }}
      errors={errors}
      errorsTestId="candidate-form-errors"
    >
      <Form form={form} layout="vertical" className="compact-form" data-testid="candidate-form">
        <Form.Item name="source" label={t.source}>
          <Radio.Group options={[{ value: 'register', label: t.fromRegister }, { value: 'name', label: t.byName }]} data-testid="candidate-source" />
        </Form.Item>
        {source === 'register'
          ? (
            <Form.Item name="personId" label={t.person} required>
              <PersonSelect
                communityId={communityId}
                value={person?.personId ?? null}
                onPick={(p) => {
                  setPerson(p);
                  form.setFields([{ name: 'personId', value: p?.personId ?? null, errors: [] }]);
                }}
                testId="candidate-person"
              />
            </Form.Item>
          )
          : (
            <Form.Item name="name" label={t.candidateName} required>
              <Input maxLength={40} data-testid="candidate-name" />
            </Form.Item>
          )}
        <div className="form-row">
          <Form.Item name="kind" label={t.candidateKind}>
            <Select options={BODY_KINDS.map((k) => ({ value: k, label: k }))} data-testid="candidate-kind" />
          </Form.Item>
          <Form.Item name="recommendedBy" label={t.recommendedBy} required>
            <Select options={RECOMMENDERS.map((r) => ({ value: r, label: r }))} data-testid="candidate-recommended" />
          </Form.Item>
        </div>
        <div className="form-row">
          <Form.Item name="publicityStart" label={t.publicityStart} extra={t.publicityHelp}>
            <DateField data-testid="candidate-publicity-start" />
          </Form.Item>
          <Form.Item name="publicityEnd" label={t.publicityEnd}>
            <DateField data-testid="candidate-publicity-end" />
          </Form.Item>
        </div>
      </Form>
    </FormModal>
  );
}

interface CheckValues { passed?: boolean; note?: string }

function CheckForm({ target, onClose, onSaved }: { target: { candidate: Candidate; check: CheckRow } | null; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm<CheckValues>();
  const { message } = AntApp.useApp();
  const { busy, errors, setErrors, submit } = useFormSubmit(form);

  useEffect(() => {
    if (!target) return;
    setErrors([]);
    form.resetFields();
    form.setFieldsValue({ passed: target.check.passed ?? true, note: '' });
  }, [target]);

  const save = () => {
    if (!target) return;
    const v = form.getFieldsValue(true) as CheckValues;
    const input = { candidateId: target.candidate.id, check: target.check.check as CheckKey, passed: v.passed !== false, note: v.note ?? '' };
    return submit(candidateCheckInput, input, async (data) => {
      await invoke('candidate.check', data);
      message.success(t.checkSaved);
      onSaved();
    });
  };

  const c = target?.candidate;
  const owns = target?.check.check === 'owns_part' && c
    ? c.ownsPartInRegister === true ? t.ownsRegisterHelp.yes : c.ownsPartInRegister === false ? t.ownsRegisterHelp.no : t.ownsRegisterHelp.unlinked
    : null;

  return (
    <FormModal
      open={target !== null}
      title={target ? t.checkTitle(target.candidate.name, target.check.name) : ''}
      onCancel={onClose}
      width={560}
      save={{ busy, onSave: save, testId: 'check-save', label: t.save }}
      errors={errors}
      errorsTestId="check-form-errors"
    >
      {owns && <Alert type={c?.ownsPartInRegister === false ? 'warning' : 'info'} showIcon title={owns} style={{ marginBottom: 12 }} data-testid="check-register-hint" />}
      <Form form={form} layout="vertical" className="compact-form" data-testid="check-form">
        <Form.Item name="passed" label={t.checkResult}>
          <Radio.Group options={[{ value: true, label: t.passed }, { value: false, label: t.notPassed }]} data-testid="check-passed" />
        </Form.Item>
        <Form.Item name="note" label={t.checkNote}>
          <Input.TextArea rows={3} maxLength={300} placeholder={t.checkNotePlaceholder} data-testid="check-note" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
