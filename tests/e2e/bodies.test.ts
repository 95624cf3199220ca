/**
 * The community's bodies through the UI (docs/domain.md §6, §7), on docs/domain.md §4's
 * worked roster (6 households: 3 committee members would be allowed, 4 is even).
 *
 * An owners' committee elected about 4.6 years ago is recorded with 4 members:
 * main refuses it in its words, and it is saved with a written reason, which
 * the card then shows, with the re-election flag (the 5-year term ends within
 * the 6 months of preparation). Its re-election (换届) on 2026-10-31 with a
 * 6-year term is refused, with 5 years it is accepted: the first meeting's
 * 7 days end on Saturday 2026-11-07 and move to Monday 2026-11-09 (done on
 * that day), the filing's 30 days end on Monday 2026-11-30 (not done: late).
 * A candidate from the register is vetted check by check and shows
 * 已通过审查 after the publicity period; a registered person owning no part
 * cannot be passed on "owns a part" without a note (main's words), and a
 * failed check shows. The coverage page lists both communities, the party
 * organisation the committee's 3 party members call for, and the totals.
 * Screenshots go to /tmp/bodies-*.png.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { officeDay, WORKED_ROSTER } from '../fixtures/worked-roster';
import { goTo, importRosterApi, openAndLogin, setupAdmin, TEST_TIMEOUT, UI_TIMEOUT, useE2E } from './harness';
import { settled, openCommunitySettings, saveCommunitySettings } from './ui-steps';

const env = useE2E();

let session = '';
let communityId = '';

/** Elected about 4.6 years ago (1,680 days): a 5-year term ends in about 146 days, within the 6 months of preparation. */
const OLD_ELECTION = officeDay(-1680);
/** A Saturday: + 7 days is Saturday 2026-11-07 (no make-up working day), + 30 days Monday 2026-11-30. */
const ELECTION = '2026-10-31';
const REASON = '一名委员辞职，补选前暂为4名委员';

/** Same day number `years` later, or that month's last day. */
function yearsLater(date: string, years: number, monthsBack = 0): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const month = m - 1 + years * 12 - monthsBack;
  const last = new Date(Date.UTC(y, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, month, Math.min(d, last))).toISOString().slice(0, 10);
}

beforeAll(async () => {
  session = await setupAdmin(env);
  communityId = await importRosterApi(env, session, '阳光小区', WORKED_ROSTER);
  await importRosterApi(env, session, '青山小区', WORKED_ROSTER.slice(0, 2));
  // A person of the register who owns no part here (a tenant, say).
  await env.call('person.create', { communityId, name: '孙磊', document: '', phone: '' }, session);
}, TEST_TIMEOUT);

async function text(locator: Locator): Promise<string> {
  return (await locator.textContent()) ?? '';
}

/** The input itself, whether the test id sits on it or on its wrapper. */
const inputOf = (locator: Locator) => locator.locator('xpath=self::input | self::textarea | .//input | .//textarea').first();

async function quiet(page: Page): Promise<void> {
  await expect.poll(() => page.locator('.ant-message-notice').count(), { timeout: UI_TIMEOUT }).toBe(0);
  await settled(page.locator('body'));
}

/** A screenshot of the screen from its top (the window scrolls when the menu is taller than the viewport). */
async function shot(page: Page, name: string, scrollTo?: Locator): Promise<void> {
  await quiet(page);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.evaluate(() => { for (const el of document.querySelectorAll('.page-scroll')) el.scrollTop = 0; });
  if (scrollTo) await scrollTo.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `/tmp/bodies-${name}.png` });
}

async function openBodies(page: Page): Promise<void> {
  await goTo(page, `#/c/${communityId}/bodies`);
  await page.locator('[data-testid=bodies-page][data-ready=true]').waitFor();
}

/** Pick an option of an antd select inside `scope`. */
async function pick(page: Page, select: Locator, option: RegExp): Promise<void> {
  await select.click();
  const item = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first();
  await item.waitFor();
  // Let the dropdown's opening animation finish: a click during it may land on another option.
  await settled(page.locator('body'));
  await item.click();
}

interface MemberSpec { name: string; role: string; party?: boolean; branch?: boolean; rc?: boolean; fromRegister?: boolean }

/** Add the members to the form's table, one row each. */
async function addMembers(page: Page, dialog: Locator, members: MemberSpec[]): Promise<void> {
  for (const m of members) {
    await dialog.getByTestId('member-add').click();
    const row = dialog.getByTestId('member-row').last();
    const name = row.getByTestId('member-name').locator('input');
    if (m.fromRegister) {
      await name.click();
      await page.keyboard.type(m.name);
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: new RegExp(`^${m.name}`) }).first().click();
      await expect.poll(() => row.getByTestId('member-name').getAttribute('data-linked'), { timeout: UI_TIMEOUT }).toBe('true');
    } else {
      await name.fill(m.name);
    }
    expect(await name.inputValue()).toBe(m.name);
    await pick(page, row.getByTestId('member-role'), new RegExp(`^${m.role}$`));
    await expect.poll(() => text(row.getByTestId('member-role')), { timeout: UI_TIMEOUT }).toBe(m.role);
    if (m.party) await row.getByTestId('member-party').click();
    if (m.branch) await row.getByTestId('member-branch').click();
    if (m.rc) await row.getByTestId('member-rc').click();
  }
}

describe('the community’s bodies', () => {
  it('records the owners’ committee with its rules, deadlines and re-election, vets candidates and shows coverage', async () => {
    const { page } = env;
    await openAndLogin(env);
    await openBodies(page);
    expect(await page.getByTestId('body-empty').count()).toBe(4);
    await page.getByRole('menuitem', { name: '组织建设' }).waitFor();
    await shot(page, 'empty');

    // ── an owners' committee of 4, elected ~4.6 years ago: refused, then saved with a reason ──
    await page.locator('[data-testid=body-empty][data-kind=业主委员会]').getByTestId('body-register').click();
    let dialog = page.getByRole('dialog');
    await dialog.getByTestId('body-form').waitFor();
    expect(await text(dialog.getByTestId('body-rules-hint'))).toContain('委员5至11人的单数（不超过100户的小区可为3人）');
    await inputOf(dialog.getByTestId('body-elected-on')).fill(OLD_ELECTION);
    await inputOf(dialog.getByTestId('body-term-years')).fill('5');
    await addMembers(page, dialog, [
      { name: '张伟', role: '主任', party: true },
      { name: '王芳', role: '副主任', party: true, branch: true },
      { name: '李强', role: '委员' },
      { name: '赵敏', role: '委员', rc: true },
    ]);
    expect(await text(dialog.getByTestId('member-summary'))).toBe('共 4 人，其中党员 2 人。');
    await dialog.getByTestId('body-save').click();
    const violations = dialog.getByTestId('override-violations');
    await violations.waitFor();
    expect(await text(violations)).toBe('业委会委员应为5至11人的单数（不超过100户的小区可为3人），4人为双数');
    await settled(dialog);
    await dialog.getByTestId('override-panel').scrollIntoViewIfNeeded();
    await page.screenshot({ path: '/tmp/bodies-refused.png' });
    // Without a reason it stays refused.
    await dialog.getByTestId('body-override-save').click();
    await dialog.getByRole('alert').filter({ hasText: '请写明理由' }).waitFor();
    await dialog.getByTestId('override-reason').fill(REASON);
    await dialog.getByTestId('body-override-save').click();
    await dialog.waitFor({ state: 'hidden' });

    let card = page.locator('[data-testid=body-card][data-kind=业主委员会]');
    await card.waitFor();
    expect(await text(card.getByTestId('body-overrides'))).toContain(`4人为双数。理由：${REASON}`);
    expect(await text(card.getByTestId('body-overrides'))).toContain('王主任');
    // The re-election flag: the term ends within 6 months.
    const oldEnd = yearsLater(OLD_ELECTION, 5);
    expect(await card.getAttribute('data-flagged')).toBe('true');
    expect(await card.getByTestId('body-term-tag').getAttribute('data-kind')).toBe('re-election-preparation');
    expect(await text(card.getByTestId('body-term-tag'))).toBe('换届准备');
    expect(await text(card.getByTestId('body-term-end'))).toBe(oldEnd);
    expect(await text(card.getByTestId('body-warnings'))).toContain(`业委会任期将于 ${oldEnd} 届满，应着手换届准备（自 ${yearsLater(OLD_ELECTION, 5, 6)} 起）`);
    expect(await text(card.getByTestId('body-warnings'))).toContain('4人为双数');
    expect(await text(card.getByTestId('body-member-summary'))).toBe('共 4 人，其中党员 2 人，交叉任职 2 人');
    await shot(page, 'reelection');

    // ── 换届 on 2026-10-31: a 6-year term is refused, 5 years with 5 members is accepted ──
    await card.getByTestId('body-renew').click();
    dialog = page.getByRole('dialog');
    await dialog.getByTestId('body-form').waitFor();
    await inputOf(dialog.getByTestId('body-elected-on')).fill(ELECTION);
    await inputOf(dialog.getByTestId('body-term-years')).fill('6');
    await inputOf(dialog.getByTestId('body-first-meeting')).fill('2026-11-09');
    await addMembers(page, dialog, [
      { name: 'B', role: '主任', party: true, fromRegister: true },
      { name: '张伟', role: '副主任', party: true },
      { name: '王芳', role: '委员', party: true, branch: true },
      { name: '李强', role: '委员' },
      { name: '钱进', role: '委员', rc: true },
    ]);
    await inputOf(dialog.getByTestId('body-note')).fill('第二届业主委员会');
    await dialog.getByTestId('body-save').click();
    await violations.waitFor();
    expect(await text(violations)).toBe('业委会任期不得超过5年，现为6年');
    await inputOf(dialog.getByTestId('body-term-years')).fill('5');
    // Any change asks main afresh: the refusal is gone and 保存 is back.
    await dialog.getByTestId('body-save').waitFor();
    await settled(dialog);
    await page.screenshot({ path: '/tmp/bodies-form.png' });
    await dialog.getByTestId('body-save').click();
    await dialog.waitFor({ state: 'hidden' });

    card = page.locator('[data-testid=body-card][data-kind=业主委员会]');
    await expect.poll(() => text(card.getByTestId('body-elected')), { timeout: UI_TIMEOUT }).toBe(ELECTION);
    expect(await text(card.getByTestId('body-term'))).toBe('5 年');
    expect(await text(card.getByTestId('body-term-end'))).toBe('2031-10-31');
    expect(await card.getByTestId('body-overrides').count()).toBe(0);
    expect(await text(card.getByTestId('body-member-summary'))).toBe('共 5 人，其中党员 3 人，交叉任职 2 人');
    // By hand: 2026-10-31 + 7 days = Saturday 2026-11-07, a rest day → Monday 2026-11-09; + 30 days = Monday 2026-11-30.
    const first = card.getByTestId('body-deadline-first');
    expect(await first.getAttribute('data-date')).toBe('2026-11-09');
    expect(await first.getAttribute('data-moved')).toBe('true');
    expect(await first.getAttribute('data-state')).toBe('done');
    expect(await text(first)).toContain('选举后7日内，最迟 2026-11-09');
    expect(await text(first)).toContain('期限末日 2026-11-07 为休息日，已顺延');
    expect(await text(first)).toContain('已于 2026-11-09 完成');
    const filing = card.getByTestId('body-deadline-filing');
    expect(await filing.getAttribute('data-date')).toBe('2026-11-30');
    expect(await filing.getAttribute('data-moved')).toBe('false');
    expect(await filing.getAttribute('data-state')).toBe('late');
    expect(await text(filing)).toContain('已逾期，至今未登记');
    // The count speaks: the filing's missed days in red; the first meeting, done, counts nothing.
    expect(await filing.getByTestId('body-deadline-filing-countdown').getAttribute('data-level')).toBe('overdue');
    expect(await text(filing.getByTestId('body-deadline-filing-countdown-count'))).toMatch(/^已逾期 \d+ 天$/);
    expect(await first.getByTestId('body-deadline-first-countdown').count()).toBe(0);
    // The term's end, five years away: neutral, with what must happen by then.
    const termEnd = card.getByTestId('body-term-countdown');
    expect(await termEnd.getAttribute('data-level')).toBe('later');
    expect(await text(termEnd.getByTestId('body-term-countdown-what'))).toContain('届满前应完成换届选举');
    expect(await text(card.getByTestId('body-warnings'))).toContain('业委会备案应在选举后30日内完成（最迟 2026-11-30），至今未登记');
    const members = card.getByTestId('body-members-grid');
    const bRow = members.locator('.data-grid-row').filter({ hasText: /^B/ });
    expect(await text(bRow)).toContain('名册');
    expect(await text(bRow)).toContain('主任');
    expect(await text(members.locator('.data-grid-row').filter({ hasText: '王芳' }))).toContain('党支部');
    expect(await text(members.locator('.data-grid-row').filter({ hasText: '钱进' }))).toContain('居委会');
    // The earlier term is kept below.
    const history = page.getByTestId('body-history-grid');
    expect(await text(history.locator('.data-grid-row').filter({ hasText: OLD_ELECTION }))).toContain('4 人（党员 2 人）：张伟、王芳、李强、赵敏');
    await shot(page, 'committee');
    await shot(page, 'history', page.getByTestId('body-history'));

    // ── candidates: C from the register, vetted check by check ──
    await page.getByTestId('bodies-tab-candidates').click();
    await page.locator('[data-testid=candidates][data-ready=true]').waitFor();
    await page.getByTestId('candidate-create').click();
    dialog = page.getByRole('dialog');
    await dialog.getByTestId('candidate-form').waitFor();
    await dialog.getByTestId('candidate-person').click();
    await page.keyboard.type('C');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: /^C/ }).first().click();
    await pick(page, dialog.getByTestId('candidate-recommended'), /^社区党组织$/);
    await inputOf(dialog.getByTestId('candidate-publicity-start')).fill(officeDay(-10));
    await inputOf(dialog.getByTestId('candidate-publicity-end')).fill(officeDay(-1));
    await dialog.getByTestId('candidate-save').click();
    await dialog.waitFor({ state: 'hidden' });

    const cardOf = (name: string) => page.locator(`[data-testid=candidate-card][data-name="${name}"]`);
    const checkRow = (name: string, check: string) => cardOf(name).getByTestId('candidate-checks-grid').locator('.data-grid-row').filter({ hasText: check });
    const c = cardOf('C');
    await c.waitFor();
    expect(await text(c.getByTestId('candidate-register'))).toBe('名册显示其在本小区拥有专有部分');
    expect(await text(c.getByTestId('candidate-publicity'))).toBe(`公示期${officeDay(-10)} 至 ${officeDay(-1)}（已结束）`);
    expect(await c.getByTestId('candidate-status').getAttribute('data-state')).toBe('pending');
    expect(await c.locator('[data-testid=check-result][data-state=none]').count()).toBe(4);

    const record = async (name: string, key: string, passed: boolean, note = '') => {
      await cardOf(name).getByTestId(`check-${key}`).click();
      const d = page.getByRole('dialog');
      await d.getByTestId('check-form').waitFor();
      await d.getByTestId('check-passed').getByText(passed ? '通过' : '未通过', { exact: true }).click();
      if (note) await inputOf(d.getByTestId('check-note')).fill(note);
      await d.getByTestId('check-save').click();
      return d;
    };
    const checks = [['owns_part', '在本小区拥有专有部分'], ['no_arrears', '无欠缴物业费、维修资金'], ['not_defaulter', '非失信被执行人'], ['no_conflict', '与物业服务企业无利害关系']];
    for (const [key, name] of checks) {
      const d = await record('C', key!, true, key === 'not_defaulter' ? '中国执行信息公开网查询无记录' : '');
      await d.waitFor({ state: 'hidden' });
      await expect.poll(() => checkRow('C', name!).locator('[data-testid=check-result]').getAttribute('data-state'), { timeout: UI_TIMEOUT }).toBe('passed');
    }
    await expect.poll(() => c.getByTestId('candidate-status').getAttribute('data-state'), { timeout: UI_TIMEOUT }).toBe('cleared');
    expect(await text(c.getByTestId('candidate-status'))).toBe('已通过审查');
    const defaulterRow = await text(checkRow('C', '非失信被执行人'));
    expect(defaulterRow).toContain('中国执行信息公开网查询无记录');
    expect(defaulterRow).toContain('王主任（admin）');
    expect(defaulterRow).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/);

    // ── 孙磊 is in the register but owns no part here; a failed check shows ──
    await page.getByTestId('candidate-create').click();
    dialog = page.getByRole('dialog');
    await dialog.getByTestId('candidate-form').waitFor();
    await dialog.getByTestId('candidate-person').click();
    await page.keyboard.type('孙磊');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: /^孙磊/ }).first().click();
    await pick(page, dialog.getByTestId('candidate-recommended'), /^业主联名$/);
    await dialog.getByTestId('candidate-save').click();
    await dialog.waitFor({ state: 'hidden' });
    const s = cardOf('孙磊');
    await s.waitFor();
    expect(await text(s.getByTestId('candidate-register'))).toBe('名册中其在本小区没有专有部分');
    expect(await text(s.getByTestId('candidate-publicity'))).toContain('未公示');
    let d = await record('孙磊', 'owns_part', true);
    const refusal = d.getByTestId('check-form-errors').getByRole('alert');
    await refusal.waitFor();
    expect(await text(refusal)).toBe('登记册中孙磊在本小区没有专有部分，如确属业主请在核查说明中写明依据');
    expect(await text(d.getByTestId('check-register-hint'))).toContain('人员名册中此人在本小区没有专有部分');
    await quiet(page);
    await page.screenshot({ path: '/tmp/bodies-check-refused.png' });
    await d.getByRole('button', { name: /取\s*消/ }).click();
    await d.waitFor({ state: 'hidden' });
    d = await record('孙磊', 'no_arrears', false, '欠缴物业费两年');
    await d.waitFor({ state: 'hidden' });
    await expect.poll(() => s.getByTestId('candidate-status').getAttribute('data-state'), { timeout: UI_TIMEOUT }).toBe('failed');
    expect(await text(s.getByTestId('candidate-status'))).toBe('未通过审查');
    const arrears = checkRow('孙磊', '无欠缴物业费、维修资金');
    expect(await arrears.locator('[data-testid=check-result]').getAttribute('data-state')).toBe('failed');
    expect(await text(arrears)).toContain('欠缴物业费两年');
    expect(await checkRow('孙磊', '在本小区拥有专有部分').locator('[data-testid=check-result]').getAttribute('data-state')).toBe('none');
    await shot(page, 'candidates');

    // ── coverage: both communities, the party organisation 阳光小区's 3 party members call for ──
    await goTo(page, '#/coverage');
    await page.locator('[data-testid=coverage-page][data-ready=true]').waitFor();
    const row = (name: string) => page.locator('[data-testid=coverage-grid] .data-grid-row').filter({ hasText: name });
    const sun = row('阳光小区');
    expect(await sun.getByTestId('coverage-业主委员会').getAttribute('data-present')).toBe('true');
    expect(await sun.getByTestId('coverage-业主议事会').getAttribute('data-present')).toBe('false');
    expect(await sun.getByTestId('coverage-党支部').getAttribute('data-present')).toBe('false');
    expect(await text(sun.getByTestId('coverage-party-members'))).toBe('3');
    expect(await sun.getByTestId('coverage-needs-party').getAttribute('data-needed')).toBe('true');
    expect(await sun.getByTestId('coverage-party-org').getAttribute('data-state')).toBe('missing');
    expect(await text(sun.getByTestId('coverage-party-org'))).toBe('未建');
    expect(await sun.getByTestId('coverage-property').getAttribute('data-present')).toBe('false');
    const hill = row('青山小区');
    expect(await hill.getByTestId('coverage-业主委员会').getAttribute('data-present')).toBe('false');
    expect(await hill.getByTestId('coverage-needs-party').getAttribute('data-needed')).toBe('false');
    expect(await hill.getByTestId('coverage-party-org').getAttribute('data-state')).toBe('not-needed');
    // Totals: 1 of 2 communities has an owners' body (50 % < 80 %); 0 of 1 needed party organisations; 2 without property management.
    const share = page.getByTestId('coverage-body-share');
    expect(await text(share)).toContain('1 / 2 个小区，50.00%');
    expect(await page.getByTestId('coverage-body-met').getAttribute('data-met')).toBe('false');
    expect(await text(page.getByTestId('coverage-party'))).toContain('0 / 1 个应建小区已建');
    expect(await text(page.getByTestId('coverage-party-missing'))).toBe('未建：阳光小区');
    expect(await page.getByTestId('coverage-unmanaged').getAttribute('data-count')).toBe('2');
    await shot(page, 'coverage');
  }, TEST_TIMEOUT);

  it('keeps the community’s office rules in its form: a place’s preset, one rule changed, the checklist', async () => {
    const { page } = env;
    await openAndLogin(env);
    // The rules live on 小区设置 (the community's page), no longer in a dialog.
    const dialog = await openCommunitySettings(page, '阳光小区');
    const rules = dialog.getByTestId('community-office-rules');
    await rules.waitFor();
    // docs/domain.md §6, §7 defaults: handover 30 days, 5–11 members, the plan within 24 hours, five checklist items.
    expect(await rules.getByTestId('rule-handover-days').inputValue()).toBe('30');
    expect(await rules.getByTestId('rule-issue-plan-hours').inputValue()).toBe('24');
    expect(await rules.getByTestId('checklist-row').count()).toBe(5);
    await rules.getByTestId('rule-office-preset-杭州').click();
    expect(await rules.getByTestId('rule-handover-days').inputValue()).toBe('15');
    await rules.getByTestId('rule-issue-plan-hours').fill('48');
    await rules.evaluate((el) => el.scrollIntoView());
    await shot(page, 'office-rules');
    await saveCommunitySettings(page);
    const saved = await env.call('community.get', { id: communityId }, session);
    expect(saved.settings.officeRules).toMatchObject({ handoverDays: 15, minTermYears: 3, issuePlanHours: 48 });
    expect(saved.settings.officeRules.checklist.map((i) => i.weight)).toEqual([20, 20, 20, 20, 20]);
  }, TEST_TIMEOUT);
});
