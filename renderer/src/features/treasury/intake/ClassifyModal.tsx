/**
 * 选择分类 / 重新分类: what a statement row is — for a receipt an owner's
 * deposit (to a part), interest, common revenue or 待查明; for a payment a
 * repair payment (to a project), a bank charge or revenue moved out; either
 * way possibly already booked by hand, or left out of this import. In the
 * import's preview the choice stays on screen until 确认导入; for a row in the
 * books it is sent at once (fund.reclassifyStatementRow) with its date and
 * reason, as a reversal and a new entry.
 */
import { useEffect, useState } from 'react';
import { Alert, Form, Input, Radio, Select } from 'antd';
import { DateField } from '../../../components/DateField';
import { RECEIPT_CLASSES, PAYMENT_CLASSES, STATEMENT_CLASS_NAMES, type StatementClass } from '../../../../../shared/domain/bank-statement';
import { invoke } from '../../../api/client';
import { useAsync } from '../../../api/useAsync';
import { FormModal } from '../../../components/FormModal';
import { useSending } from '../../../components/useFormSubmit';
import { todayDate } from '../../../format';
import { zhCN } from '../../../i18n/zh-CN';
import { PartPicker } from '../fund/PartPicker';
import { groupedYuan } from '../fund/fundShared';

const t = zhCN.intake;

/** The row being classified, as much as the dialog needs of it. */
export interface RowToClassify {
  date: string;
  amount: string;
  payer: string;
  memo: string;
  class: StatementClass | null;
  partId: string | null;
  address: string | null;
  projectId: string | null;
  /** The entry main found already booked by hand for this row (offered as 已记账). */
  bookedNumber: number | null;
}

/** What was chosen, with the target's name to show. */
export interface Classified {
  class: StatementClass;
  partId: string | null;
  address: string | null;
  projectId: string | null;
  project: string | null;
  /** Only when reclassifying a row in the books. */
  date?: string;
  reason?: string;
}

interface Props {
  communityId: string;
  row: RowToClassify | null;
  /** Reclassifying a row in the books: booked and skip are not offered; a date and a reason are asked. */
  reclassify?: boolean;
  onClose: () => void;
  onChosen: (choice: Classified) => Promise<void> | void;
}

export function ClassifyModal({ communityId, row, reclassify = false, onClose, onChosen }: Props) {
  const [cls, setCls] = useState<StatementClass | null>(null);
  const [partId, setPartId] = useState<string | null>(null);
  const [address, setAddress] = useState<string | null>(null);
  const [projectId, setProjectId] = useState<string | null>(null);
  const [date, setDate] = useState('');
  const [reason, setReason] = useState('');
  const sending = useSending();
  const projects = useAsync(() => (row ? invoke('repair.list', { communityId }) : Promise.resolve([])), [communityId, row !== null]);

  useEffect(() => {
    if (!row) return;
    sending.setErrors([]);
    setCls(reclassify ? null : row.class);
    setPartId(row.partId);
    setAddress(row.address);
    setProjectId(row.projectId);
    setDate(todayDate());
    setReason('');
  }, [row]);

  if (!row) return null;
  const receipt = !row.amount.startsWith('-');
  const offered = (receipt ? RECEIPT_CLASSES : PAYMENT_CLASSES)
    .filter((c) => (reclassify ? c !== 'booked' && c !== 'skip' : c !== 'booked' || row.bookedNumber !== null));

  const save = () => sending.run(async () => {
    const problems: string[] = [];
    if (!cls) problems.push(t.classRequired);
    if (cls === 'deposit' && !partId) problems.push(t.partRequired);
    if (cls === 'repair' && !projectId) problems.push(t.projectRequired);
    if (reclassify && reason.trim() === '') problems.push(`请填写${t.reclassifyReason}`);
    if (problems.length > 0) throw new Error(problems.join('；'));
    const project = projects.data?.find((p) => p.id === projectId)?.title ?? null;
    await onChosen({
      class: cls!, partId: cls === 'deposit' ? partId : null, address: cls === 'deposit' ? address : null,
      projectId: cls === 'repair' ? projectId : null, project: cls === 'repair' ? project : null,
      ...(reclassify ? { date, reason: reason.trim() } : {}),
    });
  });

  return (
    <FormModal
      open
      title={reclassify ? t.reclassifyTitle : t.classifyTitle}
      onCancel={onClose}
      width={600}
      save={{ busy: sending.busy, onSave: save, testId: 'classify-save', label: t.save }}
      errors={sending.errors}
      errorsTestId="classify-errors"
    >
      <div className="classify-row" data-testid="classify-row">
        <div className="strong">{t.classifyRow(row.date, groupedYuan(row.amount), row.payer || '—')}</div>
        <div className="intake-muted">{row.memo}</div>
      </div>
      <Form layout="vertical" className="compact-form" data-testid="classify-form">
        <Form.Item label={t.classLabel} required>
          <Radio.Group value={cls} onChange={(e) => setCls(e.target.value as StatementClass)} data-testid="classify-class" className="classify-options">
            {offered.map((c) => (
              <Radio key={c} value={c}>
                <span data-testid={`classify-${c}`}>{c === 'booked' && row.bookedNumber !== null ? t.classBooked(row.bookedNumber) : STATEMENT_CLASS_NAMES[c]}</span>
              </Radio>
            ))}
          </Radio.Group>
        </Form.Item>
        {cls && <Alert type="info" showIcon title={t.classHelp[cls]} className="classify-help" />}
        {cls === 'deposit' && (
          <Form.Item label={t.classPart} required>
            <PartPicker communityId={communityId} value={partId} onChange={setPartId} onPicked={(h) => setAddress(h?.address ?? null)} testId="classify-part" />
          </Form.Item>
        )}
        {cls === 'repair' && (
          <Form.Item label={t.classProject} required>
            <Select
              data-testid="classify-project"
              value={projectId ?? undefined}
              placeholder={t.projectPlaceholder}
              notFoundContent={t.noProjects}
              loading={projects.data === undefined}
              options={(projects.data ?? []).map((p) => ({ value: p.id, label: p.contractor ? `${p.title}（${p.contractor}）` : p.title }))}
              onChange={(v: string) => setProjectId(v)}
            />
          </Form.Item>
        )}
        {reclassify && (
          <>
            <Form.Item label={t.reclassifyDate} extra={t.reclassifyDateHelp}>
              <DateField value={date} onChange={(v) => setDate(v)} data-testid="classify-date" />
            </Form.Item>
            <Form.Item label={t.reclassifyReason} required>
              <Input maxLength={500} value={reason} placeholder={t.reclassifyReasonPlaceholder} onChange={(e) => setReason(e.target.value)} data-testid="classify-reason" />
            </Form.Item>
          </>
        )}
      </Form>
    </FormModal>
  );
}
