/** The frame of the app: left navigation with the current community, a header with the user, the screen. */
import { useEffect, useState } from 'react';
import { Button, Dropdown, Layout, Menu, Select, Typography } from 'antd';
import { leaveTo, navigate, routeCommunityId, useRoute } from '../../router';
import { UnsavedChangesGuard } from '../../components/UnsavedChangesGuard';
import { confirmLeave } from '../../unsavedChanges';
import { zhCN } from '../../i18n/zh-CN';
import type { User } from '../system/auth/user';
import { WarningBanners } from '../system/start/StartGate';
import { CommunitiesProvider, rememberCommunity, rememberedCommunity, useCommunities } from '../register/communities/CommunitiesContext';
import { Screen } from './Screen';
import { menuRoute, SELECTED_MENU, visibleMenu } from './menu';
import { canWith, useGrants } from '../system/auth/permissions';
import { ChangePasswordModal } from '../system/accounts/ChangePasswordModal';
import { warmScreens } from '../../components/OnDemand';
import { ReviewsMenuLabel } from '../system/reviews/ReviewsMenuLabel';
import { lockNow, setLockMinutes } from '../system/auth/idle';

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
  const grants = useGrants();
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
  // The idle lock uses the current community's 锁屏分钟数 (the default until one is chosen).
  useEffect(() => setLockMinutes(current?.settings.lockMinutes), [current?.settings.lockMinutes]);
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
            // 待复核 (two-person control) first, for whoever may see reviews: what waits for them, with its count.
            ...(canWith(grants, 'votes.read', null) ? [{ key: 'reviews', label: <ReviewsMenuLabel /> }] : []),
            ...visibleMenu(grants, currentId).map((group) => ({
              type: 'group' as const,
              key: group.key,
              label: group.label,
              children: group.entries.map((entry) => ({ key: entry.key, label: entry.label, disabled: entry.route(currentId) === null })),
            })),
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
            <Button size="small" onClick={lockNow} data-testid="lock-now">{zhCN.auth.lockNow}</Button>
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
