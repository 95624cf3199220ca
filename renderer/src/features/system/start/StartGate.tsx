/**
 * First thing on start: is the database usable? If not, a full page says what
 * is wrong and which backup to restore — or, when only the key of its sealed
 * personal data is missing, takes the recovery code; warnings (a network share…) go on as a
 * banner above every screen.
 */
import { createContext, useContext, type ReactNode } from 'react';
import { Alert } from 'antd';
import { invoke } from '../../../api/client';
import { useAsync } from '../../../api/useAsync';
import { FullPageLoading } from '../../../components/FullPageMessage';
import { zhCN } from '../../../i18n/zh-CN';
import { HealthProblem } from './HealthProblem';
import { UnlockScreen } from './UnlockScreen';
import { ServerProblem } from '../workstation/ServerProblem';

/** Ask main again (a screen that changed what a warning is about: the data key's panel). */
const RecheckHealth = createContext<() => void>(() => undefined);
export const useRecheckHealth = () => useContext(RecheckHealth);

export function StartGate({ children }: { children: (warnings: string[]) => ReactNode }) {
  const health = useAsync(() => invoke('system.health', {}), [], { afterWrites: false });
  if (health.loading && !health.data) return <FullPageLoading text={zhCN.health.checking} />;
  if (health.error || !health.data) {
    return <ServerProblem error={health.error} onRetry={health.reload} />;
  }
  if (!health.data.ok && health.data.needsRecoveryCode) return <UnlockScreen health={health.data} onUnlocked={health.reload} />;
  if (!health.data.ok) return <HealthProblem health={health.data} onRetry={health.reload} />;
  return <RecheckHealth.Provider value={health.reload}>{children(health.data.warnings)}</RecheckHealth.Provider>;
}

export function WarningBanners({ warnings }: { warnings: string[] }) {
  if (warnings.length === 0) return null;
  return (
    <div className="warning-banners">
      {warnings.map((w) => <Alert key={w} type="warning" showIcon banner title={w} />)}
    </div>
  );
}
