import { Button, Typography } from 'antd';
import { navigate } from '../../../router';
import { zhCN } from '../../../i18n/zh-CN';
import type { PartDetail } from './PartForm';
import { useCan } from '../../system/auth/permissions';

const t = zhCN.part;

/** The current owners of a part, masked as everywhere but the person's own page. */
export function PartOwners({ part, onSetOwners }: { part: PartDetail; onSetOwners: () => void }) {
  const can = useCan();
  return (
    <section className="drawer-section">
      <div className="section-title">
        <span>{t.currentOwners}</span>
        {can('register.write') && <Button size="small" onClick={onSetOwners} data-testid="set-owners">{t.setOwners}</Button>}
      </div>
      {part.owners.length === 0 ? (
        <Typography.Text type="secondary">{part.deliveryStatus === '已交付' ? t.noOwners : zhCN.roster.developerHeld}</Typography.Text>
      ) : (
        <table className="plain-table" data-testid="part-owners">
          <tbody>
            {part.owners.map((o) => (
              <tr key={o.personId}>
                <td>
                  <a onClick={() => navigate({ name: 'person', communityId: part.communityId, personId: o.personId })}>{o.name}</a>
                </td>
                <td className="mono">{o.document}</td>
                <td className="mono">{o.phone}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
