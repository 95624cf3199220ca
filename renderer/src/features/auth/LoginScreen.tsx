import { useState } from 'react';
import { Button, Form, Input } from 'antd';
import { loginInput } from '../../../../shared/contract/schemas';
import type { MethodOutput } from '../../../../shared/contract/methods';
import { invoke } from '../../api/client';
import { errorMessage } from '../../api/errors';
import { FormError } from '../../components/FormError';
import { checkForm } from '../../components/zodForm';
import { zhCN } from '../../i18n/zh-CN';
import { AuthCard } from './AuthCard';

const t = zhCN.auth;

export function LoginScreen({ onDone, onForgot }: { onDone: (out: MethodOutput<'auth.login'>) => void; onForgot: () => void }) {
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);

  const submit = async () => {
    const checked = checkForm(form, loginInput, form.getFieldsValue());
    setErrors(checked.ok ? [] : checked.otherErrors);
    if (!checked.ok) return;
    setBusy(true);
    try {
      onDone(await invoke('auth.login', checked.data));
    } catch (e) {
      setErrors([errorMessage(e)]);
      form.setFieldValue('password', '');
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthCard title={t.loginTitle}>
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} data-testid="login-form"
        initialValues={{ username: '', password: '' }}>
        <Form.Item name="username" label={t.username}>
          <Input autoComplete="username" autoFocus />
        </Form.Item>
        <Form.Item name="password" label={t.password}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <FormError messages={errors} />
        <Button type="primary" htmlType="submit" block loading={busy}>{t.login}</Button>
        <div className="auth-links">
          <Button type="link" onClick={onForgot}>{t.forgot}</Button>
        </div>
      </Form>
    </AuthCard>
  );
}
