/**
 * The one-time recovery code, shown big, with a print view. On an offline PC it
 * is the only way back in, so the app waits for the user to confirm it is kept.
 */
import { useState } from 'react';
import { Alert, Button, Checkbox, Space } from 'antd';
import { zhCN } from '../../../i18n/zh-CN';
import { todayDate } from '../../../format';
import { AuthCard } from './AuthCard';
import type { User } from './user';

const t = zhCN.auth;

export function RecoveryCodeScreen({ user, code, onContinue }: { user: User; code: string; onContinue: () => void }) {
  const [kept, setKept] = useState(false);
  return (
    <>
      <AuthCard title={t.codeTitle} wide className="no-print">
        <Alert type="warning" showIcon title={t.codeIntro} />
        <div className="recovery-code-account">{t.codeFor(`${user.username}（${user.displayName}）`)}</div>
        <div className="recovery-code" data-testid="recovery-code" aria-label={t.recoveryCode}>{code}</div>
        <Space orientation="vertical" size="middle" className="recovery-code-actions">
          <Button size="large" onClick={() => window.print()}>{t.print}</Button>
          <Checkbox checked={kept} onChange={(e) => setKept(e.target.checked)}>{t.codeKept}</Checkbox>
          <Button type="primary" size="large" block disabled={!kept} onClick={onContinue}>{t.continue}</Button>
        </Space>
      </AuthCard>
      <RecoveryCodePrintSheet user={user} code={code} />
    </>
  );
}

/** Shown only when printing: a plain sheet to keep in a drawer. */
function RecoveryCodePrintSheet({ user, code }: { user: User; code: string }) {
  return (
    <div className="print-sheet" aria-hidden>
      <h1>{t.printHeading}</h1>
      <table>
        <tbody>
          <tr><th>{t.printAccount}</th><td>{user.username}</td></tr>
          <tr><th>{t.printUser}</th><td>{user.displayName}</td></tr>
          <tr><th>{t.printDate}</th><td>{todayDate()}</td></tr>
        </tbody>
      </table>
      <div className="print-code">{code}</div>
      <p>{t.printNote}</p>
    </div>
  );
}
