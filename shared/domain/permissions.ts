/**
 * Who may do what (issue 16): the one permission table. Main enforces it (the router refuses a call before
 * its service runs, main/router.ts); the renderer reads the same table to hide menu entries and buttons a
 * person cannot use. A permission is about an action on a community's records, never about a screen.
 *
 * A person holds grants: a role, and the communities (小区) it covers — or all of the office's communities.
 * Office-wide actions (accounts, settings, backups) belong to 管理员 alone.
 */

export const ROLES = ['admin', 'officer', 'secretary', 'treasurer', 'liaison', 'reader'] as const;
export type Role = (typeof ROLES)[number];

/** The roles' names as office staff say them; the CLI and the screens use these. */
export const ROLE_NAMES: Record<Role, string> = {
  admin: '管理员',
  officer: '小区专员',
  secretary: '业委会秘书',
  treasurer: '财务',
  liaison: '物业联络员',
  reader: '只读',
};

export function roleByName(name: string): Role | null {
  const found = ROLES.find((r) => ROLE_NAMES[r] === name.trim());
  return found ?? null;
}

/**
 * The actions. `*.read` is seeing a community's records of that kind; `*.write` is changing them.
 * - register: the roster of parts, owners and areas, persons, the electorate;
 * - meetings: meetings, minutes, their actions, matters through 五议两公开一备案, attachments of those;
 * - votes: votes, ballots and their entry (double entry), closing and posting results;
 * - books.summary: the fund's balance and summaries, revenue and budget reports (what owners are shown);
 * - books.read / books.write: the ledger's entries, household sub-ledgers, bank statements, repairs' charges, the
 *   treasurer's prints and exports;
 * - contracts, bodies (组织建设: committees, candidates, coverage), issues (the residents' issue ledger),
 *   mediations;
 * - issues.handle: a property company's liaison plans, reports progress on and closes issues dispatched to it;
 * - personal.full: full ID numbers and phones (each view audited);
 * - community.settings: a community's rules (小区设置) and creating communities;
 * - office.*: accounts, holidays and workflows, backups and the data key, the audit log.
 */
export const PERMISSIONS = [
  'register.read', 'register.write',
  'meetings.read', 'meetings.write',
  'votes.read', 'votes.write',
  'books.summary', 'books.read', 'books.write',
  'contracts.read', 'contracts.write',
  'bodies.read', 'bodies.write',
  'issues.read', 'issues.write', 'issues.handle',
  'mediations.read', 'mediations.write',
  'personal.full',
  'community.settings',
  'office.accounts', 'office.settings', 'office.backup', 'office.audit',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** Each action's name in a refusal: 需要“财务”权限：记账. */
export const PERMISSION_NAMES: Record<Permission, string> = {
  'register.read': '查看名册',
  'register.write': '修改名册',
  'meetings.read': '查看会议与事项',
  'meetings.write': '记录会议、纪要与事项',
  'votes.read': '查看表决',
  'votes.write': '组织表决与录入选票',
  'books.summary': '查看资金汇总',
  'books.read': '查看账簿',
  'books.write': '记账',
  'contracts.read': '查看物业服务合同',
  'contracts.write': '管理物业服务合同',
  'bodies.read': '查看组织建设',
  'bodies.write': '管理组织建设',
  'issues.read': '查看问题台账',
  'issues.write': '登记与处理问题',
  'issues.handle': '办理派给本企业的问题',
  'mediations.read': '查看调解记录',
  'mediations.write': '记录调解',
  'personal.full': '查看完整证件号与电话',
  'community.settings': '修改小区设置',
  'office.accounts': '管理账户',
  'office.settings': '修改系统设置',
  'office.backup': '备份与恢复',
  'office.audit': '查看操作日志',
};

const READ_ALL: Permission[] = [
  'register.read', 'meetings.read', 'votes.read', 'books.summary', 'books.read', 'contracts.read', 'bodies.read', 'issues.read', 'mediations.read',
];

/** The defaults of issue 16's table. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  officer: [
    ...READ_ALL,
    'register.write', 'meetings.write', 'votes.write', 'contracts.write', 'bodies.write', 'issues.write', 'issues.handle', 'mediations.write',
    'personal.full',
  ],
  // The rest of the community read, except the books' entries: the summaries owners are shown stay visible.
  secretary: [...READ_ALL.filter((p) => p !== 'books.read'), 'meetings.write', 'votes.write'],
  treasurer: [...READ_ALL, 'books.write'],
  // Issues dispatched to their company (main narrows the rows), their contracts read-only.
  liaison: ['issues.read', 'issues.handle', 'contracts.read'],
  reader: READ_ALL,
};

/** One role over some communities, or over all of the office's ('all', also those added later). */
export interface Grant {
  role: Role;
  communities: 'all' | string[];
}

/** Office-wide permissions are held only through a grant over all communities. */
export function isOfficePermission(permission: Permission): boolean {
  return permission.startsWith('office.');
}

/** May the holder of these grants do this — on this community, or (null) office-wide? */
export function may(grants: readonly Grant[], permission: Permission, communityId: string | null): boolean {
  return grants.some((g) => ROLE_PERMISSIONS[g.role].includes(permission) && covers(g, communityId, permission));
}

function covers(grant: Grant, communityId: string | null, permission: Permission): boolean {
  if (grant.communities === 'all') return true;
  if (isOfficePermission(permission)) return false;
  // Null: "on some community" (a menu entry shown when any covered community allows it).
  return communityId === null ? grant.communities.length > 0 : grant.communities.includes(communityId);
}

/** The communities on which the grants allow this: 'all', or the listed ones (a list method's filter). */
export function communitiesFor(grants: readonly Grant[], permission: Permission): 'all' | string[] {
  const ids = new Set<string>();
  for (const g of grants) {
    if (!ROLE_PERMISSIONS[g.role].includes(permission)) continue;
    if (g.communities === 'all') return 'all';
    for (const c of g.communities) ids.add(c);
  }
  return [...ids];
}

/**
 * The role a refusal names: the one whose work it is. Reading is 只读's — except the books' entries, which are
 * 财务's (a 只读 may read them too, but "需要“只读”权限：查看账簿" would send the person to the wrong desk); a change
 * is the first of 业委会秘书, 财务, 小区专员, 物业联络员 that may make it (记账 → 财务, 录入选票 → 业委会秘书,
 * 修改名册 → 小区专员), and 管理员 for the office's settings.
 */
export function roleNeededFor(permission: Permission): Role {
  const reading = permission.endsWith('.read') || permission === 'books.summary';
  const order: Role[] = permission === 'books.read' ? ['treasurer']
    : reading ? ['reader']
      : ['secretary', 'treasurer', 'officer', 'liaison', 'admin'];
  return order.find((r) => ROLE_PERMISSIONS[r].includes(permission)) ?? 'admin';
}

/** The refusal's words: 需要“财务”权限：记账. */
export function forbiddenMessage(permission: Permission): string {
  return `需要“${ROLE_NAMES[roleNeededFor(permission)]}”权限：${PERMISSION_NAMES[permission]}`;
}
