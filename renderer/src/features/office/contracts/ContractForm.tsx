/**
 * 登记合同 / 修改条款: the company (a known one from company.list, or a new one
 * with its 统一社会信用代码, checked by GB 32100's check character), the kind
 * (前期物业, 招投标选聘, 业主大会表决选聘 with a picker of this community's votes —
 * main checks the vote has an Art. 278 item-4 item), the term, the notice
 * periods (90 / 60 / 60 days unless the contract agrees others), the fee
 * standards per part type, service level, deposit, signatories and note. The
 * contract's schema checks the form; main's refusals show on their fields and
 * above the buttons, in its words.
 */
import { useEffect, useMemo } from 'react';
import { App as AntApp, Button, Form, Input, InputNumber, Radio, Select } from 'antd';
import { GuardedModal } from '../../../components/GuardedModal';
import { DateField } from '../../../components/DateField';
import { CONTRACT_KINDS, contractFields, contractUpdate } from '../../../../../shared/contract/office';
import type { MethodInput } from '../../../../../shared/contract/methods';
import { PART_TYPES } from '../../../../../shared/domain/register';
import { DEFAULT_CONTRACT_PERIODS } from '../../../../../shared/domain/service-contracts';
import { invoke } from '../../../api/client';
import { useAsync } from '../../../api/useAsync';
import { FormError } from '../../../components/FormError';
import { useFormSubmit } from '../../../components/useFormSubmit';
import { t, type ContractDetail } from './contractShared';
import { SaveCancel } from '../../../components/SaveCancel';
import { useRevision } from '../../../components/ConflictDialog';
import { VotePicker, type VoteRule } from '../../votes/votes/VotePicker';

/** Only a vote with an item 4 (选聘和解聘物业服务企业) can be a contract's decision. */
const CONTRACT_VOTES: VoteRule = {
  testId: 'contract-vote-option',
  judge: (vote) => {
    const item4 = vote.outcomes.some((i) => i.category === 4);
    return { usable: item4, tag: item4 ? t.voteHasItem4 : t.voteNoItem4 };
  },
};

type Kind = (typeof CONTRACT_KINDS)[number];
interface Values {
  companyMode?: 'known' | 'new';
  companyId?: string | null;
  company?: { name?: string; creditCode?: string; contact?: string; phone?: string };
  kind?: Kind;
  voteId?: string | null;
  startDate?: string;
  endDate?: string;
  nonRenewalNoticeDays?: number | null;
  dismissalNoticeDays?: number | null;
  indefiniteNoticeDays?: number | null;
  fees?: { partType?: string; fee?: string }[];
  serviceLevel?: string;
  deposit?: string;
  signatories?: string;
  note?: string;
}

const VOTE_KIND: Kind = '业主大会表决选聘';

function terms(v: Values) {
  const kind = v.kind ?? VOTE_KIND;
  return {
    kind,
    voteId: kind === VOTE_KIND ? (v.voteId ?? null) : null,
    startDate: v.startDate ?? '',
    endDate: v.endDate ?? '',
    nonRenewalNoticeDays: v.nonRenewalNoticeDays ?? undefined,
    dismissalNoticeDays: v.dismissalNoticeDays ?? undefined,
    indefiniteNoticeDays: v.indefiniteNoticeDays ?? undefined,
    fees: (v.fees ?? []).filter((f) => (f.fee ?? '').trim() !== '').map((f) => ({ partType: f.partType ?? '', fee: (f.fee ?? '').trim() })),
    serviceLevel: v.serviceLevel ?? '',
    deposit: (v.deposit ?? '').trim() === '' ? null : (v.deposit ?? '').trim(),
    signatories: v.signatories ?? '',
    note: v.note ?? '',
  };
}

/** The form's values for a contract's terms (also what the conflict dialog compares). */
function valuesOf(contract: ContractDetail) {
  return {
    companyId: contract.companyId, kind: contract.kind, voteId: contract.voteId, startDate: contract.startDate, endDate: contract.endDate,
    nonRenewalNoticeDays: contract.nonRenewalNoticeDays, dismissalNoticeDays: contract.dismissalNoticeDays, indefiniteNoticeDays: contract.indefiniteNoticeDays,
    fees: contract.fees.map((f) => ({ partType: f.partType, fee: f.fee })),
    serviceLevel: contract.serviceLevel, deposit: contract.deposit === '0.00' ? '' : contract.deposit, signatories: contract.signatories, note: contract.note,
  };
}

interface Props {
  communityId: string;
  /** Editing this contract's terms; null: a new contract. */
  contract: ContractDetail | null;
  open: boolean;
  onClose: () => void;
  onSaved: (contract: ContractDetail) => void;
}

export function ContractForm({ communityId, contract, open, onClose, onSaved }: Props) {
  const [form] = Form.useForm<Values>();
  const { message } = AntApp.useApp();
  const { busy, errors, setErrors, submit } = useFormSubmit(form);
  const companies = useAsync(() => (open ? invoke('company.list', { text: '' }) : Promise.resolve([])), [open]);
  const mode = Form.useWatch('companyMode', form) as Values['companyMode'];
  const kind = Form.useWatch('kind', form) as Kind | undefined;
  const revision = useRevision<Values>({
    fields: [
      { name: 'companyId', label: t.fieldCompany, show: (id) => (companies.data ?? []).find((c) => c.id === id)?.name ?? (typeof id === 'string' ? id : '') },
      { name: 'kind', label: t.fieldKind }, { name: 'startDate', label: t.fieldStart }, { name: 'endDate', label: t.fieldEnd },
      { name: 'nonRenewalNoticeDays', label: t.fieldNonRenewal }, { name: 'dismissalNoticeDays', label: t.fieldDismissal },
      { name: 'indefiniteNoticeDays', label: t.fieldIndefinite },
      { name: 'fees', label: t.feesShown, show: (fees) => (Array.isArray(fees) ? (fees as { partType?: string; fee?: string }[]).filter((f) => (f.fee ?? '') !== '').map((f) => `${f.partType ?? ''} ${f.fee ?? ''}`).join('；') : '') },
      { name: 'serviceLevel', label: t.fieldServiceLevel }, { name: 'deposit', label: t.fieldDeposit },
      { name: 'signatories', label: t.fieldSignatories }, { name: 'note', label: t.fieldNote },
    ],
    readFresh: async () => {
      const fresh = await invoke('contract.get', { id: contract!.id });
      return { values: valuesOf(fresh), revision: fresh.revision };
    },
    fill: (values) => form.setFieldsValue(values),
    resave: () => void save(),
  });

  useEffect(() => {
    if (!open) return;
    setErrors([]);
    form.resetFields();
    if (contract) {
      form.setFieldsValue({ companyMode: 'known', ...valuesOf(contract) });
      revision.opened(valuesOf(contract), contract.revision);
    } else {
      form.setFieldsValue({
        companyMode: 'known', companyId: null, company: { name: '', creditCode: '', contact: '', phone: '' }, kind: VOTE_KIND, voteId: null,
        startDate: '', endDate: '',
        nonRenewalNoticeDays: DEFAULT_CONTRACT_PERIODS.nonRenewalNoticeDays,
        dismissalNoticeDays: DEFAULT_CONTRACT_PERIODS.dismissalNoticeDays,
        indefiniteNoticeDays: DEFAULT_CONTRACT_PERIODS.indefiniteNoticeDays,
        fees: [{ partType: '住宅', fee: '' }], serviceLevel: '', deposit: '', signatories: '', note: '',
      });
    }
  }, [open]);

  // No known company yet: a new one it is.
  useEffect(() => {
    if (open && !contract && companies.data && companies.data.length === 0) form.setFieldValue('companyMode', 'new');
  }, [open, companies.data]);

  const save = () => {
    const v = form.getFieldsValue(true) as Values;
    const send = async (call: () => Promise<ContractDetail>, done: string) => {
      const saved = await call();
      message.success(done);
      onSaved(saved);
    };
    if (contract) {
      const input = { id: contract.id, companyId: v.companyId ?? contract.companyId, ...terms(v), expectedRevision: revision.expected() };
      return submit(contractUpdate, input, () => send(() => revision.guard(() => invoke('contract.update', input as MethodInput<'contract.update'>), v), t.updated));
    }
    const newCompany = (v.companyMode ?? 'known') === 'new';
    const c = v.company ?? {};
    const input = {
      communityId,
      companyId: newCompany ? null : (v.companyId ?? null),
      company: newCompany ? { name: c.name ?? '', creditCode: c.creditCode ?? '', contact: c.contact ?? '', phone: c.phone ?? '' } : null,
      ...terms(v),
    };
    return submit(contractFields, input, () => send(() => invoke('contract.create', input as MethodInput<'contract.create'>), t.created));
  };

  const companyOptions = useMemo(
    () => (companies.data ?? []).map((c) => ({ value: c.id, label: `${c.name}（${c.creditCode}）` })),
    [companies.data],
  );

  return (
    <GuardedModal
      open={open}
      busy={busy}
      title={contract ? t.editTitle : t.formTitle}
      onClose={onClose}
      width={800}
      destroyOnHidden
      footer={(cancel) => <SaveCancel onCancel={cancel} busy={busy} onSave={save} testId="contract-save" label={t.save} />}
    >
      <Form form={form} layout="vertical" className="compact-form contract-form" data-testid="contract-form">
        {!contract && (
          <Form.Item name="companyMode" label={t.fieldCompany} required>
            <Radio.Group
              data-testid="contract-company-mode"
              options={[{ value: 'known', label: t.companyKnown }, { value: 'new', label: t.companyNew }]}
            />
          </Form.Item>
        )}
        {(contract || mode !== 'new') && (
          <Form.Item name="companyId" label={contract ? t.fieldCompany : undefined}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t.companyPlaceholder}
              options={companyOptions}
              loading={companies.loading}
              notFoundContent={t.companiesNone}
              onChange={() => form.setFields([{ name: 'companyId', errors: [] }])}
              data-testid="contract-company"
            />
          </Form.Item>
        )}
        {!contract && mode === 'new' && (
          <>
            <div className="form-row">
              <Form.Item name={['company', 'name']} label={t.companyName} required>
                <Input maxLength={100} placeholder={t.companyNamePlaceholder} data-testid="contract-company-name" />
              </Form.Item>
              <Form.Item name={['company', 'creditCode']} label={t.creditCode} required extra={t.creditCodeHelp}>
                <Input maxLength={30} placeholder={t.creditCodePlaceholder} data-testid="contract-credit-code" />
              </Form.Item>
            </div>
            <div className="form-row">
              <Form.Item name={['company', 'contact']} label={t.contact}>
                <Input maxLength={40} data-testid="contract-company-contact" />
              </Form.Item>
              <Form.Item name={['company', 'phone']} label={t.phone}>
                <Input maxLength={30} data-testid="contract-company-phone" />
              </Form.Item>
            </div>
          </>
        )}
        <div className="contract-form-section">
          <Form.Item name="kind" label={t.fieldKind} required>
            <Radio.Group data-testid="contract-kind" options={CONTRACT_KINDS.map((k) => ({ value: k, label: k }))} />
          </Form.Item>
          {kind === VOTE_KIND && (
            <Form.Item name="voteId" label={t.fieldVote} extra={t.voteHelp}>
              <VotePicker
                communityId={communityId}
                open={open}
                rule={CONTRACT_VOTES}
                placeholder={t.votePlaceholder}
                notFound={t.votesNone}
                onPicked={() => form.setFields([{ name: 'voteId', errors: [] }])}
                testId="contract-vote"
              />
            </Form.Item>
          )}
          <div className="form-row">
            <Form.Item name="startDate" label={t.fieldStart} required>
              <DateField data-testid="contract-start" />
            </Form.Item>
            <Form.Item name="endDate" label={t.fieldEnd} required>
              <DateField data-testid="contract-end" />
            </Form.Item>
          </div>
        </div>
        <div className="contract-form-section">
          <div className="form-row three">
            <Form.Item name="nonRenewalNoticeDays" label={t.fieldNonRenewal}>
              <InputNumber min={1} max={365} precision={0} suffix="日" style={{ width: '100%' }} data-testid="contract-nonrenewal-days" />
            </Form.Item>
            <Form.Item name="dismissalNoticeDays" label={t.fieldDismissal}>
              <InputNumber min={1} max={365} precision={0} suffix="日" style={{ width: '100%' }} data-testid="contract-dismissal-days" />
            </Form.Item>
            <Form.Item name="indefiniteNoticeDays" label={t.fieldIndefinite}>
              <InputNumber min={1} max={365} precision={0} suffix="日" style={{ width: '100%' }} data-testid="contract-indefinite-days" />
            </Form.Item>
          </div>
          <p className="contract-help" data-testid="contract-periods-help">{t.periodsHelp}</p>
        </div>
        <div className="contract-form-section">
          <div className="toolbar-label">{t.fees}</div>
          <Form.List name="fees">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <div key={f.key} className="contract-fees" data-testid="contract-fee-row">
                    <Form.Item name={[f.name, 'partType']}>
                      <Select style={{ width: 120 }} options={PART_TYPES.map((p) => ({ value: p, label: p }))} data-testid="contract-fee-type" />
                    </Form.Item>
                    <Form.Item name={[f.name, 'fee']}>
                      <Input inputMode="decimal" suffix={t.feeAmount} style={{ width: 200 }} placeholder="2.50" data-testid="contract-fee" />
                    </Form.Item>
                    <Button type="link" onClick={() => remove(f.name)}>{t.feeRemove}</Button>
                  </div>
                ))}
                <Button size="small" onClick={() => add({ partType: PART_TYPES.find((p) => !(form.getFieldValue('fees') as { partType?: string }[] | undefined)?.some((x) => x.partType === p)) ?? '其他', fee: '' })} data-testid="contract-fee-add">
                  {t.feeAdd}
                </Button>
              </>
            )}
          </Form.List>
        </div>
        <div className="contract-form-section">
          <div className="form-row">
            <Form.Item name="serviceLevel" label={t.fieldServiceLevel}>
              <Input maxLength={60} placeholder={t.serviceLevelPlaceholder} data-testid="contract-service-level" />
            </Form.Item>
            <Form.Item name="deposit" label={t.fieldDeposit}>
              <Input inputMode="decimal" data-testid="contract-deposit" />
            </Form.Item>
          </div>
          <Form.Item name="signatories" label={t.fieldSignatories}>
            <Input maxLength={200} placeholder={t.signatoriesPlaceholder} data-testid="contract-signatories" />
          </Form.Item>
          <Form.Item name="note" label={t.fieldNote}>
            <Input.TextArea rows={2} maxLength={500} data-testid="contract-note" />
          </Form.Item>
        </div>
      </Form>
      <p className="contract-help">{t.formHelp}</p>
      <div data-testid="contract-form-errors"><FormError messages={errors} /></div>
      {revision.dialog}
    </GuardedModal>
  );
}

