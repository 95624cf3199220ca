/**
 * First thing on start: is the database usable? If not, a full page says what
 * is wrong and which backup to restore; warnings (a network share…) go on as a
 * banner above every screen.
 */
import type { ReactNode } from 'react';
import { Alert } from 'antd';
import { invoke } from '../../api/client';
import { useAsync } from '../../api/useAsync';
import { FullPageError, FullPageLoading } from '../../components/FullPageMessage';
import { zhCN } from '../../i18n/zh-CN';
import { HealthProblem } from './HealthProblem';

export function StartGate({ children }: { children: (warnings: string[]) => ReactNode }) {
  const health = useAsync(() => invoke('system.health', {}), []);
  if (health.loading && !health.data) return <FullPageLoading text={zhCN.health.checking} />;
  if (health.error || !health.data) {
    return <FullPageError error={health.error} onRetry={health.reload} />;
  }
  if (!health.data.ok) return <HealthProblem health={health.data} onRetry={health.reload} />;
  return <>{children(health.data.warnings)}</>;
}

export function WarningBanners({ warnings }: { warnings: string[] }) {
  if (warnings.length === 0) return null;
  return (
    <div className="warning-banners">
      {warnings.map((w) => <Alert key={w} type="warning" showIcon banner title={w} />)}
    </div>
  );
}
