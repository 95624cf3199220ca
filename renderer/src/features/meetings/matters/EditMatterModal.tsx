/** 修改事项信息: title, category, who raised it, and the description (matter.update). */
import { useEffect } from 'react';
import { Form, Input, Select } from 'antd';
import { matterUpdate } from '../../../../../shared/contract/meetings';
import { MATTER_CATEGORIES } from '../../../../../shared/domain/workflow';
import { invoke } from '../../../api/client';
import { FormModal } from '../../../components/FormModal';
import { useRevision } from '../../../components/ConflictDialog';
import { useFormSubmit } from '../../../components/useFormSubmit';
import { zhCN } from '../../../i18n/zh-CN';
import type { MatterDetail } from './shared';

const t = zhCN.matters.form;

const valuesOf = (m: MatterDetail) => ({ title: m.title, category: m.category, description: m.description, raisedBy: m.raisedBy });

export function EditMatterModal({ matter, onClose, onSaved }: { matter: MatterDetail; onClose: () => void; onSaved: (m: MatterDetail) => void }) {
  const [form] = Form.useForm();
  const { busy, errors, submit } = useFormSubmit(form);
  const revision = useRevision<ReturnType<typeof valuesOf>>({
    fields: [{ name: 'title', label: t.title }, { name: 'category', label: t.category }, { name: 'raisedBy', label: t.raisedBy }, { name: 'description', label: t.description }],
    readFresh: async () => {
      const fresh = await invoke('matter.get', { id: matter.id });
      return { values: valuesOf(fresh), revision: fresh.revision };
    },
    fill: (values) => form.setFieldsValue(values),
    resave: () => void save(),
  });

  // Filled once for this matter — not again when the page reads it afresh behind the dialog (another PC's save).
  useEffect(() => {
    form.setFieldsValue(valuesOf(matter));
    revision.opened(valuesOf(matter), matter.revision);
  }, [form, matter.id]);

  const save = () => {
    const typed = { ...valuesOf(matter), ...(form.getFieldsValue(true) as Partial<ReturnType<typeof valuesOf>>) };
    return submit(matterUpdate, { ...typed, id: matter.id, expectedRevision: revision.expected() }, async (data) => {
      onSaved(await revision.guard(() => invoke('matter.update', data), typed));
    });
  };

  return (
    <FormModal
      open
      title={t.editTitle}
      onCancel={onClose}
      width={620}
      save={{ busy, onSave: save, testId: 'matter-edit-save', label: zhCN.common.save }}
      errors={errors}
      errorsTestId="matter-edit-errors"
    >
      <div data-testid="matter-edit-form">
        <Form form={form} layout="vertical" className="compact-form">
          <Form.Item name="title" label={t.title} required>
            <Input maxLength={100} data-testid="matter-edit-title" />
          </Form.Item>
          <div className="form-row">
            <Form.Item name="category" label={t.category}>
              <Select options={MATTER_CATEGORIES.map((c) => ({ value: c, label: c }))} popupMatchSelectWidth={false} />
            </Form.Item>
            <Form.Item name="raisedBy" label={t.raisedBy}>
              <Input maxLength={100} />
            </Form.Item>
          </div>
          <Form.Item name="description" label={t.description}>
            <Input.TextArea rows={8} maxLength={20000} data-testid="matter-edit-description" />
          </Form.Item>
        </Form>
      </div>
      {revision.dialog}
    </FormModal>
  );
}
