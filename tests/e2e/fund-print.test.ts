/**
 * The treasurer's printouts (features/treasury/prints), printed to real PDFs by
 * Chromium and read back with pdftotext, on docs/domain.md §4's worked roster
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
 *   1,000 (all spent, 100 %), 宣传费 500 (100 spent, 20 %);
 * - 安心物业服务有限公司 serving under a contract from 2024 (it signs the
 *   repair notices);
 * - a second community, 金色家园, with 2,600,000.00 deposited in January and a
 *   37,000.00 repair charged in June, for the fund chart's axis.
 *
 * Each document is printed, its figures checked against the ones computed
 * here by hand, and its first page rendered to /tmp/fundprint-<name>.png for
 * a look by eye (PRINT_ARTIFACTS=DIR keeps the PDFs); the charts' figures are
 * checked for overlaps as boxes in the page.
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
/** 金色家园: a 2,600,000.00 fund and a 37,000.00 repair, for the chart's axis. */
let bigFundId = '';
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
  // The property-service company serving in 2025 signs the repair notices.
  await env.call('contract.create', {
    communityId, company: { name: '安心物业服务有限公司', creditCode: '91110000802100433B' }, kind: '前期物业', startDate: '2024-01-01', endDate: '2026-12-31',
  }, session);

  bigFundId = await importRosterApi(env, session, '金色家园', WORKED_ROSTER);
  const big = await env.call('fund.households', { communityId: bigFundId, text: '', belowTopUpOnly: false, offset: 0, limit: 10 }, session);
  const amounts = ['600000', '400000', '500000', '300000', '400000', '400000'];
  for (const [i, h] of big.rows.entries()) {
    await env.call('fund.deposit', { partId: h.partId, amount: amounts[i]!, date: '2025-01-10', payer: '', memo: '', reference: '' }, session);
  }
  const roof = await env.call('repair.create', {
    communityId: bigFundId, title: '屋面防水', scope: { kind: 'community' }, basis: 'area', estimate: '37000', contractor: '', approval: 'emergency',
    voteId: null, emergencyReviewDate: '2025-06-01', emergencyStreetDate: '2025-06-03', emergencyNote: '屋面渗漏',
  }, session);
  await env.call('repair.charge', { projectId: roof.id, date: '2025-06-15', finalCost: '37000', auditNote: '', overrunReason: '', overrideReason: '屋面渗漏抢修，事后公示' }, session);
}, TEST_TIMEOUT);

const squeeze = (text: string) => text.replace(/\s+/g, '');

interface Printed { text: string; flat: string; pages: string[] }

/** Open a print route, wait for it to be ready, print it to A4 and read it back (printCurrent). */
async function print(hash: string, testId: string, name: string, check?: () => Promise<void>): Promise<Printed> {
  const { page } = env;
  await openAndLogin(env);
  await goTo(page, hash);
  await page.locator(`[data-testid=${testId}][data-ready=true]`).waitFor({ timeout: UI_TIMEOUT });
  await check?.();
  return printCurrent(name);
}

/** Print the print view on screen to A4 and read it back; the first page to /tmp/fundprint-<name>.png. */
async function printCurrent(name: string): Promise<Printed> {
  const { page } = env;
  await expect.poll(() => page.getByTestId('print-toolbar').getByRole('button', { name: '打印', exact: true }).isEnabled(), { timeout: UI_TIMEOUT }).toBe(true);
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

/** The figures of a chart (SVG text) whose boxes intersect another's, as "a × b"; none is what the eye wants. */
async function overlappingLabels(testId: string): Promise<string[]> {
  return env.page.locator(`[data-testid=${testId}] svg`).evaluate((svg) => {
    const boxes = [...svg.querySelectorAll('text')]
      .filter((t) => (t.textContent ?? '').trim() !== '' && getComputedStyle(t).display !== 'none' && t.getAttribute('opacity') !== '0')
      .map((t) => ({ text: t.textContent ?? '', r: t.getBoundingClientRect() }));
    const hits: string[] = [];
    for (const [i, a] of boxes.entries()) {
      for (const b of boxes.slice(i + 1)) {
        const apart = a.r.right <= b.r.left + 0.5 || b.r.right <= a.r.left + 0.5 || a.r.bottom <= b.r.top + 0.5 || b.r.bottom <= a.r.top + 0.5;
        if (!apart) hits.push(`${a.text} × ${b.text}`);
      }
    }
    return hits;
  });
}

/** The texts of a chart's SVG, in document order. */
async function chartTexts(testId: string): Promise<string[]> {
  return env.page.locator(`[data-testid=${testId}] svg text`).allTextContents();
}

/** The chart is an SVG with drawn paths (ECharts' SVG renderer), there before printing. */
async function chartDrawn(testId: string): Promise<number> {
  const paths = await env.page.locator(`[data-testid=${testId}] svg path`).count();
  expect(paths, `${testId} has paths`).toBeGreaterThan(0);
  return paths;
}

describe('the treasurer\'s printouts', () => {
  it('one household\'s statement: each dated movement, interest with its basis, the repair by name, the receipt, dated at the period\'s end', async () => {
    // 1幢101: 9,000.00 before the period; + 100.00 earnings − 555.56 repair + 90.00 revenue = 8,634.44.
    const { flat, pages } = await print(`#/c/${communityId}/print/statements?from=${FROM}&to=${TO}&part=${part['1幢101']}`, 'statements-print', 'statement');
    expect(pages).toHaveLength(1);
    expect(flat).toContain('阳光小区业主维修资金对账单');
    expect(flat).toContain('对账期间：2025年1月1日至2025年12月31日');
    expect(flat).toContain('所属街道：南湖街道');
    expect(flat).toContain('房屋地址1幢101专有部分面积90.00㎡业主A');
    // Date | 凭证号 | 摘要 | 收入 | 支出 | 余额, in date order.
    expect(flat).toContain('2025-01-01期初余额9,000.00');
    // January: only 101 held money, 9,000.00 × 31 days = 279,000.00 元·天 of 279,000.00: all of the 100.00.
    // (A cell of two lines reads back interleaved with its row's figures: its pieces are checked one by one.)
    expect(flat).toContain('增值收益（计息期2025-01-01至2025-01-31）');
    expect(flat).toMatch(/2025-01-31\d+按余额×天数（31天）分配：本户279,000.00÷全体279,000.00元·天×(100.00元)?100.009,100.00/);
    expect(flat).toMatch(/2025-07-01\d+公共收益转入（2025-01-01至2025-12-31的收益，按面积分入）90.009,190.00/);
    expect(flat).toMatch(/2025-09-01\d+维修分摊：1幢屋面防水维修555.568,634.44/);
    expect(flat).toContain('2025-12-31期末余额190.00555.568,634.44');
    expect(flat).toContain('期末余额（大写）：捌仟陆佰叁拾肆元肆角肆分');
    expect(flat).toContain('本期缴存0.00增值收益100.00维修使用555.56转入转出90.00（元）');
    // Sealed and dated at the period's end, not the day it was printed.
    expect(flat).toContain('阳光小区业主委员会2025年12月31日');
    expect(flat).not.toContain('打印日期');
    // The tear-off receipt.
    expect(flat).toContain('✂请沿虚线剪下回执，签名后交回业主委员会');
    expect(flat).toContain('对账单回执本人已收到阳光小区1幢101（2025年1月1日至2025年12月31日）的维修资金对账单，期末余额8,634.44元。');
    expect(flat).toContain('业主：A业主签名：');
    expect(flat).not.toContain('1幢102');
  }, TEST_TIMEOUT);

  it('every household\'s statement in one document, two to a page; by building only that building\'s', async () => {
    const { pages } = await print(`#/c/${communityId}/print/statements?from=${FROM}&to=${TO}`, 'statements-print', 'statements-all', async () => {
      expect(await env.page.getByTestId('statement').count()).toBe(6);
    });
    // Closing balances by hand: 102 3,000 − 679.01 + 110 = 2,430.99; 201 10,000 + 100; 202 9,500 + 95; 301 120; 302 12,000 + 120.
    const closing = ['8,634.44', '2,430.99', '10,100.00', '9,595.00', '120.00', '12,120.00'];
    const capitals = ['捌仟陆佰叁拾肆元肆角肆分', '贰仟肆佰叁拾元玖角玖分', '壹万零壹佰元整', '玖仟伍佰玖拾伍元整', '壹佰贰拾元整', '壹万贰仟壹佰贰拾元整'];
    expect(pages).toHaveLength(3);
    pages.forEach((p, i) => {
      expect(p.match(/阳光小区业主维修资金对账单/g), `page ${i + 1}`).toHaveLength(2);
      expect(p.match(/对账单回执/g)).toHaveLength(2);
      expect(p.match(/阳光小区业主委员会2025年12月31日/g)).toHaveLength(2);
      expect(p).toContain(`第${i + 1}页共3页`);
      for (const j of [2 * i, 2 * i + 1]) {
        expect(p).toContain(`房屋地址${ADDRESSES[j]}`);
        expect(p).toContain(`期末余额（大写）：${capitals[j]}`);
        expect(p).toContain(`${ADDRESSES[j]}（2025年1月1日至2025年12月31日）的维修资金对账单，期末余额${closing[j]}元。`);
      }
      for (const other of ADDRESSES.filter((_, j) => j !== 2 * i && j !== 2 * i + 1)) expect(p).not.toContain(`房屋地址${other}`);
    });
    // 1幢102's own movements: its deposit, the repair's larger share, its revenue share.
    expect(pages[0]).toMatch(/2025-03-10\d+缴存维修资金3,000.003,000.00/);
    expect(pages[0]).toMatch(/维修分摊：1幢屋面防水维修679.01/);
    expect(pages[1]).toContain('业主C、D');
    expect(pages[2]).toContain('业主某某置业（建设单位）');

    // By building, through the print menu's period dialog: 2幢 only.
    const { page } = env;
    await goTo(page, `#/c/${communityId}/fund`);
    await page.getByTestId('fund-print').click();
    await page.getByTestId('fund-print-statements').click();
    await page.getByTestId('period-from').fill(FROM);
    await page.getByTestId('period-to').fill(TO);
    await page.getByTestId('period-building').click();
    await page.locator('.ant-select-item-option', { hasText: /^2幢$/ }).click();
    await page.screenshot({ path: '/tmp/fundprint-period-building.png' });
    await page.getByTestId('period-open').click();
    await page.locator('[data-testid=statements-print][data-ready=true]').waitFor({ timeout: UI_TIMEOUT });
    expect(await page.getByTestId('statement').evaluateAll((els) => els.map((e) => e.getAttribute('data-address')))).toEqual(['2幢201', '2幢202']);
    const byBuilding = await printCurrent('statements-building');
    expect(byBuilding.pages).toHaveLength(1);
    expect(byBuilding.flat).toContain('房屋地址2幢201');
    expect(byBuilding.flat).toContain('房屋地址2幢202');
    expect(byBuilding.flat).not.toMatch(/房屋地址[13]幢/);
  }, TEST_TIMEOUT);

  it('a period not over yet is not stamped: the statement asks to end it today', async () => {
    const { page } = env;
    await openAndLogin(env);
    await goTo(page, `#/c/${communityId}/print/statements?from=2026-01-01&to=2099-12-31&part=${part['1幢101']}`);
    await expect.poll(() => page.getByTestId('statement-future').textContent(), { timeout: UI_TIMEOUT }).toContain('对账期末 2099年12月31日 晚于今天');
    await page.getByTestId('statement-to-today').click();
    await page.locator('[data-testid=statements-print][data-ready=true]').waitFor({ timeout: UI_TIMEOUT });
    expect(page.url()).not.toContain('2099');
  }, TEST_TIMEOUT);

  it('the fund summary: totals, by building, and a line chart of month-end balances', async () => {
    let paths = 0;
    const { flat, text } = await print(`#/c/${communityId}/print/fund-summary?from=${FROM}&to=${TO}`, 'fund-summary-print', 'summary', async () => {
      paths = await chartDrawn('fund-summary-chart');
      // Twelve month-end points of 2025, one marker each.
      expect(await env.page.locator('[data-testid=fund-summary-chart] svg text').filter({ hasText: /^12月$/ }).count()).toBe(1);
      expect(await overlappingLabels('fund-summary-chart')).toEqual([]);
      // 9,100 → 44,235 spreads over most of the top value: the axis keeps zero.
      const texts = await chartTexts('fund-summary-chart');
      expect(texts).toContain('0');
      // Figures where the balance moved (earnings, deposits, the transfer, the repair) and at the year's end.
      expect(texts.filter((x) => /^[\d,]+\.\d{2}$/.test(x))).toEqual(['9,100.00', '43,600.00', '44,235.00', '43,000.43', '43,000.43']);
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
    // The chart's labels are text in the PDF: the balance after the March deposits.
    expect(text).toContain('43,600.00');
  }, TEST_TIMEOUT);

  it('the fund summary\'s chart: a 37,000.00 repair on a 2,600,000.00 fund is plain to see, and no figure overlaps another', async () => {
    await print(`#/c/${bigFundId}/print/fund-summary?from=${FROM}&to=${TO}`, 'fund-summary-print', 'summary-big', async () => {
      await chartDrawn('fund-summary-chart');
      const texts = await chartTexts('fund-summary-chart');
      // In 万元, from 255 to 261: the drop from 260.00 to 256.30 spans more than half of the axis, not 1.4 % of it.
      expect(texts).toContain('万元');
      expect(texts).toEqual(expect.arrayContaining(['255', '256', '260', '261']));
      expect(texts).not.toContain('0');
      // The figures where the balance moved (January's deposits, June's repair) and at the year's end.
      expect(texts.filter((x) => /^\d+\.\d{2}$/.test(x))).toEqual(['260.00', '256.30', '256.30']);
      expect(await overlappingLabels('fund-summary-chart')).toEqual([]);
    });
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

  it('维修资金使用公示 before the works, on the 公文 layout: the estimate, each part\'s share, the posting period and the signature lines', async () => {
    const { flat, pages } = await print(`#/c/${communityId}/print/repair-notice/${projectId}?stage=before`, 'repair-notice-print', 'repair-before', async () => {
      expect(await env.page.getByTestId('repair-share').count()).toBe(2);
      // The posting period as recorded: the notice of 2025-08-01, for seven days.
      expect(await env.page.getByTestId('repair-posting-from').inputValue()).toBe('2025-08-01');
      expect(await env.page.getByTestId('repair-posting-to').inputValue()).toBe('2025-08-08');
    });
    expect(pages).toHaveLength(1);
    expect(flat).toContain('关于1幢屋面防水维修使用住宅专项维修资金的公示');
    expect(flat).toContain('阳光小区全体业主：');
    expect(flat).toContain('拟使用住宅专项维修资金实施1幢屋面防水维修。');
    expect(flat).toContain('维修范围1幢101、1幢102（共2户）');
    expect(flat).toContain('应急维修：1幢屋面渗漏，顶层住户室内进水；业主委员会审核日期2025年7月20日，街道（乡镇）确认日期2025年7月22日');
    expect(flat).toContain('预算金额1,000.01元（大写：壹仟元零壹分）');
    expect(flat).toContain('按面积分摊');
    expect(flat).toContain('11幢10190.00450.00');
    expect(flat).toContain('21幢102110.00550.01');
    expect(flat).toContain('合计2户200.001,000.01');
    expect(flat).toContain('2户分摊金额合计1,000.01元，等于分摊总额。');
    expect(flat).toContain('公示期：2025年8月1日至2025年8月8日。公示期间，业主如有异议，请向业主委员会书面提出。');
    // The three parties' signature lines, the residents' committee named from the community's office, the date in words.
    expect(flat).toContain('业主委员会（盖章）');
    expect(flat).toContain('物业服务企业（盖章）');
    expect(flat).toContain('社区居民委员会（盖章）');
    expect(flat).toContain('阳光小区业主委员会');
    expect(flat).toContain('安心物业服务有限公司');
    expect(flat).toContain('南湖社区居民委员会');
    expect(flat.match(/负责人：/g)).toHaveLength(3);
    expect(flat).toContain('二〇二五年八月一日');
  }, TEST_TIMEOUT);

  it('维修资金使用结果公示 after the works: the final cost, the payment, each part\'s charged share, a posting period typed', async () => {
    const { flat } = await print(`#/c/${communityId}/print/repair-notice/${projectId}?stage=after`, 'repair-notice-print', 'repair-after', async () => {
      // From the charge date by default; typed over for the day it is really posted.
      expect(await env.page.getByTestId('repair-posting-from').inputValue()).toBe('2025-09-01');
      await env.page.getByTestId('repair-posting-from').fill('2025-09-03');
      await env.page.getByTestId('repair-posting-to').fill('2025-09-12');
    });
    expect(flat).toContain('关于1幢屋面防水维修住宅专项维修资金使用结果的公示');
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
    expect(flat).toContain('公示期：2025年9月3日至2025年9月12日。');
    expect(flat).toContain('物业服务企业（盖章）');
    expect(flat).toContain('二〇二五年九月三日');
  }, TEST_TIMEOUT);

  it('公共收益公示: by kind, the totals, the transfer to the fund and a bar chart', async () => {
    const { flat } = await print(`#/c/${communityId}/print/revenue?from=${FROM}&to=${TO}`, 'revenue-print', 'revenue', async () => {
      await chartDrawn('revenue-chart');
      // Bars: income, cost and net of the two kinds with money (the others are zero-height).
      expect(await env.page.locator('[data-testid=revenue-chart] svg path').count()).toBeGreaterThanOrEqual(6);
      expect(await overlappingLabels('revenue-chart')).toEqual([]);
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
