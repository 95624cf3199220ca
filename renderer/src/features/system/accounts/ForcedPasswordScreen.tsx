/**
 * After signing in with a temporary password (a new account, a reset), before anything else: main refuses every
 * other call with PASSWORD_CHANGE_REQUIRED until the person sets their own password here. The temporary password
 * they just typed is filled in; after a reload it is asked again.
 */
import { Form, Input } from 'antd';
import type { MethodOutput } from '../../../../../shared/contract/methods';
import { invoke } from '../../../api/client';
import { zhCN } from '../../../i18n/zh-CN';
import { AuthForm } from '../auth/AuthForm';
import { changePasswordForm } from './passwordForm';

const t = zhCN.accounts;

interface Props {
  /** The temporary password just typed at login, when known. */
  temporaryPassword: string;
  onDone: (out: MethodOutput<'auth.changePassword'>) => void;
  onLogout: () => void;
}

export function ForcedPasswordScreen({ temporaryPassword, onDone, onLogout }: Props) {
  return (
    <AuthForm
      title={t.forcedTitle}
      intro={t.forcedIntro}
      testId="forced-password-form"
      initialValues={{ oldPassword: temporaryPassword, newPassword: '', confirm: '' }}
      schema={changePasswordForm}
      send={async ({ oldPassword, newPassword }) => onDone(await invoke('auth.changePassword', { oldPassword, newPassword }))}
      submitText={t.setPassword}
      link={{ text: zhCN.auth.logout, onClick: onLogout }}
    >
      <Form.Item name="oldPassword" label={t.temporaryPassword} hidden={temporaryPassword !== ''}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item name="newPassword" label={t.newPassword} extra={t.newPasswordHint}>
        <Input.Password autoComplete="new-password" autoFocus />
      </Form.Item>
      <Form.Item name="confirm" label={t.confirmPassword}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </AuthForm>
  );
}
