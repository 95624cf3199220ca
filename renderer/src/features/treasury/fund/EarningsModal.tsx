/**
 * 分配增值收益: the interest already received in a period (its receipts in
 * 待分配增值收益, less the bank's charges) shared among the sub-ledgers by
 * balance × days — no second bank receipt. 预览分配 opens the look before
 * posting (PostingConfirm): the receipts it shares, main's shares, the method
 * and the total weight, how many households; its 确认入账 posts exactly what
 * was previewed — the form cannot change underneath it, and 返回修改 goes
 * back to the form.
 */
import { useEffect, useState } from 'react';
import { App as AntApp, Form, Input } from 'antd';
import { DateField } from '../../../components/DateField';
import { earningsInput } from '../../../../../shared/contract/treasury/fund';
import type { MethodOutput } from '../../../../../shared/contract/methods';
import { addDays } from '../../../../../shared/domain/dates';
import { invoke } from '../../../api/client';
import { FormModal } from '../../../components/FormModal';
import { useFormSubmit } from '../../../components/useFormSubmit';
import { formatCount, todayDate } from '../../../format';
import { zhCN } from '../../../i18n/zh-CN';
import { DataGrid, type ColumnDef } from '../../../components/DataGrid';
import { ENTRY_KIND_NAMES } from '../../../../../shared/domain/ledger';
import { groupedYuan, Yuan } from './fundShared';
import { PostingConfirm } from './PostingConfirm';
import { SharesTable } from './SharesTable';

const t = zhCN.fund;

type EarningsResult = MethodOutput<'fund.previewEarnings'>;
interface Values { start?: string; end?: string; date?: string; memo?: string }

/** Last month, which is when interest is usually credited for: its first and last day. */
function lastMonth(today: string): { start: string; end: string } {
  const end = addDays(`${today.slice(0, 7)}-01`, -1);
  return { start: `${end.slice(0, 7)}-01`, end };
}

interface Props {
  communityId: string;
  open: boolean;
  onClose: () => void;
  onPosted: () => void;
}

export function EarningsModal({ communityId, open, onClose, onPosted }: Props) {
  const [form] = Form.useForm<Values>();
  const { message } = AntApp.useApp();
  const { busy, errors, setErrors, submit } = useFormSubmit(form);
  const [preview, setPreview] = useState<EarningsResult | null>(null);

  useEffect(() => {
    if (!open) return;
    setErrors([]);
    setPreview(null);
    form.resetFields();
    const today = todayDate();
    form.setFieldsValue({ ...lastMonth(today), date: '', memo: '' });
  }, [open]);

  const input = () => {
    const v = form.getFieldsValue(true) as Values;
    // An empty posting date means the period's end (the contract's default).
    return { communityId, start: v.start ?? '', end: v.end ?? '', date: v.date ? v.date : undefined, memo: v.memo };
  };

  const showPreview = () => {
    const data = input();
    return submit(earningsInput, data, async () => {
      setPreview(await invoke('fund.previewEarnings', data));
    });
  };

  const post = () => {
    const data = input();
    return submit(earningsInput, data, () => postShares(data));
  };
  const households = preview ? formatCount(preview.shares.length) : '';

  const postShares = async (data: ReturnType<typeof input>) => {
    await invoke('fund.shareEarnings', data);
    message.success(t.posted);
    onPosted();
    onClose();
  };

  return (
    <FormModal
      open={open}
      title={t.earningsTitle}
      onCancel={onClose}
      width={720}
      save={{ busy: busy && preview === null, onSave: showPreview, testId: 'earnings-preview', label: t.preview }}
      errors={preview ? [] : errors}
      errorsTestId="earnings-errors"
    >
      <p className="fund-modal-help">{t.earningsHelp}</p>
      {/* Any change makes the preview stale: what is posted must be what was seen. */}
      <Form form={form} layout="vertical" className="compact-form" data-testid="earnings-form" onValuesChange={() => setPreview(null)}>
        <div className="form-row">
          <Form.Item name="start" label={t.start} required>
            <DateField data-testid="earnings-start" />
          </Form.Item>
          <Form.Item name="end" label={t.end} required>
            <DateField data-testid="earnings-end" />
          </Form.Item>
        </div>
        <div className="form-row">
          <Form.Item name="date" label={t.postingDate} extra={t.postingDateHelp}>
            <DateField data-testid="earnings-date" />
          </Form.Item>
          <div />
        </div>
        <Form.Item name="memo" label={t.memo}>
          <Input maxLength={200} placeholder={t.earningsMemoPlaceholder} data-testid="earnings-memo" />
        </Form.Item>
      </Form>
      <PostingConfirm
        open={preview !== null}
        title={t.earningsConfirmTitle}
        testId="earnings-confirm"
        summary={preview && t.earningsSummary(groupedYuan(preview.total), households, preview.period)}
        facts={preview ? [
          { label: t.period, value: preview.period },
          { label: t.postingDate, value: input().date ?? input().end },
          { label: t.householdsLabel, value: zhCN.fund.confirmPosting.households(households), testId: 'earnings-confirm-households' },
        ] : []}
        table={preview && <>
          <ReceiptsTable receipts={preview.receipts} />
          <SharesTable result={preview} testId="earnings-shares" />
        </>}
        confirmLabel={t.confirm}
        busy={busy}
        errors={preview ? errors : []}
        onConfirm={() => void post()}
        onCancel={() => setPreview(null)}
      />
    </FormModal>
  );
}

type Receipt = EarningsResult['receipts'][number];

const receiptColumns: ColumnDef<Receipt>[] = [
  { id: 'number', header: t.colReceipt, size: 90, cell: ({ row }) => t.numberText(row.original.number) },
  { id: 'date', header: t.colDate, size: 104, cell: ({ row }) => <span className="num">{row.original.date}</span> },
  { id: 'kind', header: t.colReceiptKind, size: 100, cell: ({ row }) => ENTRY_KIND_NAMES[row.original.kind] ?? row.original.kind },
  { id: 'memo', header: t.colMemo, size: 240, meta: { grow: true }, cell: ({ row }) => <span title={row.original.memo}>{row.original.memo}</span> },
  { id: 'amount', header: t.colAmount, size: 110, meta: { align: 'right' }, cell: ({ row }) => <Yuan value={row.original.amount} /> },
];

/** The receipts (and bank charges) the sharing takes out of 待分配增值收益: what its total is made of. */
function ReceiptsTable({ receipts }: { receipts: Receipt[] }) {
  return (
    <div className="fund-receipts" data-testid="earnings-receipts">
      <div className="muted">{t.earningsReceipts}</div>
      <DataGrid testId="earnings-receipts-grid" columns={receiptColumns} source={{ kind: 'local', rows: receipts }} getRowId={(r) => r.entryId} autoHeightRows={4} />
    </div>
  );
}
