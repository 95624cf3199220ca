/** 修改密码, from the header's user menu: everyone changes their own, knowing the current one. */
import { useEffect } from 'react';
import { App as AntApp, Form, Input } from 'antd';
import { invoke } from '../../../api/client';
import { FormModal } from '../../../components/FormModal';
import { useFormSubmit } from '../../../components/useFormSubmit';
import { zhCN } from '../../../i18n/zh-CN';
import { changePasswordForm, emptyPasswordForm } from './passwordForm';

const t = zhCN.accounts;

export function ChangePasswordModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm();
  const { message } = AntApp.useApp();
  const { busy, errors, setErrors, submit } = useFormSubmit(form);

  useEffect(() => {
    if (!open) return;
    setErrors([]);
    form.setFieldsValue(emptyPasswordForm);
  }, [open, form]);

  const onFinish = () => submit(changePasswordForm, form.getFieldsValue(true), async ({ oldPassword, newPassword }) => {
    await invoke('auth.changePassword', { oldPassword, newPassword });
    message.success(t.passwordChanged);
    onClose();
  });

  return (
    <FormModal
      open={open}
      title={t.changePassword}
      onCancel={onClose}
      width={420}
      save={{ busy, onSave: () => form.submit(), testId: 'change-password-save', label: zhCN.common.save }}
      errors={errors}
      errorsTestId="change-password-errors"
    >
      <Form form={form} layout="vertical" onFinish={onFinish} data-testid="change-password-form" initialValues={emptyPasswordForm}>
        <Form.Item name="oldPassword" label={t.oldPassword}>
          <Input.Password autoComplete="current-password" autoFocus />
        </Form.Item>
        <Form.Item name="newPassword" label={t.newPassword} extra={t.newPasswordHint}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="confirm" label={t.confirmPassword}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
