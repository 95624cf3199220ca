/**
 * The permission table's own rules (shared/domain/permissions.ts): the defaults of issue 16's table as the issue
 * states them, a grant's reach, and the words of a refusal — naming the desk whose work it is.
 */
import { describe, expect, it } from 'vitest';
import { communitiesFor, forbiddenMessage, may, PERMISSIONS, ROLE_PERMISSIONS, roleByName, type Grant } from '../../shared/domain/permissions';

const over = (role: Grant['role'], ...communities: string[]): Grant => ({ role, communities });

describe('the table', () => {
  it('管理员 may do everything; only 管理员 holds the office-wide actions', () => {
    expect([...ROLE_PERMISSIONS.admin].sort()).toEqual([...PERMISSIONS].sort());
    for (const role of ['officer', 'secretary', 'treasurer', 'liaison', 'reader'] as const) {
      expect(ROLE_PERMISSIONS[role].filter((p) => p.startsWith('office.'))).toEqual([]);
    }
  });

  it('full ID numbers and phones: 管理员 and 小区专员 only', () => {
    const holders = Object.entries(ROLE_PERMISSIONS).filter(([, ps]) => ps.includes('personal.full')).map(([r]) => r).sort();
    expect(holders).toEqual(['admin', 'officer']);
  });

  it('业委会秘书 reads the fund summary but not the books’ entries; 财务 keeps the books but enters no ballot', () => {
    expect(ROLE_PERMISSIONS.secretary).toContain('books.summary');
    expect(ROLE_PERMISSIONS.secretary).not.toContain('books.read');
    expect(ROLE_PERMISSIONS.secretary).toContain('votes.write');
    expect(ROLE_PERMISSIONS.treasurer).toContain('books.write');
    expect(ROLE_PERMISSIONS.treasurer).not.toContain('votes.write');
    expect([...ROLE_PERMISSIONS.liaison].sort()).toEqual(['contracts.read', 'issues.handle', 'issues.read']);
    expect(ROLE_PERMISSIONS.reader.every((p) => p.endsWith('.read') || p === 'books.summary')).toBe(true);
  });

  it('a grant reaches its communities only, and office-wide actions need one over all', () => {
    const grants = [over('treasurer', 'A')];
    expect(may(grants, 'books.write', 'A')).toBe(true);
    expect(may(grants, 'books.write', 'B')).toBe(false);
    expect(may([{ role: 'admin', communities: 'all' }], 'office.accounts', null)).toBe(true);
    expect(communitiesFor([over('reader', 'A'), over('treasurer', 'B')], 'books.write')).toEqual(['B']);
    expect(communitiesFor([over('reader', 'A'), { role: 'reader', communities: 'all' }], 'votes.read')).toBe('all');
  });

  it('roles by their Chinese names, as the CLI takes them', () => {
    expect(roleByName('财务')).toBe('treasurer');
    expect(roleByName(' 只读 ')).toBe('reader');
    expect(roleByName('会计')).toBeNull();
  });
});

describe('the words of a refusal name the desk whose work it is', () => {
  it.each([
    ['books.write', '需要“财务”权限：记账'],
    ['books.read', '需要“财务”权限：查看账簿'],
    ['books.summary', '需要“只读”权限：查看资金汇总'],
    ['votes.write', '需要“业委会秘书”权限：组织表决与录入选票'],
    ['register.write', '需要“小区专员”权限：修改名册'],
    ['issues.handle', '需要“小区专员”权限：办理派给本企业的问题'],
    ['personal.full', '需要“小区专员”权限：查看完整证件号与电话'],
    ['meetings.read', '需要“只读”权限：查看会议与事项'],
    ['office.audit', '需要“管理员”权限：查看操作日志'],
  ] as const)('%s', (permission, words) => {
    expect(forbiddenMessage(permission)).toBe(words);
  });
});
