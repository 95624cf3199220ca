/** A temporary password, shown once to the administrator who hands it over, with a copy button. */
import { App as AntApp, Button, Modal, Typography } from 'antd';
import { zhCN } from '../../../i18n/zh-CN';

const t = zhCN.accounts;

export function TemporaryPasswordModal({ shown, onClose }: { shown: { name: string; password: string } | null; onClose: () => void }) {
  const { message } = AntApp.useApp();
  const copy = () => {
    if (!shown) return;
    navigator.clipboard.writeText(shown.password).then(() => message.success(t.copied), () => undefined);
  };
  return (
    <Modal
      open={shown !== null} title={t.temporaryTitle} onCancel={onClose} maskClosable={false} destroyOnHidden
      footer={<Button type="primary" onClick={onClose} data-testid="temporary-done">{t.temporaryDone}</Button>}
    >
      {shown && (
        <>
          <Typography.Paragraph>{t.temporaryIntro(shown.name)}</Typography.Paragraph>
          <div className="temporary-password">
            <span className="mono" data-testid="temporary-password">{shown.password}</span>
            <Button onClick={copy} data-testid="temporary-copy">{t.copy}</Button>
          </div>
        </>
      )}
    </Modal>
  );
}
