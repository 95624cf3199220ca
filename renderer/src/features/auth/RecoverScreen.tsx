import { useState } from 'react';
import { Button, Form, Input } from 'antd';
import { z } from 'zod';
import { recoverInput } from '../../../../shared/contract/schemas';
import type { MethodOutput } from '../../../../shared/contract/methods';
import { invoke } from '../../api/client';
import { errorMessage } from '../../api/errors';
import { FormError } from '../../components/FormError';
import { checkForm } from '../../components/zodForm';
import { zhCN } from '../../i18n/zh-CN';
import { AuthCard } from './AuthCard';

const t = zhCN.auth;

const recoverForm = recoverInput
  .extend({ confirm: z.string() })
  .refine((v) => v.newPassword === v.confirm, { path: ['confirm'], error: t.passwordsDiffer });

export function RecoverScreen({ onDone, onBack }: { onDone: (out: MethodOutput<'auth.recover'>) => void; onBack: () => void }) {
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);

  const submit = async () => {
    const checked = checkForm(form, recoverForm, form.getFieldsValue());
    setErrors(checked.ok ? [] : checked.otherErrors);
    if (!checked.ok) return;
    const { username, recoveryCode, newPassword } = checked.data;
    const input = { username, recoveryCode, newPassword };
    setBusy(true);
    try {
      onDone(await invoke('auth.recover', input));
    } catch (e) {
      setErrors([errorMessage(e)]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthCard title={t.recoverTitle} intro={t.recoverIntro}>
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} data-testid="recover-form"
        initialValues={{ username: '', recoveryCode: '', newPassword: '', confirm: '' }}>
        <Form.Item name="username" label={t.username}>
          <Input autoComplete="username" autoFocus />
        </Form.Item>
        <Form.Item name="recoveryCode" label={t.recoveryCode}>
          <Input autoComplete="off" className="mono" spellCheck={false} />
        </Form.Item>
        <Form.Item name="newPassword" label={t.newPassword} extra={t.passwordHint}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="confirm" label={t.confirmPassword}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <FormError messages={errors} />
        <Button type="primary" htmlType="submit" block loading={busy}>{t.recover}</Button>
        <div className="auth-links">
          <Button type="link" onClick={onBack}>{t.backToLogin}</Button>
        </div>
      </Form>
    </AuthCard>
  );
}
