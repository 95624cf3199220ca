/**
 * People and roles end to end (issue 16), with real accounts the administrator made (user.create; each person set
 * their own password): a 财务 sees the books and not the ballot entry, and the ballot entry's address shows 无权限;
 * a 业委会秘书 records minutes; a 只读 sees a resident's ID number and phone masked only; the audit screen names
 * each of them by name for what they did.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { TEST_TIMEOUT, UI_TIMEOUT, goTo, importRosterApi, openAndLogin, setupAdmin, submitLogin, useE2E } from './harness';
import { gridRow, totalBecomes } from './ui-steps';
import { WORKED_ROSTER } from '../fixtures/worked-roster';
import type { Grant } from '../../shared/domain/permissions';

const env = useE2E();
let admin = '';
let communityId = '';
let meetingId = '';
let voteId = '';
let personId = '';

const PEOPLE = {
  treasurer: { username: 'caiwu', displayName: '钱会计', password: 'qian-2026-zhangben', role: 'treasurer' },
  secretary: { username: 'mishu', displayName: '孙秘书', password: 'sun-2026-jiyao', role: 'secretary' },
  reader: { username: 'jiandu', displayName: '周督导', password: 'zhou-2026-chakan', role: 'reader' },
} as const;

/** An account as the administrator makes it, its temporary password then changed by its holder (the API's way). */
async function addPerson(p: (typeof PEOPLE)[keyof typeof PEOPLE]) {
  const grants: Grant[] = [{ role: p.role, communities: [communityId] }];
  const made = await env.call('user.create', { username: p.username, displayName: p.displayName, grants, companyId: null }, admin);
  const first = await env.call('auth.login', { username: p.username, password: made.temporaryPassword });
  await env.call('auth.changePassword', { oldPassword: made.temporaryPassword, newPassword: p.password }, first.session);
}

async function signInAs(p: (typeof PEOPLE)[keyof typeof PEOPLE]) {
  const { page } = env;
  await page.goto(env.server.url);
  await submitLogin(page, p.username, p.password);
  await expect.poll(() => page.getByTestId('current-user').textContent(), { timeout: UI_TIMEOUT }).toContain(p.displayName);
}

async function signOut() {
  await env.page.getByRole('button', { name: '退出登录' }).click();
  await env.page.getByTestId('login-form').waitFor();
}

const menuEntry = (name: string) => env.page.getByRole('menuitem', { name, exact: true });

beforeAll(async () => {
  admin = await setupAdmin(env);
  communityId = await importRosterApi(env, admin, '翠苑三区', WORKED_ROSTER);
  const roster = await env.call('roster.page', { communityId }, admin);
  personId = roster.rows.find((r) => r.owners.some((o) => o.document !== ''))!.owners.find((o) => o.document !== '')!.personId;
  const meeting = await env.call('meeting.create', {
    communityId, kind: '联席会议', title: '三方联席会议', date: '2026-11-02', agenda: [{ title: '电梯更新' }],
  }, admin);
  meetingId = meeting.id;
  voteId = (await env.call('vote.create', {
    communityId, title: '续聘物业表决', opens: '2026-11-01', closes: '2026-12-31', items: [{ title: '续聘物业服务企业', category: 4 }],
  }, admin)).id;
  for (const p of Object.values(PEOPLE)) await addPerson(p);
}, TEST_TIMEOUT);

describe('each person does their own work', () => {
  it('财务 sees the books, not the ballot entry; its address shows 无权限', async () => {
    const { page } = env;
    await signInAs(PEOPLE.treasurer);
    await menuEntry('账簿').waitFor();
    expect(await menuEntry('账户管理').count()).toBe(0);
    await goTo(page, `#/c/${communityId}/ledger`);
    await page.getByTestId('ledger-income').waitFor();

    await goTo(page, `#/c/${communityId}/vote/${voteId}`);
    await page.getByTestId('vote-page').waitFor();
    await expect.poll(() => page.getByTestId('vote-entry').count(), { timeout: UI_TIMEOUT }).toBe(0);
    await goTo(page, `#/c/${communityId}/vote/${voteId}/entry`);
    await expect.poll(() => page.getByTestId('forbidden-message').textContent(), { timeout: UI_TIMEOUT }).toBe('需要“业委会秘书”权限：组织表决与录入选票');
    await signOut();
  }, TEST_TIMEOUT);

  it('业委会秘书 records minutes, and the books are not theirs', async () => {
    const { page } = env;
    await signInAs(PEOPLE.secretary);
    expect(await menuEntry('账簿').count()).toBe(0);
    await goTo(page, `#/c/${communityId}/meeting/${meetingId}`);
    const section = page.getByTestId('minutes-section');
    await section.getByTestId('minutes-start').click();
    const editor = section.getByTestId('minutes-editor');
    await editor.getByTestId('minutes-recorder').fill(PEOPLE.secretary.displayName);
    await editor.getByTestId('minutes-item-0').getByTestId('item-decision').fill('原则同意更新电梯，下次会议定方案');
    await editor.getByTestId('minutes-save').click();
    await section.getByTestId('minutes-version-1').waitFor();
    const [draft] = await env.call('minutes.list', { meetingId }, admin);
    expect(draft!.content.items[0]!.decision).toBe('原则同意更新电梯，下次会议定方案');
    await goTo(page, `#/c/${communityId}/ledger`);
    await page.getByTestId('forbidden-page').waitFor();
    await signOut();
  }, TEST_TIMEOUT);

  it('只读 sees ID numbers and phones masked only, and writes nothing', async () => {
    const { page } = env;
    await signInAs(PEOPLE.reader);
    await goTo(page, `#/c/${communityId}/person/${personId}`);
    const document = page.getByTestId('person-document');
    await expect.poll(() => document.textContent(), { timeout: UI_TIMEOUT }).toContain('*');
    const full = await env.call('person.get', { id: personId }, admin);
    expect(full.document).not.toContain('*');
    expect(await document.textContent()).not.toBe(full.document);
    // Main answers the same: the masked value, whoever asks without the right.
    const session = (await env.call('auth.login', { username: PEOPLE.reader.username, password: PEOPLE.reader.password })).session;
    expect((await env.call('person.get', { id: personId }, session)).document).toContain('*');
    await goTo(page, `#/c/${communityId}/meetings`);
    await page.getByTestId('meetings-page').waitFor();
    expect(await page.getByTestId('meeting-create').count()).toBe(0);
    await signOut();
  }, TEST_TIMEOUT);

  it('the audit screen shows each of them by name, and who saw whose full number', async () => {
    const { page } = env;
    await openAndLogin(env);
    await goTo(page, '#/audit');
    await page.getByTestId('audit-page').waitFor();
    const total = async (filter: object) => (await env.call('audit.list', { ...filter, limit: 1, offset: 0 }, admin)).total;
    await totalBecomes(page, 'audit-grid', await total({}));
    expect(await gridRow(page, 'audit-grid', '孙秘书（mishu）').count()).toBeGreaterThan(0);
    expect(await gridRow(page, 'audit-grid', '钱会计（caiwu）').count()).toBeGreaterThan(0);
    expect(await gridRow(page, 'audit-grid', '周督导（jiandu）').count()).toBeGreaterThan(0);
    // The administrator's full view above is there; the 只读's masked ones are not views of full data.
    await page.getByTestId('audit-personal-views').click();
    await expect.poll(() => gridRow(page, 'audit-grid', '王主任（admin）').count(), { timeout: UI_TIMEOUT }).toBeGreaterThan(0);
    expect(await gridRow(page, 'audit-grid', '周督导（jiandu）').count()).toBe(0);
  }, TEST_TIMEOUT);
});
