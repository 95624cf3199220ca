/**
 * 待查明款项: receipts in the fund's bank account not yet known to be whose
 * (fund.unidentified), with their total; 认领 assigns one to its part
 * (fund.settleUnidentified: 待查明款项 → the part's sub-ledger, as a deposit).
 */
import { useEffect, useState } from 'react';
import { App as AntApp, Button, Descriptions, Form, Input, Modal, Spin } from 'antd';
import { z } from 'zod';
import type { MethodOutput } from '../../../../shared/contract/methods';
import { settleInput } from '../../../../shared/contract/treasury';
import { fenToYuan } from '../../../../shared/domain/money';
import { invoke } from '../../api/client';
import { DataGrid, type ColumnDef } from '../../components/DataGrid';
import { FormError } from '../../components/FormError';
import { useFormSubmit } from '../../components/useFormSubmit';
import { formatCount, todayDate } from '../../format';
import { zhCN } from '../../i18n/zh-CN';
import { navigate } from '../../router';
import { PartPicker } from '../fund/PartPicker';
import { groupedYuan, Yuan, type HouseholdRow } from '../fund/fundShared';
import { money, yuanToFen } from './intakeShared';
import { SaveCancel } from '../../components/SaveCancel';

const t = zhCN.fundIntake;

type Receipt = MethodOutput<'fund.unidentified'>[number];

interface Props {
  communityId: string;
  receipts: Receipt[] | undefined;
  onSettled: () => void;
}

export function UnidentifiedList({ communityId, receipts, onSettled }: Props) {
  const [settling, setSettling] = useState<Receipt | null>(null);
  if (!receipts) return <Spin />;
  const total = receipts.reduce((s, r) => s + yuanToFen(r.amount), 0);

  const columns: ColumnDef<Receipt>[] = [
    {
      id: 'number', header: t.colNumber, size: 90,
      cell: ({ row }) => <a onClick={() => navigate({ name: 'ledger', communityId, entryId: row.original.id })}>{t.numberText(row.original.number)}</a>,
    },
    { id: 'date', header: t.colDate, size: 110, cell: ({ row }) => <span className="num">{row.original.date}</span> },
    { id: 'payer', header: t.colPayer, size: 140, cell: ({ row }) => row.original.payer },
    { id: 'memo', header: t.colMemo, size: 260, meta: { grow: true }, cell: ({ row }) => <span title={row.original.memo}>{row.original.memo}</span> },
    { id: 'amount', header: t.colAmount, size: 130, meta: { align: 'right' }, cell: ({ row }) => <Yuan value={row.original.amount} /> },
    {
      id: 'action', header: t.colAction, size: 90, meta: { align: 'center' },
      cell: ({ row }) => (
        <Button size="small" type="link" className="intake-link-button" onClick={() => setSettling(row.original)} data-testid="unidentified-settle">{t.settle}</Button>
      ),
    },
  ];

  return (
    <section className="panel" data-testid="unidentified-list">
      <div className="intake-list-head">
        <span className="intake-muted">{t.unidentifiedIntro}</span>
        <span className="intake-list-count" data-testid="unidentified-total">{t.unidentifiedCount(formatCount(receipts.length), money(fenToYuan(total)))}</span>
      </div>
      {receipts.length === 0
        ? <div className="intake-empty" data-testid="unidentified-empty">{t.unidentifiedEmpty}</div>
        : (
          <DataGrid
            testId="unidentified-grid"
            columns={columns}
            source={{ kind: 'local', rows: receipts }}
            getRowId={(r) => r.id}
            autoHeightRows={15}
          />
        )}
      <SettleModal
        communityId={communityId}
        receipt={settling}
        onClose={() => setSettling(null)}
        onSettled={() => {
          setSettling(null);
          onSettled();
        }}
      />
    </section>
  );
}

/** The contract's schema, with a missing part said in words rather than as a missing id. */
const settleForm = settleInput.extend({ partId: z.string({ error: t.partRequired }).min(1, { error: t.partRequired }) });

interface Values { partId?: string | null; date?: string; note?: string }

function SettleModal({ communityId, receipt, onClose, onSettled }: { communityId: string; receipt: Receipt | null; onClose: () => void; onSettled: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = AntApp.useApp();
  const { busy, errors, setErrors, submit } = useFormSubmit(form);
  const [household, setHousehold] = useState<HouseholdRow | null>(null);

  useEffect(() => {
    if (!receipt) return;
    setErrors([]);
    setHousehold(null);
    form.resetFields();
    form.setFieldsValue({ partId: null, date: todayDate(), note: '' });
  }, [receipt]);

  const save = () => {
    if (!receipt) return Promise.resolve();
    const v = form.getFieldsValue(true) as Values;
    const input = { entryId: receipt.id, partId: v.partId ?? '', date: v.date ?? '', note: v.note ?? '' };
    return submit(settleForm, input, async () => {
      await invoke('fund.settleUnidentified', input);
      message.success(t.settled(household?.address ?? ''));
      onSettled();
    });
  };

  return (
    <Modal
      open={receipt !== null}
      title={t.settleTitle}
      onCancel={onClose}
      destroyOnHidden
      width={560}
      footer={
        <SaveCancel onCancel={onClose} busy={busy} onSave={save} testId="settle-save" label={t.settleSave} />
      }
    >
      {receipt && (
        <Descriptions size="small" column={2} bordered className="settle-receipt" data-testid="settle-receipt">
          <Descriptions.Item label={t.colNumber}>{t.numberText(receipt.number)}</Descriptions.Item>
          <Descriptions.Item label={t.colDate}><span className="num">{receipt.date}</span></Descriptions.Item>
          <Descriptions.Item label={t.colPayer}>{receipt.payer || '—'}</Descriptions.Item>
          <Descriptions.Item label={t.colAmount}><span className="num strong">{groupedYuan(receipt.amount)}</span></Descriptions.Item>
          <Descriptions.Item label={t.colMemo} span={2}>{receipt.memo}</Descriptions.Item>
        </Descriptions>
      )}
      <Form
        form={form}
        layout="vertical"
        className="compact-form"
        data-testid="settle-form"
        // A field's message goes once the field is changed: "请选择房屋" should not stay beside the part picked.
        onValuesChange={(changed: Values) => form.setFields((Object.keys(changed) as (keyof Values)[]).map((name) => ({ name, errors: [] })))}
      >
        <Form.Item name="partId" label={t.settlePart} required>
          <PartPicker communityId={communityId} onPicked={setHousehold} testId="settle-part" />
        </Form.Item>
        <div className="form-row">
          <Form.Item name="date" label={t.settleDate} required>
            <Input type="date" data-testid="settle-date" />
          </Form.Item>
          <div />
        </div>
        <Form.Item name="note" label={t.settleNote}>
          <Input maxLength={200} placeholder={t.settleNotePlaceholder} data-testid="settle-note" />
        </Form.Item>
      </Form>
      <div data-testid="settle-errors"><FormError messages={errors} /></div>
    </Modal>
  );
}
