import { useEffect } from 'react';
import { App as AntApp, Form } from 'antd';
import { communityFields } from '../../../../../shared/contract/register';
import { invoke } from '../../../api/client';
import { FormModal } from '../../../components/FormModal';
import { useFormSubmit } from '../../../components/useFormSubmit';
import { zhCN } from '../../../i18n/zh-CN';
import { CommunityFields, emptyCommunity } from './CommunityFields';

const t = zhCN.community;

/**
 * A new community: its name and offices; every rule starts at its default and
 * is changed on 小区设置 (CommunitySettingsPage), where the community's own
 * fields are edited too.
 */
interface Props {
  open: boolean;
  onClose: () => void;
  onSaved: (id: string) => void;
}

export function CommunityFormModal({ open, onClose, onSaved }: Props) {
  const [form] = Form.useForm();
  const { message } = AntApp.useApp();
  const { busy, errors, setErrors, submit: submitForm } = useFormSubmit(form);

  useEffect(() => {
    if (!open) return;
    setErrors([]);
    form.resetFields();
    form.setFieldsValue(emptyCommunity);
  }, [open, form]);

  const submit = () => {
    return submitForm(communityFields, form.getFieldsValue(true), async (input) => {
      const saved = await invoke('community.create', input);
      message.success(t.created);
      onSaved(saved.id);
    });
  };

  return (
    <FormModal
      open={open}
      title={t.create}
      onCancel={onClose}
      width={560}
      save={{ busy, onSave: () => form.submit(), testId: 'community-save', label: zhCN.common.save }}
      errors={errors}
      errorsTestId="community-errors"
    >
      <Form form={form} layout="vertical" onFinish={submit} data-testid="community-form">
        <CommunityFields />
      </Form>
    </FormModal>
  );
}
