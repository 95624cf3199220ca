/**
 * Across the top of every screen — the login page and the lock screen too — while a call waits for the connection
 * to main (renderer/src/api/connection.ts): the server is away, the call is being sent again, and what was typed
 * stays. Gone as soon as a call gets through.
 */
import { Alert } from 'antd';
import { useConnectionLost } from '../../api/connection';
import { zhCN } from '../../i18n/zh-CN';

export function ConnectionBanner() {
  const lost = useConnectionLost();
  if (!lost) return null;
  return (
    <div className="connection-banner" data-testid="connection-banner" role="status" aria-live="polite">
      <Alert type="error" showIcon banner title={zhCN.connection.lost} />
    </div>
  );
}
