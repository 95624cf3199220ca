/**
 * The idle lock (issue 16): office PCs are shared and left on. After the current community's 锁屏分钟数 without a
 * key or a click, an opaque screen covers the app (nothing on it can be read) and asks the person's password
 * again. The app underneath stays mounted — the page, its scroll position and a half-filled form are there after
 * unlocking. Main is told (auth.lock), so the locked session's other calls are refused (SCREEN_LOCKED); such a
 * refusal also brings the lock up, e.g. in a second tab. 退出登录 leaves from the lock screen.
 */
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { Form, Input } from 'antd';
import { unlockInput } from '../../../../../shared/contract/system';
import { invoke, onScreenLocked } from '../../../api/client';
import { announce } from '../../../api/changes';
import { zhCN } from '../../../i18n/zh-CN';
import { AuthForm } from './AuthForm';
import { onLockNow, useIdle, useLockMinutes } from './idle';
import type { User } from './user';

const t = zhCN.auth;

interface Props {
  user: User;
  /** Locked already when the app opened (a reload of a locked tab): main said so in auth.status. */
  initiallyLocked: boolean;
  onLogout: () => void;
  children: ReactNode;
}

export function IdleLock({ user, initiallyLocked, onLogout, children }: Props) {
  const minutes = useLockMinutes();
  const [locked, setLocked] = useState<{ idle: boolean } | null>(initiallyLocked ? { idle: false } : null);
  // Reads refused while locked failed on the screen underneath: they are read again after unlocking.
  const refused = useRef(false);

  const lockIdle = useCallback(() => {
    setLocked((current) => current ?? { idle: true });
    invoke('auth.lock', {}).catch(() => undefined);
  }, []);
  useIdle(minutes * 60_000, locked === null, lockIdle);

  useEffect(() => onLockNow(() => {
    setLocked((current) => current ?? { idle: false });
    invoke('auth.lock', {}).catch(() => undefined);
  }), []);

  useEffect(() => onScreenLocked(() => {
    refused.current = true;
    setLocked((current) => current ?? { idle: false });
  }), []);

  const unlocked = () => {
    setLocked(null);
    if (refused.current) announce('wrote');
    refused.current = false;
  };

  return (
    <>
      {children}
      {locked && (
        <div className="lock-overlay" data-testid="lock-screen" role="dialog" aria-modal="true" aria-label={t.lockTitle}>
          <AuthForm
            title={t.lockTitle}
            intro={<>{locked.idle ? t.lockIntro(minutes) : t.lockIntroRefused}<br />{t.lockUser(`${user.displayName}（${user.username}）`)}</>}
            testId="unlock-form"
            initialValues={{ password: '' }}
            schema={unlockInput}
            send={async (input) => {
              await invoke('auth.unlock', input);
              unlocked();
            }}
            onError={(form) => form.setFieldValue('password', '')}
            submitText={t.unlock}
            link={{ text: t.logout, onClick: onLogout }}
          >
            <Form.Item name="password" label={t.password}>
              <Input.Password autoComplete="current-password" autoFocus data-testid="unlock-password" />
            </Form.Item>
          </AuthForm>
        </div>
      )}
    </>
  );
}

