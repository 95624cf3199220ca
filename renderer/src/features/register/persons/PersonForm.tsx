/** Name, document number and phone of an owner, checked with personFields / personUpdate. */
import { useEffect } from 'react';
import { Button, Form, Input, Space } from 'antd';
import { personFields, personUpdate } from '../../../../../shared/contract/register';
import { documentText, phoneText } from '../../../../../shared/contract/fields';
import type { MethodOutput } from '../../../../../shared/contract/methods';
import { invoke } from '../../../api/client';
import { FormError } from '../../../components/FormError';
import { useFormSubmit } from '../../../components/useFormSubmit';
import { zodRule } from '../../../components/zodForm';
import { useRevision } from '../../../components/ConflictDialog';
import { zhCN } from '../../../i18n/zh-CN';

const t = zhCN.person;

export type PersonDetail = MethodOutput<'person.get'>;

const valuesOf = (p: PersonDetail) => ({ name: p.name, document: p.document, phone: p.phone });

interface Props {
  communityId: string;
  /** null: a new person. */
  person: PersonDetail | null;
  onSaved: (person: PersonDetail) => void;
  onCancel?: () => void;
  submitText?: string;
  /** Told when the save starts and ends (a dialog around the form does not ask while it runs). */
  onBusy?: (busy: boolean) => void;
}

export function PersonForm({ communityId, person, onSaved, onCancel, submitText, onBusy }: Props) {
  const [form] = Form.useForm();
  const { busy, errors, submit: submitForm } = useFormSubmit(form);
  useEffect(() => {
    onBusy?.(busy);
    return () => onBusy?.(false);
  }, [busy, onBusy]);

  const revision = useRevision<ReturnType<typeof valuesOf>>({
    fields: [{ name: 'name', label: t.name }, { name: 'document', label: t.document }, { name: 'phone', label: t.phone }],
    readFresh: async () => {
      const fresh = await invoke('person.get', { id: person!.id });
      return { values: valuesOf(fresh), revision: fresh.revision };
    },
    fill: (values) => form.setFieldsValue(values),
    resave: () => void submit(),
  });

  useEffect(() => {
    form.setFieldsValue(person ? valuesOf(person) : { name: '', document: '', phone: '' });
    if (person) revision.opened(valuesOf(person), person.revision);
  }, [person, form]);

  const submit = () => {
    const values = form.getFieldsValue(true) as Partial<ReturnType<typeof valuesOf>>;
    if (person) {
      const typed = { ...valuesOf(person), ...values };
      return submitForm(personUpdate, { ...values, id: person.id, expectedRevision: revision.expected() }, async (input) => onSaved(await revision.guard(() => invoke('person.update', input), typed)));
    }
    return submitForm(personFields, { ...values, communityId }, async (input) => onSaved(await invoke('person.create', input)));
  };

  // Field rules check on blur; on submit the whole schema runs either way, so
  // every field's message shows even when a rule has already failed.
  return (
    <Form form={form} layout="vertical" onFinish={submit} onFinishFailed={() => void submit()} data-testid="person-form" className="compact-form">
      <Form.Item name="name" label={t.name} required>
        <Input maxLength={60} />
      </Form.Item>
      <div className="form-row">
        <Form.Item name="document" label={t.document} rules={[zodRule(documentText)]} validateTrigger="onBlur">
          <Input className="mono" maxLength={40} />
        </Form.Item>
        <Form.Item name="phone" label={t.phone} rules={[zodRule(phoneText)]} validateTrigger="onBlur">
          <Input className="mono" maxLength={30} />
        </Form.Item>
      </div>
      <FormError messages={errors} />
      <Space>
        <Button type="primary" htmlType="submit" loading={busy}>{submitText ?? zhCN.common.save}</Button>
        {onCancel && <Button onClick={onCancel}>{zhCN.common.cancel}</Button>}
      </Space>
      {revision.dialog}
    </Form>
  );
}
