import { Form, Input } from 'antd';
import { loginInput } from '../../../../../shared/contract/system';
import type { MethodOutput } from '../../../../../shared/contract/methods';
import { invoke } from '../../../api/client';
import { zhCN } from '../../../i18n/zh-CN';
import { AuthForm } from './AuthForm';
import { ServerChoice } from '../workstation/ServerChoice';

const t = zhCN.auth;

/** `onDone` gets the password typed too: after a temporary one, the new-password screen fills it in. */
export function LoginScreen({ onDone, onForgot }: { onDone: (out: MethodOutput<'auth.login'>, password: string) => void; onForgot: () => void }) {
  return (
    <AuthForm
      title={t.loginTitle}
      testId="login-form"
      initialValues={{ username: '', password: '' }}
      schema={loginInput}
      send={async (input) => onDone(await invoke('auth.login', input), input.password)}
      // A refused login starts the password over.
      onError={(form) => form.setFieldValue('password', '')}
      submitText={t.login}
      link={{ text: t.forgot, onClick: onForgot }}
      // Before anyone signs in: this PC's own data, or the office server's.
      footer={<ServerChoice />}
    >
      <Form.Item name="username" label={t.username}>
        <Input autoComplete="username" autoFocus />
      </Form.Item>
      <Form.Item name="password" label={t.password}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
    </AuthForm>
  );
}
