import { useEffect } from 'react';
import { App as AntApp, Form } from 'antd';
import { communityFields, communityUpdate } from '../../../../../shared/contract/register';
import { invoke } from '../../../api/client';
import { FormModal } from '../../../components/FormModal';
import { useFormSubmit } from '../../../components/useFormSubmit';
import { zhCN } from '../../../i18n/zh-CN';
import { CommunityFields, emptyCommunity } from './CommunityFields';
import type { CommunityItem } from './CommunitiesContext';

const t = zhCN.community;

interface Props {
  open: boolean;
  /** null: a new community. */
  community: CommunityItem | null;
  onClose: () => void;
  onSaved: (id: string) => void;
}

export function CommunityFormModal({ open, community, onClose, onSaved }: Props) {
  const [form] = Form.useForm();
  const { message } = AntApp.useApp();
  const { busy, errors, setErrors, submit: submitForm } = useFormSubmit(form);

  useEffect(() => {
    if (!open) return;
    setErrors([]);
    form.resetFields();
    form.setFieldsValue(community ? {
      name: community.name, address: community.address, streetOffice: community.streetOffice,
      communityOffice: community.communityOffice, developer: community.developer, settings: community.settings,
    } : emptyCommunity);
  }, [open, community, form]);

  const submit = () => {
    const values = form.getFieldsValue(true);
    if (community) {
      return submitForm(communityUpdate, { ...values, id: community.id }, async (input) => {
        const saved = await invoke('community.update', input);
        message.success(t.saved);
        onSaved(saved.id);
      });
    }
    return submitForm(communityFields, values, async (input) => {
      const saved = await invoke('community.create', input);
      message.success(t.created);
      onSaved(saved.id);
    });
  };

  return (
    <FormModal
      open={open}
      title={community ? t.edit : t.create}
      onCancel={onClose}
      width={560}
      // Through the form, so that its own rules (the extra rows of the fund settings) are checked first.
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
