import { Form, Input } from 'antd';
import { z } from 'zod';
import { recoverInput } from '../../../../../shared/contract/system';
import type { MethodOutput } from '../../../../../shared/contract/methods';
import { invoke } from '../../../api/client';
import { zhCN } from '../../../i18n/zh-CN';
import { AuthForm } from './AuthForm';

const t = zhCN.auth;

const recoverForm = recoverInput
  .extend({ confirm: z.string() })
  .refine((v) => v.newPassword === v.confirm, { path: ['confirm'], error: t.passwordsDiffer });

export function RecoverScreen({ onDone, onBack }: { onDone: (out: MethodOutput<'auth.recover'>) => void; onBack: () => void }) {
  return (
    <AuthForm
      title={t.recoverTitle}
      intro={t.recoverIntro}
      testId="recover-form"
      initialValues={{ username: '', recoveryCode: '', newPassword: '', confirm: '' }}
      schema={recoverForm}
      send={async ({ username, recoveryCode, newPassword }) => onDone(await invoke('auth.recover', { username, recoveryCode, newPassword }))}
      submitText={t.recover}
      link={{ text: t.backToLogin, onClick: onBack }}
    >
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
    </AuthForm>
  );
}
