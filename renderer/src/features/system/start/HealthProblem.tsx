import { Alert, Button, Descriptions, Typography } from 'antd';
import type { z } from 'zod';
import type { health as healthSchema } from '../../../../../shared/contract/system';
import { FullPage } from '../../../components/FullPageMessage';
import { zhCN } from '../../../i18n/zh-CN';
import { ServerChoice } from '../workstation/ServerChoice';

type Health = z.output<typeof healthSchema>;

/** The database cannot be used: what is wrong, where the file is, which backup to restore. */
export function HealthProblem({ health, onRetry }: { health: Health; onRetry: () => void }) {
  const t = zhCN.health;
  return (
    <FullPage wide>
      <div className="health-problem" data-testid="health-problem">
        <Typography.Title level={3} className="health-title">{t.brokenTitle}</Typography.Title>
        {health.advice && (
          <Alert type="error" showIcon title={t.whatToDo} description={<div className="pre-line">{health.advice}</div>} />
        )}
        {(health.dbPath || health.suggestedBackup || health.problems.length > 0) && <Descriptions column={1} bordered size="small" className="health-details">
          {health.dbPath && <Descriptions.Item label={t.dbPath}><Typography.Text copyable>{health.dbPath}</Typography.Text></Descriptions.Item>}
          {health.suggestedBackup && (
            <Descriptions.Item label={t.suggestedBackup}>
              <Typography.Text copyable>{health.suggestedBackup}</Typography.Text>
            </Descriptions.Item>
          )}
          {health.problems.length > 0 && (
            <Descriptions.Item label={t.problems}>
              <ul className="plain-list">{health.problems.map((p) => <li key={p}>{p}</li>)}</ul>
            </Descriptions.Item>
          )}
        </Descriptions>}
        <Button onClick={onRetry}>{zhCN.common.retry}</Button>
        {/* This PC's data unusable: the office server's may be; the office server's unusable: back to this PC's. */}
        <ServerChoice compact />
      </div>
    </FullPage>
  );
}
