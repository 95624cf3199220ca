/**
 * The fields of an exclusive part, checked with the contract's partFields /
 * partUpdate. An area outside the community's bounds (settings.areaBounds)
 * is saved only after the clerk confirms it in a dialog (acceptUnusual).
 */
import { useEffect } from 'react';
import { App as AntApp, AutoComplete, Button, Form, Input, Select } from 'antd';
import { partFields, partUpdate } from '../../../../../shared/contract/register';
import { areaText } from '../../../../../shared/contract/fields';
import { DEFAULT_AREA_BOUNDS, parseArea, unusualArea } from '../../../../../shared/domain/area';
import { AREA_SOURCES, DELIVERY_STATUSES, PART_TYPES } from '../../../../../shared/domain/register';
import type { MethodOutput } from '../../../../../shared/contract/methods';
import { invoke } from '../../../api/client';
import { FormError } from '../../../components/FormError';
import { useFormSubmit } from '../../../components/useFormSubmit';
import { zodRule } from '../../../components/zodForm';
import { zhCN } from '../../../i18n/zh-CN';
import type { Buildings } from '../roster/RosterToolbar';
import { useCommunities } from '../communities/CommunitiesContext';
import { useCan } from '../../system/auth/permissions';
import { useRevision } from '../../../components/ConflictDialog';

const t = zhCN.part;

export type PartDetail = MethodOutput<'part.get'>;

interface Props {
  communityId: string;
  /** null: a new part. */
  part: PartDetail | null;
  buildings: Buildings;
  onSaved: (part: PartDetail) => void;
}

function initialValues(part: PartDetail | null) {
  if (!part) return { building: '', entrance: '', room: '', type: '住宅', area: '', areaSource: '登记', deliveryStatus: '已交付' };
  return {
    building: part.building, entrance: part.entrance ?? '', room: part.room, type: part.type,
    area: part.area, areaSource: part.areaSource, deliveryStatus: part.deliveryStatus,
  };
}

export function PartForm({ communityId, part, buildings, onSaved }: Props) {
  const can = useCan();
  const [form] = Form.useForm();
  const { busy, errors, setErrors, submit: submitForm } = useFormSubmit(form);
  const building = Form.useWatch('building', form) as string | undefined;
  const { modal } = AntApp.useApp();
  const bounds = useCommunities().list?.find((c) => c.id === communityId)?.settings.areaBounds ?? DEFAULT_AREA_BOUNDS;
  const revision = useRevision<ReturnType<typeof initialValues>>({
    fields: [
      { name: 'building', label: t.building }, { name: 'entrance', label: t.entrance }, { name: 'room', label: t.room }, { name: 'type', label: t.type },
      { name: 'area', label: t.area }, { name: 'areaSource', label: t.areaSource }, { name: 'deliveryStatus', label: t.deliveryStatus },
    ],
    readFresh: async () => {
      const fresh = await invoke('part.get', { id: part!.partId });
      return { values: initialValues(fresh), revision: fresh.revision };
    },
    fill: (values) => form.setFieldsValue(values),
    resave: () => void submit(),
  });

  useEffect(() => {
    form.resetFields();
    form.setFieldsValue(initialValues(part));
    if (part) revision.opened(initialValues(part), part.revision);
    setErrors([]);
  }, [part, form]);

  const entrances = buildings.find((b) => b.name === building)?.entrances ?? [];

  const send = (acceptUnusual: boolean) => {
    const values = { ...form.getFieldsValue(true), acceptUnusual };
    if (part) {
      const typed = { ...initialValues(part), ...(values as Partial<ReturnType<typeof initialValues>>) };
      return submitForm(partUpdate, { ...values, id: part.partId, expectedRevision: revision.expected() }, async (input) => onSaved(await revision.guard(() => invoke('part.update', input), typed)));
    }
    return submitForm(partFields, { ...values, communityId }, async (input) => onSaved(await invoke('part.create', input)));
  };

  const submit = () => {
    const values = form.getFieldsValue(true) as { type?: PartDetail['type']; area?: string };
    const area = parseArea(values.area ?? '');
    const unusual = area.ok ? unusualArea(values.type ?? '住宅', area.value, bounds) : null;
    if (unusual === null) return send(false);
    modal.confirm({
      title: t.unusualTitle,
      content: t.unusualBody(unusual),
      okText: t.unusualConfirm,
      cancelText: zhCN.common.cancel,
      okButtonProps: { 'data-testid': 'confirm-unusual-area' },
      onOk: () => send(true),
    });
  };

  // Field rules check on blur; on submit the whole schema runs either way, so
  // every field's message shows even when a rule has already failed.
  return (
    <Form form={form} layout="vertical" onFinish={submit} onFinishFailed={() => void submit()} data-testid="part-form" className="compact-form">
      <div className="form-row three">
        <Form.Item name="building" label={t.building} required>
          <AutoComplete
            options={buildings.map((b) => ({ value: b.name }))}
            filterOption={(input, option) => (option?.value ?? '').includes(input)}
          />
        </Form.Item>
        <Form.Item name="entrance" label={<>{t.entrance}</>}>
          <AutoComplete options={entrances.map((e) => ({ value: e.name }))} />
        </Form.Item>
        <Form.Item name="room" label={t.room} required>
          <Input />
        </Form.Item>
      </div>
      <div className="form-row three">
        <Form.Item name="type" label={t.type}>
          <Select options={PART_TYPES.map((v) => ({ value: v, label: v }))} />
        </Form.Item>
        <Form.Item name="area" label={t.area} required rules={[zodRule(areaText)]} validateTrigger="onBlur">
          <Input placeholder={t.areaPlaceholder} inputMode="decimal" className="num" data-testid="part-area" />
        </Form.Item>
        <Form.Item name="areaSource" label={t.areaSource} tooltip={t.areaSourceHelp}>
          <Select options={AREA_SOURCES.map((v) => ({ value: v, label: v }))} />
        </Form.Item>
      </div>
      <Form.Item name="deliveryStatus" label={t.deliveryStatus} extra={t.developerNote}>
        <Select options={DELIVERY_STATUSES.map((v) => ({ value: v, label: v }))} style={{ maxWidth: 200 }} />
      </Form.Item>
      <FormError messages={errors} />
      {can('register.write') && <Button type="primary" htmlType="submit" loading={busy}>{zhCN.common.save}</Button>}
      {revision.dialog}
    </Form>
  );
}
