// The renderer reads the one permission table (shared/domain/permissions.ts): which menu entries a person sees,
// and which screens show 无权限 instead, from fabricated grants (accounts of other roles come with issue 16's
// accounts track).
import { describe, expect, it } from 'vitest';
import type { Grant } from '../../shared/domain/permissions';
import { canWith, missingForRoute } from '../../renderer/src/features/system/auth/permissions';
import { visibleMenu } from '../../renderer/src/features/layout/menu';

const C1 = 'c-1';
const C2 = 'c-2';
const admin: Grant[] = [{ role: 'admin', communities: 'all' }];
const treasurer: Grant[] = [{ role: 'treasurer', communities: [C1] }];
const secretary: Grant[] = [{ role: 'secretary', communities: [C1] }];
const liaison: Grant[] = [{ role: 'liaison', communities: [C1] }];
const reader: Grant[] = [{ role: 'reader', communities: [C1] }];

const keys = (grants: Grant[], communityId: string | null) => visibleMenu(grants, communityId).flatMap((g) => g.entries.map((e) => e.key));

describe('can', () => {
  it('follows the table on the community the grant covers, and nowhere else', () => {
    expect(canWith(treasurer, 'books.write', C1)).toBe(true);
    expect(canWith(treasurer, 'books.write', C2)).toBe(false);
    expect(canWith(treasurer, 'votes.write', C1)).toBe(false);
    expect(canWith(secretary, 'votes.write', C1)).toBe(true);
    expect(canWith(secretary, 'books.read', C1)).toBe(false);
    expect(canWith(secretary, 'books.summary', C1)).toBe(true);
    expect(canWith(reader, 'personal.full', C1)).toBe(false);
    expect(canWith(admin, 'office.accounts', null)).toBe(true);
    // Office-wide actions need a grant over all communities.
    expect(canWith(treasurer, 'office.audit', null)).toBe(false);
    // Without a community: on any community the grants cover.
    expect(canWith(treasurer, 'books.write', null)).toBe(true);
  });
});

describe('the menu', () => {
  it('shows an administrator everything', () => {
    expect(keys(admin, C1)).toEqual([
      'communities', 'roster', 'electorate', 'communitySettings', 'import',
      'meetings', 'actions', 'matters', 'votes', 'search', 'workflows',
      'fund', 'ledger', 'reconciliation', 'repairs', 'revenue', 'budget',
      'contracts', 'bodies', 'issues', 'deadlines', 'coverage',
      'rollup', 'inbox', 'offices',
      'backups', 'holidays', 'audit', 'accounts', 'officeServer',
    ]);
  });

  it('shows a 财务 the books, and neither the settings, the import nor the system', () => {
    const menu = keys(treasurer, C1);
    expect(menu).toEqual(expect.arrayContaining(['fund', 'ledger', 'reconciliation', 'repairs', 'revenue', 'budget', 'votes', 'roster']));
    for (const hidden of ['communitySettings', 'import', 'backups', 'holidays', 'audit']) expect(menu).not.toContain(hidden);
    // Not the ballot entry: the vote's page is readable, its entry screen says 无权限.
    expect(missingForRoute(treasurer, { name: 'ballotEntry', communityId: C1, voteId: 'v' })).toBe('votes.write');
    expect(missingForRoute(treasurer, { name: 'vote', communityId: C1, voteId: 'v' })).toBeNull();
  });

  it('shows a 业委会秘书 the fund summary but not the books’ entries', () => {
    const menu = keys(secretary, C1);
    expect(menu).toEqual(expect.arrayContaining(['meetings', 'matters', 'votes', 'fund', 'repairs', 'budget']));
    expect(menu).not.toContain('ledger');
    expect(menu).not.toContain('reconciliation');
    expect(missingForRoute(secretary, { name: 'ballotEntry', communityId: C1, voteId: 'v' })).toBeNull();
  });

  it('shows a 物业联络员 only issues and contracts, and drops empty groups', () => {
    const groups = visibleMenu(liaison, C1);
    expect(groups.map((g) => g.key)).toEqual(['register', 'office']);
    expect(keys(liaison, C1)).toEqual(['communities', 'contracts', 'issues', 'deadlines']);
  });

  it('hides a community’s entries on a community the grant does not cover', () => {
    expect(keys(treasurer, C2)).not.toContain('ledger');
    expect(missingForRoute(treasurer, { name: 'ledger', communityId: C2 })).toBe('books.read');
  });

  it('gives the office-wide screens only to an administrator', () => {
    for (const name of ['backups', 'holidays', 'audit'] as const) {
      expect(missingForRoute(reader, { name })).not.toBeNull();
      expect(missingForRoute(admin, { name })).toBeNull();
    }
  });
});
