import { Form, Input } from 'antd';
import { z } from 'zod';
import { setupInput } from '../../../../../shared/contract/system';
import type { MethodOutput } from '../../../../../shared/contract/methods';
import { invoke } from '../../../api/client';
import { zhCN } from '../../../i18n/zh-CN';
import { AuthForm } from './AuthForm';
import { AuthCard } from './AuthCard';
import { ServerChoice } from '../workstation/ServerChoice';
import { useWorkstation } from '../workstation/workstation';

const t = zhCN.auth;

const setupForm = setupInput
  .extend({ confirm: z.string() })
  .refine((v) => v.password === v.confirm, { path: ['confirm'], error: t.passwordsDiffer });

export function SetupScreen({ onDone }: { onDone: (out: MethodOutput<'auth.setup'>) => void }) {
  // The office server's first administrator is made at the server itself (main refuses it from here).
  if (useWorkstation().status?.mode === 'office') {
    return <AuthCard title={zhCN.workstation.noAdminTitle} intro={zhCN.workstation.noAdminIntro} footer={<ServerChoice compact />}>{null}</AuthCard>;
  }
  return (
    <AuthForm
      title={t.setupTitle}
      intro={t.setupIntro}
      testId="setup-form"
      initialValues={{ username: '', displayName: '', password: '', confirm: '' }}
      schema={setupForm}
      send={async ({ username, displayName, password }) => onDone(await invoke('auth.setup', { username, displayName, password }))}
      submitText={t.createAdmin}
      footer={<ServerChoice />}
    >
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
    </AuthForm>
  );
}
