/**
 * 转入维修资金: the period's revenue, up to what is not yet transferred, from
 * the revenue account to the fund, shared to every sub-ledger by area.
 * Prefilled with what the rule still asks for (nothing when its condition
 * does not hold). 预览分户 opens the look before the posting
 * (revenue.previewTransfer: every part's share, adding up to the fen) and its
 * 确认转入 posts exactly that (revenue.transfer).
 */
import { fenToYuan } from '../../../../../shared/domain/money';
import { useEffect, useState } from 'react';
import { App as AntApp, Descriptions, Form, Input } from 'antd';
import { DateField } from '../../../components/DateField';
import { transferInput } from '../../../../../shared/contract/treasury/revenue';
import type { MethodInput, MethodOutput } from '../../../../../shared/contract/methods';
import { invoke } from '../../../api/client';
import { FormModal } from '../../../components/FormModal';
import { useFormSubmit } from '../../../components/useFormSubmit';
import { decimal2ToHundredths, formatCount, todayDate } from '../../../format';
import { zhCN } from '../../../i18n/zh-CN';
import { groupedYuan, type Apportionment } from '../fund/fundShared';
import { PostingConfirm } from '../fund/PostingConfirm';
import { SharesTable } from '../fund/SharesTable';

const t = zhCN.revenue;

type Summary = MethodOutput<'revenue.summary'>;
interface Values { date?: string; amount?: string }

interface Props {
  communityId: string;
  summary: Summary;
  open: boolean;
  onClose: () => void;
  onPosted: () => void;
}

/** What may still go to the fund: the net less what already went (never below zero). */
export function availableToTransfer(s: Summary): number {
  return Math.max(0, decimal2ToHundredths(s.net) - decimal2ToHundredths(s.transferred));
}

export function TransferModal({ communityId, summary, open, onClose, onPosted }: Props) {
  const [form] = Form.useForm<Values>();
  const { message } = AntApp.useApp();
  const { busy, errors, setErrors, submit } = useFormSubmit(form);
  const [preview, setPreview] = useState<{ input: MethodInput<'revenue.transfer'>; shares: Apportionment } | null>(null);

  useEffect(() => {
    if (!open) return;
    setErrors([]);
    setPreview(null);
    form.resetFields();
    const outstanding = decimal2ToHundredths(summary.proposal.outstanding);
    form.setFieldsValue({ date: todayDate(), amount: outstanding > 0 ? summary.proposal.outstanding : '' });
  }, [open]);

  const showPreview = () => {
    const v = form.getFieldsValue(true) as Values;
    const input = { communityId, from: summary.from, to: summary.to, date: v.date ?? '', amount: v.amount ?? '' };
    return submit(transferInput, input, async () => {
      setPreview({ input, shares: await invoke('revenue.previewTransfer', input) });
    });
  };

  const send = (input: MethodInput<'revenue.transfer'>) => submit(transferInput, input, async () => {
    const entry = await invoke('revenue.transfer', input);
    setPreview(null);
    message.success(t.transferPosted(entry.number));
    onPosted();
    onClose();
  });

  const yuan = (value: string) => `${groupedYuan(value)} ${t.yuanUnit}`;
  const available = fenToYuan(availableToTransfer(summary));

  return (
    <FormModal
      open={open}
      title={t.transferTitle}
      onCancel={onClose}
      width={560}
      save={{ busy: busy && preview === null, onSave: showPreview, testId: 'revenue-transfer-preview', label: t.transferPreview }}
      errors={preview ? [] : errors}
      errorsTestId="revenue-transfer-errors"
    >
      <p className="fund-modal-help">{t.transferHelp}</p>
      <Descriptions size="small" column={2} className="revenue-transfer-facts" data-testid="revenue-transfer-facts">
        <Descriptions.Item label={t.transferPeriod} span={2}>{t.periodLabel(summary.from, summary.to)}</Descriptions.Item>
        <Descriptions.Item label={t.net}><span className="num">{yuan(summary.net)}</span></Descriptions.Item>
        <Descriptions.Item label={t.alreadyTransferred}><span className="num">{yuan(summary.transferred)}</span></Descriptions.Item>
        <Descriptions.Item label={t.proposedAmount}><span className="num">{yuan(summary.proposal.amount)}</span></Descriptions.Item>
        <Descriptions.Item label={t.available}><span className="num">{yuan(available)}</span></Descriptions.Item>
      </Descriptions>
      <Form form={form} layout="vertical" className="compact-form" data-testid="revenue-transfer-form">
        <div className="form-row">
          <Form.Item name="date" label={t.transferDate} required>
            <DateField data-testid="revenue-transfer-date" />
          </Form.Item>
          <Form.Item name="amount" label={t.transferAmount} required>
            <Input inputMode="decimal" data-testid="revenue-transfer-amount" />
          </Form.Item>
        </div>
      </Form>
      <PostingConfirm
        open={preview !== null}
        title={t.transferConfirmTitle}
        testId="revenue-transfer-confirm"
        summary={preview && t.transferSummary(yuan(preview.shares.total), formatCount(preview.shares.shares.length))}
        facts={preview ? [
          { label: t.transferPeriod, value: t.periodLabel(summary.from, summary.to) },
          { label: t.transferDate, value: preview.input.date },
          { label: t.transferHouseholds, value: formatCount(preview.shares.shares.length), testId: 'revenue-transfer-confirm-households' },
        ] : []}
        table={preview && <SharesTable result={preview.shares} testId="revenue-transfer-shares" />}
        confirmLabel={t.transferConfirm}
        busy={busy}
        errors={preview ? errors : []}
        onConfirm={() => {
          if (preview) void send(preview.input);
        }}
        onCancel={() => setPreview(null)}
      />
    </FormModal>
  );
}
