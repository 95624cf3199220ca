/** The frame of the app: left navigation with the current community, a header with the user, the screen. */
import { useEffect, useState } from 'react';
import { Button, Dropdown, Layout, Menu, Select, Typography } from 'antd';
import { may } from '../../../../shared/domain/permissions';
import { leaveTo, navigate, routeCommunityId, useRoute, type Route } from '../../router';
import { UnsavedChangesGuard } from '../../components/UnsavedChangesGuard';
import { confirmLeave } from '../../unsavedChanges';
import { zhCN } from '../../i18n/zh-CN';
import type { User } from '../system/auth/user';
import { WarningBanners } from '../system/start/StartGate';
import { ChangePasswordModal } from '../system/accounts/ChangePasswordModal';
import { CommunitiesProvider, rememberCommunity, rememberedCommunity, useCommunities } from '../register/communities/CommunitiesContext';
import { Screen } from './Screen';
import { warmScreens } from '../../components/OnDemand';
import { ReviewsMenuLabel } from '../system/reviews/ReviewsMenuLabel';

const t = zhCN.nav;

interface Props {
  user: User;
  onLogout: () => void;
  warnings: string[];
}

export function AppShell(props: Props) {
  return (
    <CommunitiesProvider>
      <Shell {...props} />
    </CommunitiesProvider>
  );
}

function Shell({ user, onLogout, warnings }: Props) {
  const route = useRoute();
  const { list } = useCommunities();
  const fromRoute = routeCommunityId(route);
  const remembered = rememberedCommunity();
  const currentId =
    fromRoute ??
    (list?.some((c) => c.id === remembered) ? remembered : null) ??
    list?.[0]?.id ??
    null;
  const current = list?.find((c) => c.id === currentId) ?? null;

  useEffect(() => {
    if (fromRoute) rememberCommunity(fromRoute);
  }, [fromRoute]);
  // The other screens' code, fetched while the first is read (components/OnDemand.tsx).
  useEffect(() => warmScreens(), []);

  const [changingPassword, setChangingPassword] = useState(false);
  const selectedKey = SELECTED_MENU[route.name] ?? route.name;
  const go = (key: string) => {
    const target = menuRoute(key, currentId);
    if (target) navigate(target);
  };

  return (
    <Layout className="app-shell">
      <UnsavedChangesGuard />
      <Layout.Sider width={216} className="app-sider">
        <div className="app-brand">
          <div className="app-brand-title">{zhCN.app.title}</div>
          <div className="app-brand-sub">{zhCN.app.subtitle}</div>
        </div>
        <div className="app-current-community">
          <div className="app-current-label">{t.currentCommunity}</div>
          <Select
            className="app-community-select"
            data-testid="community-switcher"
            value={current?.id}
            placeholder={t.chooseCommunity}
            showSearch={{ optionFilterProp: 'label' }}
            options={(list ?? []).map((c) => ({ value: c.id, label: c.name }))}
            onChange={(id: string) => {
              // Remembered only once the screen may change: 留在本页 keeps the community too.
              void leaveTo(menuRoute(SELECTED_MENU[route.name] ?? route.name, id) ?? { name: 'roster', communityId: id }).then((went) => {
                if (went) rememberCommunity(id);
              });
            }}
            notFoundContent={t.noCommunity}
          />
        </div>
        <Menu
          mode="inline"
          className="app-menu"
          selectedKeys={[selectedKey]}
          onClick={({ key }) => go(key)}
          items={[
            // 待复核 (two-person control) first: what waits for this person, with its count.
            { key: 'reviews', label: <ReviewsMenuLabel /> },
            {
              type: 'group', label: t.groupRegister, children: [
                { key: 'communities', label: t.communities },
                { key: 'roster', label: t.roster, disabled: currentId === null },
                { key: 'electorate', label: t.electorate, disabled: currentId === null },
                { key: 'communitySettings', label: zhCN.communitySettings.nav, disabled: currentId === null },
                { key: 'import', label: t.import },
              ],
            },
            {
              type: 'group', label: t.groupGovernance, children: [
                { key: 'meetings', label: t.meetings, disabled: currentId === null },
                { key: 'actions', label: t.actions, disabled: currentId === null },
                { key: 'matters', label: t.matters, disabled: currentId === null },
                { key: 'votes', label: t.votes, disabled: currentId === null },
                { key: 'search', label: t.search, disabled: currentId === null },
                { key: 'workflows', label: t.workflows },
              ],
            },
            {
              type: 'group', label: t.groupMoney, children: [
                { key: 'fund', label: zhCN.fund.nav, disabled: currentId === null },
                { key: 'ledger', label: zhCN.ledger.nav, disabled: currentId === null },
                { key: 'reconciliation', label: zhCN.reconciliation.nav, disabled: currentId === null },
                { key: 'repairs', label: zhCN.repairs.nav, disabled: currentId === null },
                { key: 'revenue', label: zhCN.revenue.nav, disabled: currentId === null },
                { key: 'budget', label: zhCN.revenue.budgetNav, disabled: currentId === null },
              ],
            },
            {
              type: 'group', label: t.groupOffice, children: [
                { key: 'contracts', label: zhCN.contracts.nav, disabled: currentId === null },
                { key: 'bodies', label: zhCN.bodies.nav, disabled: currentId === null },
                { key: 'issues', label: zhCN.issues.nav, disabled: currentId === null },
                { key: 'deadlines', label: zhCN.contracts.deadlinesNav },
                { key: 'coverage', label: zhCN.bodies.coverageNav },
              ],
            },
            {
              type: 'group', label: t.groupSystem, children: [
                { key: 'backups', label: t.backups },
                { key: 'holidays', label: t.holidays },
                { key: 'audit', label: t.audit },
                // Only for who may manage accounts (the same table main enforces).
                ...(may(user.grants, 'office.accounts', null) ? [{ key: 'accounts', label: zhCN.accounts.nav }] : []),
              ],
            },
          ]}
        />
      </Layout.Sider>
      <Layout className="app-main">
        <Layout.Header className="app-header">
          <Typography.Text strong className="app-header-title">{current?.name ?? ''}</Typography.Text>
          <div className="app-header-user">
            <Dropdown
              trigger={['click']}
              menu={{ items: [{ key: 'password', label: zhCN.accounts.changePassword }], onClick: () => setChangingPassword(true) }}
            >
              <Button size="small" type="text" data-testid="user-menu" aria-label={zhCN.accounts.userMenu}>
                <span data-testid="current-user">{user.displayName}</span> ▾
              </Button>
            </Dropdown>
            <Button size="small" onClick={() => void confirmLeave().then((ok) => ok && onLogout())}>{zhCN.auth.logout}</Button>
          </div>
        </Layout.Header>
        <WarningBanners warnings={warnings} />
        <Layout.Content className="app-content">
          <Screen route={route} />
        </Layout.Content>
        <ChangePasswordModal open={changingPassword} onClose={() => setChangingPassword(false)} />
      </Layout>
    </Layout>
  );
}

/** Pages reached from a list keep the list's menu entry selected. */
const SELECTED_MENU: Partial<Record<Route['name'], string>> = {
  person: 'roster', meeting: 'meetings', matter: 'matters', vote: 'votes', ballotEntry: 'votes', subLedger: 'fund',
  fundOpening: 'fund', bankStatement: 'fund', repair: 'repairs', contract: 'contracts', issue: 'issues',
};

function menuRoute(key: string, communityId: string | null): Route | null {
  switch (key) {
    case 'communities': return { name: 'communities' };
    case 'roster': return communityId ? { name: 'roster', communityId } : null;
    case 'electorate': return communityId ? { name: 'electorate', communityId } : null;
    case 'communitySettings': return communityId ? { name: 'communitySettings', communityId } : null;
    case 'meetings': return communityId ? { name: 'meetings', communityId } : null;
    case 'actions': return communityId ? { name: 'actions', communityId } : null;
    case 'matters': return communityId ? { name: 'matters', communityId } : null;
    case 'votes': return communityId ? { name: 'votes', communityId } : null;
    case 'search': return communityId ? { name: 'search', communityId } : null;
    case 'fund': return communityId ? { name: 'fund', communityId } : null;
    case 'ledger': return communityId ? { name: 'ledger', communityId } : null;
    case 'reconciliation': return communityId ? { name: 'reconciliation', communityId } : null;
    case 'repairs': return communityId ? { name: 'repairs', communityId } : null;
    case 'revenue': return communityId ? { name: 'revenue', communityId } : null;
    case 'budget': return communityId ? { name: 'budget', communityId } : null;
    case 'contracts': return communityId ? { name: 'contracts', communityId } : null;
    case 'bodies': return communityId ? { name: 'bodies', communityId } : null;
    case 'issues': return communityId ? { name: 'issues', communityId } : null;
    case 'deadlines': return { name: 'deadlines' };
    case 'coverage': return { name: 'coverage' };
    case 'workflows': return { name: 'workflows' };
    case 'import': return { name: 'import' };
    case 'backups': return { name: 'backups' };
    case 'holidays': return { name: 'holidays' };
    case 'audit': return { name: 'audit' };
    case 'reviews': return { name: 'reviews' };
    case 'accounts': return { name: 'accounts' };
    default: return null;
  }
}
