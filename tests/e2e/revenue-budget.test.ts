/**
 * 公共收益 and 业委会预算 through the UI, on docs/domain.md §4's worked roster (six
 * parts, 635.00 m²). The community form takes Beijing's rule (at least 50 %
 * of the net revenue to the fund while the fund is below 30 % of the initial
 * deposits; 100 元/m², so 63,500.00 due and nothing deposited) and
 * Hangzhou's repair rules (audit above 30,000 元, re-approval at 10 %).
 * A quarter's elevator ads and parking and one reasonable cost are recorded
 * in the forms; the summary and the proposed transfer are checked against
 * figures computed by hand, the transfer is posted and the fund grows by
 * exactly that. The budget's lines are set, one spent to 90 % (warning) and
 * one to 100 % (error); bad input shows the contract's or main's words naming
 * the field. A transfer is judged on the fund before the period's own
 * transfers, and revenue already transferred for a quarter cannot go again
 * under a period cutting across it. Screenshots go to /tmp/revenue-*.png.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { addDays } from '../../shared/domain/dates';
import { apportion } from '../../shared/domain/money';
import { officeDay, WORKED_ROSTER } from '../fixtures/worked-roster';
import { goTo, importRosterApi, openAndLogin, setupAdmin, TEST_TIMEOUT, UI_TIMEOUT, useE2E } from './harness';
import { choose, gridRow, recordRevenue, settled, spendBudget, text, type RevenueLine, openCommunitySettings, saveCommunitySettings } from './ui-steps';

const env = useE2E();

const TODAY = officeDay(0);
const YEAR = Number(TODAY.slice(0, 4));
/** The current quarter, worked out here independently of the screen. */
const QUARTER = Math.floor((Number(TODAY.slice(5, 7)) - 1) / 3) + 1;
const Q_FROM = `${YEAR}-${String(QUARTER * 3 - 2).padStart(2, '0')}-01`;
const Q_TO = addDays(QUARTER === 4 ? `${YEAR + 1}-01-01` : `${YEAR}-${String(QUARTER * 3 + 1).padStart(2, '0')}-01`, -1);
const QUARTER_NAMES = ['第一季度', '第二季度', '第三季度', '第四季度'];

let session = '';
let communityId = '';

beforeAll(async () => {
  session = await setupAdmin(env);
  communityId = await importRosterApi(env, session, '阳光小区', WORKED_ROSTER);
}, TEST_TIMEOUT);

async function openRevenue(page: Page): Promise<void> {
  await goTo(page, `#/c/${communityId}/revenue`);
  await expect.poll(() => page.getByTestId('revenue-page').getAttribute('data-period'), { timeout: UI_TIMEOUT }).toBe(`${Q_FROM}/${Q_TO}`);
}

async function openBudget(page: Page): Promise<void> {
  await goTo(page, `#/c/${communityId}/budget`);
  await expect.poll(() => page.getByTestId('budget-page').getAttribute('data-year'), { timeout: UI_TIMEOUT }).toBe(String(YEAR));
}

/** 登记收益 or 登记成本, dated the quarter's first day unless told. */
const record = (page: Page, direction: 'income' | 'cost', r: Omit<RevenueLine, 'date'> & { date?: string }) =>
  recordRevenue(page, direction, { ...r, date: r.date ?? Q_FROM });

function kindRow(page: Page, kind: string): Locator {
  return page.locator(`[data-testid=revenue-kind-row][data-kind="${kind}"]`);
}

async function cells(row: Locator): Promise<string[]> {
  return (await row.locator('td').allTextContents()).map((s) => s.trim());
}

/** One budget line's row: its state tag and percent. */
function budgetRow(page: Page, name: string): Locator {
  return gridRow(page, 'budget-lines', name);
}

const spend = (page: Page, line: RegExp, amount: string, date = TODAY) => spendBudget(page, line, amount, date);

describe('common revenue and the committee\'s budget', () => {
  it('sets Beijing\'s revenue rule and Hangzhou\'s repair rules in the community form (audit typed in yuan, kept in fen)', async () => {
    const { page } = env;
    await openAndLogin(env);
    // The rules live on 小区设置 (the community's page), no longer in a dialog.
    const dialog = await openCommunitySettings(page);
    const revenue = dialog.getByTestId('community-revenue-rules');
    const repair = dialog.getByTestId('community-repair-rules');
    await revenue.waitFor();
    // The national defaults: 50 %, at least, whatever the fund; no repair rules. The hints name Beijing and Shanghai, Hangzhou.
    expect(await revenue.getByTestId('rule-revenue-percent').inputValue()).toBe('50');
    expect(await revenue.getByRole('radio', { name: '不少于（≥）' }).isChecked()).toBe(true);
    expect(await revenue.getByTestId('rule-revenue-below').inputValue()).toBe('');
    expect(await text(revenue)).toContain('北京：维修资金余额低于首期应缴总额的30%时，不少于50%转入');
    expect(await text(revenue)).toContain('上海：每季度将超过50%转入');
    expect(await text(revenue.getByTestId('rule-revenue-preview'))).toContain('不论维修资金余额多少');
    expect(await repair.getByTestId('rule-repair-audit').inputValue()).toBe('');
    expect(await text(repair)).toContain('杭州为30,000元');
    // The presets say which local practice the figures match, and where it comes from.
    expect(await text(repair.getByTestId('rule-repair-preset'))).toContain('不设');
    expect(await text(revenue.getByTestId('rule-revenue-preset'))).toContain('自定义');

    // The rate (100 元/m²) gives the initial deposits the Beijing rule compares with.
    await dialog.getByTestId('rule-fund-rate').fill('100');
    await revenue.getByTestId('rule-revenue-below').fill('30');
    // Typed as Beijing's rule, the picker names it and its source.
    await expect.poll(() => text(revenue.getByTestId('rule-revenue-preset')), { timeout: UI_TIMEOUT }).toContain('北京');
    expect(await text(revenue.getByTestId('rule-revenue-preset-source'))).toContain('北京的做法');
    // "More than" and back: the preview follows the choice.
    await revenue.getByRole('radio', { name: '超过（>）' }).check();
    await expect.poll(() => text(revenue.getByTestId('rule-revenue-preview')), { timeout: UI_TIMEOUT }).toContain('超过 50%');
    await revenue.getByRole('radio', { name: '不少于（≥）' }).check();
    await expect.poll(() => text(revenue.getByTestId('rule-revenue-preview')), { timeout: UI_TIMEOUT })
      .toBe('即：每期净收益的不少于 50% 转入维修资金，仅在维修资金余额低于首期应缴总额的 30% 时。');
    // Hangzhou's repair rules in one choice: the fields are filled (and stay editable).
    await choose(page, 'rule-repair-preset', /^杭州/);
    await expect.poll(() => repair.getByTestId('rule-repair-audit').inputValue(), { timeout: UI_TIMEOUT }).toBe('30000.00');
    expect(await repair.getByTestId('rule-repair-reapproval').inputValue()).toBe('10');
    expect(await text(repair.getByTestId('rule-repair-preset-source'))).toContain('杭州的做法');
    await revenue.evaluate((el) => el.scrollIntoView());
    await settled(page.locator('body'));
    await page.screenshot({ path: '/tmp/revenue-community-rules.png' });
    await saveCommunitySettings(page);
    const saved = await env.call('community.get', { id: communityId }, session);
    expect(saved.settings.fundRules).toMatchObject({
      depositRatePerM2: 10000, revenueTransferPercent: 50, revenueTransferStrict: false, revenueTransferOnlyBelowPercent: 30,
      repairAuditAbove: 3_000_000, repairReapprovalPercent: 10,
    });

    // Opened again, the audit threshold shows in yuan.
    await openCommunitySettings(page);
    await repair.waitFor();
    expect(await repair.getByTestId('rule-repair-audit').inputValue()).toBe('30000.00');
    expect(await revenue.getByTestId('rule-revenue-below').inputValue()).toBe('30');
    expect(await text(repair.getByTestId('rule-repair-preset'))).toContain('杭州');
  }, TEST_TIMEOUT);

  it('records a quarter\'s revenue and a cost; the summary and the proposed transfer match the hand figures; the transfer moves exactly that into the fund', async () => {
    const { page } = env;
    await openAndLogin(env);
    await openRevenue(page);
    // The current quarter is shown first, with nothing in it yet.
    expect(await text(page.getByTestId('revenue-period-label'))).toBe(`${YEAR}年${QUARTER_NAMES[QUARTER - 1]}（${Q_FROM} 至 ${Q_TO}）`);
    expect(await text(page.getByTestId('revenue-net'))).toBe('0.00');
    expect(await page.getByTestId('revenue-proposal').getAttribute('data-required')).toBe('false');
    expect(await text(page.getByTestId('revenue-proposal-why'))).toContain('没有结余');
    await expect.poll(() => page.getByTestId('revenue-transfer').isDisabled(), { timeout: UI_TIMEOUT }).toBe(true);

    // Bad input: an amount with three decimals is refused on its field in the contract's words; a date after today by main.
    const bad = await record(page, 'income', { kind: /^电梯广告$/, amount: '12.345', counterparty: '某某传媒有限公司', memo: '电梯广告费' });
    await bad.getByText('金额“12.345”不是金额，应为如 1234.56 的元数，最多两位小数').waitFor();
    await bad.getByTestId('revenue-record-amount').fill('12345.67');
    await bad.getByTestId('revenue-record-date').fill(addDays(TODAY, 1));
    await bad.getByTestId('revenue-record-save').click();
    await expect.poll(() => text(bad.getByTestId('revenue-record-errors')), { timeout: UI_TIMEOUT }).toContain('晚于今天');
    await settled(page.locator('body'));
    await page.screenshot({ path: '/tmp/revenue-record-refused.png' });
    await bad.getByRole('button', { name: /取\s*消/ }).click();
    // Typed in the dialog: 取消 asks before throwing it away (components/useDialogGuard).
    await page.getByTestId('unsaved-leave').click();
    await page.locator('.ant-modal-confirm').waitFor({ state: 'detached' });
    await bad.waitFor({ state: 'hidden' });
    expect((await env.call('revenue.summary', { communityId, from: Q_FROM, to: Q_TO }, session)).entries).toHaveLength(0);

    await (await record(page, 'income', {
      kind: /^电梯广告$/, amount: '12,345.67', counterparty: '某某传媒有限公司', contract: '电梯广告位租赁合同 2026-01', memo: '电梯广告费',
    })).waitFor({ state: 'hidden' });
    await (await record(page, 'income', { kind: /^停车$/, amount: '8000', counterparty: '某停车管理公司', contract: '地面停车位管理协议', memo: '地面停车费' }))
      .waitFor({ state: 'hidden' });
    const cost = await record(page, 'cost', { kind: /^电梯广告$/, amount: '1234.56', counterparty: '某物业服务有限公司', memo: '广告位维护费' });
    await cost.waitFor({ state: 'hidden' });

    // Income 12,345.67 + 8,000.00 = 20,345.67; cost 1,234.56; net 19,111.11.
    await expect.poll(() => text(page.getByTestId('revenue-income')), { timeout: UI_TIMEOUT }).toBe('20,345.67');
    await expect.poll(() => text(page.getByTestId('revenue-cost')), { timeout: UI_TIMEOUT }).toBe('1,234.56');
    expect(await text(page.getByTestId('revenue-net'))).toBe('19,111.11');
    expect(await text(page.getByTestId('revenue-transferred'))).toBe('0.00');
    expect(await cells(kindRow(page, '电梯广告'))).toEqual(['电梯广告', '12,345.67', '1,234.56', '11,111.11']);
    expect(await cells(kindRow(page, '停车'))).toEqual(['停车', '8,000.00', '0.00', '8,000.00']);
    expect(await cells(kindRow(page, '场地租金'))).toEqual(['场地租金', '0.00', '0.00', '0.00']);
    expect(await cells(page.getByTestId('revenue-kind-total'))).toEqual(['合计', '20,345.67', '1,234.56', '19,111.11']);
    expect(await gridRow(page, 'revenue-entries', /./).count()).toBe(3);
    expect(await text(gridRow(page, 'revenue-entries', '电梯广告费'))).toContain('电梯广告位租赁合同 2026-01');
    expect(await text(gridRow(page, 'revenue-entries', '广告位维护费'))).toMatch(/电梯广告（合理成本）.*支出.*1,234\.56.*某物业服务有限公司/);
    // Each movement with the account's balance after it: 12,345.67 + 8,000.00 − 1,234.56.
    expect(await text(gridRow(page, 'revenue-entries', '广告位维护费'))).toContain('19,111.11');

    // The fund holds 0.00 of 63,500.00 due, below 30 %: at least 50 % of 19,111.11 = 9,555.555, up to the fen 9,555.56.
    const proposal = page.getByTestId('revenue-proposal');
    expect(await proposal.getAttribute('data-required')).toBe('true');
    expect(await text(page.getByTestId('revenue-proposal-tag'))).toBe('本期应转入');
    expect(await text(page.getByTestId('revenue-proposal-amount'))).toBe('9,555.56 元');
    expect(await text(page.getByTestId('revenue-proposal-outstanding'))).toBe('9,555.56 元');
    expect(await text(page.getByTestId('revenue-proposal-why'))).toBe('本期净收益的不少于 50%应转入维修资金（维修资金余额为首期应缴总额的 0.00%，低于 30%）');
    expect(await text(page.getByTestId('revenue-proposal-rule'))).toBe('不少于 50%，仅在维修资金低于首期应缴的 30% 时');
    // The condition, with the fund's ratio as computed.
    expect(await text(page.getByTestId('revenue-proposal-condition')))
      .toBe('仅在维修资金余额低于首期应缴总额的 30% 时转入；维修资金余额 0.00 元 ÷ 首期应缴总额 63,500.00 元 = 0.00%，低于 30%，条件成立');
    await settled(page.locator('body'));
    await page.screenshot({ path: '/tmp/revenue-summary.png', fullPage: true });

    // 打印公示 opens the print view of the period shown.
    await page.getByTestId('revenue-print').click();
    await expect.poll(() => page.evaluate(() => window.location.hash), { timeout: UI_TIMEOUT })
      .toBe(`#/c/${communityId}/print/revenue?from=${Q_FROM}&to=${Q_TO}`);
    await openRevenue(page);

    // 转入维修资金: prefilled with the proposal; the fund grows by exactly that.
    const before = await env.call('fund.balance', { communityId }, session);
    expect(before.fund).toBe('0.00');
    await page.getByTestId('revenue-transfer').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('revenue-transfer-form').waitFor();
    expect(await dialog.getByTestId('revenue-transfer-amount').inputValue()).toBe('9555.56');
    expect(await dialog.getByTestId('revenue-transfer-date').inputValue()).toBe(TODAY);
    expect(await text(dialog.getByTestId('revenue-transfer-facts'))).toContain(`${Q_FROM} 至 ${Q_TO}`);
    // More than the net is refused by main at the preview already, which names what is left.
    await dialog.getByTestId('revenue-transfer-amount').fill('20000');
    await dialog.getByTestId('revenue-transfer-preview').click();
    await expect.poll(() => text(dialog.getByTestId('revenue-transfer-errors')), { timeout: UI_TIMEOUT }).toContain('19111.11');
    expect(await page.getByTestId('revenue-transfer-confirm').count()).toBe(0);
    await dialog.getByTestId('revenue-transfer-amount').fill('9555.56');
    await settled(page.locator('body'));
    await page.screenshot({ path: '/tmp/revenue-transfer.png' });
    // 预览分户: every part's share by area, adding up to the fen, before anything is posted; then 确认转入.
    await dialog.getByTestId('revenue-transfer-preview').click();
    const confirm = page.getByTestId('revenue-transfer-confirm');
    await confirm.waitFor();
    expect(await text(page.getByTestId('revenue-transfer-confirm-summary'))).toContain('转出 9,555.56 元 到维修资金专户，并按专有部分面积分入 6 户分户账');
    expect(await text(page.getByTestId('revenue-transfer-shares-total'))).toBe('9,555.56');
    expect(await text(page.getByTestId('revenue-transfer-shares-weight'))).toBe('635.00 平方米');
    const areas = Object.fromEntries(WORKED_ROSTER.map((r) => [`${r.building}${r.room}`, Math.round(Number(r.area) * 100)]));
    const byArea = apportion(955556, Object.entries(areas).map(([key, weight]) => ({ key, weight })));
    expect([...byArea.values()].reduce((s, x) => s + x, 0)).toBe(955556);
    for (const [address, share] of byArea) {
      expect(await text(gridRow(page, 'revenue-transfer-shares-grid', address))).toContain((share / 100).toLocaleString('en-US', { minimumFractionDigits: 2 }));
    }
    expect((await env.call('fund.balance', { communityId }, session)).fund).toBe('0.00'); // nothing posted by looking
    await settled(page.locator('body'));
    await page.screenshot({ path: '/tmp/revenue-transfer-confirm.png' });
    await page.getByTestId('revenue-transfer-confirm-ok').click();
    await confirm.waitFor({ state: 'detached' });
    await dialog.getByTestId('revenue-transfer-form').waitFor({ state: 'detached' });

    await expect.poll(() => text(page.getByTestId('revenue-transferred')), { timeout: UI_TIMEOUT }).toBe('9,555.56');
    expect(await text(page.getByTestId('revenue-proposal-outstanding'))).toBe('0.00 元');
    expect(await text(page.getByTestId('revenue-proposal-tag'))).toBe('本期应转入');
    const after = await env.call('fund.balance', { communityId }, session);
    expect(after.fund).toBe('9555.56');
    expect(after.households).toBe('9555.56');
    const households = (await env.call('fund.households', { communityId, text: '', belowTopUpOnly: false, offset: 0, limit: 50 }, session)).rows;
    expect(Object.fromEntries(households.map((h) => [h.address, Math.round(Number(h.transfers) * 100)]))).toEqual(Object.fromEntries(byArea));
    // The transfer is a movement of the revenue account: listed with it, 转出.
    await expect.poll(() => gridRow(page, 'revenue-entries', /./).count(), { timeout: UI_TIMEOUT }).toBe(4);
    expect(await text(gridRow(page, 'revenue-entries', '公共收益转入维修资金'))).toMatch(/转入维修资金.*转出.*9,555\.56.*9,555\.55/);
    // The revenue account keeps the rest: 20,345.67 − 1,234.56 − 9,555.56.
    const books = await env.call('ledger.books', { communityId }, session);
    expect(books.accounts.find((a) => a.role === 'revenue-bank')!.balance).toBe('9555.55');
    await settled(page.locator('body'));
    await page.screenshot({ path: '/tmp/revenue-after-transfer.png', fullPage: true });

    // The rest may go too (nothing is prefilled: nothing is outstanding). The fund then holds 19,111.11, above 30 % of
    // 63,500.00 (19,050.00), yet the period's proposal stands: it is judged on the fund before the period's own transfers.
    await page.getByTestId('revenue-transfer').click();
    await dialog.getByTestId('revenue-transfer-form').waitFor();
    expect(await dialog.getByTestId('revenue-transfer-amount').inputValue()).toBe('');
    await dialog.getByTestId('revenue-transfer-amount').fill('9555.55');
    await dialog.getByTestId('revenue-transfer-preview').click();
    await page.getByTestId('revenue-transfer-confirm-ok').click();
    await dialog.getByTestId('revenue-transfer-form').waitFor({ state: 'detached' });
    await expect.poll(() => text(page.getByTestId('revenue-transferred')), { timeout: UI_TIMEOUT }).toBe('19,111.11');
    expect(await proposal.getAttribute('data-required')).toBe('true');
    expect(await text(page.getByTestId('revenue-proposal-amount'))).toBe('9,555.56 元');
    expect(await text(page.getByTestId('revenue-proposal-outstanding'))).toBe('0.00 元');
    await expect.poll(() => page.getByTestId('revenue-transfer').isDisabled(), { timeout: UI_TIMEOUT }).toBe(true);
    expect(await text(proposal)).toContain('本期应转入的金额已全部转入');
    expect((await env.call('fund.balance', { communityId }, session)).fund).toBe('19111.11');

    // Another quarter of the same year holds none of it.
    const other = QUARTER === 1 ? 2 : 1;
    await page.getByTestId('revenue-quarter').getByText(QUARTER_NAMES[other - 1]!).click();
    const otherFrom = `${YEAR}-${String(other * 3 - 2).padStart(2, '0')}-01`;
    await expect.poll(() => page.getByTestId('revenue-page').getAttribute('data-period'), { timeout: UI_TIMEOUT }).toMatch(new RegExp(`^${otherFrom}/`));
    expect(await text(page.getByTestId('revenue-income'))).toBe('0.00');
    expect(await gridRow(page, 'revenue-entries', /./).count()).toBe(0);
    expect(await text(page.getByTestId('revenue-entries-empty'))).toBe('本期公共收益账户没有收支。');
    expect(await text(page.getByTestId('revenue-proposal-tag'))).toBe('本期不要求转入');
    await page.screenshot({ path: '/tmp/revenue-other-quarter.png' });
    // Any period: the quarter's first day alone holds all of it (every entry is dated then), and nothing went to the fund
    // for exactly that period — yet the quarter's transfers covered this money, so main refuses to move it again.
    await page.getByTestId('revenue-quarter').getByText('自定义期间').click();
    await page.getByTestId('revenue-from').fill(Q_FROM);
    await page.getByTestId('revenue-to').fill(Q_FROM);
    await expect.poll(() => page.getByTestId('revenue-page').getAttribute('data-period'), { timeout: UI_TIMEOUT }).toBe(`${Q_FROM}/${Q_FROM}`);
    expect(await text(page.getByTestId('revenue-income'))).toBe('20,345.67');
    expect(await text(page.getByTestId('revenue-transferred'))).toBe('0.00');
    expect(await text(page.getByTestId('revenue-period-label'))).toBe(`${Q_FROM} 至 ${Q_FROM}`);
    await page.getByTestId('revenue-transfer').click();
    await dialog.getByTestId('revenue-transfer-form').waitFor();
    await dialog.getByTestId('revenue-transfer-amount').fill('100');
    await dialog.getByTestId('revenue-transfer-preview').click();
    await expect.poll(() => text(dialog.getByTestId('revenue-transfer-errors')), { timeout: UI_TIMEOUT })
      .toContain(`${Q_FROM} 至 ${Q_TO} 的公共收益已转入维修资金 19111.11 元，与本次期间部分重叠`);
    await settled(page.locator('body'));
    await page.screenshot({ path: '/tmp/revenue-custom-period.png' });
    await dialog.getByRole('button', { name: /取\s*消/ }).click();
    await page.getByTestId('unsaved-leave').click();
    await page.locator('.ant-modal-confirm').waitFor({ state: 'detached' });
    await dialog.waitFor({ state: 'hidden' });
    expect((await env.call('fund.balance', { communityId }, session)).fund).toBe('19111.11');
    // The whole year holds the quarter, and so its transfers.
    await page.getByTestId('revenue-from').fill(`${YEAR}-01-01`);
    await page.getByTestId('revenue-to').fill(`${YEAR}-12-31`);
    await expect.poll(() => page.getByTestId('revenue-page').getAttribute('data-period'), { timeout: UI_TIMEOUT }).toBe(`${YEAR}-01-01/${YEAR}-12-31`);
    expect(await text(page.getByTestId('revenue-transferred'))).toBe('19,111.11');
    expect(await text(page.getByTestId('revenue-proposal-outstanding'))).toBe('0.00 元');
  }, TEST_TIMEOUT);

  it('sets a year\'s budget, warns at 90 % and errs at 100 %, and shows the refusals naming the field', async () => {
    const { page } = env;
    await openAndLogin(env);
    await openBudget(page);
    expect(await text(page.getByTestId('budget-empty'))).toContain(`${YEAR}年度还没有编制预算`);
    await expect.poll(() => page.getByTestId('budget-spend').isDisabled(), { timeout: UI_TIMEOUT }).toBe(true);

    await page.getByTestId('budget-create').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('budget-lines-form').waitFor();
    const fillLine = async (index: number, name: string, amount: string) => {
      const line = dialog.getByTestId('budget-line').nth(index);
      await line.getByTestId('budget-line-name').fill(name);
      await line.getByTestId('budget-line-amount').fill(amount);
    };
    await fillLine(0, '办公费', '10000');
    await dialog.getByTestId('budget-line-add').click();
    await fillLine(1, '会议费', '5,000.00');
    await dialog.getByTestId('budget-line-add').click();
    // An amount that is not one: the contract's words on that line's field, nothing sent.
    await fillLine(2, '宣传费', '2千');
    await dialog.getByTestId('budget-lines-save').click();
    await dialog.getByText('预算金额“2千”不是金额').waitFor();
    // A line named twice: main's words above the buttons.
    await fillLine(2, '办公费', '2000');
    await dialog.getByTestId('budget-lines-save').click();
    await expect.poll(() => text(dialog.getByTestId('budget-lines-errors')), { timeout: UI_TIMEOUT }).toContain('预算科目“办公费”重复');
    await fillLine(2, '宣传费', '2000');
    await expect.poll(() => text(dialog.getByTestId('budget-lines-total')), { timeout: UI_TIMEOUT }).toContain('17,000.00');
    await settled(page.locator('body'));
    await page.screenshot({ path: '/tmp/revenue-budget-edit.png' });
    await dialog.getByTestId('budget-lines-save').click();
    await dialog.waitFor({ state: 'hidden' });

    await expect.poll(() => text(page.getByTestId('budget-total')), { timeout: UI_TIMEOUT }).toBe('17,000.00');
    expect(await gridRow(page, 'budget-lines', /./).count()).toBe(3);
    expect(await page.getByTestId('budget-alert').count()).toBe(0);

    // 9,000.00 of 10,000.00: 90 %, a warning.
    await (await spend(page, /^办公费/, '9000')).waitFor({ state: 'hidden' });
    await expect.poll(() => budgetRow(page, '办公费').getByTestId('budget-state').getAttribute('data-state'), { timeout: UI_TIMEOUT }).toBe('near');
    expect(await text(budgetRow(page, '办公费').getByTestId('budget-state'))).toBe('已达90%');
    expect(await text(budgetRow(page, '办公费').getByTestId('budget-line-percent'))).toBe('90%');
    expect(await text(budgetRow(page, '办公费'))).toMatch(/10,000\.00.*9,000\.00.*1,000\.00/);
    expect(await budgetRow(page, '办公费').locator('.ant-tag-warning, .ant-tag-color-warning').count()).toBe(1);
    expect(await page.getByTestId('budget-alert').getAttribute('data-state')).toBe('near');
    expect(await text(page.getByTestId('budget-alert'))).toContain('“办公费”已达预算的90%');

    // Refusals: a date outside the year (main), an amount of zero (the contract), both naming the field.
    const refused = await spend(page, /^会议费/, '5000', `${YEAR - 1}-12-31`);
    await expect.poll(() => text(refused.getByTestId('budget-spend-errors')), { timeout: UI_TIMEOUT }).toContain(`日期 ${YEAR - 1}-12-31 不在预算年度 ${YEAR} 年内`);
    await refused.getByTestId('budget-spend-date').fill(TODAY);
    await refused.getByTestId('budget-spend-amount').fill('0');
    await refused.getByTestId('budget-spend-save').click();
    await refused.getByText('金额应大于零').waitFor();
    await refused.getByTestId('budget-spend-amount').fill('5000');
    await expect.poll(() => text(refused.getByTestId('budget-spend-reach')), { timeout: UI_TIMEOUT }).toBe('登记后该科目执行率将达 100%');
    await settled(page.locator('body'));
    await page.screenshot({ path: '/tmp/revenue-budget-spend.png' });
    await refused.getByTestId('budget-spend-save').click();
    await refused.waitFor({ state: 'hidden' });

    // 5,000.00 of 5,000.00: 100 %, an error; the alert names it too.
    await expect.poll(() => budgetRow(page, '会议费').getByTestId('budget-state').getAttribute('data-state'), { timeout: UI_TIMEOUT }).toBe('over');
    expect(await text(budgetRow(page, '会议费').getByTestId('budget-state'))).toBe('已用完');
    expect(await budgetRow(page, '会议费').locator('.ant-tag-error, .ant-tag-color-error').count()).toBe(1);
    expect(await budgetRow(page, '宣传费').getByTestId('budget-state').getAttribute('data-state')).toBe('ok');
    expect(await page.getByTestId('budget-alert').getAttribute('data-state')).toBe('over');
    expect(await text(page.getByTestId('budget-alert'))).toContain('“会议费”已用完或超出预算');
    expect(await text(page.getByTestId('budget-alert'))).toContain('“办公费”已达预算的90%');
    expect(await text(page.getByTestId('budget-spent'))).toBe('14,000.00');
    expect(await text(page.getByTestId('budget-left'))).toBe('3,000.00');
    await settled(page.locator('body'));
    await page.screenshot({ path: '/tmp/revenue-budget.png', fullPage: true });

    // A line already spent against cannot be removed: main says so, and the lines stay.
    await page.getByTestId('budget-edit').click();
    await dialog.getByTestId('budget-lines-form').waitFor();
    expect(await dialog.getByTestId('budget-line-name').nth(1).inputValue()).toBe('会议费');
    expect(await dialog.getByTestId('budget-line-amount').nth(1).inputValue()).toBe('5000.00');
    await dialog.getByTestId('budget-line-remove').nth(1).click();
    await dialog.getByTestId('budget-lines-save').click();
    await expect.poll(() => text(dialog.getByTestId('budget-lines-errors')), { timeout: UI_TIMEOUT }).toContain('预算科目“会议费”已有 1 笔支出，不能删除');
    await settled(page.locator('body'));
    await page.screenshot({ path: '/tmp/revenue-budget-refused.png' });
    await dialog.getByRole('button', { name: /取\s*消/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect((await env.call('budget.get', { communityId, year: YEAR }, session)).lines.map((l) => l.name)).toEqual(['办公费', '会议费', '宣传费']);

    // 打印预算执行表 opens the year's print view; another year has no budget.
    await page.getByTestId('budget-print').click();
    await expect.poll(() => page.evaluate(() => window.location.hash), { timeout: UI_TIMEOUT }).toBe(`#/c/${communityId}/print/budget?year=${YEAR}`);
    await openBudget(page);
    await choose(page, 'budget-year', new RegExp(`^${YEAR - 1}年$`));
    await expect.poll(() => page.getByTestId('budget-page').getAttribute('data-year'), { timeout: UI_TIMEOUT }).toBe(String(YEAR - 1));
    await page.getByTestId('budget-empty').waitFor();

    // The spending came out of the revenue account: the revenue page's 收支明细 lists it beside the income, the cost and
    // the transfers, each with the account's balance after it (20,345.67 − 1,234.56 − 19,111.11 − 14,000.00).
    await openRevenue(page);
    await expect.poll(() => gridRow(page, 'revenue-entries', /./).count(), { timeout: UI_TIMEOUT }).toBe(7);
    expect(await text(gridRow(page, 'revenue-entries', '办公费'))).toMatch(/业委会经费（办公费）.*支出.*9,000\.00/);
    expect(await text(gridRow(page, 'revenue-entries', '会议费'))).toMatch(/业委会经费（会议费）.*支出.*5,000\.00/);
    expect(await gridRow(page, 'revenue-entries', '转入维修资金').count()).toBe(2);
    expect(await text(page.getByTestId('revenue-account-balances'))).toBe('公共收益账户：期初 0.00 元，期末 -14,000.00 元');
    const books = await env.call('ledger.books', { communityId }, session);
    expect(books.accounts.find((a) => a.role === 'revenue-bank')!.balance).toBe('-14000.00');
    await page.getByTestId('revenue-entries').scrollIntoViewIfNeeded();
    await settled(page.locator('body'));
    await page.screenshot({ path: '/tmp/revenue-movements.png', fullPage: true });
  }, TEST_TIMEOUT);
});
