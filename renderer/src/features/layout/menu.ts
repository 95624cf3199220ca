/**
 * The navigation's entries as data: each entry's screen (so its permission is the screen's, permissions.ts), and
 * which of them this person sees. An entry the person may not use is not shown at all, and a group left empty
 * goes with it; an entry that needs a community stays visible but disabled until one is chosen.
 */
import type { Grant } from '../../../../shared/domain/permissions';
import type { Route } from '../../router';
import { zhCN } from '../../i18n/zh-CN';
import { canWith, routePermission } from '../system/auth/permissions';

const t = zhCN.nav;

export interface MenuEntry {
  key: string;
  label: string;
  /** The entry's screen on this community (null: it needs one and none is chosen). */
  route: (communityId: string | null) => Route | null;
}
export interface MenuGroup {
  key: string;
  label: string;
  entries: MenuEntry[];
}

type CommunityRouteName = Extract<Route, { communityId: string }>['name'];
type OfficeRouteName = Exclude<Route, { communityId: string }>['name'];

/** An entry on the current community's screen of that name. */
function onCommunity(key: CommunityRouteName, label: string): MenuEntry {
  return { key, label, route: (communityId) => (communityId ? ({ name: key, communityId } as Route) : null) };
}
function office(key: OfficeRouteName, label: string): MenuEntry {
  return { key, label, route: () => ({ name: key } as Route) };
}

export const MENU: MenuGroup[] = [
  {
    key: 'register', label: t.groupRegister, entries: [
      office('communities', t.communities),
      onCommunity('roster', t.roster),
      onCommunity('electorate', t.electorate),
      onCommunity('communitySettings', zhCN.communitySettings.nav),
      office('import', t.import),
    ],
  },
  {
    key: 'governance', label: t.groupGovernance, entries: [
      onCommunity('meetings', t.meetings),
      onCommunity('actions', t.actions),
      onCommunity('matters', t.matters),
      onCommunity('votes', t.votes),
      onCommunity('search', t.search),
      office('workflows', t.workflows),
    ],
  },
  {
    key: 'money', label: t.groupMoney, entries: [
      onCommunity('fund', zhCN.fund.nav),
      onCommunity('ledger', zhCN.ledger.nav),
      onCommunity('reconciliation', zhCN.reconciliation.nav),
      onCommunity('repairs', zhCN.repairs.nav),
      onCommunity('revenue', zhCN.revenue.nav),
      onCommunity('budget', zhCN.revenue.budgetNav),
    ],
  },
  {
    key: 'office', label: t.groupOffice, entries: [
      onCommunity('contracts', zhCN.contracts.nav),
      onCommunity('bodies', zhCN.bodies.nav),
      onCommunity('issues', zhCN.issues.nav),
      office('deadlines', zhCN.contracts.deadlinesNav),
      office('coverage', zhCN.bodies.coverageNav),
    ],
  },
  {
    key: 'levels', label: zhCN.levels.navGroup, entries: [
      office('rollup', zhCN.levels.navRollup),
      office('inbox', zhCN.levels.navInbox),
      office('offices', zhCN.levels.navOffices),
    ],
  },
  {
    key: 'system', label: t.groupSystem, entries: [
      office('backups', t.backups),
      office('holidays', t.holidays),
      office('audit', t.audit),
      office('accounts', zhCN.accounts.nav),
      office('officeServer', zhCN.workstation.nav),
    ],
  },
];

/** The route an entry stands for, to find its permission: a placeholder community when none is chosen. */
function sampleRoute(entry: MenuEntry, communityId: string | null): Route {
  return entry.route(communityId ?? '') ?? { name: 'communities' };
}

/**
 * The groups and entries this person sees on this community (null: none chosen — then an entry shows when any of
 * their communities allows it). Office-wide screens are asked about "some community" too: a 财务 of one 小区 sees
 * the contracts' deadlines of the communities they cover.
 */
export function visibleMenu(grants: readonly Grant[], communityId: string | null): MenuGroup[] {
  return MENU.map((group) => ({
    ...group,
    entries: group.entries.filter((entry) => {
      const needed = routePermission(sampleRoute(entry, communityId));
      if (needed === null) return true;
      const onCommunity = entry.route(null) === null;
      return canWith(grants, needed, onCommunity ? communityId : null);
    }),
  })).filter((group) => group.entries.length > 0);
}

/** The entry's key for a route: pages reached from a list keep the list's entry selected. */
export const SELECTED_MENU: Partial<Record<Route['name'], string>> = {
  person: 'roster', meeting: 'meetings', matter: 'matters', vote: 'votes', ballotEntry: 'votes', subLedger: 'fund',
  fundOpening: 'fund', bankStatement: 'fund', repair: 'repairs', contract: 'contracts', issue: 'issues',
};

export function menuRoute(key: string, communityId: string | null): Route | null {
  // 待复核 stands above the groups (AppShell), with its count.
  if (key === 'reviews') return { name: 'reviews' };
  for (const group of MENU) for (const entry of group.entries) if (entry.key === key) return entry.route(communityId);
  return null;
}
