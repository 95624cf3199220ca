import { useState } from 'react';
import { Button, Form, Input } from 'antd';
import { z } from 'zod';
import { setupInput } from '../../../../shared/contract/schemas';
import type { MethodOutput } from '../../../../shared/contract/methods';
import { invoke } from '../../api/client';
import { errorMessage } from '../../api/errors';
import { FormError } from '../../components/FormError';
import { checkForm } from '../../components/zodForm';
import { zhCN } from '../../i18n/zh-CN';
import { AuthCard } from './AuthCard';

const t = zhCN.auth;

const setupForm = setupInput
  .extend({ confirm: z.string() })
  .refine((v) => v.password === v.confirm, { path: ['confirm'], error: t.passwordsDiffer });

export function SetupScreen({ onDone }: { onDone: (out: MethodOutput<'auth.setup'>) => void }) {
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);

  const submit = async () => {
    const checked = checkForm(form, setupForm, form.getFieldsValue());
    setErrors(checked.ok ? [] : checked.otherErrors);
    if (!checked.ok) return;
    const { username, displayName, password } = checked.data;
    const input = { username, displayName, password };
    setBusy(true);
    try {
      onDone(await invoke('auth.setup', input));
    } catch (e) {
      setErrors([errorMessage(e)]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthCard title={t.setupTitle} intro={t.setupIntro}>
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} data-testid="setup-form"
        initialValues={{ username: '', displayName: '', password: '', confirm: '' }}>
        <Form.Item name="username" label={t.username} extra={t.usernameHint}>
          <Input autoComplete="username" autoFocus />
        </Form.Item>
        <Form.Item name="displayName" label={t.displayName}>
          <Input autoComplete="name" />
        </Form.Item>
        <Form.Item name="password" label={t.password} extra={t.passwordHint}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="confirm" label={t.confirmPassword}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <FormError messages={errors} />
        <Button type="primary" htmlType="submit" block loading={busy}>{t.createAdmin}</Button>
      </Form>
    </AuthCard>
  );
}
