/**
 * Where the key of the sealed personal data lives on this PC, and whether the administrator's
 * recovery code can bring it back on another PC; if not yet (a database upgraded from before
 * encryption), the code is asked for here.
 */
import { useState } from 'react';
import { Alert, App as AntApp, Button, Input, Space, Typography } from 'antd';
import { invoke } from '../../../api/client';
import { useQuery } from '../../../api/queries';
import { useSending } from '../../../components/useFormSubmit';
import { FormError } from '../../../components/FormError';
import { zhCN } from '../../../i18n/zh-CN';
import { useRecheckHealth } from '../start/StartGate';

const t = zhCN.backup;

export function DataKeyPanel() {
  const { message } = AntApp.useApp();
  const status = useQuery('dataKey.status', {});
  const [code, setCode] = useState('');
  const sending = useSending();
  const recheckHealth = useRecheckHealth(); // the banner asking for the code goes once it is given
  if (!status.data) return null;
  const s = status.data;

  const protect = () => sending.run(async () => {
    await invoke('dataKey.protect', { recoveryCode: code });
    message.success(t.keyProtectedNow);
    setCode('');
    status.reload();
    recheckHealth();
  });

  const where = (
    <div className="data-key-where">
      <div>{t.keyStorage[s.storage]}</div>
      <div>{t.keyFile}：<Typography.Text className="mono" copyable>{s.keyFile}</Typography.Text></div>
    </div>
  );
  if (s.protectedByRecoveryCode) {
    return <Alert type="info" showIcon title={`${t.keyTitle}：${t.keyProtected}`} description={where} data-testid="data-key-panel" />;
  }
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="data-key-panel"
      title={`${t.keyTitle}：${t.keyUnprotected}`}
      description={
        <>
          {where}
          <Space.Compact className="data-key-form">
            <Input
              aria-label={t.keyCode} placeholder={t.keyCode} className="mono" autoComplete="off" spellCheck={false}
              value={code} onChange={(e) => setCode(e.target.value)} onPressEnter={protect}
            />
            <Button type="primary" loading={sending.busy} disabled={code.trim() === ''} onClick={protect}>{t.keyProtect}</Button>
          </Space.Compact>
          <FormError messages={sending.errors} />
        </>
      }
    />
  );
}
