/**
 * 上下级办公室 (issue 18): this installation as an office — set once, its code in large type to read out to the
 * office above — the offices it exchanges packages with (registered by their code), and the two actions of the
 * cycle: export the next package to one of them (a file to carry) and import one received. A street or district
 * also sets after how many days a silent 社区 is flagged, and sends notices down.
 */
import { useRef, useState } from 'react';
import { Alert, Button, Form, Input, InputNumber, Select, Space, message } from 'antd';
import { officeInit, officeRegister, silentDaysInput, type officeOverview } from '../../../../shared/contract/levels';
import type { z } from 'zod';
import { PACKAGE_MAX_BYTES } from '../../../../shared/domain/levels';
import { invoke } from '../../api/client';
import { errorMessage } from '../../api/errors';
import { bytesToBase64, downloadFile } from '../../api/files';
import { useQuery } from '../../api/queries';
import { DataGrid, type ColumnDef } from '../../components/DataGrid';
import { FormError } from '../../components/FormError';
import { FormModal } from '../../components/FormModal';
import { PageHeader } from '../../components/PageHeader';
import { useFormSubmit, useSending } from '../../components/useFormSubmit';
import { useCan } from '../system/auth/permissions';
import { zhCN } from '../../i18n/zh-CN';
import { useUnsavedChanges } from '../../unsavedChanges';
import { NoticesPanel } from './NoticesPanel';
import './levels.css';

const t = zhCN.levels;
const LEVELS = ['社区', '街道', '区'].map((v) => ({ value: v, label: v }));
type Overview = z.output<typeof officeOverview>;
type Known = Overview['offices'][number];

const when = (iso: string | null) => (iso === null ? t.never : new Date(iso).toLocaleString('zh-CN', { hour12: false }));

export function OfficesPage(_props: Record<string, never>) {
  const overview = useQuery('office.overview', {});
  const can = useCan();
  const admin = can('office.settings');
  const data = overview.data;
  return (
    <div className="page page-scroll levels-page" data-testid="offices-page" data-ready={data ? 'true' : 'false'}>
      <PageHeader title={t.officesTitle} />
      <p className="levels-intro">{t.officesIntro}</p>
      {overview.error !== null && <Alert type="error" showIcon title={errorMessage(overview.error)} />}
      {data && data.self === null && <InitPanel enabled={admin} />}
      {data?.self && <SelfPanel self={data.self} />}
      {data?.self && <KnownOffices list={data.offices} admin={admin} level={data.self.level} />}
      {data?.self && data.self.level !== '社区' && admin && <SilentDays />}
      {data?.self && <NoticesPanel canSend={data.self.level !== '社区' && can('issues.write')} />}
    </div>
  );
}

function InitPanel({ enabled }: { enabled: boolean }) {
  const [form] = Form.useForm();
  const [dirty, setDirty] = useState(false);
  useUnsavedChanges(dirty, zhCN.unsaved.pageForm);
  const { busy, errors, submit } = useFormSubmit(form);
  const save = () => submit(officeInit, form.getFieldsValue(true), async (data) => {
    await invoke('office.init', data);
    setDirty(false);
  });
  return (
    <div className="panel levels-init" data-testid="office-init">
      <h3>{t.notInitTitle}</h3>
      <p className="muted">{t.notInitHelp}</p>
      <Form form={form} layout="vertical" className="compact-form" disabled={!enabled} initialValues={{ level: '社区' }} onValuesChange={() => setDirty(true)}>
        <div className="form-row">
          <Form.Item name="name" label={t.name} required><Input maxLength={60} data-testid="office-init-name" /></Form.Item>
          <Form.Item name="level" label={t.level} required><Select options={LEVELS} style={{ minWidth: 100 }} data-testid="office-init-level" /></Form.Item>
          <Form.Item name="above" label={t.above} extra={t.aboveHelp}><Input maxLength={60} data-testid="office-init-above" /></Form.Item>
        </div>
        <FormError messages={errors} />
        <Button type="primary" loading={busy} onClick={() => void save()} data-testid="office-init-save">{t.init}</Button>
      </Form>
    </div>
  );
}

function SelfPanel({ self }: { self: NonNullable<Overview['self']> }) {
  return (
    <div className="panel levels-self" data-testid="office-self">
      <div className="levels-self-name"><span className="strong">{self.name}</span><span className="muted">{self.level}{self.above ? ` · ${t.above}：${self.above}` : ''}</span></div>
      <div className="levels-code-label">{t.selfCode}</div>
      <div className="levels-code" data-testid="office-code">{self.code}</div>
      <div className="muted">{t.selfCodeHelp}</div>
    </div>
  );
}

function KnownOffices({ list, admin, level }: { list: Known[]; admin: boolean; level: string }) {
  const [registering, setRegistering] = useState(false);
  const [to, setTo] = useState<string | null>(null);
  const chooser = useRef<HTMLInputElement>(null);
  const sending = useSending();
  const direct = list.filter((o) => o.relation !== 'via');
  const columns: ColumnDef<Known>[] = [
    { id: 'name', header: t.name, size: 180, meta: { grow: true }, cell: ({ row }) => <span className="strong">{row.original.name}</span> },
    { id: 'level', header: t.level, size: 70, cell: ({ row }) => row.original.level },
    { id: 'relation', header: t.relation, size: 100, cell: ({ row }) => t.relations[row.original.relation] },
    { id: 'code', header: t.code, size: 230, cell: ({ row }) => <span className="mono">{row.original.code}</span> },
    { id: 'received', header: t.lastReceived, size: 170, cell: ({ row }) => <span data-testid="office-last-received">{when(row.original.lastReceivedAt)}</span> },
    { id: 'imported', header: t.lastImported, size: 90, cell: ({ row }) => t.numbered(row.original.lastImported) },
    { id: 'sent', header: t.sent, size: 90, cell: ({ row }) => t.numbered(row.original.lastSent) },
    { id: 'ack', header: t.acknowledged, size: 110, cell: ({ row }) => t.numbered(row.original.acknowledged) },
  ];
  const exportTo = () => sending.run(async () => {
    if (to === null) return;
    const made = await invoke('exchange.export', { to });
    downloadFile({ fileName: made.fileName, base64: bytesToBase64(new TextEncoder().encode(made.text)) });
    void message.success(made.remaining > 0 ? t.exportedPart(made.records, made.sequence, made.remaining) : t.exported(made.records, made.sequence));
  });
  const importFile = (file: File) => sending.run(async () => {
    // Refused before it is read: a file of gigabytes costs nothing.
    if (file.size > PACKAGE_MAX_BYTES) throw new Error(t.tooBig(Math.ceil(file.size / 1024 / 1024), PACKAGE_MAX_BYTES / 1024 / 1024));
    const r = await invoke('exchange.import', { text: await file.text() });
    void message.success(t.imported(r.from, r.records, r.skipped));
  });
  return (
    <div className="panel" data-testid="office-known">
      <div className="levels-toolbar">
        <h3>{t.registered}</h3>
        {admin && (
          <Space wrap>
            <Button onClick={() => setRegistering(true)} data-testid="office-register-open">{t.register}</Button>
            <Select
              placeholder={t.exportTo} value={to} onChange={setTo} style={{ minWidth: 180 }} data-testid="exchange-to"
              options={direct.map((o) => ({ value: o.name, label: `${o.name}（${t.relations[o.relation]}）` }))}
            />
            <Button type="primary" disabled={to === null} loading={sending.busy} onClick={() => void exportTo()} data-testid="exchange-export">{t.exportTo}</Button>
            <Button loading={sending.busy} onClick={() => chooser.current?.click()} data-testid="exchange-import">{t.importPackage}</Button>
            <input
              ref={chooser} type="file" accept=".sfx,application/json" style={{ display: 'none' }} data-testid="exchange-import-file"
              onChange={(e) => { const f = e.target.files?.[0]; e.target.value = ''; if (f) void importFile(f); }}
            />
          </Space>
        )}
      </div>
      <div data-testid="exchange-errors"><FormError messages={sending.errors} /></div>
      <DataGrid testId="office-grid" ariaLabel={t.registered} columns={columns} source={{ kind: 'local', rows: list }} getRowId={(o) => o.name} autoHeightRows={20} />
      {registering && <RegisterModal level={level} onClose={() => setRegistering(false)} />}
    </div>
  );
}

function RegisterModal({ level, onClose }: { level: string; onClose: () => void }) {
  const [form] = Form.useForm();
  const { busy, errors, submit } = useFormSubmit(form);
  const below = level === '区' ? '街道' : level === '街道' ? '社区' : '街道';
  const save = () => submit(officeRegister, form.getFieldsValue(true), async (data) => {
    await invoke('office.register', data);
    onClose();
  });
  return (
    <FormModal open title={t.registerTitle} width={560} onCancel={onClose} errors={errors} errorsTestId="office-register-errors"
      save={{ busy, onSave: save, testId: 'office-register-save', label: t.register }}>
      <Form form={form} layout="vertical" className="compact-form" initialValues={{ level: below }}>
        <div className="form-row">
          <Form.Item name="name" label={t.name} required><Input maxLength={60} data-testid="office-register-name" /></Form.Item>
          <Form.Item name="level" label={t.level} required><Select options={LEVELS} style={{ minWidth: 100 }} /></Form.Item>
        </div>
        <Form.Item name="code" label={t.code} extra={t.codeHelp} required><Input maxLength={40} className="mono" data-testid="office-register-code" /></Form.Item>
      </Form>
    </FormModal>
  );
}

function SilentDays() {
  const [form] = Form.useForm();
  const current = useQuery('rollup.screen', { by: '社区' });
  const [dirty, setDirty] = useState(false);
  useUnsavedChanges(dirty, zhCN.unsaved.pageForm);
  const { busy, errors, submit } = useFormSubmit(form);
  if (!current.data) return null;
  const save = () => submit(silentDaysInput, form.getFieldsValue(true), async (data) => {
    await invoke('office.setSilentDays', data);
    setDirty(false);
  });
  return (
    <div className="panel" data-testid="office-silent">
      <Form form={form} layout="inline" initialValues={{ days: current.data.silentDays }} onValuesChange={() => setDirty(true)}>
        <Form.Item name="days" label={t.silentDays} extra={t.silentDaysHelp}><InputNumber min={1} max={365} /></Form.Item>
        <Button loading={busy} onClick={() => void save()} data-testid="office-silent-save">{t.saveSilentDays}</Button>
      </Form>
      <FormError messages={errors} />
    </div>
  );
}
