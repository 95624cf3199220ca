/**
 * The roles of an account as the form holds them — a box per role and the communities it covers — and as the
 * contract takes them (grants). '*' in a role's communities is 全部小区.
 */
import { ROLES, type Grant, type Role } from '../../../../../shared/domain/permissions';

export const ALL = '*';

export type RolesValue = Record<Role, { on: boolean; communities: string[] }>;

export function rolesValue(grants: readonly Grant[]): RolesValue {
  const value = Object.fromEntries(ROLES.map((r) => [r, { on: false, communities: [] as string[] }])) as RolesValue;
  for (const g of grants) value[g.role] = { on: true, communities: g.communities === 'all' ? [ALL] : [...g.communities] };
  return value;
}

/** The boxes ticked, in the table's order; 管理员 and a choice of 全部小区 cover every community. */
export function grantsOf(value: RolesValue | undefined): Grant[] {
  if (!value) return [];
  return ROLES.filter((r) => value[r]?.on).map((role) => {
    const chosen = value[role].communities ?? [];
    return { role, communities: role === 'admin' || chosen.includes(ALL) ? 'all' : chosen };
  });
}
