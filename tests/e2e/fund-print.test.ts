/**
 * The treasurer's printouts (features/fund-print), printed to real PDFs by
 * Chromium and read back with pdftotext, on DOMAIN.md §4's worked roster
 * (1幢101 90 m², 1幢102 110 m², 2幢201 100 m², 2幢202 95 m², 3幢301 and 302
 * 120 m² each; 635 m² in all), with the deposit rate at 100 元/m² and top-up
 * to 50 %. Seeded through the API, all in 2025:
 *
 * - deposits: 1幢101 9,000.00 on 2024-12-10 (before the period); on 2025-03-10
 *   1幢102 3,000.00, 2幢201 10,000.00, 2幢202 9,500.00, 3幢302 12,000.00;
 * - earnings of January 100.00: only 1幢101 held money then, so all to it;
 * - an emergency repair of 1幢's roof for 1幢101 and 1幢102 by area (90 : 110),
 *   estimate 1,000.01 (450.00 + 550.01: the fen left goes to the larger
 *   remainder, 0.55 of 102), paid and charged at 1,234.57 (555.55|0.65 and
 *   679.01|0.35: the fen to 101 → 555.56 + 679.01);
 * - revenue: 电梯广告 6,000.00 less 500.00, 停车 3,000.00 less 200.50, and
 *   635.00 of it to the fund, 1.00 per m² (90.00 … 120.00);
 * - the committee's 2025 budget: 办公费 2,000 (1,850 spent, 92 %), 会议费
 *   1,000 (all spent, 100 %), 宣传费 500 (100 spent, 20 %).
 *
 * Each of the six documents is printed, its figures checked against the
 * ones computed here by hand, and its first page rendered to
 * /tmp/fundprint-<name>.png for a look by eye.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { WORKED_ROSTER } from '../fixtures/worked-roster';
import { goTo, importRosterApi, openAndLogin, setupAdmin, TEST_TIMEOUT, UI_TIMEOUT, useE2E } from './harness';

const env = useE2E();
const FROM = '2025-01-01';
const TO = '2025-12-31';
const ADDRESSES = ['1幢101', '1幢102', '2幢201', '2幢202', '3幢301', '3幢302'];

let session = '';
let communityId = '';
let projectId = '';
const part: Record<string, string> = {};

beforeAll(async () => {
  session = await setupAdmin(env);
  communityId = await importRosterApi(env, session, '阳光小区', WORKED_ROSTER);
  const c = await env.call('community.get', { id: communityId }, session);
  await env.call('community.update', {
    id: c.id, name: c.name, address: c.address, developer: '某某置业', streetOffice: '南湖街道', communityOffice: '南湖社区',
    settings: { ...c.settings, fundRules: { ...c.settings.fundRules, depositRatePerM2: 10000, topUpTriggerPercent: 30, topUpTargetPercent: 50 } },
  }, session);
  const households = await env.call('fund.households', { communityId, text: '', belowTopUpOnly: false, offset: 0, limit: 10 }, session);
  for (const h of households.rows) part[h.address] = h.partId;
  expect(Object.keys(part).sort()).toEqual(ADDRESSES);

  const deposit = (address: string, amount: string, date: string) =>
    env.call('fund.deposit', { partId: part[address]!, amount, date, payer: '', memo: '', reference: '' }, session);
  await deposit('1幢101', '9000', '2024-12-10');
  await deposit('1幢102', '3000', '2025-03-10');
  await deposit('2幢201', '10000', '2025-03-10');
  await deposit('2幢202', '9500', '2025-03-10');
  await deposit('3幢302', '12000', '2025-03-10');
  // The bank's interest is received into 待分配增值收益, then shared (issue 13: sharing books no second receipt).
  const accounts = (await env.call('ledger.books', { communityId }, session)).accounts;
  const role = (r: string) => accounts.find((a) => a.role === r)!.id;
  await env.call('ledger.record', { communityId, form: 'income', date: '2025-01-21', amount: '100', debitAccountId: role('fund-bank'), creditAccountId: role('interest'), partId: null, category: null, memo: '银行结息', counterparty: '', reference: '' }, session);
  await env.call('fund.shareEarnings', { communityId, start: '2025-01-01', end: '2025-01-31', date: '2025-01-31' }, session);

  const project = await env.call('repair.create', {
    communityId, title: '1幢屋面防水维修', scope: { kind: 'parts', partIds: [part['1幢101']!, part['1幢102']!] }, basis: 'area',
    estimate: '1000.01', contractor: '某某防水工程有限公司', approval: 'emergency', voteId: null,
    emergencyReviewDate: '2025-07-20', emergencyStreetDate: '2025-07-22', emergencyNote: '1幢屋面渗漏，顶层住户室内进水',
  }, session);
  projectId = project.id;
  await env.call('repair.notice', { projectId, date: '2025-08-01' }, session);
  await env.call('repair.pay', { projectId, date: '2025-08-20', amount: '1234.57', memo: '支付屋面防水工程款' }, session);
  await env.call('repair.charge', { projectId, date: '2025-09-01', finalCost: '1234.57', auditNote: '', overrunReason: '决算增加了女儿墙泛水处理' }, session);

  const revenue = (date: string, kind: '电梯广告' | '停车', direction: 'income' | 'cost', amount: string, memo: string) =>
    env.call('revenue.record', { communityId, date, kind, direction, amount, counterparty: '某广告公司', contract: 'HT-2025-01', memo }, session);
  await revenue('2025-04-01', '电梯广告', 'income', '6000', '电梯广告位租金');
  await revenue('2025-04-15', '电梯广告', 'cost', '500', '广告位维护费');
  await revenue('2025-05-01', '停车', 'income', '3000', '地面停车费');
  await revenue('2025-05-20', '停车', 'cost', '200.50', '停车场划线');
  await env.call('revenue.transfer', { communityId, from: FROM, to: TO, date: '2025-07-01', amount: '635' }, session);

  const budget = await env.call('budget.set', {
    communityId, year: 2025, lines: [{ name: '办公费', amount: '2000' }, { name: '会议费', amount: '1000' }, { name: '宣传费', amount: '500' }],
  }, session);
  const line = (name: string) => budget.lines.find((l) => l.name === name)!.id;
  const spend = (name: string, amount: string, date: string) =>
    env.call('budget.spend', { communityId, budgetLineId: line(name), date, amount, counterparty: '', memo: `${name}支出` }, session);
  await spend('办公费', '1850', '2025-06-10');
  await spend('会议费', '1000', '2025-06-11');
  await spend('宣传费', '100', '2025-06-12');
}, TEST_TIMEOUT);

const squeeze = (text: string) => text.replace(/\s+/g, '');

interface Printed { text: string; flat: string; pages: string[] }

/** Open a print route, wait for it to be ready, print it to A4 and read it back; the first page to /tmp/fundprint-<name>.png. */
async function print(hash: string, testId: string, name: string, check?: () => Promise<void>): Promise<Printed> {
  const { page } = env;
  await openAndLogin(env);
  await goTo(page, hash);
  await page.locator(`[data-testid=${testId}][data-ready=true]`).waitFor({ timeout: UI_TIMEOUT });
  await expect.poll(() => page.getByTestId('print-toolbar').getByRole('button', { name: '打印', exact: true }).isEnabled(), { timeout: UI_TIMEOUT }).toBe(true);
  await check?.();
  await page.screenshot({ path: `/tmp/fundprint-${name}-screen.png`, animations: 'disabled' });
  const pdf = path.join(env.tmpDir, `fundprint-${name}.pdf`);
  await page.pdf({ path: pdf, format: 'A4', printBackground: true });
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', pdf, `/tmp/fundprint-${name}`]);
  expect(fs.statSync(`/tmp/fundprint-${name}.png`).size).toBeGreaterThan(0);
  if (process.env.PRINT_ARTIFACTS) {
    fs.mkdirSync(process.env.PRINT_ARTIFACTS, { recursive: true });
    fs.copyFileSync(pdf, path.join(process.env.PRINT_ARTIFACTS, path.basename(pdf)));
  }
  return { text, flat: squeeze(text), pages: text.split('\f').filter((p) => p.trim() !== '').map(squeeze) };
}

/** The chart is an SVG with drawn paths (ECharts' SVG renderer), there before printing. */
async function chartDrawn(testId: string): Promise<number> {
  const paths = await env.page.locator(`[data-testid=${testId}] svg path`).count();
  expect(paths, `${testId} has paths`).toBeGreaterThan(0);
  return paths;
}

describe('the treasurer\'s printouts', () => {
  it('one household\'s statement: the period\'s movement, the closing balance and its 大写', async () => {
    // 1幢101: 9,000.00 before the period; + 100.00 earnings − 555.56 repair + 90.00 revenue = 8,634.44.
    const { flat, pages } = await print(`#/c/${communityId}/print/statements?from=${FROM}&to=${TO}&part=${part['1幢101']}`, 'statements-print', 'statement');
    expect(pages).toHaveLength(1);
    expect(flat).toContain('阳光小区业主维修资金对账单');
    expect(flat).toContain('（2025年1月1日至2025年12月31日）');
    expect(flat).toContain('所属街道：南湖街道');
    expect(flat).toContain('房屋地址1幢101');
    expect(flat).toContain('专有部分面积90.00㎡');
    expect(flat).toContain('期初余额9,000.00');
    expect(flat).toContain('本期缴存0.00');
    expect(flat).toContain('本期增值收益100.00');
    expect(flat).toContain('本期使用（维修分摊）555.56');
    expect(flat).toContain('本期转入转出（公共收益等）90.00');
    expect(flat).toContain('期末余额8,634.44');
    expect(flat).toContain('期末余额（大写）捌仟陆佰叁拾肆元肆角肆分');
    expect(flat).not.toContain('1幢102');
  }, TEST_TIMEOUT);

  it('every household\'s statement in one document, one page each', async () => {
    const { pages } = await print(`#/c/${communityId}/print/statements?from=${FROM}&to=${TO}`, 'statements-print', 'statements-all', async () => {
      expect(await env.page.getByTestId('statement').count()).toBe(6);
    });
    // Closing balances by hand: 102 3,000 − 679.01 + 110 = 2,430.99; 201 10,000 + 100; 202 9,500 + 95; 301 120; 302 12,000 + 120.
    const closing = ['8,634.44', '2,430.99', '10,100.00', '9,595.00', '120.00', '12,120.00'];
    const capitals = ['捌仟陆佰叁拾肆元肆角肆分', '贰仟肆佰叁拾元玖角玖分', '壹万零壹佰元整', '玖仟伍佰玖拾伍元整', '壹佰贰拾元整', '壹万贰仟壹佰贰拾元整'];
    expect(pages).toHaveLength(6);
    pages.forEach((p, i) => {
      expect(p, `page ${i + 1}`).toContain('阳光小区业主维修资金对账单');
      expect(p).toContain(`房屋地址${ADDRESSES[i]}`);
      for (const other of ADDRESSES.filter((_, j) => j !== i)) expect(p).not.toContain(`房屋地址${other}`);
      expect(p).toContain(`期末余额${closing[i]}`);
      expect(p).toContain(`期末余额（大写）${capitals[i]}`);
      expect(p).toContain(`第${i + 1}页共6页`);
    });
    expect(pages[3]).toContain('业主C、D');
    expect(pages[4]).toContain('业主某某置业（建设单位）');
  }, TEST_TIMEOUT);

  it('the fund summary: totals, by building, and a line chart of month-end balances', async () => {
    let paths = 0;
    const { flat, text } = await print(`#/c/${communityId}/print/fund-summary?from=${FROM}&to=${TO}`, 'fund-summary-print', 'summary', async () => {
      paths = await chartDrawn('fund-summary-chart');
      // Twelve month-end points of 2025, one marker each.
      expect(await env.page.locator('[data-testid=fund-summary-chart] svg text').filter({ hasText: /^12月$/ }).count()).toBe(1);
    });
    expect(paths).toBeGreaterThan(12);
    // 9,000.00 + 34,500.00 deposited + 100.00 − 1,234.57 + 635.00 = 43,000.43.
    expect(flat).toContain('阳光小区住宅专项维修资金收支情况');
    expect(flat).toContain('9,000.0034,500.00100.001,234.57635.0043,000.43');
    expect(flat).toContain('期末余额（大写）：肆万叁仟元肆角叁分');
    // By building: 1幢 8,634.44 + 2,430.99; 2幢 10,100 + 9,595; 3幢 120 + 12,120.
    expect(flat).toContain('1幢29,000.00');
    expect(flat).toContain('11,065.43');
    expect(flat).toContain('2幢20.0019,500.00');
    expect(flat).toContain('19,695.00');
    expect(flat).toContain('3幢20.0012,000.00');
    expect(flat).toContain('12,240.00');
    expect(flat).toContain('合计69,000.0034,500.00100.001,234.57635.0043,000.43');
    expect(flat).toContain('三、月末余额走势');
    // The chart's labels are text in the PDF: the balance after the March deposits, carried into April.
    expect(text.match(/43,600\.00/g)?.length ?? 0).toBeGreaterThanOrEqual(2);
  }, TEST_TIMEOUT);

  it('续交通知: one page per part below 30 %, the amount to 50 % in figures and 大写', async () => {
    const { pages } = await print(`#/c/${communityId}/print/top-up`, 'top-up-print', 'top-up');
    // 1幢102: 11,000.00 due, 2,430.99 held (< 3,300.00); to 5,500.00 needs 3,069.01.
    // 3幢301 (unsold, nothing deposited): 12,000.00 due, 120.00 held; to 6,000.00 needs 5,880.00.
    expect(pages).toHaveLength(2);
    expect(pages[0]).toContain('住宅专项维修资金续交通知');
    expect(pages[0]).toContain('1幢102业主A：');
    expect(pages[0]).toContain('首期应交存额11,000.00');
    expect(pages[0]).toContain('分户账余额2,430.99');
    expect(pages[0]).toContain('续交触发线（首期交存额的30%）3,300.00');
    expect(pages[0]).toContain('续交目标（首期交存额的50%）5,500.00');
    expect(pages[0]).toContain('应续交金额3,069.01');
    expect(pages[0]).toContain('应续交金额（大写）叁仟零陆拾玖元零壹分');
    expect(pages[0]).toContain('请续交3,069.01元（大写：叁仟零陆拾玖元零壹分）');
    expect(pages[0]).toContain('不足首期交存额30%的，应当及时续交；按本小区规定，续交至首期交存额的50%。');
    expect(pages[1]).toContain('住宅专项维修资金续交通知');
    expect(pages[1]).toContain('3幢301建设单位某某置业：');
    expect(pages[1]).toContain('应续交金额5,880.00');
    expect(pages[1]).toContain('伍仟捌佰捌拾元整');
  }, TEST_TIMEOUT);

  it('维修资金使用公示 before the works: the emergency approval, the estimate and each part\'s estimated share', async () => {
    const { flat, pages } = await print(`#/c/${communityId}/print/repair-notice/${projectId}?stage=before`, 'repair-notice-print', 'repair-before', async () => {
      expect(await env.page.getByTestId('repair-share').count()).toBe(2);
    });
    expect(pages).toHaveLength(1);
    expect(flat).toContain('住宅专项维修资金使用公示');
    expect(flat).toContain('（1幢屋面防水维修）');
    expect(flat).toContain('维修范围1幢101、1幢102（共2户）');
    expect(flat).toContain('应急维修：1幢屋面渗漏，顶层住户室内进水；业主委员会审核日期2025年7月20日，街道（乡镇）确认日期2025年7月22日');
    expect(flat).toContain('预算金额1,000.01元（大写：壹仟元零壹分）');
    expect(flat).toContain('按面积分摊');
    expect(flat).toContain('11幢10190.00450.00');
    expect(flat).toContain('21幢102110.00550.01');
    expect(flat).toContain('合计2户200.001,000.01');
    expect(flat).toContain('2户分摊金额合计1,000.01元，等于分摊总额。');
    expect(flat).toContain('2025年8月1日');
  }, TEST_TIMEOUT);

  it('维修资金使用结果公示 after the works: the final cost, the payment and each part\'s charged share', async () => {
    const { flat } = await print(`#/c/${communityId}/print/repair-notice/${projectId}?stage=after`, 'repair-notice-print', 'repair-after');
    expect(flat).toContain('住宅专项维修资金使用结果公示');
    expect(flat).toContain('决算金额1,234.57元（大写：壹仟贰佰叁拾肆元伍角柒分）');
    expect(flat).toContain('审计意见按本小区规定无需审计');
    expect(flat).toContain('超支说明决算增加了女儿墙泛水处理');
    expect(flat).toContain('2025-08-20');
    expect(flat).toContain('累计支付1,234.57');
    expect(flat).toContain('11幢10190.00555.56');
    expect(flat).toContain('21幢102110.00679.01');
    expect(flat).toContain('合计2户200.001,234.57');
    expect(flat).toContain('2户分摊金额合计1,234.57元，等于分摊总额。');
    expect(flat).toContain('分摊记账日期2025年9月1日');
  }, TEST_TIMEOUT);

  it('公共收益公示: by kind, the totals, the transfer to the fund and a bar chart', async () => {
    const { flat } = await print(`#/c/${communityId}/print/revenue?from=${FROM}&to=${TO}`, 'revenue-print', 'revenue', async () => {
      await chartDrawn('revenue-chart');
      // Bars: income, cost and net of the two kinds with money (the others are zero-height).
      expect(await env.page.locator('[data-testid=revenue-chart] svg path').count()).toBeGreaterThanOrEqual(6);
    });
    expect(flat).toContain('阳光小区公共收益收支情况公示');
    // 6,000.00 − 500.00 = 5,500.00; 3,000.00 − 200.50 = 2,799.50; 8,299.50 in all.
    expect(flat).toContain('电梯广告6,000.00500.005,500.00');
    expect(flat).toContain('停车3,000.00200.502,799.50');
    expect(flat).toContain('场地租金0.000.000.00');
    expect(flat).toContain('合计9,000.00700.508,299.50');
    expect(flat).toContain('本期已转入维修资金635.00元（大写：陆佰叁拾伍元整）');
    // The default rule: at least 50 % of 8,299.50 = 4,149.75, of which 3,514.75 still to go.
    expect(flat).toContain('4,149.75');
    expect(flat).toContain('尚待转入3,514.75元');
    expect(flat).toContain('停车场划线');
    expect(flat).toContain('HT-2025-01');
  }, TEST_TIMEOUT);

  it('业委会预算执行情况: budget, spent, left and percent per line, marked at 90 % and 100 %', async () => {
    const { flat } = await print(`#/c/${communityId}/print/budget?year=2025`, 'budget-print', 'budget', async () => {
      expect(await env.page.locator('[data-testid=budget-line]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-state'))))
        .toEqual(['near', 'over', 'ok']);
    });
    expect(flat).toContain('阳光小区业主委员会2025年度预算执行情况');
    // 1,850 / 2,000 = 92 %; 1,000 / 1,000 = 100 %; 100 / 500 = 20 %.
    expect(flat).toContain('办公费2,000.001,850.00150.0092%▲达90%');
    expect(flat).toContain('会议费1,000.001,000.000.00100%■达100%');
    expect(flat).toContain('宣传费500.00100.00400.0020%');
    expect(flat).toContain('合计3,500.002,950.00550.0084%');
    expect(flat).toContain('预算合计3,500.00元，已支出2,950.00元，结余550.00元，总执行率84%。');
  }, TEST_TIMEOUT);
});
