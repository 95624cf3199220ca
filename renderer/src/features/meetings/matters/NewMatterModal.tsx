/** 新建事项: title, category, description, who raised it and when, the workflow version to follow. */
import { useEffect } from 'react';
import { App as AntApp, Form, Input, Select } from 'antd';
import { DateField } from '../../../components/DateField';
import { matterFields } from '../../../../../shared/contract/meetings';
import { MATTER_CATEGORIES } from '../../../../../shared/domain/workflow';
import { invoke } from '../../../api/client';
import { FormModal } from '../../../components/FormModal';
import { useFormSubmit } from '../../../components/useFormSubmit';
import { todayDate } from '../../../format';
import { zhCN } from '../../../i18n/zh-CN';
import { navigate } from '../../../router';
import { type Workflow } from './shared';

const t = zhCN.matters.form;

interface Props {
  communityId: string;
  workflows: readonly Workflow[];
  defaultWorkflowId: string | null;
  onClose: () => void;
}

export function NewMatterModal({ communityId, workflows, defaultWorkflowId, onClose }: Props) {
  const { message } = AntApp.useApp();
  const [form] = Form.useForm();
  const { busy, errors, submit } = useFormSubmit(form);
  const current = workflows.filter((w) => w.current);

  useEffect(() => {
    form.setFieldsValue({
      title: '', category: '其他', description: '', raisedBy: '', raisedOn: todayDate(),
      workflowId: defaultWorkflowId ?? undefined,
    });
  }, [form, defaultWorkflowId]);

  const save = () =>
    submit(matterFields, { ...(form.getFieldsValue(true) as object), communityId }, async (data) => {
      const created = await invoke('matter.create', data);
      message.success(t.created);
      onClose();
      navigate({ name: 'matter', communityId, matterId: created.id });
    });

  return (
    <FormModal
      open
      title={t.createTitle}
      onCancel={onClose}
      width={620}
      save={{ busy, onSave: save, testId: 'matter-create-save', label: t.submitCreate }}
      errors={errors}
      errorsTestId="matter-create-errors"
    >
      <div data-testid="matter-create-form">
        <Form form={form} layout="vertical" className="compact-form" onFinish={() => void save()}>
          <Form.Item name="title" label={t.title} required>
            <Input maxLength={100} placeholder={t.titlePlaceholder} data-testid="matter-title" />
          </Form.Item>
          <Form.Item name="category" label={t.category} extra={t.categoryHint}>
            <Select
              data-testid="matter-category"
              options={MATTER_CATEGORIES.map((c) => ({ value: c, label: c }))}
              popupMatchSelectWidth={false}
            />
          </Form.Item>
          <Form.Item name="description" label={t.description}>
            <Input.TextArea rows={4} maxLength={20000} placeholder={t.descriptionPlaceholder} data-testid="matter-description" />
          </Form.Item>
          <div className="form-row">
            <Form.Item name="raisedBy" label={t.raisedBy}>
              <Input maxLength={100} placeholder={t.raisedByPlaceholder} data-testid="matter-raised-by" />
            </Form.Item>
            <Form.Item name="raisedOn" label={t.raisedOn}>
              <DateField data-testid="matter-raised-on" />
            </Form.Item>
          </div>
          <Form.Item name="workflowId" label={t.workflow}>
            <Select
              data-testid="matter-workflow"
              options={current.map((w) => ({ value: w.id, label: t.workflowOption(w.name, w.version, w.isDefault) }))}
            />
          </Form.Item>
        </Form>
      </div>
    </FormModal>
  );
}
