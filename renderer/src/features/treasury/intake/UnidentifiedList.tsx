/**
 * 待查明款项: every amount in the account (fund.unidentified) — receipts
 * nobody could match, the opening's difference to the bank, anything else
 * booked there — with what was claimed and what is left; the left amounts add
 * up to the account's balance. 认领 splits what is left to one or several parts
 * or to common revenue, each with a note (fund.claimUnidentified).
 */
import { useEffect, useState } from 'react';
import { App as AntApp, Button, Descriptions, Input, Select, Spin } from 'antd';
import { DateField } from '../../../components/DateField';
import type { MethodOutput } from '../../../../../shared/contract/methods';
import { claimInput } from '../../../../../shared/contract/treasury/intake';
import { ENTRY_KIND_NAMES } from '../../../../../shared/domain/ledger';
import { fenToYuan, parseYuan } from '../../../../../shared/domain/money';
import { invoke } from '../../../api/client';
import { DataGrid, type ColumnDef } from '../../../components/DataGrid';
import { FormError } from '../../../components/FormError';
import { GuardedModal } from '../../../components/GuardedModal';
import { SaveCancel } from '../../../components/SaveCancel';
import { useSending } from '../../../components/useFormSubmit';
import { formatCount, todayDate } from '../../../format';
import { useCan } from '../../system/auth/permissions';
import { zhCN } from '../../../i18n/zh-CN';
import { navigate } from '../../../router';
import { PartPicker } from '../fund/PartPicker';
import { groupedYuan, Yuan } from '../fund/fundShared';
import { money, yuanToFen } from './intakeShared';

const t = zhCN.intake;

type Item = MethodOutput<'fund.unidentified'>[number];

interface Props {
  communityId: string;
  items: Item[] | undefined;
  onClaimed: () => void;
}

export function UnidentifiedList({ communityId, items, onClaimed }: Props) {
  const can = useCan();
  const [claiming, setClaiming] = useState<Item | null>(null);
  if (!items) return <Spin />;
  const total = items.reduce((s, r) => s + yuanToFen(r.remaining), 0);

  const columns: ColumnDef<Item>[] = [
    {
      id: 'number', header: t.colNumber, size: 90,
      cell: ({ row }) => <a onClick={() => navigate({ name: 'ledger', communityId, entryId: row.original.id })}>{t.numberText(row.original.number)}</a>,
    },
    { id: 'date', header: t.colDate, size: 104, cell: ({ row }) => <span className="num">{row.original.date}</span> },
    { id: 'kind', header: t.colKind, size: 104, cell: ({ row }) => ENTRY_KIND_NAMES[row.original.kind] ?? row.original.kind },
    { id: 'payer', header: t.colPayer, size: 110, cell: ({ row }) => row.original.payer },
    {
      id: 'memo', header: t.colMemo, size: 240, meta: { grow: true },
      cell: ({ row }) => {
        const text = [row.original.memo, row.original.note].filter(Boolean).join('；');
        return <span title={text}>{text}</span>;
      },
    },
    { id: 'amount', header: t.colAmount, size: 110, meta: { align: 'right' }, cell: ({ row }) => <Yuan value={row.original.amount} /> },
    { id: 'claimed', header: t.colClaimed, size: 100, meta: { align: 'right' }, cell: ({ row }) => <Yuan value={row.original.claimed} /> },
    { id: 'remaining', header: t.colRemaining, size: 110, meta: { align: 'right' }, cell: ({ row }) => <span className="strong"><Yuan value={row.original.remaining} testId="unidentified-remaining" /></span> },
    {
      id: 'action', header: t.colAction, size: 76, meta: { align: 'center' },
      cell: ({ row }) => (yuanToFen(row.original.remaining) > 0 && can('books.write')
        ? <Button size="small" type="link" className="intake-link-button" onClick={() => setClaiming(row.original)} data-testid="unidentified-claim">{t.claim}</Button>
        : null),
    },
  ];

  return (
    <section className="panel" data-testid="unidentified-list">
      <div className="intake-list-head">
        <span className="intake-muted">{t.unidentifiedIntro}</span>
        <span className="intake-list-count" data-testid="unidentified-total">{t.unidentifiedCount(formatCount(items.length), money(fenToYuan(total)))}</span>
      </div>
      {items.length === 0
        ? <div className="intake-empty" data-testid="unidentified-empty">{t.unidentifiedEmpty}</div>
        : <DataGrid testId="unidentified-grid" columns={columns} source={{ kind: 'local', rows: items }} getRowId={(r) => r.id} autoHeightRows={15} />}
      <ClaimModal
        communityId={communityId}
        item={claiming}
        onClose={() => setClaiming(null)}
        onClaimed={() => {
          setClaiming(null);
          onClaimed();
        }}
      />
    </section>
  );
}

interface Target { key: number; partId: string | null; revenue: boolean; amount: string; note: string }

function ClaimModal({ communityId, item, onClose, onClaimed }: { communityId: string; item: Item | null; onClose: () => void; onClaimed: () => void }) {
  const { message } = AntApp.useApp();
  const sending = useSending();
  const [targets, setTargets] = useState<Target[]>([]);
  const [date, setDate] = useState('');
  const [next, setNext] = useState(1);

  useEffect(() => {
    if (!item) return;
    sending.setErrors([]);
    setTargets([{ key: 0, partId: null, revenue: false, amount: item.remaining, note: '' }]);
    setNext(1);
    setDate(todayDate());
  }, [item]);

  if (!item) return null;
  const typed = targets.reduce((s, x) => s + (parseYuan(x.amount) ?? 0), 0);
  const change = (key: number, patch: Partial<Target>) => setTargets((ts) => ts.map((x) => (x.key === key ? { ...x, ...patch } : x)));

  const save = () => sending.run(async () => {
    const missing = targets.filter((x) => !x.revenue && !x.partId);
    if (missing.length > 0) throw new Error(t.partRequired);
    const input = { entryId: item.id, date, targets: targets.map((x) => ({ partId: x.revenue ? null : x.partId, amount: x.amount, note: x.note })) };
    const checked = claimInput.safeParse(input);
    if (!checked.success) throw new Error(checked.error.issues.map((i) => i.message).join('；'));
    const entry = await invoke('fund.claimUnidentified', input);
    message.success(t.claimed(entry.number));
    onClaimed();
  });

  return (
    <GuardedModal
      open
      busy={sending.busy}
      title={t.claimTitle}
      onClose={onClose}
      destroyOnHidden
      width={760}
      footer={(cancel) => <SaveCancel onCancel={cancel} busy={sending.busy} onSave={save} testId="claim-save" label={t.claimSave} />}
    >
      <Descriptions size="small" column={2} bordered className="settle-receipt" data-testid="claim-item">
        <Descriptions.Item label={t.colNumber}>{t.numberText(item.number)}</Descriptions.Item>
        <Descriptions.Item label={t.colDate}><span className="num">{item.date}</span></Descriptions.Item>
        <Descriptions.Item label={t.colPayer}>{item.payer || '—'}</Descriptions.Item>
        <Descriptions.Item label={t.colRemaining}><span className="num strong">{t.claimRemaining(groupedYuan(item.remaining))}</span></Descriptions.Item>
        <Descriptions.Item label={t.colMemo} span={2}>{[item.memo, item.note].filter(Boolean).join('；')}</Descriptions.Item>
      </Descriptions>
      <div className="claim-targets" data-testid="claim-targets">
        <div className="claim-target claim-head">
          <span>{t.claimTarget}</span><span />
          <span>{t.claimAmount}</span><span>{t.claimNote}</span><span />
        </div>
        {targets.map((x, i) => (
          <div className="claim-target" key={x.key} data-testid={`claim-target-${i}`}>
            <Select
              value={x.revenue ? 'revenue' : 'part'}
              onChange={(v: string) => change(x.key, { revenue: v === 'revenue', partId: null })}
              options={[{ value: 'part', label: t.claimToPart }, { value: 'revenue', label: t.claimToRevenue }]}
              data-testid="claim-kind"
            />
            {x.revenue
              ? <span className="intake-muted">{t.claimToRevenue}</span>
              : <PartPicker communityId={communityId} value={x.partId} onChange={(partId) => change(x.key, { partId })} testId="claim-part" />}
            <Input inputMode="decimal" value={x.amount} onChange={(e) => change(x.key, { amount: e.target.value })} data-testid="claim-amount" />
            <Input maxLength={200} value={x.note} placeholder={t.claimNotePlaceholder} onChange={(e) => change(x.key, { note: e.target.value })} data-testid="claim-note" />
            <Button type="link" disabled={targets.length === 1} onClick={() => setTargets((ts) => ts.filter((y) => y.key !== x.key))} data-testid="claim-remove">{t.claimRemove}</Button>
          </div>
        ))}
        <Button
          onClick={() => {
            setTargets((ts) => [...ts, { key: next, partId: null, revenue: false, amount: '', note: '' }]);
            setNext((n) => n + 1);
          }}
          data-testid="claim-add"
        >
          {t.claimAdd}
        </Button>
      </div>
      <div className="claim-footer">
        <label>{t.claimDate} <DateField value={date} onChange={(v) => setDate(v)} className="claim-date" data-testid="claim-date" /></label>
        <span data-testid="claim-total">{t.claimTotal(money(fenToYuan(typed)), money(fenToYuan(yuanToFen(item.remaining) - typed)))}</span>
      </div>
      <div data-testid="claim-errors"><FormError messages={sending.errors} /></div>
    </GuardedModal>
  );
}
