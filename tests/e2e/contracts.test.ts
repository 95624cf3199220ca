/**
 * Property-service contracts through the UI, on docs/domain.md §4's worked roster.
 * The dates are chosen relative to today and every statutory date is computed
 * here by hand:
 *
 * - the contract runs from 1 September three years before the expiry's year to
 *   the next 31 August at least 120 days away (E);
 * - the latest non-renewal notice is E − 90 days (31 August − 90 days = 2 June);
 * - renewal preparation starts 6 months before E: 31 February does not exist,
 *   so it is the last day of that February (28 or 29);
 * - a dismissal noticed today ends 60 days later at the earliest.
 *
 * The owners chose the company by an item-4 vote, created and closed through
 * the API (an open item-5 vote is shown greyed in the picker). The contract is
 * registered in the form with a new company — a wrong credit code first (the
 * check character's message on the field) — and two fee standards. A
 * non-renewal notice dated tomorrow is refused by main in its words, one dated
 * two days ago is recorded, a second is refused, and the state becomes
 * 届满终止. Two quarterly evaluations of last year (Q2, Q3) are entered:
 * 87.6 良好 and 91.4 优秀, satisfaction 187/200 = 93.50 % and 180/190 = 94.73 %
 * (rounded down), collection 95,000.50 / 100,000 = 95.00 % and 97,777.77 /
 * 100,000 = 97.77 %, complaints 2 and 1 (issues of category 物业服务 in each
 * quarter through the API; a 设施维修 issue is not one). The year's average is
 * (87.6 + 91.4) / 2 = 89.5, 良好 — not rounded up into 优秀. The deadlines
 * screen lists every community's contracts, an overdue handover in another
 * community first and highlighted. The annual report is printed to a PDF and
 * read back. Screenshots go to /tmp/contracts-*.png.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { checkCreditCode } from '../../shared/domain/credit-code';
import { officeDay, WORKED_ROSTER } from '../fixtures/worked-roster';
import { goTo, importRosterApi, openAndLogin, setupAdmin, TEST_TIMEOUT, UI_TIMEOUT, useE2E } from './harness';
import { choose, fieldError, gridRow, settled, totalBecomes } from './ui-steps';

const env = useE2E();

const TODAY = officeDay(0);
const YEAR = Number(TODAY.slice(0, 4));
/** The next 31 August at least 120 days away. */
const EXPIRY_YEAR = `${YEAR}-08-31` >= officeDay(120) ? YEAR : YEAR + 1;
const EXPIRY = `${EXPIRY_YEAR}-08-31`;
const START = `${EXPIRY_YEAR - 3}-09-01`;
const pad = (n: number) => String(n).padStart(2, '0');
const iso = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
/** 31 August − 90 days: 31 days of August and 30 of July take it to 1 July, 29 more to 2 June. */
const NOTICE_BY = `${EXPIRY_YEAR}-06-02`;
/** 6 months before 31 August is 31 February, which does not exist: the last day of February. */
const FEB_DAYS = EXPIRY_YEAR % 4 === 0 && (EXPIRY_YEAR % 100 !== 0 || EXPIRY_YEAR % 400 === 0) ? 29 : 28;
const RENEWAL_FROM = `${EXPIRY_YEAR}-02-${FEB_DAYS}`;
/** A dismissal noticed today: 60 days later. */
const DISMISSAL_TODAY = officeDay(60);
/** The what-if: noticed on 10 October of the contract's first year, + 60 days = 9 December. */
const WHAT_IF = `${EXPIRY_YEAR - 3}-10-10`;
const WHAT_IF_END = `${EXPIRY_YEAR - 3}-12-09`;
const NOTICE_ON = officeDay(-2);
/** The evaluated year: last year's second and third quarters. */
const EVAL_YEAR = YEAR - 1;

const COMPANY = '安居物业服务有限公司';
const GOOD_CODE = '91350100M000100Y43';
const BAD_CODE = '91350100M000100Y44';
const OTHER_CODE = '91110000802100433B';
const PEARL_CODE = '91330106MA27XK8L3N';
const VOTE_TITLE = '关于选聘安居物业服务有限公司的表决';
const OPEN_VOTE = '关于使用维修资金维修电梯的表决';

let session = '';
let communityId = '';

/** A vote of one item, every subject voting yes, closed (all returned, so it may close early). */
async function closedVote(cid: string, title: string, category: number): Promise<string> {
  const vote = await env.call('vote.create', { communityId: cid, title, opens: officeDay(-3), closes: officeDay(12), items: [{ title, category }] }, session);
  const itemId = vote.items[0]!.id;
  const subjects = (await env.call('vote.subjects', { voteId: vote.id, search: '', state: 'all', offset: 0, limit: 50 }, session)).rows;
  for (const s of subjects) {
    await env.call('ballot.record', {
      voteId: vote.id, subjectId: s.id, choices: [{ itemId, choice: 'yes' }],
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
  await env.call('community.update', { ...c, streetOffice: '南湖街道', communityOffice: '阳光社区' }, session);
  await closedVote(communityId, VOTE_TITLE, 4);
  await env.call('vote.create', { communityId, title: OPEN_VOTE, opens: officeDay(-1), closes: officeDay(20), items: [{ title: OPEN_VOTE, category: 5 }] }, session);

  // Complaints: two about the company in Q2, one in Q3; a 设施维修 issue in Q2 is not one.
  const issue = (title: string, category: '物业服务' | '设施维修', reportedAt: string) => env.call('issue.create', { communityId, title, category, reportedAt }, session);
  await issue('保洁不及时', '物业服务', `${EVAL_YEAR}-04-15T09:30`);
  await issue('门岗无人值守', '物业服务', `${EVAL_YEAR}-06-30T21:10`);
  await issue('路灯坏了', '设施维修', `${EVAL_YEAR}-05-20T10:00`);
  await issue('绿化无人修剪', '物业服务', `${EVAL_YEAR}-08-08T08:00`);
  await issue('楼道堆物', '物业服务', `${EVAL_YEAR}-10-01T08:00`);

  // Another community's contract: expired two years ago after a non-renewal notice, never handed over — overdue.
  const other = await importRosterApi(env, session, '和平小区', WORKED_ROSTER);
  const old = await env.call('contract.create', {
    communityId: other, company: { name: '旧城物业管理有限公司', creditCode: OTHER_CODE }, kind: '前期物业',
    startDate: `${YEAR - 5}-01-01`, endDate: `${YEAR - 2}-12-31`,
  }, session);
  await env.call('contract.record', { contractId: old.id, event: 'non-renewal-notice', date: `${YEAR - 2}-06-01` }, session);
}, TEST_TIMEOUT);

async function text(locator: Locator): Promise<string> {
  return (await locator.textContent()) ?? '';
}

async function quiet(page: Page): Promise<void> {
  await expect.poll(() => page.locator('.ant-message-notice').count(), { timeout: UI_TIMEOUT }).toBe(0);
  await settled(page.locator('body'));
}

async function evaluate(page: Page, quarter: RegExp, scores: number[], survey: [number, number], fees: [string, string]): Promise<void> {
  await page.getByTestId('evaluation-create').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByTestId('evaluation-form').waitFor();
  await dialog.getByTestId('evaluation-year-input').fill(String(EVAL_YEAR));
  await choose(page, 'evaluation-quarter', quarter);
  for (const [i, key] of ['cleaning', 'security', 'greening', 'repairs', 'service'].entries()) {
    await dialog.getByTestId(`evaluation-score-${key}`).fill(String(scores[i]));
  }
  await dialog.getByTestId('evaluation-satisfied').fill(String(survey[0]));
  await dialog.getByTestId('evaluation-surveyed').fill(String(survey[1]));
  await dialog.getByTestId('evaluation-fees-due').fill(fees[0]);
  await dialog.getByTestId('evaluation-fees-collected').fill(fees[1]);
  await settled(page.locator('body'));
  await page.screenshot({ path: '/tmp/contracts-evaluation-form.png' });
  await dialog.getByTestId('evaluation-save').click();
  await dialog.waitFor({ state: 'hidden' });
}

describe('property-service contracts', () => {
  it('registers a contract, shows its dates and state, records a notice, evaluates it and prints the report', async () => {
    const { page } = env;
    expect(checkCreditCode(GOOD_CODE).ok).toBe(true);
    expect(checkCreditCode(BAD_CODE).ok).toBe(false);
    await openAndLogin(env);
    await goTo(page, `#/c/${communityId}/contracts`);
    await page.locator('[data-testid=contracts-page][data-ready=true]').waitFor();
    expect(await text(page.getByTestId('contracts-empty'))).toContain('还没有登记物业服务合同');
    await page.getByRole('menuitem', { name: '物业合同' }).waitFor();

    // ── 登记合同: a new company, chosen by the item-4 vote ──
    await page.getByTestId('contract-create').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('contract-form').waitFor();
    await dialog.getByTestId('contract-company-mode').getByText('新企业').click();
    await dialog.getByTestId('contract-company-name').fill(COMPANY);
    await dialog.getByTestId('contract-credit-code').fill(BAD_CODE);
    await dialog.getByTestId('contract-company-contact').fill('李经理');
    expect(await dialog.getByTestId('contract-nonrenewal-days').inputValue()).toBe('90');
    expect(await dialog.getByTestId('contract-dismissal-days').inputValue()).toBe('60');
    expect(await dialog.getByTestId('contract-indefinite-days').inputValue()).toBe('60');
    expect(await text(dialog.getByTestId('contract-periods-help'))).toContain('合同对通知期限另有约定的');
    await page.getByTestId('contract-vote').click();
    const options = page.locator('.ant-select-dropdown:visible [data-testid=contract-vote-option]');
    await expect.poll(() => options.count(), { timeout: UI_TIMEOUT }).toBe(2);
    expect(await options.filter({ hasText: OPEN_VOTE }).getAttribute('data-usable')).toBe('false');
    expect(await text(options.filter({ hasText: OPEN_VOTE }))).toContain('没有第四项议题');
    expect(await text(options.filter({ hasText: VOTE_TITLE }))).toContain('含第四项议题');
    await settled(page.locator('body'));
    await page.screenshot({ path: '/tmp/contracts-vote-picker.png' });
    await options.filter({ hasText: VOTE_TITLE }).click();
    await dialog.getByTestId('contract-start').fill(START);
    await dialog.getByTestId('contract-end').fill(EXPIRY);
    await dialog.getByTestId('contract-fee').first().fill('2.50');
    await dialog.getByTestId('contract-fee-add').click();
    await dialog.getByTestId('contract-fee').nth(1).fill('4.80');
    await dialog.getByTestId('contract-service-level').fill('二级');
    await dialog.getByTestId('contract-deposit').fill('50000');
    await dialog.getByTestId('contract-signatories').fill('业委会主任张三；物业公司法定代表人李四');
    await dialog.getByTestId('contract-save').click();
    // The wrong check character, named on the field.
    const codeError = fieldError(dialog, 'contract-credit-code');
    await codeError.waitFor();
    expect(await text(codeError)).toBe(`统一社会信用代码“${BAD_CODE}”校验位错误（第18位应为 3，现为 4），请核对`);
    await dialog.getByTestId('contract-company-mode').scrollIntoViewIfNeeded();
    await settled(page.locator('body'));
    await page.screenshot({ path: '/tmp/contracts-form-error.png' });
    await dialog.getByTestId('contract-credit-code').fill(GOOD_CODE);
    await dialog.getByTestId('contract-save').click();

    // ── the contract: the rule today, the dates ──
    await page.locator('[data-testid=contract-page][data-ready=true]').waitFor();
    expect(await text(page.getByTestId('contract-title'))).toBe(COMPANY);
    expect(await text(page.getByTestId('contract-credit-code-shown'))).toBe(GOOD_CODE);
    expect(await text(page.getByTestId('contract-kind-shown'))).toBe('业主大会表决选聘');
    expect(await text(page.getByTestId('contract-vote-link'))).toBe(VOTE_TITLE);
    expect(await text(page.getByTestId('contract-term-shown'))).toBe(`${START} 至 ${EXPIRY}`);
    expect(await text(page.getByTestId('contract-fees-shown'))).toBe('住宅 2.50 元/㎡·月；商铺 4.80 元/㎡·月');
    expect(await text(page.getByTestId('contract-notice-by'))).toBe(NOTICE_BY);
    expect(await text(page.getByTestId('contract-renewal-from'))).toBe(RENEWAL_FROM);
    expect(await text(page.getByTestId('contract-dismissal-today'))).toBe(DISMISSAL_TODAY);
    // The same by date arithmetic.
    expect(iso(new Date(Date.UTC(EXPIRY_YEAR, 7, 31 - 90)))).toBe(NOTICE_BY);
    expect(iso(new Date(Date.UTC(EXPIRY_YEAR, 2, 0)))).toBe(RENEWAL_FROM);
    const before = await text(page.getByTestId('contract-state-message'));
    expect(before).toContain(`${EXPIRY} 届满`);
    expect(before).toMatch(TODAY >= RENEWAL_FROM ? /应着手续聘或另聘/ : new RegExp(`服务期内.*续聘准备自 ${RENEWAL_FROM} 开始`));
    expect(await text(page.getByTestId('contract-state-date'))).toBe(TODAY >= RENEWAL_FROM ? NOTICE_BY : RENEWAL_FROM);

    // What if the owners gave notice on 10 October of the first year?
    await page.getByTestId('contract-whatif-date').fill(WHAT_IF);
    await page.getByTestId('contract-whatif-run').click();
    await page.getByTestId('contract-whatif-result').waitFor();
    expect(await text(page.getByTestId('contract-whatif-result'))).toContain(`${WHAT_IF} 书面通知解聘，提前60日，合同最早于 ${WHAT_IF_END} 终止`);
    await quiet(page);
    await page.screenshot({ path: '/tmp/contracts-contract.png' });

    // 修改条款: the contract agrees 120 days' notice of non-renewal; the latest notice moves to E − 120 days.
    await page.getByTestId('contract-edit').click();
    const edit = page.getByRole('dialog');
    await edit.getByTestId('contract-form').waitFor();
    expect(await edit.getByTestId('contract-end').inputValue()).toBe(EXPIRY);
    await edit.getByTestId('contract-nonrenewal-days').fill('120');
    await edit.getByTestId('contract-save').click();
    await edit.waitFor({ state: 'hidden' });
    // 31 August − 120 days: back 31 + 30 + 31 days to 31 May, 28 more to 3 May.
    expect(iso(new Date(Date.UTC(EXPIRY_YEAR, 7, 31 - 120)))).toBe(`${EXPIRY_YEAR}-05-03`);
    await expect.poll(() => text(page.getByTestId('contract-notice-by')), { timeout: UI_TIMEOUT }).toBe(`${EXPIRY_YEAR}-05-03`);
    expect(await text(page.getByTestId('contract-periods-shown'))).toBe('不续聘 120 日 / 解聘 60 日 / 不定期 60 日');
    expect(await text(page.getByTestId('contract-fees-shown'))).toBe('住宅 2.50 元/㎡·月；商铺 4.80 元/㎡·月');
    expect(await text(page.getByTestId('contract-vote-link'))).toBe(VOTE_TITLE);

    // ── the non-renewal notice: tomorrow is refused, two days ago recorded, a second refused ──
    const record = async (date: string, note: string) => {
      await page.getByTestId('contract-record-non-renewal-notice').click();
      const modal = page.getByRole('dialog');
      await modal.getByTestId('event-form').waitFor();
      await modal.getByTestId('event-date').fill(date);
      await modal.getByTestId('event-note').fill(note);
      await modal.getByTestId('event-save').click();
      return modal;
    };
    let modal = await record(officeDay(1), '物业来函');
    const refusal = modal.getByTestId('event-errors').getByRole('alert');
    await refusal.waitFor();
    expect(await text(refusal)).toContain(`物业不续聘通知日期 ${officeDay(1)} 在今天之后，请在事情发生后登记`);
    await settled(page.locator('body'));
    await page.screenshot({ path: '/tmp/contracts-event-refused.png' });
    await modal.getByTestId('event-date').fill(NOTICE_ON);
    await modal.getByTestId('event-save').click();
    await modal.waitFor({ state: 'hidden' });
    const row = page.locator(`[data-testid=contract-event][data-event=non-renewal-notice]`);
    await expect.poll(() => row.getAttribute('data-date'), { timeout: UI_TIMEOUT }).toBe(NOTICE_ON);
    expect(await text(page.getByTestId('contract-state-message')))
      .toBe(`物业已于 ${NOTICE_ON} 通知不续聘，合同于 ${EXPIRY} 届满终止；新物业接管前原物业继续服务`);
    expect(await page.getByTestId('contract-page').getAttribute('data-state')).toBe('ending-at-expiry');
    expect(await text(page.getByTestId('contract-state-date'))).toBe(EXPIRY);
    await quiet(page);
    await page.getByTestId('contract-page').evaluate((el) => { el.scrollTop = 0; });
    await page.evaluate(() => document.scrollingElement?.scrollTo(0, 0));
    await page.screenshot({ path: '/tmp/contracts-state-after.png' });
    modal = await record(officeDay(-1), '');
    await modal.getByTestId('event-errors').getByRole('alert').waitFor();
    expect(await text(modal.getByTestId('event-errors'))).toContain(`本合同已登记物业不续聘通知（${NOTICE_ON}）`);
    // A date was typed: 取消 asks before it is thrown away (GuardedModal).
    await modal.getByRole('button', { name: /取\s*消/ }).click();
    const ask = page.locator('.ant-modal-confirm').filter({ has: page.getByTestId('unsaved-question') });
    await ask.getByTestId('unsaved-leave').click();
    await ask.waitFor({ state: 'detached' });
    await modal.waitFor({ state: 'hidden' });

    // ── two quarterly evaluations ──
    expect(await text(page.getByTestId('evaluations-none'))).toContain('还没有评价');
    await evaluate(page, /第二季度/, [90, 85, 80, 95, 88], [187, 200], ['100000', '95000.50']);
    await totalBecomes(page, 'evaluations-grid', 1);
    await evaluate(page, /第三季度/, [95, 92, 90, 91, 89], [180, 190], ['100000', '97777.77']);
    await totalBecomes(page, 'evaluations-grid', 2);
    const q2 = gridRow(page, 'evaluations-grid', `${EVAL_YEAR}年第二季度`);
    const q3 = gridRow(page, 'evaluations-grid', `${EVAL_YEAR}年第三季度`);
    // (90 + 85 + 80 + 95 + 88) / 5 = 87.6; (95 + 92 + 90 + 91 + 89) / 5 = 91.4.
    expect(await text(q2.getByTestId('evaluation-score'))).toBe('87.6');
    expect(await text(q2.getByTestId('evaluation-band'))).toBe('良好');
    expect(await text(q2.getByTestId('evaluation-satisfaction'))).toBe('93.50%');
    expect(await text(q2.getByTestId('evaluation-complaints'))).toBe('2');
    expect(await text(q2.getByTestId('evaluation-collection'))).toBe('95.00%');
    expect(await text(q3.getByTestId('evaluation-score'))).toBe('91.4');
    expect(await text(q3.getByTestId('evaluation-band'))).toBe('优秀');
    expect(await text(q3.getByTestId('evaluation-satisfaction'))).toBe('94.73%');
    expect(await text(q3.getByTestId('evaluation-complaints'))).toBe('1');
    expect(await text(q3.getByTestId('evaluation-collection'))).toBe('97.77%');
    expect(await page.locator('[data-testid=evaluation-chart] svg path').count()).toBeGreaterThan(0);
    await quiet(page);
    await page.getByTestId('contract-evaluations').scrollIntoViewIfNeeded();
    await page.screenshot({ path: '/tmp/contracts-evaluations.png' });
    const printHref = await page.getByTestId('evaluation-print').getAttribute('href');
    expect(printHref).toMatch(new RegExp(`/print/evaluation/[^?]+\\?year=${EVAL_YEAR}$`));

    // ── the list and the deadlines of every community ──
    await goTo(page, `#/c/${communityId}/contracts`);
    await page.locator('[data-testid=contracts-page][data-ready=true]').waitFor();
    await totalBecomes(page, 'contracts-grid', 1);
    const listed = gridRow(page, 'contracts-grid', COMPANY);
    expect(await text(listed)).toContain(GOOD_CODE);
    expect(await text(listed.getByTestId('contract-row-state'))).toContain(`通知不续聘，合同于 ${EXPIRY} 届满终止`);
    await page.evaluate(() => document.scrollingElement?.scrollTo(0, 0));
    await page.screenshot({ path: '/tmp/contracts-list.png' });

    await goTo(page, '#/deadlines');
    await page.locator('[data-testid=deadlines-page][data-ready=true]').waitFor();
    await totalBecomes(page, 'deadlines-grid', 2);
    expect(await text(page.getByTestId('deadlines-count'))).toContain('1 份已逾期');
    const overdue = gridRow(page, 'deadlines-grid', '旧城物业管理有限公司');
    expect(await text(overdue)).toContain('和平小区');
    expect(await text(overdue.getByTestId('contract-row-state'))).toContain(`合同已于 ${YEAR - 2}-12-31 终止`);
    expect(await text(overdue.getByTestId('contract-row-state'))).toContain('已逾期');
    await overdue.getByTestId('contract-overdue').waitFor();
    // The countdowns: the missed handover in red with its days; ours, ending at expiry months away, neutral.
    expect(await overdue.getByTestId('contract-row-countdown').getAttribute('data-level')).toBe('overdue');
    expect(await text(overdue.getByTestId('contract-row-countdown-count'))).toMatch(/^已逾期 \d+ 天$/);
    expect(await text(overdue.getByTestId('contract-row-countdown-what'))).toBe('物业须在此日前移交物业服务用房和资料');
    const ours = gridRow(page, 'deadlines-grid', COMPANY);
    expect(await text(ours)).toContain('阳光小区');
    expect(await text(ours.getByTestId('contract-row-date'))).toContain(EXPIRY);
    expect(await ours.getByTestId('contract-row-countdown').getAttribute('data-level')).toBe('later');
    expect(await text(ours.getByTestId('contract-row-countdown-what'))).toBe('合同届满终止，新物业接管前原物业继续服务');
    // Sorted: the overdue one first.
    const firstRow = await page.locator('[data-testid=deadlines-grid] .data-grid-row:not(.placeholder)').evaluateAll((rows) => rows
      .map((r) => ({ top: new DOMMatrixReadOnly(getComputedStyle(r).transform).m42, text: r.textContent ?? '' }))
      .sort((a, b) => a.top - b.top)[0]?.text ?? '');
    expect(firstRow).toContain('旧城物业管理有限公司');
    await page.getByRole('menuitem', { name: '合同期限提醒' }).waitFor();
    await page.evaluate(() => document.scrollingElement?.scrollTo(0, 0));
    await page.screenshot({ path: '/tmp/contracts-deadlines.png' });
    await ours.getByTestId('deadline-link').click();
    await page.locator('[data-testid=contract-page][data-ready=true]').waitFor();
    expect(await text(page.getByTestId('contract-title'))).toBe(COMPANY);

    // ── the annual evaluation report, printed ──
    await goTo(page, printHref!);
    await page.locator('[data-testid=evaluation-print][data-ready=true]').waitFor({ timeout: UI_TIMEOUT });
    await expect.poll(() => page.getByTestId('print-toolbar').getByRole('button', { name: '打印', exact: true }).isEnabled(), { timeout: UI_TIMEOUT }).toBe(true);
    expect(await page.locator('[data-testid=evaluation-report-chart] svg path').count()).toBeGreaterThan(0);
    await page.screenshot({ path: '/tmp/contracts-report-screen.png', fullPage: true });
    const pdf = path.join(env.tmpDir, 'contracts-report.pdf');
    await page.pdf({ path: pdf, format: 'A4', printBackground: true });
    const printed = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', pdf, '/tmp/contracts-report']);
    expect(fs.statSync('/tmp/contracts-report.png').size).toBeGreaterThan(0);
    const flat = printed.replace(/\s+/g, '');
    expect(flat).toContain(`阳光小区物业服务质量${EVAL_YEAR}年度评价报告`);
    expect(flat).toContain(`（${COMPANY}）`);
    expect(flat).toContain('所属街道：南湖街道');
    expect(flat).toContain(GOOD_CODE);
    expect(flat).toContain(`业主大会表决选聘（${VOTE_TITLE}）`);
    expect(flat).toContain(`${START}至${EXPIRY}`);
    expect(flat).toContain(`${EVAL_YEAR}年第二季度90858095888${'7.6'}良好93.50%295.00%`);
    expect(flat).toContain(`${EVAL_YEAR}年第三季度959290918991.4优秀94.73%197.77%`);
    expect(flat).toContain('年度平均89.5良好3');
    expect(flat).toContain('本年度2个季度平均得分89.5分，等级：良好。');
    expect(flat).toContain('业主委员会（盖章）：');
    expect(flat).toContain('制表人：');
    expect(flat).toContain('审核人：');
    expect(flat).not.toContain('第一季度');
  }, TEST_TIMEOUT);

  it('counts down to the owners’ decision of a contract 86 days from expiry, past its renewal preparation, in orange with what follows', async () => {
    const { page } = env;
    const expiry = officeDay(86);
    const c = await env.call('contract.create', {
      communityId, company: { name: '明珠物业服务有限公司', creditCode: PEARL_CODE }, kind: '业主大会表决选聘',
      startDate: officeDay(-3 * 365), endDate: expiry,
    }, session);
    await openAndLogin(env);
    await goTo(page, `#/c/${communityId}/contract/${c.id}`);
    await page.locator('[data-testid=contract-page][data-ready=true]').waitFor();
    // Past the non-renewal window (86 < 90 days), past renewal preparation (6 months), no owners' decision.
    expect(await page.getByTestId('contract-page').getAttribute('data-state')).toBe('notice-window-passed');
    const countdown = page.getByTestId('contract-countdown');
    expect(await countdown.getAttribute('data-level')).toBe('soon');
    expect(await text(countdown.getByTestId('contract-countdown-count'))).toBe('还剩 86 天');
    const sentence = await text(countdown.getByTestId('contract-countdown-what'));
    expect(sentence).toContain(`业主大会须在 ${expiry}（届满日）前决定续聘或另聘`);
    expect(sentence).toContain('合同继续有效但成为不定期合同（民法典第948条）');
    expect(await page.locator('.contract-state.soon').count()).toBe(1);
    expect(await page.getByTestId('contract-expiry-countdown').getAttribute('data-level')).toBe('soon');
    // Orange, not the neutral blue: the count's colour is the urgency's.
    expect(await countdown.getByTestId('contract-countdown-count').evaluate((e) => getComputedStyle(e).color)).toBe('rgb(212, 107, 8)');
    await quiet(page);
    await page.evaluate(() => document.scrollingElement?.scrollTo(0, 0));
    await page.screenshot({ path: '/tmp/deadlines-contract.png' });

    // Listed on the board with the same countdown and the short sentence.
    await goTo(page, '#/deadlines');
    await page.locator('[data-testid=deadlines-page][data-ready=true]').waitFor();
    await totalBecomes(page, 'deadlines-grid', 3);
    const row = gridRow(page, 'deadlines-grid', '明珠物业服务有限公司');
    expect(await row.getByTestId('contract-row-countdown').getAttribute('data-level')).toBe('soon');
    expect(await text(row.getByTestId('contract-row-countdown-count'))).toBe('还剩 86 天');
    expect(await text(row.getByTestId('contract-row-countdown-what'))).toBe('届满前须决定续聘或另聘，否则成为不定期合同');
    await page.evaluate(() => document.scrollingElement?.scrollTo(0, 0));
    await page.screenshot({ path: '/tmp/deadlines-board.png' });
  }, TEST_TIMEOUT);
});
