/**
 * 账户管理 (管理员): every account with its roles, communities and status; add, change roles and communities,
 * reset a password (the temporary one shown once), disable and enable. Accounts are never deleted: the audit
 * log names people by them.
 */
import { useMemo, useState } from 'react';
import { Alert, App as AntApp, Button, Popconfirm, Space, Tag } from 'antd';
import type { MethodOutput } from '../../../../../shared/contract/methods';
import { ROLE_NAMES } from '../../../../../shared/domain/permissions';
import { invoke } from '../../../api/client';
import { errorMessage } from '../../../api/errors';
import { useQuery } from '../../../api/queries';
import { DataGrid, type ColumnDef } from '../../../components/DataGrid';
import { PageHeader } from '../../../components/PageHeader';
import { formatDateTime } from '../../../format';
import { zhCN } from '../../../i18n/zh-CN';
import { useCommunities } from '../../register/communities/CommunitiesContext';
import { AccountFormModal } from './AccountFormModal';
import { TemporaryPasswordModal } from './TemporaryPasswordModal';

const t = zhCN.accounts;

type Account = MethodOutput<'user.list'>[number];

export function AccountsPage() {
  const accounts = useQuery('user.list', {});
  const { list: communities } = useCommunities();
  const { message } = AntApp.useApp();
  const [editing, setEditing] = useState<Account | null | 'new'>(null);
  const [temporary, setTemporary] = useState<{ name: string; password: string } | null>(null);

  const nameOf = useMemo(() => new Map((communities ?? []).map((c) => [c.id, c.name])), [communities]);

  const columns = useMemo<ColumnDef<Account>[]>(() => {
    const reset = async (a: Account) => {
      try {
        const out = await invoke('user.resetPassword', { id: a.id });
        setTemporary({ name: a.displayName, password: out.temporaryPassword });
      } catch (e) {
        message.error(errorMessage(e));
      }
    };
    const setActive = async (a: Account, active: boolean) => {
      try {
        await invoke(active ? 'user.enable' : 'user.disable', { id: a.id });
        message.success(active ? t.enabled(a.displayName) : t.disabledDone(a.displayName));
      } catch (e) {
        message.error(errorMessage(e));
      }
    };
    return [
      { id: 'username', header: t.username, size: 130, cell: ({ row }) => <span className="mono">{row.original.username}</span> },
      { id: 'displayName', header: t.displayName, size: 120, cell: ({ row }) => <span className="strong">{row.original.displayName}</span> },
      {
        id: 'roles', header: t.roles, size: 320, meta: { grow: true },
        cell: ({ row }) => (
          <Space size={[4, 4]} wrap>
            {row.original.grants.map((g) => (
              <Tag key={g.role} color={g.role === 'admin' ? 'red' : 'blue'}>
                {ROLE_NAMES[g.role]}：{g.communities === 'all' ? t.allCommunities : g.communities.map((c) => nameOf.get(c) ?? c).join('、')}
              </Tag>
            ))}
            {row.original.companyName && <Tag>{row.original.companyName}</Tag>}
          </Space>
        ),
      },
      {
        id: 'status', header: t.status, size: 190,
        cell: ({ row }) => (
          <Space size={4}>
            {row.original.active ? <Tag color="green">{t.active}</Tag> : <Tag color="volcano">{t.disabled}</Tag>}
            {row.original.active && row.original.mustChangePassword && <Tag color="orange">{t.mustChange}</Tag>}
          </Space>
        ),
      },
      { id: 'createdAt', header: t.created, size: 140, cell: ({ row }) => formatDateTime(row.original.createdAt) },
      {
        id: 'actions', header: '', size: 210, meta: { align: 'right' },
        cell: ({ row }) => {
          const a = row.original;
          return (
            <Space size={0} onClick={(e) => e.stopPropagation()}>
              <Button size="small" type="link" onClick={() => setEditing(a)} data-testid="account-edit">{t.edit}</Button>
              <Popconfirm title={t.resetConfirm(a.displayName)} onConfirm={() => reset(a)} okText={t.resetPassword} cancelText={zhCN.common.cancel}>
                <Button size="small" type="link" data-testid="account-reset">{t.resetPassword}</Button>
              </Popconfirm>
              {a.active
                ? (
                  <Popconfirm title={t.disableConfirm(a.displayName)} onConfirm={() => setActive(a, false)} okText={t.disable} okButtonProps={{ danger: true }} cancelText={zhCN.common.cancel}>
                    <Button size="small" type="link" danger data-testid="account-disable">{t.disable}</Button>
                  </Popconfirm>
                )
                : <Button size="small" type="link" onClick={() => setActive(a, true)} data-testid="account-enable">{t.enable}</Button>}
            </Space>
          );
        },
      },
    ];
  }, [nameOf, message]);

  return (
    <div className="page">
      <PageHeader title={t.title} sub={t.sub} extra={<Button type="primary" onClick={() => setEditing('new')} data-testid="account-add">{t.add}</Button>} />
      {accounts.error !== null && <Alert type="error" showIcon title={errorMessage(accounts.error)} />}
      <div className="page-fill">
        <DataGrid
          testId="account-grid"
          columns={columns}
          source={{ kind: 'local', rows: accounts.data ?? [] }}
          getRowId={(a) => a.id}
          rowAttributes={(a) => ({ 'data-testid': `account-${a.username}`, 'data-active': a.active ? 'yes' : 'no' })}
          emptyText={t.empty}
          ariaLabel={t.title}
          wrapText
        />
      </div>
      <AccountFormModal
        open={editing !== null}
        account={editing === 'new' ? null : editing}
        onClose={() => setEditing(null)}
        onCreated={(made, name) => {
          setEditing(null);
          setTemporary({ name, password: made.temporaryPassword });
        }}
      />
      <TemporaryPasswordModal shown={temporary} onClose={() => setTemporary(null)} />
    </div>
  );
}
