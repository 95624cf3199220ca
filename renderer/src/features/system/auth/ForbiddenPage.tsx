/** A screen the person may not see, reached by its address: what is missing, in words, and a way back. */
import { Button, Result } from 'antd';
import { forbiddenMessage, type Permission } from '../../../../../shared/domain/permissions';
import { navigate } from '../../../router';
import { zhCN } from '../../../i18n/zh-CN';

const t = zhCN.auth;

export function ForbiddenPage({ permission }: { permission: Permission }) {
  return (
    <div className="page" data-testid="forbidden-page">
      <Result
        status="403"
        title={t.forbiddenTitle}
        subTitle={<><div data-testid="forbidden-message">{forbiddenMessage(permission)}</div><div>{t.forbiddenHint}</div></>}
        extra={<Button onClick={() => navigate({ name: 'communities' })}>{t.forbiddenBack}</Button>}
      />
    </div>
  );
}
