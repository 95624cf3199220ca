/**
 * The fund's intake through the UI, on docs/domain.md §4's worked roster (A owns
 * 1幢101 and 1幢102, B 2幢201, C and D 2幢202, the developer 3幢301, E 3幢302).
 *
 * The treasurer takes the books over from last year: downloads the opening
 * template, fills it in (here with exceljs), enters the date and the bank's
 * balance; the preview shows the totals and a 100.00 difference against the
 * bank, which needs a note and goes to 待查明款项. A bad file shows each
 * row's problem by row and column and writes nothing. Then a year of bank
 * receipts (12 months × 4 parts: two matched by an address in the memo, two
 * by the payer owning exactly one part) plus one receipt nobody can match,
 * one row of it already imported: the preview counts each kind, the import
 * books the unmatched to 待查明款项, a second import doubles nothing, and the
 * receipt is then claimed for its part from the list. Every balance on screen
 * is compared with one computed by hand here. The books are exported and read
 * back; the print menu opens the print views for a period.
 * Screenshots go to /tmp/intake-*.png.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { addDays } from '../../shared/domain/dates';
import { officeDay, WORKED_ROSTER } from '../fixtures/worked-roster';
import { goTo, importRosterApi, openAndLogin, setupAdmin, TEST_TIMEOUT, UI_TIMEOUT, useE2E, writeXlsx as writeXlsxFile } from './harness';
import { gridRow, painted, pickPart, settled, totalBecomes } from './ui-steps';

const env = useE2E();

const TODAY = officeDay(0);

/** The first day of the month `delta` months from this one. */
function monthStart(delta: number): string {
  const [y, m] = TODAY.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + delta, 1));
  return d.toISOString().slice(0, 10);
}

/** The books are taken over as of the end of the month 13 months ago; the statement covers the 12 months after it, all in the past. */
const AS_OF = addDays(monthStart(-12), -1);
const MONTHS = Array.from({ length: 12 }, (_, i) => monthStart(-12 + i).slice(0, 7));

/** fen → "12,345.67", as the screens show money. */
function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${String(abs % 100).padStart(2, '0')}`;
}

/** Each part's position on AS_OF, in fen: initial due, deposited, earnings, used (the balance follows). */
const OPENING: Record<string, [number, number, number, number]> = {
  '1幢101': [900_000, 900_000, 12_050, 0],
  '1幢102': [1_100_000, 1_100_000, 15_025, 200_000],
  '2幢201': [1_000_000, 1_000_000, 0, 0],
  '2幢202': [950_000, 500_000, 3_000, 0],
  '3幢301': [1_200_000, 0, 0, 0],
  '3幢302': [1_200_000, 1_200_000, 9_999, 50_000],
};
const openingBalance = (address: string) => {
  const [, deposited, earnings, used] = OPENING[address]!;
  return deposited + earnings - used;
};
const ADDRESSES = Object.keys(OPENING);
const sum = (values: number[]) => values.reduce((s, v) => s + v, 0);
const OPENING_TOTAL = sum(ADDRESSES.map(openingBalance));
/** The bank holds 100.00 more than the sub-ledgers: two receipts nobody could place, says the note. */
const SUSPENSE = 10_000;
const BANK = OPENING_TOTAL + SUSPENSE;

/** Each month's receipts: [payer, memo, fen, the part it belongs to, how it is matched]. */
const MONTHLY: [string, (month: string) => string, number, string, 'address' | 'owner'][] = [
  ['A', (m) => `${m}月维修资金 1幢101`, 10_000, '1幢101', 'address'],
  ['B', () => '维修资金', 20_000, '2幢201', 'owner'],
  ['王五', (m) => `代缴2幢202 ${m}`, 5_050, '2幢202', 'address'],
  ['E', () => '', 8_000, '3幢302', 'owner'],
];
/** Nobody: the memo's "11幢101" is no address of this community (and not 1幢101 either). */
const STRANGER: [string, string, number] = ['李四', '11幢101维修资金', 33_333];
const STRANGER_DATE = `${MONTHS[5]}-15`;
const SETTLED_TO = '2幢202';

let session = '';
let communityId = '';

beforeAll(async () => {
  session = await setupAdmin(env);
  communityId = await importRosterApi(env, session, '阳光小区', WORKED_ROSTER);
}, TEST_TIMEOUT);

async function text(locator: Locator): Promise<string> {
  return (await locator.textContent()) ?? '';
}

async function partId(address: string): Promise<string> {
  const page = await env.call('fund.households', { communityId, text: address, belowTopUpOnly: false, offset: 0, limit: 5 }, session);
  const row = page.rows.find((h) => h.address === address);
  if (!row) throw new Error(`no part at ${address}`);
  return row.partId;
}

async function entryCount(): Promise<number> {
  return (await env.call('ledger.entries', { communityId, offset: 0, limit: 1 }, session)).total;
}

/** Click something that downloads a file; return the file's bytes. */
async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  const target = path.join(env.tmpDir, `download-${Date.now()}-${file.suggestedFilename()}`);
  await file.saveAs(target);
  return { name: file.suggestedFilename(), bytes: fs.readFileSync(target) };
}

const writeXlsx = (name: string, rows: (string | number | Date | null)[][]) => writeXlsxFile(env, name, rows);

async function openFund(page: Page): Promise<void> {
  await goTo(page, `#/c/${communityId}/fund`);
  await painted(page, 'fund-grid', '');
}

describe('the fund\'s intake', () => {
  let template: ExcelJS.Workbook;

  it('期初建账: the template lists every part; a bad file shows each row\'s problem and writes nothing', async () => {
    const { page } = env;
    await openAndLogin(env);
    await openFund(page);
    await page.getByTestId('fund-opening').click();
    await page.locator('[data-testid=opening-page][data-ready=true]').waitFor();
    expect(await page.getByTestId('opening-already-open').count()).toBe(0);

    const file = await download(page, () => page.getByTestId('opening-template').click());
    expect(file.name).toBe('维修资金期初余额.xlsx');
    template = new ExcelJS.Workbook();
    await template.xlsx.load(file.bytes as unknown as ArrayBuffer);
    const sheet = template.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([undefined, '楼栋', '单元', '房号', '应缴首期', '已缴存', '增值收益', '已使用', '余额']);
    const listed = Array.from({ length: sheet.rowCount - 1 }, (_, i) => {
      const r = sheet.getRow(i + 2);
      return `${String(r.getCell(1).value)}${String(r.getCell(3).value)}`;
    });
    expect(listed).toEqual(ADDRESSES);

    // A bad file: 1幢102's balance does not add up, 2幢202's deposit is no amount, and a part the roster does not have.
    const bad = ADDRESSES.map((address) => {
      const [due, deposited, earnings, used] = OPENING[address]!;
      const balance = openingBalance(address) + (address === '1幢102' ? 27 : 0);
      return [address.slice(0, 2), '', address.slice(2), due / 100, address === '2幢202' ? '五千' : deposited / 100, earnings / 100, used / 100, balance / 100];
    });
    const badFile = await writeXlsx('opening-bad.xlsx', [
      ['楼栋', '单元', '房号', '应缴首期', '已缴存', '增值收益', '已使用', '余额'], ...bad, ['9幢', '', '999', 100, 100, 0, 0, 100],
    ]);
    await page.getByTestId('opening-file-input').setInputFiles(badFile);
    expect(await text(page.getByTestId('opening-file-name'))).toContain('opening-bad.xlsx');
    await page.getByTestId('opening-date').fill(AS_OF);
    await page.getByTestId('opening-bank').fill(yuan(BANK));
    await page.getByTestId('opening-preview').click();
    const errors = page.getByTestId('opening-row-errors');
    await errors.waitFor();
    expect(await text(errors)).toContain('发现 3 处错误');
    // Row 3 is 1幢102 (after the header and 1幢101); 2幢202 is row 5; the stranger row 8.
    const balanceError = gridRow(page, 'import-error-grid', '不等于');
    expect(await text(balanceError)).toMatch(/^3余额/);
    expect(await text(balanceError)).toContain('9150.52');
    expect(await text(gridRow(page, 'import-error-grid', '五千'))).toMatch(/^5已缴存/);
    expect(await text(gridRow(page, 'import-error-grid', '9幢999'))).toMatch(/^8房号花名册中没有/);
    await expect.poll(() => page.getByTestId('opening-import').isDisabled(), { timeout: UI_TIMEOUT }).toBe(true);
    // Totals of a file read in part would mislead: only the errors show.
    expect(await page.getByTestId('opening-preview-result').count()).toBe(0);
    await settled(page.locator('body'));
    await page.screenshot({ path: '/tmp/intake-opening-errors.png', fullPage: true });
    // Nothing written.
    expect(await entryCount()).toBe(0);
    expect((await env.call('fund.balance', { communityId }, session)).bank).toBe('0.00');
  }, TEST_TIMEOUT);

  it('期初建账: the preview shows the totals and the difference against the bank; the difference needs a note; then the opening is posted', async () => {
    const { page } = env;
    // Fill the downloaded template in, as the treasurer would in Excel.
    const sheet = template.worksheets[0]!;
    for (let n = 2; n <= sheet.rowCount; n++) {
      const r = sheet.getRow(n);
      const address = `${String(r.getCell(1).value)}${String(r.getCell(3).value)}`;
      const [due, deposited, earnings, used] = OPENING[address]!;
      // 3幢301 (the developer's, nothing paid) keeps its amounts empty but the initial due.
      const values = address === '3幢301' ? [due / 100, null, null, null, null] : [due / 100, deposited / 100, earnings / 100, used / 100, openingBalance(address) / 100];
      values.forEach((v, i) => { r.getCell(4 + i).value = v; });
      r.commit();
    }
    const good = path.join(env.tmpDir, 'opening.xlsx');
    await template.xlsx.writeFile(good);

    await openAndLogin(env);
    await goTo(page, `#/c/${communityId}/fund-opening`);
    await page.locator('[data-testid=opening-page][data-ready=true]').waitFor();
    await page.getByTestId('opening-file-input').setInputFiles(good);
    await page.getByTestId('opening-date').fill(AS_OF);
    await page.getByTestId('opening-bank').fill(yuan(BANK));
    await page.getByTestId('opening-preview').click();
    await page.getByTestId('opening-preview-result').waitFor();

    expect(await page.getByTestId('opening-row-errors').count()).toBe(0);
    expect(await text(page.getByTestId('opening-rows'))).toBe('6');
    expect(await text(page.getByTestId('opening-missing'))).toBe('0');
    const total = (i: number) => sum(ADDRESSES.map((a) => OPENING[a]![i]!));
    expect(await text(page.getByTestId('opening-total-initial-due'))).toBe(yuan(total(0)));
    expect(await text(page.getByTestId('opening-total-deposited'))).toBe(yuan(total(1)));
    expect(await text(page.getByTestId('opening-total-earnings'))).toBe(yuan(total(2)));
    expect(await text(page.getByTestId('opening-total-used'))).toBe(yuan(total(3)));
    expect(await text(page.getByTestId('opening-total-balance'))).toBe(yuan(OPENING_TOTAL));
    expect(yuan(OPENING_TOTAL)).toBe('44,900.74');
    expect(await text(page.getByTestId('opening-bank-balance'))).toBe('45,000.74');
    expect(await text(page.getByTestId('opening-difference'))).toBe('100.00');
    expect(await text(page.getByTestId('opening-difference-alert'))).toContain('相差 100.00 元（壹佰元整）');
    expect(await text(gridRow(page, 'opening-sample', '1幢102'))).toContain('9,150.25');

    // Without a note the import is not sent.
    await page.getByTestId('opening-import').click();
    await page.getByText('请填写差额说明').waitFor();
    expect(await entryCount()).toBe(0);
    await page.getByTestId('opening-note').fill('上年12月有两笔缴款未查明是哪一户');
    await settled(page.locator('body'));
    await page.screenshot({ path: '/tmp/intake-opening-preview.png', fullPage: true });

    // A change to the bank balance asks for a new preview before importing.
    await page.getByTestId('opening-bank').fill('45000.75');
    await expect.poll(() => page.getByTestId('opening-import').isDisabled(), { timeout: UI_TIMEOUT }).toBe(true);
    await page.getByTestId('opening-bank').fill('45,000.74');
    await page.getByTestId('opening-preview').click();
    await expect.poll(() => page.getByTestId('opening-import').isDisabled(), { timeout: UI_TIMEOUT }).toBe(false);
    expect(await page.getByTestId('opening-note').inputValue()).toBe('上年12月有两笔缴款未查明是哪一户');
    await page.getByTestId('opening-import').click();

    // The look before the posting: how many households, the totals against the bank, the difference and its note, the rows.
    const confirm = page.getByTestId('opening-confirm');
    await confirm.waitFor();
    expect(await text(page.getByTestId('opening-confirm-summary'))).toBe(
      `将导入 6 户截至 ${AS_OF} 的期初余额（分户余额合计 44,900.74 元），专户银行余额 45,000.74 元，差额 100.00 元记入“待查明款项”，生成期初凭证一张。导入后不能再次导入。`);
    expect(await text(page.getByTestId('opening-confirm-rows'))).toBe('6 户');
    expect(await text(page.getByTestId('opening-confirm-difference'))).toBe('100.00 元');
    expect(await text(gridRow(page, 'opening-confirm-sample', '1幢102'))).toContain('9,150.25');
    expect(await entryCount()).toBe(0);
    await settled(page.locator('body'));
    await page.screenshot({ path: '/tmp/intake-opening-confirm.png' });
    await page.getByTestId('opening-confirm-ok').click();

    const done = page.getByTestId('opening-done');
    await done.waitFor();
    expect(await text(done)).toContain(`已导入 6 户截至 ${AS_OF} 的期初余额`);
    expect(await text(page.getByTestId('opening-done-suspense'))).toContain('100.00 元');
    await page.screenshot({ path: '/tmp/intake-opening-done.png' });
    expect(await entryCount()).toBe(1);

    // The opening voucher, in the treasurer's words: the bank's balance is its amount, the note is the 差额说明.
    await page.getByTestId('opening-done-entry').click();
    const view = page.getByTestId('entry-view');
    await view.waitFor();
    expect(await text(view)).toContain('期初专户余额');
    expect(await text(page.getByTestId('entry-amount'))).toBe('45,000.74');
    expect(await text(page.getByTestId('entry-reason-label'))).toBe('差额说明');
    expect(await text(page.getByTestId('entry-reason'))).toBe('上年12月有两笔缴款未查明是哪一户');
    expect(await text(view)).not.toMatch(/[借贷]|冲销原因/);
    expect(await text(gridRow(page, 'entry-accounts', '待查明款项'))).toMatch(/收入.*100\.00/);
    // Five households in eleven lines (deposits, earnings, what was used); 3幢301 opened at nothing has no line.
    expect(await text(view)).toContain('分户明细（5 户）');
    expect(await text(gridRow(page, 'entry-accounts', '1001'))).toMatch(/收入.*45,000\.74/);
    await settled(page.locator('body'));
    await page.screenshot({ path: '/tmp/intake-opening-voucher.png' });

    // 维修资金 shows the opening balances; the bank holds the 100.00 more that is 待查明.
    await openFund(page);
    await painted(page, 'fund-grid', '');
    await expect.poll(() => text(page.getByTestId('fund-balance')), { timeout: UI_TIMEOUT }).toBe(yuan(OPENING_TOTAL));
    expect(await text(page.getByTestId('fund-households-sum'))).toBe(yuan(OPENING_TOTAL));
    expect(await text(page.getByTestId('fund-bank'))).toBe(yuan(BANK));
    for (const address of ADDRESSES) expect(await text(gridRow(page, 'fund-grid', address))).toContain(yuan(openingBalance(address)));
    await page.screenshot({ path: '/tmp/intake-fund-opened.png' });

    // 1幢102's sub-ledger: its initial due from the file, and the opening lines.
    await gridRow(page, 'fund-grid', '1幢102').click();
    await page.locator('[data-testid=sub-ledger-page][data-ready=true]').waitFor();
    expect(await text(page.getByTestId('sub-ledger-initial-due'))).toBe('11,000.00');
    expect(await text(page.getByTestId('sub-ledger-deposited'))).toBe('11,000.00');
    expect(await text(page.getByTestId('sub-ledger-earnings'))).toBe('150.25');
    expect(await text(page.getByTestId('sub-ledger-charges'))).toMatch(/^-?2,000\.00$/);
    expect(await text(page.getByTestId('sub-ledger-balance'))).toBe('9,150.25');
    const lines = gridRow(page, 'sub-ledger-lines', '期初余额');
    expect(await lines.count()).toBe(3);
    expect(await text(lines.last())).toContain('9,150.25');
    expect(await text(lines.first())).toContain(AS_OF);
    await page.screenshot({ path: '/tmp/intake-sub-ledger-opening.png', fullPage: true });

    // Opening twice is refused up front.
    await goTo(page, `#/c/${communityId}/fund-opening`);
    await page.getByTestId('opening-already-open').waitFor();
    await expect.poll(() => page.getByTestId('opening-preview').isDisabled(), { timeout: UI_TIMEOUT }).toBe(true);
  }, TEST_TIMEOUT);

  it('银行流水: a year of receipts matched by address and by sole owner, one unmatched to 待查明款项, one already imported skipped; importing again doubles nothing', async () => {
    const { page } = env;
    const header = ['日期', '金额', '付款人', '摘要'];
    const rows: (string | number | Date)[][] = [];
    for (const month of MONTHS) {
      for (const [payer, memo, fen] of MONTHLY) {
        // Dates as Excel dates (as banks export them), amounts as numbers.
        rows.push([new Date(`${month}-10T00:00:00Z`), fen / 100, payer, memo(month)]);
      }
    }
    rows.push([STRANGER_DATE, STRANGER[2] / 100, STRANGER[0], STRANGER[1]]);
    const statement = await writeXlsx('statement.xlsx', [header, ...rows]);
    // B's first receipt was imported earlier, on its own.
    const earlier = await writeXlsx('statement-earlier.xlsx', [header, rows[1]!]);
    const first = await env.call('fund.importStatement', { communityId, file: { fileName: 'earlier.xlsx', base64: fs.readFileSync(earlier).toString('base64') }, unmatched: 'suspense' }, session);
    expect(first).toMatchObject({ posted: 1, deposits: 1, unidentified: 0, skipped: 0 });

    await openAndLogin(env);
    await openFund(page);
    await page.getByTestId('fund-statement').click();
    await page.getByTestId('statement-import').waitFor();
    await page.getByTestId('statement-file-input').setInputFiles(statement);
    await page.getByTestId('statement-preview').click();
    await page.getByTestId('statement-preview-result').waitFor();
    expect(await text(page.getByTestId('statement-count-all'))).toBe('49');
    expect(await text(page.getByTestId('statement-count-new'))).toBe('48');
    expect(await text(page.getByTestId('statement-count-unclassified'))).toBe('0');
    expect(await text(page.getByTestId('statement-count-duplicates'))).toBe('1');
    const monthly = sum(MONTHLY.map((m) => m[2]));
    const fresh = 12 * monthly - MONTHLY[1]![2] + STRANGER[2];
    expect(await text(page.getByTestId('statement-new-in'))).toBe(yuan(fresh));
    expect(await text(page.getByTestId('statement-new-out'))).toBe('0.00');
    // Each row names its class and its part.
    const a101 = gridRow(page, 'statement-rows', `${MONTHS[0]}月维修资金 1幢101`);
    expect(await text(a101.getByTestId('statement-class'))).toBe('业主缴存');
    expect(await text(a101.getByTestId('statement-target'))).toBe('1幢101');
    await page.screenshot({ path: '/tmp/intake-statement-preview.png', fullPage: true });

    await totalBecomes(page, 'statement-rows', 49);
    await page.getByTestId('statement-filter').getByText(/^待选择/).click();
    await totalBecomes(page, 'statement-rows', 0);
    await page.getByTestId('statement-filter').getByText(/^已入账过/).click();
    await totalBecomes(page, 'statement-rows', 1);
    const duplicate = gridRow(page, 'statement-rows', /./);
    expect(await text(duplicate)).toContain(`${MONTHS[0]}-10`);
    expect(await text(duplicate.getByTestId('statement-target'))).toContain('从“earlier.xlsx”第 2 行入账');
    await page.getByTestId('statement-filter').getByText(/^本次入账/).click();
    await totalBecomes(page, 'statement-rows', 48);
    expect(await text(gridRow(page, 'statement-rows', `${MONTHS[0]}-10`).filter({ hasText: 'E' }).getByTestId('statement-target'))).toBe('3幢302');
    await page.getByTestId('statement-filter').getByText(/^记入待查明/).click();
    await totalBecomes(page, 'statement-rows', 1);
    const stranger = gridRow(page, 'statement-rows', '李四');
    expect(await text(stranger.getByTestId('statement-class'))).toBe('待查明款项');
    expect(await text(stranger)).toContain('未找到对应的房屋或业主');
    await page.screenshot({ path: '/tmp/intake-statement-matched.png', fullPage: true });

    // Unmatched to 待查明款项 (the default).
    expect(await page.locator('[data-testid=statement-unmatched] input[value=suspense]').isChecked()).toBe(true);
    await page.getByTestId('statement-import-button').click();
    await page.getByTestId('statement-result').waitFor();
    expect(await text(page.getByTestId('statement-result-posted'))).toBe('48');
    expect(await text(page.getByTestId('statement-result-deposits'))).toBe('47');
    expect(await text(page.getByTestId('statement-result-unidentified'))).toBe('1');
    expect(await text(page.getByTestId('statement-result-skipped'))).toBe('1');
    expect(await text(page.getByTestId('statement-result-left-out'))).toBe('0');
    expect(await text(gridRow(page, 'statement-result-rows', `${MONTHS[0]}月维修资金 1幢101`).getByTestId('statement-outcome'))).toMatch(/^已入账，第 \d+ 号凭证$/);
    // 待查明款项 holds the opening's difference and the stranger's receipt.
    await expect.poll(() => text(page.getByTestId('statement-unidentified-count')), { timeout: UI_TIMEOUT }).toBe('2');
    await page.screenshot({ path: '/tmp/intake-statement-imported.png', fullPage: true });

    // The same statement again: every row is one already posted.
    await page.getByTestId('statement-preview').click();
    await page.getByTestId('statement-preview-result').waitFor();
    expect(await text(page.getByTestId('statement-count-duplicates'))).toBe('49');
    expect(await text(page.getByTestId('statement-new-in'))).toBe('0.00');
    await page.getByTestId('statement-import-button').click();
    await page.getByTestId('statement-result').waitFor();
    expect(await text(page.getByTestId('statement-result-posted'))).toBe('0');
    expect(await text(page.getByTestId('statement-result-skipped'))).toBe('49');
    expect(await entryCount()).toBe(1 + 1 + 47 + 1);
  }, TEST_TIMEOUT);

  it('a statement row dated after today is a row error in the preview; leaving the unmatched out lists them', async () => {
    const { page } = env;
    const header = ['日期', '金额', '付款人', '摘要'];
    const future = await writeXlsx('statement-future.xlsx', [header, [addDays(TODAY, 3), 10, 'B', '预缴'], [TODAY, 12.34, '赵六', '不明来款']]);
    await openAndLogin(env);
    await goTo(page, `#/c/${communityId}/bank-statement`);
    await page.getByTestId('statement-file-input').setInputFiles(future);
    await page.getByTestId('statement-preview').click();
    await page.getByTestId('statement-row-errors').waitFor();
    expect(await text(gridRow(page, 'import-error-grid', '晚于今天'))).toMatch(/^2日期/);
    await expect.poll(() => page.getByTestId('statement-import-button').isDisabled(), { timeout: UI_TIMEOUT }).toBe(true);

    const stranger = await writeXlsx('statement-stranger.xlsx', [header, [TODAY, 12.34, '赵六', '不明来款']]);
    await page.getByTestId('statement-file-input').setInputFiles(stranger);
    await page.getByTestId('statement-unmatched-skip').click();
    await page.getByTestId('statement-preview').click();
    await page.getByTestId('statement-preview-result').waitFor();
    expect(await text(page.getByTestId('statement-new-in'))).toBe('0.00');
    const before = await entryCount();
    await page.getByTestId('statement-import-button').click();
    await page.getByTestId('statement-left-out-title').waitFor();
    expect(await text(page.getByTestId('statement-left-out-title'))).toContain('1 笔');
    const leftOut = gridRow(page, 'statement-result-rows', '赵六');
    expect(await text(leftOut)).toContain('12.34');
    expect(await text(leftOut.getByTestId('statement-outcome'))).toBe('未导入');
    expect(await entryCount()).toBe(before);
  }, TEST_TIMEOUT);

  it('待查明款项: the receipt is claimed for its part from the list; every balance is as computed by hand', async () => {
    const { page } = env;
    await openAndLogin(env);
    await goTo(page, `#/c/${communityId}/bank-statement`);
    await page.getByTestId('statement-tab-unidentified').click();
    const list = page.getByTestId('unidentified-list');
    await list.waitFor();
    // The opening's difference is an item too: the list adds up to the account.
    expect(await text(page.getByTestId('unidentified-total'))).toBe(`共 2 笔，未认领合计 ${yuan(SUSPENSE + STRANGER[2])} 元`);
    expect(await text(gridRow(page, 'unidentified-grid', '期初余额'))).toContain('100.00');
    const row = gridRow(page, 'unidentified-grid', '李四');
    expect(await text(row)).toContain(STRANGER_DATE);
    expect(await text(row)).toContain('333.33');

    await row.getByTestId('unidentified-claim').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('claim-targets').waitFor();
    expect(await text(dialog.getByTestId('claim-item'))).toContain('李四');
    expect(await dialog.getByTestId('claim-amount').inputValue()).toBe('333.33');
    await dialog.getByTestId('claim-save').click();
    await dialog.getByTestId('claim-errors').getByText('请选择房屋').waitFor();
    await pickPart(page, 'claim-part', SETTLED_TO);
    await dialog.getByTestId('claim-note').fill('电话联系，李四为2幢202租户代缴，摘要中的地址写错');
    await settled(page.locator('body'));
    await page.screenshot({ path: '/tmp/intake-claim.png' });
    await dialog.getByTestId('claim-save').click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => text(page.getByTestId('unidentified-total')), { timeout: UI_TIMEOUT }).toBe(`共 1 笔，未认领合计 ${yuan(SUSPENSE)} 元`);
    expect(await text(page.getByTestId('statement-unidentified-count'))).toBe('1');
    await page.screenshot({ path: '/tmp/intake-unidentified-after.png' });

    // By hand: the opening, twelve months of each part's receipts, the settled receipt.
    const expected = new Map(ADDRESSES.map((a) => [a, openingBalance(a)]));
    for (const [, , fen, address] of MONTHLY) expected.set(address, expected.get(address)! + 12 * fen);
    expected.set(SETTLED_TO, expected.get(SETTLED_TO)! + STRANGER[2]);
    expect(expected.get('2幢202')).toBe(503_000 + 12 * 5_050 + 33_333);
    const households = sum([...expected.values()]);
    const bank = BANK + 12 * sum(MONTHLY.map((m) => m[2])) + STRANGER[2];

    await page.getByTestId('statement-back').click();
    await painted(page, 'fund-grid', '');
    await expect.poll(() => text(page.getByTestId('fund-balance')), { timeout: UI_TIMEOUT }).toBe(yuan(households));
    expect(await text(page.getByTestId('fund-households-sum'))).toBe(yuan(households));
    expect(await text(page.getByTestId('fund-bank'))).toBe(yuan(bank));
    for (const [address, fen] of expected) expect(await text(gridRow(page, 'fund-grid', address))).toContain(yuan(fen));
    await page.screenshot({ path: '/tmp/intake-fund-after.png' });

    await gridRow(page, 'fund-grid', SETTLED_TO).click();
    await page.locator('[data-testid=sub-ledger-page][data-ready=true]').waitFor();
    expect(await text(page.getByTestId('sub-ledger-balance'))).toBe(yuan(expected.get(SETTLED_TO)!));
    expect(await text(page.getByTestId('sub-ledger-deposited'))).toBe(yuan(500_000 + 12 * 5_050 + 33_333));
    expect(await text(gridRow(page, 'sub-ledger-lines', '查明'))).toContain('333.33');
    // The suspense left is the opening's 100.00.
    const books = await env.call('ledger.books', { communityId }, session);
    expect(books.accounts.find((a) => a.code === '2003')?.balance).toBe(yuan(SUSPENSE));
  }, TEST_TIMEOUT);

  it('导出账簿 saves the books as xlsx; the print menu and 打印对账单 open the print views for a period', async () => {
    const { page } = env;
    await openAndLogin(env);
    await openFund(page);
    const file = await download(page, () => page.getByTestId('fund-export').click());
    expect(file.name).toBe('阳光小区账簿.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.bytes as unknown as ArrayBuffer);
    const households = workbook.getWorksheet('分户账')!;
    const rowOf = (address: string) => households.getRows(2, households.rowCount - 1)!.find((r) => r.getCell(1).value === address)!;
    expect(rowOf(SETTLED_TO).getCell(9).value).toBe(5969.33);
    expect(rowOf('1幢102').getCell(4).value).toBe(11000);
    const accounts = workbook.getWorksheet('科目余额')!;
    const suspense = accounts.getRows(2, accounts.rowCount - 1)!.find((r) => r.getCell(1).value === '2003')!;
    expect(suspense.getCell(3).value).toBe(100);
    const journal = workbook.getWorksheet('凭证明细')!;
    expect(journal.getRow(2).getCell(3).value).toBe('期初余额');

    // 打印 → 分户对账单: the period defaults to this year so far.
    await page.getByTestId('fund-print').click();
    await page.getByTestId('fund-print-statements').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('period-form').waitFor();
    expect(await dialog.getByTestId('period-from').inputValue()).toBe(`${TODAY.slice(0, 4)}-01-01`);
    expect(await dialog.getByTestId('period-to').inputValue()).toBe(TODAY);
    await settled(page.locator('body'));
    await page.screenshot({ path: '/tmp/intake-print-period.png' });
    // A period that ends before it starts is refused.
    await dialog.getByTestId('period-to').fill(`${Number(TODAY.slice(0, 4)) - 1}-12-31`);
    await dialog.getByTestId('period-open').click();
    await dialog.getByText('开始日期不能晚于结束日期').waitFor();
    await dialog.getByTestId('period-from').fill(AS_OF);
    await dialog.getByTestId('period-to').fill(TODAY);
    await dialog.getByTestId('period-open').click();
    await expect.poll(() => page.evaluate(() => window.location.hash), { timeout: UI_TIMEOUT })
      .toBe(`#/c/${communityId}/print/statements?from=${AS_OF}&to=${TODAY}`);

    await openFund(page);
    await page.getByTestId('fund-print').click();
    await page.getByTestId('fund-print-summary').click();
    await page.getByRole('dialog').getByTestId('period-open').click();
    await expect.poll(() => page.evaluate(() => window.location.hash), { timeout: UI_TIMEOUT })
      .toBe(`#/c/${communityId}/print/fund-summary?from=${TODAY.slice(0, 4)}-01-01&to=${TODAY}`);

    await openFund(page);
    await page.getByTestId('fund-print').click();
    await page.getByTestId('fund-print-top-up').click();
    await expect.poll(() => page.evaluate(() => window.location.hash), { timeout: UI_TIMEOUT }).toBe(`#/c/${communityId}/print/top-up`);

    // One part's statement from its sub-ledger.
    const part = await partId(SETTLED_TO);
    await goTo(page, `#/c/${communityId}/fund/${part}`);
    await page.locator('[data-testid=sub-ledger-page][data-ready=true]').waitFor();
    await page.getByTestId('sub-ledger-print').click();
    await page.getByRole('dialog').getByTestId('period-open').click();
    await expect.poll(() => page.evaluate(() => window.location.hash), { timeout: UI_TIMEOUT })
      .toBe(`#/c/${communityId}/print/statements?from=${TODAY.slice(0, 4)}-01-01&to=${TODAY}&part=${part}`);
  }, TEST_TIMEOUT);
});
