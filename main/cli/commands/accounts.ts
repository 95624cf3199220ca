/**
 * Accounts (issue 16): add a person with a temporary password, list the accounts, disable one, reset a
 * password. The CLI runs with the rights of whoever can open the data file (the router's trusted caller,
 * audited as CLI:<operating-system user>): keep the data folder readable by the office's IT staff only.
 */
import type { MethodOutput } from '../../../shared/contract/methods';
import { ROLE_NAMES, ROLES, roleByName, type Grant } from '../../../shared/domain/permissions';
import type { App } from '../../app';
import { Refusal, type CommandSpec } from '../spec';
import { call, withApp } from '../session';

/** What `user list` prints for a grant over every community. */
const ALL_COMMUNITIES = '全部小区';

async function userByName(app: App, username: string): Promise<MethodOutput<'user.list'>[number]> {
  const found = (await call(app, 'user.list', {})).find((u) => u.username === username.trim());
  if (!found) throw new Refusal([{ row: null, message: `找不到用户名为“${username}”的账户` }]);
  return found;
}

export const accountCommands: CommandSpec[] = [
  {
    name: 'user add', writes: true,
    summary: '添加账户，给出一次性的临时密码（首次登录须修改）；每个 --community 适用于给出的所有角色，不写则为全部小区（管理员总是全部小区）',
    options: [
      { name: '--username', value: 'U', type: 'text', required: true, help: '用户名（2–32位字母、数字或 _ . -）' },
      { name: '--display-name', value: 'N', type: 'text', required: true, help: '姓名' },
      { name: '--role', value: 'ROLE', type: 'text', required: true, repeatable: true, help: `角色：${ROLES.map((r) => ROLE_NAMES[r]).join('、')}（可重复）` },
      { name: '--community', value: 'NAME', type: 'text', repeatable: true, help: '负责的小区名称（可重复）' },
      { name: '--company', value: 'NAME', type: 'text', help: '物业联络员所属的物业服务企业名称' },
    ],
    async run(input) {
      const roles = input.all('--role').map((name) => {
        const role = roleByName(name);
        if (!role) throw new Refusal([{ row: null, column: '--role', message: `未知角色“${name}”，应为${ROLES.map((r) => ROLE_NAMES[r]).join('、')}之一` }]);
        return role;
      });
      return withApp(input, true, async (app) => {
        const names = input.all('--community').map((n) => n.trim());
        const known = await call(app, 'community.list', {});
        const ids = names.map((name) => {
          const c = known.find((k) => k.name === name);
          if (!c) throw new Refusal([{ row: null, column: '--community', message: `找不到小区“${name}”` }]);
          return c.id;
        });
        const grants: Grant[] = [...new Set(roles)].map((role) => ({ role, communities: role === 'admin' || ids.length === 0 ? 'all' : ids }));
        let companyId: string | null = null;
        const company = input.get('--company');
        if (company !== undefined) {
          const found = (await call(app, 'company.list', { text: company.trim() })).find((c) => c.name === company.trim());
          if (!found) throw new Refusal([{ row: null, column: '--company', message: `找不到物业服务企业“${company}”` }]);
          companyId = found.id;
        }
        const made = await call(app, 'user.create', { username: input.need('--username'), displayName: input.need('--display-name'), grants, companyId });
        return { id: made.id, username: made.username, temporaryPassword: made.temporaryPassword };
      });
    },
  },
  {
    name: 'user list', writes: false,
    summary: '所有账户（含已停用的）：角色、负责的小区、是否启用',
    options: [],
    async run(input) {
      return withApp(input, false, async (app) => {
        const communityNames = new Map((await call(app, 'community.list', {})).map((c) => [c.id, c.name]));
        const users = await call(app, 'user.list', {});
        return {
          users: users.map((u) => ({
            username: u.username, displayName: u.displayName,
            roles: u.grants.map((g) => ROLE_NAMES[g.role]),
            communities: u.grants.some((g) => g.communities === 'all')
              ? [ALL_COMMUNITIES]
              : [...new Set(u.grants.flatMap((g) => (g.communities === 'all' ? [] : g.communities)))].map((id) => communityNames.get(id) ?? id),
            active: u.active,
          })),
        };
      });
    },
  },
  {
    name: 'user disable', writes: true,
    summary: '停用账户：不能再登录，已打开的会话结束；账户不删除，操作日志保留其姓名',
    options: [{ name: '--username', value: 'U', type: 'text', required: true, help: '用户名' }],
    async run(input) {
      return withApp(input, true, async (app) => {
        const u = await userByName(app, input.need('--username'));
        const done = await call(app, 'user.disable', { id: u.id });
        return { username: done.username, active: done.active };
      });
    },
  },
  {
    name: 'user reset-password', writes: true,
    summary: '重置密码：给出新的临时密码，首次登录须修改；已打开的会话结束',
    options: [{ name: '--username', value: 'U', type: 'text', required: true, help: '用户名' }],
    async run(input) {
      return withApp(input, true, async (app) => {
        const u = await userByName(app, input.need('--username'));
        const reset = await call(app, 'user.resetPassword', { id: u.id });
        return { username: reset.username, temporaryPassword: reset.temporaryPassword };
      });
    },
  },
];
