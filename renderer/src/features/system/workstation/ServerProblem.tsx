/**
 * A first call that failed (health, sign-in status). Connected to the office server, the two failures that are
 * the connection's own get their plain words and what to do — the server is unreachable (OFFLINE), or it shows
 * another certificate than the one paired (CERTIFICATE_CHANGED: pair again, never silently trusted) — with the
 * way to pair again or go back to this PC's data. Anything else is the ordinary error page.
 */
import { useState } from 'react';
import { Button, Result, Space, Typography } from 'antd';
import { ApiError, errorMessage } from '../../../api/errors';
import { FullPage, FullPageError } from '../../../components/FullPageMessage';
import { zhCN } from '../../../i18n/zh-CN';
import { ConnectModal } from './ConnectModal';
import { ServerActions, ServerChoice } from './ServerChoice';
import { useWorkstation } from './workstation';

const t = zhCN.workstation;

export function ServerProblem({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { status } = useWorkstation();
  const [connecting, setConnecting] = useState(false);
  const code = error instanceof ApiError ? error.code : null;
  if (status?.mode !== 'office') return <FullPageError error={error} onRetry={onRetry} />;
  if (code !== 'OFFLINE' && code !== 'CERTIFICATE_CHANGED') {
    return <FullPageError error={error} onRetry={onRetry}><ServerChoice compact /></FullPageError>;
  }
  const changed = code === 'CERTIFICATE_CHANGED';
  return (
    <FullPage wide>
      <Result
        status={changed ? 'warning' : 'error'}
        title={changed ? t.certificateTitle : t.offlineTitle}
        subTitle={errorMessage(error)}
        extra={(
          <Space direction="vertical" align="center">
            <Typography.Paragraph data-testid="server-problem">{changed ? t.certificateWhatToDo : t.offlineWhatToDo}</Typography.Paragraph>
            <Space align="start">
              {changed
                ? <Button type="primary" onClick={() => setConnecting(true)}>{t.repair}</Button>
                : <Button type="primary" onClick={onRetry}>{zhCN.common.retry}</Button>}
              <ServerActions onRepair={changed ? undefined : () => setConnecting(true)} />
            </Space>
          </Space>
        )}
      />
      <ConnectModal open={connecting} onClose={() => setConnecting(false)} />
    </FullPage>
  );
}
