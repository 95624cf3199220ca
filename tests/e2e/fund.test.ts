/**
 * The treasurer's books through the UI, on docs/domain.md §4's worked roster
 * (1幢101 90 m², 1幢102 110 m², 2幢201 100 m², 2幢202 95 m², 3幢301 and 302
 * 120 m² each). The deposit rate is set in the community form (100 元/m²,
 * top-up to 50 %); deposits are recorded in 缴存 (dated last month, so that
 * last month can be closed at the end); the figures, the households table and
 * its 需续筹 filter follow. 收入 posts common revenue to its own bank account,
 * and a 收入 to the fund asks for the part. A sub-ledger shows who held the
 * part when (a sale keeps the balance with the part) and its running balance.
 * A deposit is reversed with a reason and both entries link to each other.
 * Earnings are shared by balance × days after a preview (the shares below are
 * computed by hand), an apportionment by area writes nothing, and once last
 * month is closed an entry dated in it is refused with main's words on screen.
 * Screenshots go to /tmp/fund-*.png.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addDays } from '../../shared/domain/dates';
import { officeDay, WORKED_ROSTER } from '../fixtures/worked-roster';
import { goTo, importRosterApi, openAndLogin, setupAdmin, TEST_TIMEOUT, UI_TIMEOUT, useE2E } from './harness';
import { choose, deposit, gridRow, painted, pickPart, settled, text, totalBecomes, openCommunitySettings, saveCommunitySettings } from './ui-steps';

const env = useE2E();

const TODAY = officeDay(0);
const LAST_MONTH_END = addDays(`${TODAY.slice(0, 7)}-01`, -1);
const LAST_MONTH = LAST_MONTH_END.slice(0, 7);
/** Every deposit the earnings weigh is dated here: the same number of days each, so shares go by amount. */
const DEPOSIT_DAY = `${LAST_MONTH}-05`;
const SALE_DAY = `${LAST_MONTH}-20`;

let session = '';
let communityId = '';

beforeAll(async () => {
  session = await setupAdmin(env);
  communityId = await importRosterApi(env, session, '阳光小区', WORKED_ROSTER);
}, TEST_TIMEOUT);

async function partId(address: string): Promise<string> {
  const page = await env.call('fund.households', { communityId, text: address, belowTopUpOnly: false, offset: 0, limit: 5 }, session);
  const row = page.rows.find((h) => h.address === address);
  if (!row) throw new Error(`no part at ${address}`);
  return row.partId;
}

async function openFund(page: Page): Promise<void> {
  await goTo(page, `#/c/${communityId}/fund`);
  await painted(page, 'fund-grid', '');
}

async function openLedger(page: Page): Promise<void> {
  await goTo(page, `#/c/${communityId}/ledger`);
  await painted(page, 'ledger-grid', '');
  await page.getByTestId('ledger-account').first().waitFor();
}

/** An account's balance in the side panel of the books. */
function accountBalance(page: Page, code: string) {
  return () => page.locator(`[data-testid=ledger-account][data-code="${code}"]`).getAttribute('data-balance');
}

describe('the treasurer\'s books', () => {
  it('sets the fund rules in the community form: the rate typed in yuan per m², kept in fen', async () => {
    const { page } = env;
    await openAndLogin(env);
    // The rules live on 小区设置 (the community's page), no longer in a dialog.
    const dialog = await openCommunitySettings(page);
    const rules = dialog.getByTestId('community-fund-rules');
    await rules.waitFor();
    // The national defaults; the hint names Shanghai's 50 %.
    expect(await rules.getByTestId('rule-fund-rate').inputValue()).toBe('');
    expect(await rules.getByTestId('rule-fund-trigger').inputValue()).toBe('30');
    expect(await rules.getByTestId('rule-fund-target').inputValue()).toBe('30');
    expect(await text(rules)).toContain('上海续筹至50%');

    await rules.getByTestId('rule-fund-rate').fill('100');
    await rules.getByTestId('rule-fund-target').fill('50');
    await rules.evaluate((el) => el.scrollIntoView());
    await page.screenshot({ path: '/tmp/fund-community-rules.png' });
    await saveCommunitySettings(page);
    const saved = await env.call('community.get', { id: communityId }, session);
    expect(saved.settings.fundRules).toMatchObject({ depositRatePerM2: 10000, topUpTriggerPercent: 30, topUpTargetPercent: 50 });
  }, TEST_TIMEOUT);

  it('缴存 through the form; the figures, the households table and its 需续筹 filter follow', async () => {
    const { page } = env;
    // One deposit through the API first (2幢201 pays its 10,000.00 in full); two through the form.
    await env.call('fund.deposit', { partId: await partId('2幢201'), amount: '10000', date: DEPOSIT_DAY, payer: 'B' }, session);
    await openAndLogin(env);
    await openFund(page);
    expect(await page.getByTestId('fund-grid').getAttribute('data-total')).toBe('6');
    expect(await text(page.getByTestId('fund-rules'))).toContain('100.00 元/平方米');

    // A date after today is refused by main, in its words, and nothing is posted.
    const refused = await deposit(page, '1幢101', '9,000', addDays(TODAY, 1));
    await expect.poll(() => text(refused.getByTestId('deposit-errors')), { timeout: UI_TIMEOUT }).toContain('晚于今天');
    expect(await text(refused.getByTestId('deposit-part-hint'))).toContain('应缴首期 9,000.00 元');
    expect(await refused.getByTestId('deposit-payer').inputValue()).toBe('A');
    await settled(page.locator('body'));
    await page.screenshot({ path: '/tmp/fund-deposit-refused.png' });
    await refused.getByTestId('deposit-date').fill(DEPOSIT_DAY);
    await refused.getByTestId('deposit-save').click();
    await refused.waitFor({ state: 'hidden' });

    // 1幢102 (110 m², 11,000.00 due) pays 3,000.00: below 30 % (3,300.00), topped up to 50 % by 2,500.00.
    await (await deposit(page, '1幢102', '3000.00', DEPOSIT_DAY)).waitFor({ state: 'hidden' });

    await expect.poll(() => text(page.getByTestId('fund-balance')), { timeout: UI_TIMEOUT }).toBe('22,000.00');
    expect(await text(page.getByTestId('fund-households-sum'))).toBe('22,000.00');
    expect(await text(page.getByTestId('fund-bank'))).toBe('22,000.00');
    // 1幢102 and the three parts with nothing deposited (2幢202, 3幢301, 3幢302).
    expect(await text(page.getByTestId('fund-below-count'))).toBe('4');
    const row102 = gridRow(page, 'fund-grid', '1幢102');
    await expect.poll(() => text(row102.getByTestId('household-top-up')), { timeout: UI_TIMEOUT }).toContain('2,500.00');
    expect(await text(row102)).toContain('3,000.00');
    expect(await gridRow(page, 'fund-grid', '1幢101').getByTestId('household-top-up').count()).toBe(0);
    await page.screenshot({ path: '/tmp/fund-households.png' });

    await page.getByTestId('fund-below-only').click();
    await totalBecomes(page, 'fund-grid', 4);
    await page.getByTestId('fund-search').fill('1幢');
    expect(await painted(page, 'fund-grid', '1幢')).toBe(1);
    expect(await text(gridRow(page, 'fund-grid', '1幢').first())).toContain('1幢102');
    await page.screenshot({ path: '/tmp/fund-households-below.png' });
  }, TEST_TIMEOUT);

  it('收入 puts common revenue in its own bank account; a 收入 to the fund asks for the part', async () => {
    const { page } = env;
    await openAndLogin(env);
    await openLedger(page);
    expect(await page.getByTestId('ledger-grid').getAttribute('data-total')).toBe('3');

    await page.getByTestId('ledger-income').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('record-form').waitFor();
    // Plain words: no 借 or 贷 anywhere in the form.
    expect(await text(dialog)).not.toMatch(/[借贷]/);
    await choose(page, 'record-to', /^1002 /);
    await choose(page, 'record-from', /^4001 /);
    expect(await dialog.getByTestId('record-part').count()).toBe(0);
    await dialog.getByTestId('record-amount').fill('5000');
    await dialog.getByTestId('record-memo').fill('电梯广告费');
    await dialog.getByTestId('record-counterparty').fill('某广告公司');
    await dialog.getByTestId('record-save').click();
    await dialog.waitFor({ state: 'hidden' });
    await totalBecomes(page, 'ledger-grid', 4);
    await expect.poll(accountBalance(page, '1002'), { timeout: UI_TIMEOUT }).toBe('5000.00');
    expect(await accountBalance(page, '4001')()).toBe('5000.00');

    // Money into the fund belongs to a household: the part is asked for, and required.
    await page.getByTestId('ledger-income').click();
    await dialog.getByTestId('record-form').waitFor();
    await choose(page, 'record-to', /^1001 /);
    await choose(page, 'record-from', /^2001 /);
    await dialog.getByTestId('record-part').waitFor();
    await dialog.getByTestId('record-amount').fill('100');
    await dialog.getByTestId('record-memo').fill('补缴维修资金');
    await dialog.getByTestId('record-save').click();
    await dialog.getByText('请选择房屋').waitFor();
    await pickPart(page, 'record-part', '2幢202');
    await settled(page.locator('body'));
    await page.screenshot({ path: '/tmp/fund-record-income-part.png' });
    await dialog.getByTestId('record-save').click();
    await dialog.waitFor({ state: 'hidden' });
    await totalBecomes(page, 'ledger-grid', 5);
    await expect.poll(accountBalance(page, '2001'), { timeout: UI_TIMEOUT }).toBe('22100.00');

    // 支出: out of the revenue's bank account, for its costs; the bank account is asked for first.
    await page.getByTestId('ledger-expense').click();
    await dialog.getByTestId('record-form').waitFor();
    expect((await dialog.locator('.ant-form-item-label').allTextContents()).slice(0, 2)).toEqual(['付款账户', '用途']);
    await choose(page, 'record-from', /^1002 /);
    await choose(page, 'record-to', /^5001 /);
    await dialog.getByTestId('record-amount').fill('300.50');
    await dialog.getByTestId('record-memo').fill('广告位维护费');
    await settled(page.locator('body'));
    await page.screenshot({ path: '/tmp/fund-record-expense.png' });
    await dialog.getByTestId('record-save').click();
    await dialog.waitFor({ state: 'hidden' });
    await totalBecomes(page, 'ledger-grid', 6);
    await expect.poll(accountBalance(page, '1002'), { timeout: UI_TIMEOUT }).toBe('4699.50');
    expect(await accountBalance(page, '5001')()).toBe('300.50');

    // Words find the entry: the grid paints that query.
    await page.getByTestId('ledger-search').fill('广告');
    expect(await painted(page, 'ledger-grid', '广告')).toBe(2);
    expect(await text(gridRow(page, 'ledger-grid', '电梯广告费'))).toContain('某广告公司');
    expect(await text(gridRow(page, 'ledger-grid', '广告位维护费'))).toContain('300.50');
    await page.screenshot({ path: '/tmp/fund-ledger.png' });
  }, TEST_TIMEOUT);

  it('a sub-ledger shows who held the part when (the balance stays with it on a sale) and every line with its running balance', async () => {
    const { page } = env;
    // B sells 2幢201 to 庚业主, who then pays 500.00 (dated today, after last month's interest period).
    const part201 = await partId('2幢201');
    const buyer = await env.call('person.create', { communityId, name: '庚业主', document: '', phone: '' }, session);
    await env.call('part.setOwners', { partId: part201, personIds: [buyer.id], date: SALE_DAY }, session);
    await env.call('fund.deposit', { partId: part201, amount: '500', date: TODAY, payer: '庚业主' }, session);

    await openAndLogin(env);
    await openFund(page);
    await gridRow(page, 'fund-grid', '2幢201').click();
    await page.locator('[data-testid=sub-ledger-page][data-ready=true]').waitFor();
    expect(await text(page.getByTestId('sub-ledger-title'))).toBe('分户账：2幢201');
    expect(await text(page.getByTestId('sub-ledger-deposited'))).toBe('10,500.00');
    expect(await text(page.getByTestId('sub-ledger-balance'))).toBe('10,500.00');
    expect(await text(gridRow(page, 'sub-ledger-owners', /^B/))).toContain(SALE_DAY);
    expect(await text(gridRow(page, 'sub-ledger-owners', '庚业主'))).toMatch(new RegExp(`${SALE_DAY}.*至今`));
    const lines = gridRow(page, 'sub-ledger-lines', /缴存/);
    expect(await lines.count()).toBe(2);
    expect(await text(lines.nth(0))).toMatch(/10,000\.00.*10,000\.00/);
    expect(await text(lines.nth(1))).toMatch(/500\.00.*10,500\.00/);
    await page.screenshot({ path: '/tmp/fund-sub-ledger.png', fullPage: true });

    // A line's entry number opens that entry in the books.
    await lines.nth(1).locator('a').click();
    await page.getByTestId('entry-view').waitFor();
    expect(await text(page.getByTestId('entry-memo'))).toContain('2幢201');
    expect(await text(page.getByTestId('entry-amount'))).toBe('500.00');
  }, TEST_TIMEOUT);

  it('冲销 needs a reason, posts the opposite entry, and links both ways', async () => {
    const { page } = env;
    await openAndLogin(env);
    await openLedger(page);
    await page.getByTestId('ledger-search').fill('1幢102');
    expect(await painted(page, 'ledger-grid', '1幢102')).toBe(1);
    await gridRow(page, 'ledger-grid', '1幢102').click();
    const view = page.getByTestId('entry-view');
    await view.waitFor();
    const original = Number(await view.getAttribute('data-number'));
    // The voucher in the treasurer's words: per account 收入 and the amount that moved, never debit and credit.
    expect(await text(view)).not.toMatch(/[借贷]/);
    expect(await page.locator('[data-testid=entry-accounts] [data-testid=direction]').evaluateAll((els) => els.map((e) => e.getAttribute('data-direction'))))
      .toEqual(['收入', '收入']);
    expect(await text(page.getByTestId('entry-amount'))).toBe('3,000.00');
    expect(await text(gridRow(page, 'entry-lines', '1幢102'))).toMatch(/缴存.*收入.*3,000\.00/);

    await page.getByTestId('entry-reverse').click();
    const dialog = page.getByRole('dialog').filter({ has: page.getByTestId('reverse-form') });
    await dialog.getByTestId('reverse-save').click();
    await dialog.getByText('请填写冲销原因').waitFor();
    await dialog.getByTestId('reverse-reason').fill('金额录错，应为3300元');
    await dialog.getByTestId('reverse-save').click();
    await dialog.waitFor({ state: 'hidden' });

    // The drawer now shows the reversal, which names what it reverses and why.
    await expect.poll(async () => Number(await view.getAttribute('data-number')), { timeout: UI_TIMEOUT }).not.toBe(original);
    const reversal = Number(await view.getAttribute('data-number'));
    expect(await text(page.getByTestId('entry-kind'))).toBe('冲销');
    expect(await text(page.getByTestId('entry-reason'))).toBe('金额录错，应为3300元');
    expect(await text(page.getByTestId('entry-reason-label'))).toBe('冲销原因');
    // Red ink: the original's words with the amounts negative.
    expect(await text(page.getByTestId('entry-amount'))).toBe('-3,000.00');
    expect(await text(view)).not.toMatch(/[借贷]/);
    expect(await text(page.getByTestId('entry-reverses-link'))).toBe(`第 ${original} 号`);
    expect(await page.getByTestId('entry-reverse').count()).toBe(0);
    await settled(page.locator('body'));
    await page.screenshot({ path: '/tmp/fund-reversal.png' });

    // …and the original names its reversal, and cannot be reversed again.
    await page.getByTestId('entry-reverses-link').click();
    await expect.poll(async () => Number(await view.getAttribute('data-number')), { timeout: UI_TIMEOUT }).toBe(original);
    expect(await text(page.getByTestId('entry-reversed-by-link'))).toBe(`第 ${reversal} 号`);
    expect(await page.getByTestId('entry-reverse').count()).toBe(0);
    await page.getByTestId('entry-reversed-by-link').click();
    await expect.poll(async () => Number(await view.getAttribute('data-number')), { timeout: UI_TIMEOUT }).toBe(reversal);

    // Both in the table, tagged.
    await page.keyboard.press('Escape');
    await totalBecomes(page, 'ledger-grid', 2);
    expect(await gridRow(page, 'ledger-grid', '1幢102').getByTestId('entry-reversed-tag').count()).toBe(1);
    expect(await gridRow(page, 'ledger-grid', '1幢102').getByTestId('entry-reversal-tag').count()).toBe(1);
    // 22,000.00 + 100.00 (2幢202) + 500.00 (2幢201) − 3,000.00 reversed.
    expect((await env.call('fund.balance', { communityId }, session)).households).toBe('19600.00');
  }, TEST_TIMEOUT);

  it('分配增值收益 previews the interest received and its shares by balance × days before posting; 按面积分摊试算 writes nothing', async () => {
    const { page } = env;
    // Last month's interest, credited by the bank on its last day, is in 待分配增值收益 (a statement's 结息 row does the same).
    const accounts = (await env.call('ledger.books', { communityId }, session)).accounts;
    const role = (r: string) => accounts.find((a) => a.role === r)!.id;
    const interest = await env.call('ledger.record', {
      communityId, form: 'income', date: LAST_MONTH_END, amount: '100.00', debitAccountId: role('fund-bank'), creditAccountId: role('interest'),
      partId: null, category: null, memo: '银行结息', counterparty: '银行', reference: '',
    }, session);
    await openAndLogin(env);
    await openFund(page);
    await page.getByTestId('fund-earnings').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('earnings-form').waitFor();
    // Last month is offered: interest is credited for the month just ended.
    expect(await dialog.getByTestId('earnings-start').inputValue()).toBe(`${LAST_MONTH}-01`);
    expect(await dialog.getByTestId('earnings-end').inputValue()).toBe(LAST_MONTH_END);
    // Nothing can be posted from the form itself: the preview opens the look before the posting, with its 确认入账.
    expect(await dialog.getByTestId('earnings-confirm-ok').count()).toBe(0);
    await dialog.getByTestId('earnings-preview').click();
    const confirm = page.getByTestId('earnings-confirm');
    await confirm.waitFor();
    // What is shared is the receipt booked, not an amount typed: no second bank receipt.
    expect(await text(gridRow(page, 'earnings-receipts-grid', '银行结息'))).toContain(`第 ${interest.number} 号`);
    expect(await text(page.getByTestId('earnings-shares-total'))).toBe('100.00');
    expect(await text(page.getByTestId('earnings-confirm-summary'))).toContain('100.00 元按余额×天数分入 3 户分户账');
    expect(await text(page.getByTestId('earnings-confirm-households'))).toBe('3 户');
    // Balances held last month, all since the 5th: 9,000 : 3,000 : 10,000 (the reversal and the later deposits are dated today).
    // 100.00 × 9/22 = 40.909…, × 3/22 = 13.636…, × 10/22 = 45.454…: 99.98, the 2 fen left go to the two largest remainders.
    expect(await text(confirm.getByTestId('earnings-shares-method'))).toContain('余下的 2 分');
    expect(await text(confirm.getByTestId('earnings-shares-weight'))).toMatch(/元·天$/);
    expect(await text(gridRow(page, 'earnings-shares-grid', '1幢101'))).toContain('40.91');
    expect(await text(gridRow(page, 'earnings-shares-grid', '1幢102'))).toContain('13.64');
    expect(await text(gridRow(page, 'earnings-shares-grid', '2幢201'))).toContain('45.45');
    expect(await gridRow(page, 'earnings-shares-grid', /幢/).count()).toBe(3);
    await settled(page.locator('body'));
    await page.screenshot({ path: '/tmp/fund-earnings-preview.png' });

    // 返回修改 goes back to the form; a changed posting date is looked at again before it can be posted.
    await page.getByTestId('earnings-confirm-back').click();
    await confirm.waitFor({ state: 'detached' });
    await dialog.getByTestId('earnings-date').fill(TODAY);
    await dialog.getByTestId('earnings-preview').click();
    await confirm.waitFor();
    expect(await text(page.getByTestId('earnings-confirm')).then((s) => s.includes(TODAY))).toBe(true);
    await page.getByTestId('earnings-confirm-back').click();
    await confirm.waitFor({ state: 'detached' });
    await dialog.getByTestId('earnings-date').fill('');
    await dialog.getByTestId('earnings-preview').click();
    await expect.poll(() => text(page.getByTestId('earnings-shares-total')), { timeout: UI_TIMEOUT }).toBe('100.00');
    await page.getByTestId('earnings-confirm-ok').click();
    await confirm.waitFor({ state: 'detached' });
    await dialog.getByTestId('earnings-form').waitFor({ state: 'detached' });
    await expect.poll(() => text(page.getByTestId('fund-balance')), { timeout: UI_TIMEOUT }).toBe('19,700.00');
    expect(await text(gridRow(page, 'fund-grid', '1幢101'))).toContain('40.91');
    // The bank holds the fund and nothing else: the reconciliation's line agrees.
    expect(await text(page.getByTestId('fund-recon-difference'))).toBe('0.00');

    // Sharing 1,000.01 over 1幢 by area: 90 : 110, the fen left to the larger remainder.
    await page.getByTestId('fund-apportion').click();
    const trial = page.getByRole('dialog');
    await trial.getByTestId('apportion-form').waitFor();
    await choose(page, 'apportion-building', /^1幢$/);
    await trial.getByTestId('apportion-amount').fill('1000.01');
    await trial.getByTestId('apportion-calculate').click();
    await trial.getByTestId('apportion-shares').waitFor();
    expect(await text(gridRow(page, 'apportion-shares-grid', '1幢101'))).toContain('450.00');
    expect(await text(gridRow(page, 'apportion-shares-grid', '1幢102'))).toContain('550.01');
    expect(await text(trial.getByTestId('apportion-shares-weight'))).toBe('200.00 平方米');
    await settled(page.locator('body'));
    await page.screenshot({ path: '/tmp/fund-apportion.png' });
    expect((await env.call('fund.balance', { communityId }, session)).fund).toBe('19700.00');
  }, TEST_TIMEOUT);

  it('结账 closes last month; an entry dated in it is then refused with main\'s words on screen', async () => {
    const { page } = env;
    await openAndLogin(env);
    await openLedger(page);
    expect(await text(page.getByTestId('ledger-closed-through'))).toBe('尚未结账');
    await page.getByTestId('ledger-close-month').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('close-month-form').waitFor();
    expect(await dialog.getByTestId('close-month-month').inputValue()).toBe(LAST_MONTH);
    expect(await text(dialog.getByTestId('close-month-confirm'))).toContain(`${LAST_MONTH} 及以前的凭证都将不能记入`);
    await settled(page.locator('body'));
    await page.screenshot({ path: '/tmp/fund-close-month.png' });
    await dialog.getByTestId('close-month-save').click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByTestId('ledger-closed-through').getAttribute('data-month'), { timeout: UI_TIMEOUT }).toBe(LAST_MONTH);
    expect(await text(page.getByTestId('ledger-closed-through'))).toBe(`已结账至 ${LAST_MONTH}`);
    const before = await page.getByTestId('ledger-grid').getAttribute('data-total');

    await page.getByTestId('ledger-income').click();
    await dialog.getByTestId('record-form').waitFor();
    await choose(page, 'record-to', /^1002 /);
    await choose(page, 'record-from', /^4001 /);
    await dialog.getByTestId('record-amount').fill('50');
    await dialog.getByTestId('record-date').fill(`${LAST_MONTH}-10`);
    await dialog.getByTestId('record-memo').fill('补记上月停车费');
    await dialog.getByTestId('record-save').click();
    const refusal = dialog.getByTestId('record-errors').getByRole('alert');
    await refusal.waitFor();
    expect(await text(refusal)).toContain(`已结账，不能再记入日期为 ${LAST_MONTH}-10 的凭证`);
    await settled(page.locator('body'));
    await page.screenshot({ path: '/tmp/fund-closed-refused.png' });
    expect(await page.getByTestId('ledger-grid').getAttribute('data-total')).toBe(before);
  }, TEST_TIMEOUT);
});
