/**
 * Accounts: first start creates the administrator; otherwise log in, or reset
 * the password with the recovery code. After setup or recovery the new
 * recovery code is shown once, to be printed, before the app opens.
 */
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { App as AntApp } from 'antd';
import { invoke, onUnauthenticated } from '../../../api/client';
import { getSession, setSession } from '../../../api/session';
import { followChanges } from '../../../api/live';
import { useAsync } from '../../../api/useAsync';
import { FullPageLoading } from '../../../components/FullPageMessage';
import { ServerProblem } from '../workstation/ServerProblem';
import { zhCN } from '../../../i18n/zh-CN';
import { SetupScreen } from './SetupScreen';
import { LoginScreen } from './LoginScreen';
import { RecoverScreen } from './RecoverScreen';
import { RecoveryCodeScreen } from './RecoveryCodeScreen';
import { ForcedPasswordScreen } from '../accounts/ForcedPasswordScreen';
import type { User } from './user';
import { IdleLock } from './IdleLock';
import { GrantsProvider } from './permissions';


type Phase =
  | { name: 'setup' }
  | { name: 'login' }
  | { name: 'recover' }
  | { name: 'code'; user: User; code: string }
  /** Signed in with a temporary password: a new one first (main refuses everything else until then). */
  | { name: 'change'; user: User; temporaryPassword: string }
  | { name: 'in'; user: User; locked?: boolean };

type SessionOut = { session: string; user: User };

export function AuthGate({ children }: { children: (user: User, logout: () => void) => ReactNode }) {
  const { message } = AntApp.useApp();
  const status = useAsync(() => invoke('auth.status', {}), [], { afterWrites: false });
  const [phase, setPhase] = useState<Phase | null>(null);

  useEffect(() => {
    if (!status.data) return;
    if (status.data.needsSetup) setPhase({ name: 'setup' });
    else if (status.data.user && status.data.mustChangePassword) setPhase({ name: 'change', user: status.data.user, temporaryPassword: '' });
    else if (status.data.user) setPhase({ name: 'in', user: status.data.user, locked: status.data.locked });
    else {
      setSession(null);
      setPhase({ name: 'login' });
    }
  }, [status.data]);

  useEffect(
    () => onUnauthenticated(() => {
      setPhase((p) => {
        if (p?.name !== 'in' && p?.name !== 'change') return p;
        message.warning(zhCN.auth.sessionExpired);
        return { name: 'login' };
      });
    }),
    [message],
  );

  // Signed in: others' saves make the screens on view read again (api/live.ts).
  const signedIn = phase?.name === 'in';
  useEffect(() => {
    const session = signedIn ? getSession() : null;
    return session ? followChanges(session) : undefined;
  }, [signedIn]);

  const logout = useCallback(() => {
    invoke('auth.logout', {}).catch(() => undefined).finally(() => {
      setSession(null);
      setPhase({ name: 'login' });
    });
  }, []);

  const enter = (out: SessionOut) => {
    setSession(out.session);
    setPhase({ name: 'in', user: out.user });
  };
  const showCode = (out: SessionOut & { recoveryCode: string }) => {
    setSession(out.session);
    setPhase({ name: 'code', user: out.user, code: out.recoveryCode });
  };

  if (status.error && !status.data) return <ServerProblem error={status.error} onRetry={status.reload} />;
  if (phase === null) return <FullPageLoading text={zhCN.common.loading} />;
  switch (phase.name) {
    case 'setup':
      return <SetupScreen onDone={showCode} />;
    case 'login':
      return (
        <LoginScreen
          onDone={(out, password) => {
            if (!out.mustChangePassword) return enter(out);
            setSession(out.session);
            setPhase({ name: 'change', user: out.user, temporaryPassword: password });
          }}
          onForgot={() => setPhase({ name: 'recover' })}
        />
      );
    case 'change':
      return (
        <ForcedPasswordScreen
          temporaryPassword={phase.temporaryPassword}
          onLogout={logout}
          // An administrator added later gets their recovery code now, shown once, like the first one.
          onDone={(out) => setPhase(out.recoveryCode ? { name: 'code', user: phase.user, code: out.recoveryCode } : { name: 'in', user: phase.user })}
        />
      );
    case 'recover':
      return <RecoverScreen onDone={showCode} onBack={() => setPhase({ name: 'login' })} />;
    case 'code':
      return <RecoveryCodeScreen user={phase.user} code={phase.code} onContinue={() => setPhase({ name: 'in', user: phase.user })} />;
    case 'in':
      return (
        <IdleLock user={phase.user} initiallyLocked={phase.locked === true} onLogout={logout}>
          <GrantsProvider grants={phase.user.grants}>{children(phase.user, logout)}</GrantsProvider>
        </IdleLock>
      );
  }
}
