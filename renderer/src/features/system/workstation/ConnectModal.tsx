/** 连接到办公室服务器: the server's address and the pairing code its screen shows (main pins the certificate by it). */
import { useEffect } from 'react';
import { App as AntApp, Form, Input, Typography } from 'antd';
import { connectInput } from '../../../../../shared/contract/workstation';
import { invoke } from '../../../api/client';
import { FormModal } from '../../../components/FormModal';
import { useFormSubmit } from '../../../components/useFormSubmit';
import { zhCN } from '../../../i18n/zh-CN';
import { useWorkstation } from './workstation';

const t = zhCN.workstation;

export function ConnectModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm();
  const { message } = AntApp.useApp();
  const { status, switched } = useWorkstation();
  const { busy, errors, setErrors, submit } = useFormSubmit(form);

  useEffect(() => {
    if (!open) return;
    setErrors([]);
    form.setFieldsValue({ address: status?.server ?? '', pairingCode: '' });
  }, [open, form]);

  const onFinish = () => submit(connectInput, form.getFieldsValue(true), async (input) => {
    const next = await invoke('workstation.connect', input);
    onClose();
    message.success(t.switchedTo(next.server ?? input.address));
    switched(next);
  });

  return (
    <FormModal
      open={open}
      title={t.connectTitle}
      onCancel={onClose}
      width={480}
      save={{ busy, onSave: () => form.submit(), testId: 'connect-save', label: t.connectButton }}
      errors={errors}
      errorsTestId="connect-errors"
    >
      <Typography.Paragraph type="secondary">{t.connectIntro}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={onFinish} data-testid="connect-form" initialValues={{ address: '', pairingCode: '' }}>
        <Form.Item name="address" label={t.address}>
          <Input placeholder={t.addressPlaceholder} autoFocus spellCheck={false} />
        </Form.Item>
        <Form.Item name="pairingCode" label={t.pairingCode} extra={t.pairingCodeHint}>
          <Input placeholder={t.pairingCodePlaceholder} className="mono" spellCheck={false} autoComplete="off" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
