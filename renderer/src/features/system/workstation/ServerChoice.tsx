/**
 * Under the first screens (login, first start) and the pages saying the server cannot be reached: on this PC's
 * own data, the link 连接到办公室服务器; connected, which server, and the way back to this PC's data or to pair again.
 */
import { useState } from 'react';
import { Alert, App as AntApp, Button, Space } from 'antd';
import { invoke } from '../../../api/client';
import { errorMessage } from '../../../api/errors';
import { zhCN } from '../../../i18n/zh-CN';
import { ConnectModal } from './ConnectModal';
import { useWorkstation } from './workstation';

const t = zhCN.workstation;

export function ServerChoice({ compact = false }: { compact?: boolean }) {
  const { status } = useWorkstation();
  const [connecting, setConnecting] = useState(false);
  if (!status) return null;
  const dialog = <ConnectModal open={connecting} onClose={() => setConnecting(false)} />;
  if (status.mode === 'local') {
    return (
      <div className="auth-links server-choice">
        <Button type="link" onClick={() => setConnecting(true)} data-testid="connect-open">{t.connect}</Button>
        {dialog}
      </div>
    );
  }
  return (
    <div className="server-choice">
      <Alert
        type="info"
        showIcon
        data-testid="connected-server"
        title={<>{t.connectedTo} <span className="server-url">{status.server}</span></>}
        description={(
          <>
            {!compact && <div>{t.connectedHint}</div>}
            <ServerActions onRepair={() => setConnecting(true)} />
          </>
        )}
      />
      {dialog}
    </div>
  );
}

/** 断开，改用本机数据 and (given `onRepair`) 重新配对, while connected. */
export function ServerActions({ onRepair }: { onRepair?: () => void }) {
  const { message } = AntApp.useApp();
  const { switched } = useWorkstation();
  const [busy, setBusy] = useState(false);
  const disconnect = async () => {
    setBusy(true);
    try {
      const next = await invoke('workstation.disconnect', {});
      message.success(t.disconnected);
      switched(next);
    } catch (e) {
      message.error(errorMessage(e));
      setBusy(false);
    }
  };
  return (
    <Space wrap size={4} className="server-actions">
      <Button size="small" onClick={() => void disconnect()} loading={busy} data-testid="disconnect">{t.disconnect}</Button>
      {onRepair && <Button size="small" type="link" onClick={onRepair} data-testid="repair">{t.repair}</Button>}
    </Space>
  );
}
