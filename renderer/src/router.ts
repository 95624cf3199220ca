/**
 * A tiny hash router: the route lives in location.hash (#/c/<id>/roster …), so
 * reloading keeps the screen and no server routing is needed.
 */
import { useSyncExternalStore } from 'react';
import { confirmLeave, hasUnsavedChanges, isAsking } from './unsavedChanges';

export type Route =
  | { name: 'communities' }
  | { name: 'roster'; communityId: string }
  | { name: 'communitySettings'; communityId: string }
  | { name: 'electorate'; communityId: string }
  | { name: 'person'; communityId: string; personId: string }
  | { name: 'meetings'; communityId: string }
  | { name: 'meeting'; communityId: string; meetingId: string }
  | { name: 'actions'; communityId: string }
  | { name: 'matters'; communityId: string }
  /** `advance`: a step key whose 办理此步 opens at once (after printing its draft notice). */
  | { name: 'matter'; communityId: string; matterId: string; advance?: string }
  | { name: 'search'; communityId: string; text?: string }
  | { name: 'workflows' }
  | { name: 'votes'; communityId: string }
  | { name: 'vote'; communityId: string; voteId: string }
  /** `pass` and `code`: opened from the double-entry settlement at one subject (that pass, the code looked up). */
  | { name: 'ballotEntry'; communityId: string; voteId: string; pass?: 'first' | 'second'; code?: string }
  | { name: 'fund'; communityId: string }
  | { name: 'subLedger'; communityId: string; partId: string }
  /** The books; `entryId` opens that entry beside the table (so an entry can be linked to). */
  | { name: 'ledger'; communityId: string; entryId?: string }
  /** 期初建账: the fund's opening balances from xlsx, reconciled with the bank. */
  | { name: 'fundOpening'; communityId: string }
  /** 银行流水: a bank statement's rows classified, the rows in the books, and the 待查明款项 list. */
  | { name: 'bankStatement'; communityId: string }
  /** 银行对账: bank = fund + 待查明 + other liabilities of the account, each term with its list. */
  | { name: 'reconciliation'; communityId: string }
  | { name: 'repairs'; communityId: string }
  | { name: 'repair'; communityId: string; projectId: string }
  | { name: 'revenue'; communityId: string }
  | { name: 'budget'; communityId: string; year?: number }
  | { name: 'contracts'; communityId: string }
  | { name: 'contract'; communityId: string; contractId: string }
  /** Every community's contract deadlines, soonest first. */
  | { name: 'deadlines' }
  | { name: 'bodies'; communityId: string }
  /** Which communities have which bodies, party organisation and property management (the roll-up). */
  | { name: 'coverage' }
  | { name: 'issues'; communityId: string }
  | { name: 'issue'; communityId: string; issueId: string }
  | PrintRoute
  | { name: 'import' }
  | { name: 'backups' }
  | { name: 'holidays' }
  /** The audit log; `entity` and `entityId`: one record's history (a record's page links here). */
  | { name: 'audit'; entity?: string; entityId?: string }
  /** 待复核 (two-person control): what waits for the signed-in person, what they asked, a community's reviews. */
  | { name: 'reviews'; tab?: 'toConfirm' | 'requested' | 'community' }
  /** 账户管理 (管理员). */
  | { name: 'accounts' }
  /** 办公室服务器: 本机作为办公室服务器 (管理员). */
  | { name: 'officeServer' }
  /** The three levels (issue 18): this office and those it exchanges packages with, the 汇总, the street's inbox. */
  | { name: 'offices' }
  | { name: 'rollup' }
  | { name: 'inbox' };

/** Print views: shown without the app frame, so that the page prints cleanly. */
export type PrintRoute =
  | { name: 'printRoster'; communityId: string; buildingId?: string; entranceId?: string }
  | { name: 'printMeetingNotice'; communityId: string; meetingId: string }
  | { name: 'printSignIn'; communityId: string; meetingId: string }
  | { name: 'printMinutes'; communityId: string; minutesId: string }
  | { name: 'printResolution'; communityId: string; matterId: string }
  | { name: 'printResult'; communityId: string; matterId: string }
  | { name: 'printBallots'; communityId: string; voteId: string }
  | { name: 'printVoteResult'; communityId: string; voteId: string }
  /** Household statements for a period: one part (`partId`), one building (`buildingId`) or every part in one document. */
  | { name: 'printStatements'; communityId: string; from: string; to: string; partId?: string; buildingId?: string }
  | { name: 'printFundSummary'; communityId: string; from: string; to: string }
  /** 续筹通知: one page per part below the top-up trigger. */
  | { name: 'printTopUp'; communityId: string }
  /** 维修资金使用公示: before the works (estimate shares) or after (the charged shares). */
  | { name: 'printRepairNotice'; communityId: string; projectId: string; stage: 'before' | 'after' }
  /** 公共收益公示 for a period (a quarter). */
  | { name: 'printRevenue'; communityId: string; from: string; to: string }
  /** The 汇总 of the offices below, by 社区 or by type of 小区. */
  | { name: 'printRollup'; by: '社区' | '类型' }
  | { name: 'printBudget'; communityId: string; year: number }
  /** The contract's annual evaluation report (for the renewal vote). */
  | { name: 'printEvaluation'; communityId: string; contractId: string; year: number }
  /** The issue ledger of a period. */
  | { name: 'printIssues'; communityId: string; from: string; to: string }
  /** 一小区一档: the community's records for an inspection (issue 18). */
  | { name: 'printDossier'; communityId: string }
  /** 一小区一档 made at the street from a 社区 office's copy. */
  | { name: 'printDossierCopy'; officeName: string; communityId: string };

const PRINT_ROUTES: Record<string, PrintRoute['name']> = {
  'meeting-notice': 'printMeetingNotice', 'sign-in': 'printSignIn', minutes: 'printMinutes', resolution: 'printResolution', result: 'printResult',
  ballots: 'printBallots', 'vote-result': 'printVoteResult',
};

export function isPrintRoute(route: Route): route is PrintRoute {
  return route.name.startsWith('print');
}

export function parseHash(hash: string): Route {
  const [path = '', search = ''] = hash.replace(/^#\/?/, '').split('?', 2);
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const query = new URLSearchParams(search);
  const [a, b, c, d] = parts;
  if (a === 'c' && b) {
    if (c === 'electorate') return { name: 'electorate', communityId: b };
    if (c === 'settings') return { name: 'communitySettings', communityId: b };
    if (c === 'print' && d === 'roster') {
      return { name: 'printRoster', communityId: b, buildingId: query.get('b') ?? undefined, entranceId: query.get('e') ?? undefined };
    }
    const period = { from: query.get('from') ?? '', to: query.get('to') ?? '' };
    if (c === 'print' && d === 'statements') {
      return { name: 'printStatements', communityId: b, ...period, partId: query.get('part') ?? undefined, buildingId: query.get('b') ?? undefined };
    }
    if (c === 'print' && d === 'fund-summary') return { name: 'printFundSummary', communityId: b, ...period };
    if (c === 'print' && d === 'top-up') return { name: 'printTopUp', communityId: b };
    if (c === 'print' && d === 'revenue') return { name: 'printRevenue', communityId: b, ...period };
    if (c === 'print' && d === 'budget') return { name: 'printBudget', communityId: b, year: Number(query.get('year')) || new Date().getFullYear() };
    if (c === 'print' && d === 'issues') return { name: 'printIssues', communityId: b, ...period };
    if (c === 'print' && d === 'dossier') return { name: 'printDossier', communityId: b };
    if (c === 'print' && d === 'evaluation' && parts[4]) {
      return { name: 'printEvaluation', communityId: b, contractId: parts[4], year: Number(query.get('year')) || new Date().getFullYear() };
    }
    if (c === 'print' && d === 'repair-notice' && parts[4]) {
      return { name: 'printRepairNotice', communityId: b, projectId: parts[4], stage: query.get('stage') === 'after' ? 'after' : 'before' };
    }
    if (c === 'print' && d && parts[4]) {
      const id = parts[4];
      switch (PRINT_ROUTES[d]) {
        case 'printMeetingNotice': return { name: 'printMeetingNotice', communityId: b, meetingId: id };
        case 'printSignIn': return { name: 'printSignIn', communityId: b, meetingId: id };
        case 'printMinutes': return { name: 'printMinutes', communityId: b, minutesId: id };
        case 'printResolution': return { name: 'printResolution', communityId: b, matterId: id };
        case 'printResult': return { name: 'printResult', communityId: b, matterId: id };
        case 'printBallots': return { name: 'printBallots', communityId: b, voteId: id };
        case 'printVoteResult': return { name: 'printVoteResult', communityId: b, voteId: id };
        default: break;
      }
    }
    if (c === 'person' && d) return { name: 'person', communityId: b, personId: d };
    if (c === 'meetings') return { name: 'meetings', communityId: b };
    if (c === 'meeting' && d) return { name: 'meeting', communityId: b, meetingId: d };
    if (c === 'actions') return { name: 'actions', communityId: b };
    if (c === 'matters') return { name: 'matters', communityId: b };
    if (c === 'matter' && d) return { name: 'matter', communityId: b, matterId: d, advance: query.get('advance') ?? undefined };
    if (c === 'votes') return { name: 'votes', communityId: b };
    if (c === 'vote' && d && parts[4] === 'entry') {
      const pass = query.get('pass');
      return { name: 'ballotEntry', communityId: b, voteId: d, pass: pass === 'first' || pass === 'second' ? pass : undefined, code: query.get('code') ?? undefined };
    }
    if (c === 'vote' && d) return { name: 'vote', communityId: b, voteId: d };
    if (c === 'search') return { name: 'search', communityId: b, text: query.get('q') ?? undefined };
    if (c === 'fund' && d) return { name: 'subLedger', communityId: b, partId: d };
    if (c === 'fund') return { name: 'fund', communityId: b };
    if (c === 'ledger') return { name: 'ledger', communityId: b, entryId: d };
    if (c === 'fund-opening') return { name: 'fundOpening', communityId: b };
    if (c === 'bank-statement') return { name: 'bankStatement', communityId: b };
    if (c === 'reconciliation') return { name: 'reconciliation', communityId: b };
    if (c === 'repairs') return { name: 'repairs', communityId: b };
    if (c === 'repair' && d) return { name: 'repair', communityId: b, projectId: d };
    if (c === 'revenue') return { name: 'revenue', communityId: b };
    if (c === 'budget') return { name: 'budget', communityId: b, year: Number(d) || undefined };
    if (c === 'contracts') return { name: 'contracts', communityId: b };
    if (c === 'contract' && d) return { name: 'contract', communityId: b, contractId: d };
    if (c === 'bodies') return { name: 'bodies', communityId: b };
    if (c === 'issues') return { name: 'issues', communityId: b };
    if (c === 'issue' && d) return { name: 'issue', communityId: b, issueId: d };
    return { name: 'roster', communityId: b };
  }
  if (a === 'import') return { name: 'import' };
  if (a === 'backups') return { name: 'backups' };
  if (a === 'holidays') return { name: 'holidays' };
  if (a === 'workflows') return { name: 'workflows' };
  if (a === 'audit') return { name: 'audit', entity: query.get('entity') ?? undefined, entityId: query.get('id') ?? undefined };
  if (a === 'reviews') return { name: 'reviews', tab: b === 'requested' || b === 'community' ? b : undefined };
  if (a === 'accounts') return { name: 'accounts' };
  if (a === 'office-server') return { name: 'officeServer' };
  if (a === 'deadlines') return { name: 'deadlines' };
  if (a === 'coverage') return { name: 'coverage' };
  if (a === 'offices') return { name: 'offices' };
  if (a === 'rollup') return { name: 'rollup' };
  if (a === 'inbox') return { name: 'inbox' };
  if (a === 'print' && b === 'dossier') return { name: 'printDossierCopy', officeName: query.get('office') ?? '', communityId: query.get('c') ?? '' };
  if (a === 'print' && b === 'rollup') return { name: 'printRollup', by: query.get('by') === '类型' ? '类型' : '社区' };
  return { name: 'communities' };
}

export function routeHash(route: Route): string {
  const e = encodeURIComponent;
  switch (route.name) {
    case 'communities': return '#/communities';
    case 'roster': return `#/c/${e(route.communityId)}/roster`;
    case 'electorate': return `#/c/${e(route.communityId)}/electorate`;
    case 'communitySettings': return `#/c/${e(route.communityId)}/settings`;
    case 'person': return `#/c/${e(route.communityId)}/person/${e(route.personId)}`;
    case 'meetings': return `#/c/${e(route.communityId)}/meetings`;
    case 'meeting': return `#/c/${e(route.communityId)}/meeting/${e(route.meetingId)}`;
    case 'actions': return `#/c/${e(route.communityId)}/actions`;
    case 'matters': return `#/c/${e(route.communityId)}/matters`;
    case 'matter': return `#/c/${e(route.communityId)}/matter/${e(route.matterId)}${route.advance ? `?advance=${e(route.advance)}` : ''}`;
    case 'search': return `#/c/${e(route.communityId)}/search${route.text ? `?q=${e(route.text)}` : ''}`;
    case 'workflows': return '#/workflows';
    case 'votes': return `#/c/${e(route.communityId)}/votes`;
    case 'vote': return `#/c/${e(route.communityId)}/vote/${e(route.voteId)}`;
    case 'ballotEntry': {
      const query = new URLSearchParams();
      if (route.pass) query.set('pass', route.pass);
      if (route.code) query.set('code', route.code);
      return `#/c/${e(route.communityId)}/vote/${e(route.voteId)}/entry${query.toString() === '' ? '' : `?${query.toString()}`}`;
    }
    case 'fund': return `#/c/${e(route.communityId)}/fund`;
    case 'subLedger': return `#/c/${e(route.communityId)}/fund/${e(route.partId)}`;
    case 'ledger': return `#/c/${e(route.communityId)}/ledger${route.entryId ? `/${e(route.entryId)}` : ''}`;
    case 'fundOpening': return `#/c/${e(route.communityId)}/fund-opening`;
    case 'bankStatement': return `#/c/${e(route.communityId)}/bank-statement`;
    case 'reconciliation': return `#/c/${e(route.communityId)}/reconciliation`;
    case 'repairs': return `#/c/${e(route.communityId)}/repairs`;
    case 'repair': return `#/c/${e(route.communityId)}/repair/${e(route.projectId)}`;
    case 'revenue': return `#/c/${e(route.communityId)}/revenue`;
    case 'budget': return `#/c/${e(route.communityId)}/budget${route.year ? `/${route.year}` : ''}`;
    case 'contracts': return `#/c/${e(route.communityId)}/contracts`;
    case 'contract': return `#/c/${e(route.communityId)}/contract/${e(route.contractId)}`;
    case 'deadlines': return '#/deadlines';
    case 'bodies': return `#/c/${e(route.communityId)}/bodies`;
    case 'coverage': return '#/coverage';
    case 'offices': return '#/offices';
    case 'rollup': return '#/rollup';
    case 'inbox': return '#/inbox';
    case 'printRollup': return `#/print/rollup?by=${e(route.by)}`;
    case 'printDossierCopy': return `#/print/dossier?${new URLSearchParams({ office: route.officeName, c: route.communityId }).toString()}`;
    case 'issues': return `#/c/${e(route.communityId)}/issues`;
    case 'issue': return `#/c/${e(route.communityId)}/issue/${e(route.issueId)}`;
    case 'printEvaluation': return `#/c/${e(route.communityId)}/print/evaluation/${e(route.contractId)}?year=${route.year}`;
    case 'printIssues': return `#/c/${e(route.communityId)}/print/issues?${new URLSearchParams({ from: route.from, to: route.to }).toString()}`;
    case 'printDossier': return `#/c/${e(route.communityId)}/print/dossier`;
    case 'printStatements': {
      const query = new URLSearchParams({ from: route.from, to: route.to });
      if (route.partId) query.set('part', route.partId);
      else if (route.buildingId) query.set('b', route.buildingId);
      return `#/c/${e(route.communityId)}/print/statements?${query.toString()}`;
    }
    case 'printFundSummary': return `#/c/${e(route.communityId)}/print/fund-summary?${new URLSearchParams({ from: route.from, to: route.to }).toString()}`;
    case 'printTopUp': return `#/c/${e(route.communityId)}/print/top-up`;
    case 'printRepairNotice': return `#/c/${e(route.communityId)}/print/repair-notice/${e(route.projectId)}?stage=${route.stage}`;
    case 'printRevenue': return `#/c/${e(route.communityId)}/print/revenue?${new URLSearchParams({ from: route.from, to: route.to }).toString()}`;
    case 'printBudget': return `#/c/${e(route.communityId)}/print/budget?year=${route.year}`;
    case 'printBallots': return `#/c/${e(route.communityId)}/print/ballots/${e(route.voteId)}`;
    case 'printVoteResult': return `#/c/${e(route.communityId)}/print/vote-result/${e(route.voteId)}`;
    case 'printMeetingNotice': return `#/c/${e(route.communityId)}/print/meeting-notice/${e(route.meetingId)}`;
    case 'printSignIn': return `#/c/${e(route.communityId)}/print/sign-in/${e(route.meetingId)}`;
    case 'printMinutes': return `#/c/${e(route.communityId)}/print/minutes/${e(route.minutesId)}`;
    case 'printResolution': return `#/c/${e(route.communityId)}/print/resolution/${e(route.matterId)}`;
    case 'printResult': return `#/c/${e(route.communityId)}/print/result/${e(route.matterId)}`;
    case 'printRoster': {
      const query = new URLSearchParams();
      if (route.buildingId) query.set('b', route.buildingId);
      if (route.buildingId && route.entranceId) query.set('e', route.entranceId);
      const search = query.toString();
      return `#/c/${e(route.communityId)}/print/roster${search ? `?${search}` : ''}`;
    }
    case 'import': return '#/import';
    case 'backups': return '#/backups';
    case 'holidays': return '#/holidays';
    case 'audit': {
      const query = new URLSearchParams();
      if (route.entity) query.set('entity', route.entity);
      if (route.entity && route.entityId) query.set('id', route.entityId);
      return `#/audit${query.toString() === '' ? '' : `?${query.toString()}`}`;
    }
    case 'reviews': return route.tab ? `#/reviews/${route.tab}` : '#/reviews';
    case 'accounts': return '#/accounts';
    case 'officeServer': return '#/office-server';
  }
}

/**
 * Go to a route. With unsaved text on the screen (unsavedChanges.ts) the
 * person is asked first; when nothing is unsaved the address changes at once,
 * as before. Resolves whether the app went there (or was there already).
 */
export function leaveTo(route: Route): Promise<boolean> {
  const hash = routeHash(route);
  if (window.location.hash === hash) return Promise.resolve(true);
  if (!hasUnsavedChanges()) {
    window.location.hash = hash;
    // The route store follows at once rather than on the hashchange task: the screen being left unmounts before
    // the quiet re-reads a save schedules (api/queries.ts), so a save that moves on reads only the new page's data.
    accept(window.location.hash);
    return Promise.resolve(true);
  }
  return confirmLeave().then((ok) => {
    if (ok) {
      window.location.hash = hash;
      // The dirty screen is still mounted until the new route renders: this change was agreed to.
      agreedHash = window.location.hash;
    }
    return ok;
  });
}

export function navigate(route: Route): void {
  void leaveTo(route);
}

// ── the current route: one hashchange listener for the whole renderer ──

let currentHash = typeof window === 'undefined' ? '' : window.location.hash;
let currentRoute: Route = parseHash(currentHash);
/** A hash the person already agreed to leave for (navigate asked before changing it). */
let agreedHash: string | null = null;
const subscribers = new Set<() => void>();

function accept(hash: string): void {
  currentHash = hash;
  currentRoute = parseHash(hash);
  for (const notify of subscribers) notify();
}

/**
 * Back, forward, a link or a typed address changed the hash. With unsaved
 * text the page's own address is put back at once (a new history entry right
 * after the one the person went to) while the question is open; 离开 then
 * steps back onto that entry, 留在本页 leaves everything as it was.
 */
function onHashChange(): void {
  const hash = window.location.hash;
  if (hash === currentHash) return;
  if (hash !== agreedHash && hasUnsavedChanges()) {
    const url = new URL(window.location.href);
    url.hash = currentHash;
    window.history.pushState(window.history.state, '', url.href);
    if (isAsking()) return;
    void confirmLeave().then((ok) => {
      if (!ok) return;
      agreedHash = hash;
      window.history.back();
    });
    return;
  }
  agreedHash = null;
  accept(hash);
}

if (typeof window !== 'undefined') window.addEventListener('hashchange', onHashChange);

function subscribe(notify: () => void): () => void {
  subscribers.add(notify);
  // A hash set before the first screen subscribed (the address typed, a test) counts too.
  if (window.location.hash !== currentHash) accept(window.location.hash);
  return () => subscribers.delete(notify);
}

export function useRoute(): Route {
  return useSyncExternalStore(subscribe, () => currentRoute);
}

export function routeCommunityId(route: Route): string | null {
  return 'communityId' in route ? route.communityId : null;
}
