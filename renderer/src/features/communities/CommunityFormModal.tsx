import { useEffect, useState } from 'react';
import { App as AntApp, Form, Modal } from 'antd';
import { communityFields, communityUpdate } from '../../../../shared/contract/schemas';
import { invoke } from '../../api/client';
import { errorMessage } from '../../api/errors';
import { FormError } from '../../components/FormError';
import { checkForm } from '../../components/zodForm';
import { zhCN } from '../../i18n/zh-CN';
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
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);

  useEffect(() => {
    if (!open) return;
    setErrors([]);
    form.resetFields();
    form.setFieldsValue(community ? {
      name: community.name, address: community.address, streetOffice: community.streetOffice,
      communityOffice: community.communityOffice, developer: community.developer, settings: community.settings,
    } : emptyCommunity);
  }, [open, community, form]);

  const submit = async () => {
    const values = form.getFieldsValue(true);
    setBusy(true);
    try {
      if (community) {
        const checked = checkForm(form, communityUpdate, { ...values, id: community.id });
        setErrors(checked.ok ? [] : checked.otherErrors);
        if (!checked.ok) return;
        const saved = await invoke('community.update', checked.data);
        message.success(t.saved);
        onSaved(saved.id);
      } else {
        const checked = checkForm(form, communityFields, values);
        setErrors(checked.ok ? [] : checked.otherErrors);
        if (!checked.ok) return;
        const saved = await invoke('community.create', checked.data);
        message.success(t.created);
        onSaved(saved.id);
      }
    } catch (e) {
      setErrors([errorMessage(e)]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={community ? t.edit : t.create}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={zhCN.common.save}
      confirmLoading={busy}
      width={560}
      forceRender
    >
      <Form form={form} layout="vertical" onFinish={submit} data-testid="community-form">
        <CommunityFields />
        <FormError messages={errors} />
      </Form>
    </Modal>
  );
}
