/**
 * What the signed-in person may do, read from the one permission table (shared/domain/permissions.ts) that main
 * enforces: the screens only hide what main would refuse anyway, so a hidden button is a courtesy, not the guard.
 *
 * - `useCan()` gives `can(permission, communityId?)`; without a community it asks about the current route's
 *   community, and on an office-wide route "on some community" (a menu entry shown when any covered one allows it);
 * - `routePermission(route)` is what a screen needs to be seen: a direct address to a screen the person may not
 *   see shows 无权限 naming what is missing (Screen.tsx, App.tsx), never an error.
 */
import { createContext, createElement, useCallback, useContext, type ReactNode } from 'react';
import { may, type Grant, type Permission } from '../../../../../shared/domain/permissions';
import { routeCommunityId, useRoute, type Route } from '../../../router';

export type Can = (permission: Permission, communityId?: string | null) => boolean;

/** The pure check behind useCan: the grants, the permission, the community (null: on any covered community). */
export function canWith(grants: readonly Grant[], permission: Permission, communityId: string | null): boolean {
  return may(grants, permission, communityId);
}

/**
 * The permission that lets a person see each screen (reading, not changing: the buttons that change check their
 * own). The summaries owners are shown (fund balance, repairs' and revenue notices, budget) need only
 * books.summary; the books' entries books.read.
 */
const ROUTE_PERMISSION: Record<Route['name'], Permission | null> = {
  communities: null,
  roster: 'register.read', electorate: 'register.read', person: 'register.read', printRoster: 'register.read',
  printDossier: 'register.read',
  communitySettings: 'community.settings',
  import: 'register.write',
  meetings: 'meetings.read', meeting: 'meetings.read', actions: 'meetings.read', matters: 'meetings.read', matter: 'meetings.read',
  search: 'meetings.read', workflows: 'meetings.read',
  printMeetingNotice: 'meetings.read', printSignIn: 'meetings.read', printMinutes: 'meetings.read',
  printResolution: 'meetings.read', printResult: 'meetings.read',
  votes: 'votes.read', vote: 'votes.read', printBallots: 'votes.read', printVoteResult: 'votes.read',
  ballotEntry: 'votes.write',
  fund: 'books.summary', repairs: 'books.summary', repair: 'books.summary', revenue: 'books.summary', budget: 'books.summary',
  printFundSummary: 'books.summary', printRepairNotice: 'books.summary', printRevenue: 'books.summary', printBudget: 'books.summary',
  subLedger: 'books.read', ledger: 'books.read', bankStatement: 'books.read', reconciliation: 'books.read',
  printStatements: 'books.read', printTopUp: 'books.read',
  fundOpening: 'books.write',
  contracts: 'contracts.read', contract: 'contracts.read', deadlines: 'contracts.read', printEvaluation: 'contracts.read',
  bodies: 'bodies.read', coverage: 'bodies.read',
  issues: 'issues.read', issue: 'issues.read', printIssues: 'issues.read',
  backups: 'office.backup',
  holidays: 'office.settings',
  audit: 'office.audit',
  accounts: 'office.accounts',
  officeServer: 'office.settings',
  // Reviews of votes and of the books alike; the list shows each person what their permissions reach (main).
  reviews: 'votes.read',
  // The three levels: the targets and the issues escalated here are read as the level above supervises, 组织建设's
  // reading (like 覆盖情况) — never by a property company's liaison; answering checks issues.write on its button.
  offices: 'bodies.read', rollup: 'bodies.read', printRollup: 'bodies.read', printDossierCopy: 'bodies.read',
  inbox: 'bodies.read',
};

export function routePermission(route: Route): Permission | null {
  return ROUTE_PERMISSION[route.name];
}

/** The permission this person lacks to see the route, or null when they may see it. */
export function missingForRoute(grants: readonly Grant[], route: Route): Permission | null {
  const needed = routePermission(route);
  return needed === null || canWith(grants, needed, routeCommunityId(route)) ? null : needed;
}

const GrantsContext = createContext<readonly Grant[]>([]);

/** Set once around the signed-in app (App.tsx) from the user main reported. */
export function GrantsProvider({ grants, children }: { grants: readonly Grant[]; children: ReactNode }) {
  return createElement(GrantsContext.Provider, { value: grants }, children);
}

export function useGrants(): readonly Grant[] {
  return useContext(GrantsContext);
}

/** `can(permission, communityId?)`: one line in a screen, `{can('meetings.write') && <Button …/>}`. */
export function useCan(): Can {
  const grants = useGrants();
  const routeCommunity = routeCommunityId(useRoute());
  return useCallback<Can>(
    (permission, communityId) => canWith(grants, permission, communityId === undefined ? routeCommunity : communityId),
    [grants, routeCommunity],
  );
}
