/** 操作记录 on a record's page: the audit log filtered to that record (shown to those who may read the log). */
import { Button } from 'antd';
import { navigate } from '../../../router';
import { zhCN } from '../../../i18n/zh-CN';
import { useCan } from '../auth/permissions';

/** `entity`: the record's kind as the audit log names it (meeting, vote, issue, service_contract …). */
export function HistoryLink({ entity, id }: { entity: string; id: string }) {
  const can = useCan();
  if (!can('office.audit', null)) return null;
  return (
    <Button onClick={() => navigate({ name: 'audit', entity, entityId: id })} title={zhCN.audit.historyHint} data-testid="history-link">
      {zhCN.audit.history}
    </Button>
  );
}
