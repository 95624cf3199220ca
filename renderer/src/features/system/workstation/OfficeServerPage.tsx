/**
 * 办公室服务器 (管理员): 本机作为办公室服务器 — this PC's database served to the office's other PCs while the app is
 * open (main/transport/workstation.ts; main checks the permission and writes the audit row). While on, each address
 * and the pairing code in large type, to be read off this screen and typed at the other PCs.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { Alert, App as AntApp, Card, Form, Input, Switch, Typography } from 'antd';
import { DEFAULT_LISTEN, hostInput } from '../../../../../shared/contract/workstation';
import { invoke } from '../../../api/client';
import { errorMessage } from '../../../api/errors';
import { FormError } from '../../../components/FormError';
import { PageHeader } from '../../../components/PageHeader';
import { useFormSubmit } from '../../../components/useFormSubmit';
import { zhCN } from '../../../i18n/zh-CN';
import { useWorkstation } from './workstation';

const t = zhCN.workstation;

export function OfficeServerPage() {
  const { status, update } = useWorkstation();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm();
  const { busy, errors, setErrors, submit } = useFormSubmit(form);
  const [stopping, setStopping] = useState(false);
  const hosting = status?.hosting ?? null;

  useEffect(() => {
    form.setFieldsValue({ listen: hosting?.listen ?? status?.hostingProblem?.listen ?? DEFAULT_LISTEN });
  }, [form, hosting?.listen, status?.hostingProblem?.listen]);

  if (!status) return <Page><Alert type="info" showIcon title={t.unavailable} /></Page>;
  if (status.mode === 'office') return <Page><Alert type="info" showIcon title={t.connectedHere(status.server ?? '')} /></Page>;

  const toggle = (on: boolean) => {
    if (on) {
      void submit(hostInput, form.getFieldsValue(true), async (input) => {
        update(await invoke('workstation.host', input));
        message.success(t.started);
      });
    } else {
      setErrors([]);
      setStopping(true);
      invoke('workstation.stopHosting', {})
        .then((next) => {
          update(next);
          message.success(t.stopped);
        }, (e: unknown) => setErrors([errorMessage(e)]))
        .finally(() => setStopping(false));
    }
  };

  return (
    <Page>
      {status.hostingProblem && !hosting && (
        <Alert type="warning" showIcon className="block-gap" data-testid="hosting-problem" title={t.problem(status.hostingProblem.listen, status.hostingProblem.message)} />
      )}
      <Card>
        <Form form={form} layout="vertical" onFinish={() => toggle(true)} data-testid="hosting-form" initialValues={{ listen: DEFAULT_LISTEN }}>
          <Form.Item label={t.hostSwitch}>
            <Switch checked={hosting !== null} loading={busy || stopping} onChange={toggle} data-testid="hosting-switch" aria-label={t.hostSwitch} />
            <Typography.Text className="hosting-state" type={hosting ? 'success' : 'secondary'}>{hosting ? t.hostingOn : t.hostingOff}</Typography.Text>
          </Form.Item>
          <Form.Item name="listen" label={t.listen} extra={t.listenHint}>
            <Input className="mono" style={{ maxWidth: 280 }} disabled={hosting !== null} spellCheck={false} />
          </Form.Item>
          <FormError messages={errors} />
        </Form>
      </Card>
      {hosting && (
        <Card className="block-gap" data-testid="hosting-details">
          <Typography.Text type="secondary" className="hosting-label">{t.addresses}</Typography.Text>
          {hosting.addresses.map((a) => <div key={a} className="hosting-big" data-testid="hosting-address">{a}</div>)}
          <Typography.Text type="secondary" className="hosting-label">{t.code}</Typography.Text>
          <div className="hosting-big" data-testid="hosting-code">{hosting.pairingCode}</div>
          <Typography.Paragraph className="block-gap">{t.tellOthers}</Typography.Paragraph>
          <Typography.Paragraph type="secondary">{t.keepOpen}</Typography.Paragraph>
        </Card>
      )}
    </Page>
  );
}

function Page({ children }: { children: ReactNode }) {
  return (
    <div className="page">
      <PageHeader title={t.title} sub={t.sub} />
      {children}
    </div>
  );
}
