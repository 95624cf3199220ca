/**
 * Repair projects through the UI, on docs/domain.md §4's worked roster (1幢101
 * 90 m², 1幢102 110 m², 2幢201 100 m², 2幢202 95 m², 3幢301 and 302 120 m²
 * each), with Hangzhou's rules set for the community: an audit above 30,000
 * yuan, a new approval when the final cost overruns the estimate by 10 % or
 * more. Deposits are seeded through the API so that the sub-ledgers hold
 * money; the votes are created, filled and closed through the API (one with a
 * passed item 5 for 2幢, one with only an item 4, one still open).
 *
 * A project is created in the form, scoped to 2幢 and linked to the item-5
 * vote (the picker greys the two that cannot approve it). It is not yet
 * posted (尚未公示), and the page says so; a payment is made, and a final cost
 * of 33,000.01 is typed: both rules warn, and the overrun's note is asked for
 * before any look at the shares. 预览分摊 opens the look before the posting:
 * the shares (by area, 100 : 95, the fen left to the larger remainder,
 * computed by hand below), the total, the missing notice as a warning and
 * 确认分摊 waiting for a written reason; main's own refusal (a date tomorrow)
 * shows inside it. Charged with the reason, the project shows what was missing
 * and why, the voucher labels the reason and speaks of 支出, never 借/贷; the
 * sub-ledgers of 2幢 have moved by exactly those shares. An emergency project is refused by main until the
 * street's confirmation date is given, and a bad estimate is refused in the
 * contract's words. Screenshots go to /tmp/repairs-*.png.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { apportion } from '../../shared/domain/money';
import { officeDay, WORKED_ROSTER } from '../fixtures/worked-roster';
import { goTo, importRosterApi, openAndLogin, setupAdmin, TEST_TIMEOUT, UI_TIMEOUT, useE2E } from './harness';
import { choose, fieldError, gridRow, pickPart, quiet, settled, totalBecomes } from './ui-steps';

const env = useE2E();

const TODAY = officeDay(0);
const VOTE_TITLE = '关于使用维修资金维修2幢外墙的表决';
const OTHER_VOTE = '关于续聘物业服务企业的表决';
const OPEN_VOTE = '关于3幢电梯更新的表决';

let session = '';
let communityId = '';
let building2 = '';

async function households() {
  return (await env.call('fund.households', { communityId, text: '', belowTopUpOnly: false, offset: 0, limit: 50 }, session)).rows;
}

/** A vote of one item, every subject in its scope voting yes, closed (all returned, so it may close early). */
async function closedVote(title: string, category: number, scope: { buildingId: string }[]): Promise<string> {
  const vote = await env.call('vote.create', {
    communityId, title, opens: officeDay(-3), closes: officeDay(12), items: [{ title, category, scope }],
  }, session);
  const itemId = vote.items[0]!.id;
  const subjects = (await env.call('vote.subjects', { voteId: vote.id, search: '', state: 'all', offset: 0, limit: 50 }, session)).rows;
  for (const s of subjects) {
    await env.call('ballot.record', {
      voteId: vote.id, subjectId: s.id, choices: s.items.some((i) => i.itemId === itemId) ? [{ itemId, choice: 'yes' }] : [],
      valid: true, invalidReason: '', channel: '纸质', proxyHolder: '', proxyDocument: '', note: '',
    }, session);
  }
  await env.call('vote.close', { id: vote.id }, session);
  return vote.id;
}

beforeAll(async () => {
  session = await setupAdmin(env);
  communityId = await importRosterApi(env, session, '阳光小区', WORKED_ROSTER);
  const c = await env.call('community.get', { id: communityId }, session);
  await env.call('community.update', {
    ...c, settings: { ...c.settings, fundRules: { ...c.settings.fundRules, depositRatePerM2: 10000, repairAuditAbove: 3_000_000, repairReapprovalPercent: 10 } },
  }, session);
  building2 = (await env.call('community.buildings', { id: communityId }, session)).find((b) => b.name === '2幢')!.id;
  // Each part deposits 200 yuan per m².
  for (const h of await households()) {
    await env.call('fund.deposit', { partId: h.partId, amount: String(Number(h.area) * 200), date: TODAY, payer: '业主' }, session);
  }
  await closedVote(VOTE_TITLE, 5, [{ buildingId: building2 }]);
  await closedVote(OTHER_VOTE, 4, []);
  await env.call('vote.create', { communityId, title: OPEN_VOTE, opens: officeDay(-1), closes: officeDay(20), items: [{ title: OPEN_VOTE, category: 5 }] }, session);
}, TEST_TIMEOUT);

async function text(locator: Locator): Promise<string> {
  return (await locator.textContent()) ?? '';
}

async function openRepairs(page: Page): Promise<void> {
  await goTo(page, `#/c/${communityId}/repairs`);
  await page.locator('[data-testid=repairs-page][data-ready=true]').waitFor();
}

async function openForm(page: Page): Promise<Locator> {
  await page.getByTestId('repair-create').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByTestId('repair-form').waitFor();
  return dialog;
}

/** "12,345.67" → fen */
const fen = (yuan: string) => Math.round(Number(yuan.replace(/,/g, '')) * 100);
const yuan = (f: number) => (f / 100).toFixed(2);

describe('repair projects', () => {
  it('runs a repair project from vote to apportioned charges', async () => {
    const { page } = env;
    await openAndLogin(env);
    await openRepairs(page);
    expect(await text(page.getByTestId('repairs-empty'))).toContain('还没有维修项目');
    await page.screenshot({ path: '/tmp/repairs-empty.png' });
    await page.getByRole('menuitem', { name: '维修项目' }).waitFor();

    // ── the form: 2幢, by area, 30,000.00, approved by the item-5 vote ──
    const dialog = await openForm(page);
    await dialog.getByTestId('repair-title').fill('2幢外墙渗漏维修');
    await choose(page, 'repair-places', /^2幢$/);
    await dialog.getByTestId('repair-estimate').fill('30,000');
    await dialog.getByTestId('repair-contractor').fill('某某建筑工程有限公司');
    await page.getByTestId('repair-vote').click();
    const options = page.locator('.ant-select-dropdown:visible [data-testid=repair-vote-option]');
    await expect.poll(() => options.count(), { timeout: UI_TIMEOUT }).toBe(3);
    // The clerk sees each vote's status and result; only the closed vote whose item 5 passed can be picked.
    expect(await text(options.filter({ hasText: OPEN_VOTE }))).toContain('尚未结束');
    expect(await options.filter({ hasText: OPEN_VOTE }).getAttribute('data-usable')).toBe('false');
    expect(await text(options.filter({ hasText: OTHER_VOTE }))).toContain('没有通过的第5项议题');
    expect(await options.filter({ hasText: OTHER_VOTE }).getAttribute('data-usable')).toBe('false');
    expect(await text(options.filter({ hasText: VOTE_TITLE }))).toContain('第5项议题通过');
    await settled(page.locator('body'));
    await page.screenshot({ path: '/tmp/repairs-vote-picker.png' });
    await options.filter({ hasText: VOTE_TITLE }).click();
    await settled(page.locator('body'));
    await page.screenshot({ path: '/tmp/repairs-form.png' });
    await dialog.getByTestId('repair-save').click();

    // ── the project page ──
    await page.locator('[data-testid=repair-page][data-ready=true]').waitFor();
    expect(await text(page.getByTestId('repair-title-shown'))).toBe('2幢外墙渗漏维修');
    expect(await text(page.getByTestId('repair-scope'))).toBe('2幢');
    expect(await text(page.getByTestId('repair-overview'))).toContain('2 户');
    expect(await text(page.getByTestId('repair-estimate-shown'))).toBe('30,000.00 元');
    expect(await text(page.getByTestId('repair-vote-link'))).toBe(VOTE_TITLE);
    expect(await text(page.getByTestId('repair-status'))).toBe('已批准');
    expect(await page.getByTestId('repair-print-before').getAttribute('href')).toMatch(/\/print\/repair-notice\/[^?]+\?stage=before$/);

    // Not yet posted (尚未公示): the charge panel says so before anything is typed.
    expect(await text(page.getByTestId('repair-notice-state'))).toBe('尚未公示');
    await page.getByTestId('charge-notice-missing').waitFor();

    // 登记付款: 10,000.00 to the contractor.
    await page.getByTestId('repair-pay').click();
    const pay = page.getByRole('dialog');
    await pay.getByTestId('pay-form').waitFor();
    await pay.getByTestId('pay-amount').fill('10000');
    await pay.getByTestId('pay-memo').fill('支付外墙维修预付款');
    await pay.getByTestId('pay-save').click();
    await pay.waitFor({ state: 'hidden' });
    await totalBecomes(page, 'repair-payments-grid', 1);
    expect(await text(gridRow(page, 'repair-payments-grid', '预付款'))).toContain('10,000.00');
    expect(await text(page.getByTestId('repair-paid'))).toBe('10,000.00');

    // ── 决算分摊: 33,000.01 is above 30,000.00 (audit) and 10.00003 % over the estimate (re-approval) ──
    const before = new Map((await households()).map((h) => [h.address, fen(h.balance)]));
    await page.getByTestId('charge-final-cost').fill('33000.01');
    await page.getByTestId('charge-audit-warning').waitFor();
    expect(await text(page.getByTestId('charge-audit-warning'))).toContain('超过 30,000.00 元，按本小区规则须经审计');
    expect(await text(page.getByTestId('charge-overrun-warning'))).toContain('超出批准金额（预算）10.00%');
    expect(await text(page.getByTestId('charge-overrun'))).toBe('决算超出预算 10.00%');
    // The overrun's re-approval is the community's rule: no look at the shares without its note.
    await page.getByTestId('charge-preview').click();
    await expect.poll(() => fieldError(page, 'charge-overrun-reason').textContent(), { timeout: UI_TIMEOUT }).toBe('请填写超支说明');
    expect(await page.getByTestId('charge-confirm').count()).toBe(0);
    await page.getByTestId('charge-overrun-reason').fill('业主大会重新表决通过追加预算');
    await page.getByTestId('charge-audit-note').fill('审计报告 2026-18 号，审定金额 33,000.01 元');

    // 预览分摊: the look before the posting — every share, the total, what is missing (尚未公示), 确认 waiting for a reason.
    await page.getByTestId('charge-preview').click();
    const confirm = page.getByTestId('charge-confirm');
    await confirm.waitFor();
    // By area over 2幢 (195.00 m²): 3,300,001 fen × 100/195 = 1,692,308.2…, × 95/195 = 1,607,692.7…;
    // the floors make 3,300,000 and the 1 fen left goes to the larger remainder, 2幢202's.
    const expected = { '2幢201': 1692308, '2幢202': 1607693 };
    expect(expected['2幢201'] + expected['2幢202']).toBe(3300001);
    const byRule = apportion(3300001, [{ key: '2幢201', weight: 10000 }, { key: '2幢202', weight: 9500 }]);
    expect(Object.fromEntries(byRule)).toEqual(expected);
    expect(await text(gridRow(page, 'charge-shares-grid', '2幢201'))).toContain('16,923.08');
    expect(await text(gridRow(page, 'charge-shares-grid', '2幢202'))).toContain('16,076.93');
    expect(await gridRow(page, 'charge-shares-grid', /幢/).count()).toBe(2);
    expect(await text(page.getByTestId('charge-shares-method'))).toContain('余下的 1 分');
    expect(await text(page.getByTestId('charge-shares-weight'))).toBe('195.00 平方米');
    expect(await page.getByTestId('charge-sum').getAttribute('data-ok')).toBe('true');
    expect(await text(page.getByTestId('charge-sum'))).toBe('将把决算 33,000.01 元分入 2 户分户账，记一张凭证。各户分摊合计 33,000.01 元，等于决算金额 33,000.01 元。');
    expect(await text(page.getByTestId('charge-confirm-scope'))).toBe('2幢（2 户）');
    expect(await page.locator('[data-testid=charge-confirm-warning]').allTextContents()).toEqual(['尚未记录使用公示（事前）：使用维修资金应在施工前公示']);
    await expect.poll(() => page.getByTestId('charge-confirm-ok').isDisabled(), { timeout: UI_TIMEOUT }).toBe(true);
    await quiet(page);
    await page.screenshot({ path: '/tmp/repairs-confirm-warning.png' });

    // main's own refusal, in its words, inside the look: a charge dated tomorrow.
    await page.getByTestId('charge-confirm-back').click();
    await confirm.waitFor({ state: 'detached' });
    await page.getByTestId('charge-date').fill(officeDay(1));
    await page.getByTestId('charge-preview').click();
    await page.getByTestId('charge-confirm-reason').fill('外墙渗水危及住户安全，公示与施工同步进行');
    await expect.poll(() => page.getByTestId('charge-confirm-ok').isDisabled(), { timeout: UI_TIMEOUT }).toBe(false);
    await page.getByTestId('charge-confirm-ok').click();
    const refusal = page.getByTestId('charge-confirm-errors').getByRole('alert');
    await refusal.waitFor();
    expect(await text(refusal)).toContain('晚于今天，不能预先记账');
    // The reason was typed: going back asks before it is thrown away (GuardedModal).
    await page.getByTestId('charge-confirm-back').click();
    const ask = page.locator('.ant-modal-confirm').filter({ has: page.getByTestId('unsaved-question') });
    await ask.getByTestId('unsaved-leave').click();
    await confirm.waitFor({ state: 'detached' });
    await page.getByTestId('charge-date').fill(TODAY);
    await page.getByTestId('charge-preview').click();
    await page.getByTestId('charge-confirm-reason').fill('外墙渗水危及住户安全，公示与施工同步进行');
    await page.getByTestId('charge-confirm-ok').click();

    // ── charged: the entry, what was missing and why it went ahead, the shares, the notice after the works ──
    await page.getByTestId('repair-charged').waitFor();
    expect(await text(page.getByTestId('repair-status'))).toBe('已分摊');
    expect(await text(page.getByTestId('repair-final-shown'))).toBe('33,000.01 元');
    expect(await text(page.getByTestId('repair-audit-shown'))).toContain('审计报告 2026-18 号');
    expect(await text(page.getByTestId('repair-overrun-shown'))).toBe('业主大会重新表决通过追加预算');
    expect(await text(page.getByTestId('repair-overrides-shown'))).toBe('尚未记录使用公示（事前）：使用维修资金应在施工前公示。理由：外墙渗水危及住户安全，公示与施工同步进行');
    expect(await text(gridRow(page, 'repair-charged-shares-grid', '2幢201'))).toContain('16,923.08');
    expect(await text(gridRow(page, 'repair-charged-shares-grid', '2幢202'))).toContain('16,076.93');
    expect(await page.getByTestId('repair-print-after').getAttribute('href')).toMatch(/\?stage=after$/);
    expect(await text(page.getByTestId('repair-outstanding'))).toBe('按决算尚待支付施工单位 23,000.01 元');
    await expect.poll(() => text(page.getByTestId('repair-charge-entry')), { timeout: UI_TIMEOUT }).toMatch(/^第 \d+ 号凭证$/);
    await quiet(page);
    await page.getByTestId('repair-charged-shares-grid').scrollIntoViewIfNeeded();
    await page.screenshot({ path: '/tmp/repairs-charged.png' });

    // 公示 recorded afterwards: its date is kept.
    await page.getByTestId('repair-notice-date').fill(TODAY);
    await page.getByTestId('repair-notice-save').click();
    await expect.poll(() => page.getByTestId('repair-notice-state').getAttribute('data-date'), { timeout: UI_TIMEOUT }).toBe(TODAY);
    await page.getByTestId('repair-page').evaluate((el) => { el.scrollTop = 0; });
    await page.screenshot({ path: '/tmp/repairs-project.png' });

    // The sub-ledgers of 2幢 moved by exactly the shares; nobody else's did.
    const after = new Map((await households()).map((h) => [h.address, fen(h.balance)]));
    expect(yuan(before.get('2幢201')! - after.get('2幢201')!)).toBe('16923.08');
    expect(yuan(before.get('2幢202')! - after.get('2幢202')!)).toBe('16076.93');
    for (const address of ['1幢101', '1幢102', '3幢301', '3幢302']) expect(after.get(address)).toBe(before.get(address));
    // A part registered in 2幢 afterwards changes nothing of what was charged: the shares shown are the posted ones.
    await env.call('part.create', { communityId, building: '2幢', room: '203', area: '50.00' }, session);
    const project = (await env.call('repair.list', { communityId }, session)).find((x) => x.title === '2幢外墙渗漏维修')!;
    const shown = (await env.call('repair.get', { id: project.id }, session)).charge!;
    expect(shown.shares.map((x) => [x.address, x.amount])).toEqual([['2幢201', '16923.08'], ['2幢202', '16076.93']]);
    expect(shown.total).toBe('33000.01');

    // The charge entry opens in the books, in the treasurer's words: the households 支出 their shares, the reason labelled by the kind.
    await page.getByTestId('repair-charge-entry').click();
    const view = page.getByTestId('entry-view');
    await view.waitFor();
    expect(await text(page.getByTestId('entry-amount'))).toBe('33,000.01');
    expect(await text(page.getByTestId('entry-memo'))).toContain('2幢外墙渗漏维修');
    expect(await text(page.getByTestId('entry-reason-label'))).toBe('先行分摊的理由');
    expect(await text(page.getByTestId('entry-reason'))).toBe('外墙渗水危及住户安全，公示与施工同步进行');
    expect(await text(view)).not.toMatch(/[借贷]/);
    expect(await text(gridRow(page, 'entry-lines', '2幢202'))).toMatch(/使用.*支出.*16,076\.93/);
    await quiet(page);
    await page.screenshot({ path: '/tmp/repairs-voucher.png' });

    // The list: the project with its figures and flags.
    await openRepairs(page);
    const row = gridRow(page, 'repairs-grid', '2幢外墙渗漏维修');
    expect(await text(row)).toMatch(/2幢.*业主共同决定.*30,000\.00.*10,000\.00.*33,000\.01/);
    expect(await text(row.getByTestId('repair-row-status'))).toBe('已分摊');
    expect(await text(row.getByTestId('repair-row-audit'))).toBe('已审计');
    await quiet(page);
    await page.screenshot({ path: '/tmp/repairs-list.png' });
  }, TEST_TIMEOUT);

  it('an emergency project needs the committee\'s review and the street\'s confirmation: main says which is missing', async () => {
    const { page } = env;
    await openAndLogin(env);
    await openRepairs(page);
    const dialog = await openForm(page);
    await dialog.getByTestId('repair-title').fill('1幢101及3幢302屋面渗漏抢修');
    await dialog.getByTestId('repair-scope-kind').getByText('指定房屋').click();
    await pickPart(page, 'repair-part-picker', '1幢101');
    await pickPart(page, 'repair-part-picker', '3幢302');
    await expect.poll(() => dialog.getByTestId('repair-part-tag').allTextContents(), { timeout: UI_TIMEOUT }).toEqual(['1幢101', '3幢302']);
    // The picker is empty again, ready for the next address.
    expect(await text(dialog.getByTestId('repair-part-picker'))).not.toContain('3幢302');
    await dialog.getByTestId('repair-basis').getByText('按户均摊').click();
    await dialog.getByTestId('repair-approval').getByText('应急维修').click();
    await dialog.getByTestId('repair-emergency-note').fill('连续降雨，屋面渗漏，危及室内用电安全');
    await dialog.getByTestId('repair-review-date').fill(officeDay(-2));

    // A bad estimate: the contract's words on the field, nothing sent.
    await dialog.getByTestId('repair-estimate').fill('一千元');
    await dialog.getByTestId('repair-save').click();
    await dialog.getByText('预算金额“一千元”不是金额').waitFor();
    await dialog.getByTestId('repair-estimate').fill('1000.01');

    // No street confirmation: main refuses, its message above the buttons and on the field.
    await dialog.getByTestId('repair-save').click();
    const refusal = dialog.getByTestId('repair-form-errors').getByRole('alert');
    await refusal.waitFor();
    expect(await text(refusal)).toContain('应急维修须填写应急情形、业委会审核日期和街道确认日期');
    await dialog.getByText('请填写街道（乡镇）确认日期').waitFor();
    await settled(page.locator('body'));
    await page.screenshot({ path: '/tmp/repairs-emergency-refused.png' });
    expect((await env.call('repair.list', { communityId }, session)).length).toBe(1);

    await dialog.getByTestId('repair-street-date').fill(officeDay(-1));
    await dialog.getByTestId('repair-save').click();
    await page.locator('[data-testid=repair-page][data-ready=true]').waitFor();
    expect(await text(page.getByTestId('repair-scope'))).toBe('1幢101、3幢302');
    expect(await text(page.getByTestId('repair-basis-shown'))).toBe('按户均摊');
    expect(await text(page.getByTestId('repair-approval-shown'))).toContain(`业委会审核 ${officeDay(-2)}，街道确认 ${officeDay(-1)}`);
    expect(await text(page.getByTestId('repair-emergency-shown'))).toBe('连续降雨，屋面渗漏，危及室内用电安全');

    // Shared equally: 1,000.01 over two parts — the odd fen to the earlier address (equal weights).
    await page.getByTestId('charge-final-cost').fill('1000.01');
    await page.getByTestId('charge-preview').click();
    await page.getByTestId('charge-shares').waitFor();
    expect(await page.getByTestId('charge-audit-warning').count()).toBe(0);
    expect(await page.getByTestId('charge-overrun-warning').count()).toBe(0);
    expect(await text(gridRow(page, 'charge-shares-grid', '1幢101'))).toContain('500.01');
    expect(await text(gridRow(page, 'charge-shares-grid', '3幢302'))).toContain('500.00');
    expect(await text(page.getByTestId('charge-shares-weight'))).toBe('2 户');
    await expect.poll(() => page.getByTestId('charge-confirm').isDisabled(), { timeout: UI_TIMEOUT }).toBe(false);
    await quiet(page);
    await page.getByTestId('charge-shares-grid').scrollIntoViewIfNeeded();
    await page.screenshot({ path: '/tmp/repairs-emergency.png' });
  }, TEST_TIMEOUT);
});
