/**
 * Owners' votes through the UI, on docs/domain.md §4's worked roster (N 4,
 * A 635.00 m²; 1幢 holds A's two parts, 200.00 m²): a vote created in the
 * form with a whole-community item (category 4) and an item of 1幢 (category
 * 6) shows each item's frozen electorate; re-freezing is taken with a reason
 * before the first ballot and refused after it; ballots recorded through the
 * API move the live tally (main's comparisons, the outcome); the vote is
 * closed and its result posted; the result notice prints the figures, each
 * threshold as a percentage with 达到 and the fraction in words (the formulas
 * only in the annex 计票核对), the 公示期, the legal basis, addresses and
 * areas but no owner's name; the ballots print one
 * A4 page per voting subject with its code. PDFs are read back with
 * pdftotext / pdfinfo and rendered with pdftoppm (kept in /tmp/shots).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addDays } from '../../shared/domain/dates';
import { legalBasis } from '../../shared/domain/tally';
import type { RosterExportRow } from '../fixtures/roster-generator';
import { officeDay } from '../fixtures/worked-roster';
import { goTo, importRosterApi, openAndLogin, setupAdmin, TEST_TIMEOUT, UI_TIMEOUT, useE2E } from './harness';
import { choose } from './ui-steps';

const env = useE2E();
const SHOTS = '/tmp/shots';

const row = (building: string, room: string, area: string, deliveryStatus: string, owners: string, phones: string): RosterExportRow => ({
  building, entrance: null, room, type: '住宅', area, areaSource: '登记', deliveryStatus, owners, documents: '', phones,
});

/** docs/domain.md §4: A owns 101 and 102; B 201; C and D co-own 202; 301 unsold; 302 sold to E, not delivered. */
const WORKED: RosterExportRow[] = [
  row('1幢', '101', '90.00', '已交付', '甲业主', '13800000001'),
  row('1幢', '102', '110.00', '已交付', '甲业主', '13800000001'),
  row('2幢', '201', '100.00', '已交付', '乙业主', '13800000002'),
  row('2幢', '202', '95.00', '已交付', '丙业主、丁业主', '13800000003、13800000004'),
  row('3幢', '301', '120.00', '未售', '某某置业有限公司', ''),
  row('3幢', '302', '120.00', '已售未交付', '戊业主', '13800000005'),
];
const NAMES = ['甲业主', '乙业主', '丙业主', '丁业主', '戊业主', '某某置业'];

const VOTE_TITLE = '2026年第一次业主大会';
const ITEM_GENERAL = '续聘和美物业服务有限公司';
const ITEM_LIFT = '1幢电梯更新筹集维修资金';

let session = '';
let communityId = '';
let voteId = '';

beforeAll(async () => {
  session = await setupAdmin(env);
  communityId = await importRosterApi(env, session, '阳光小区', WORKED);
  fs.mkdirSync(SHOTS, { recursive: true });
}, TEST_TIMEOUT);

const squeeze = (text: string) => text.replace(/\s+/g, '');
/** 2026-05-03 → 2026年5月3日, as the notice writes a date. */
const dayText = (date: string) => { const [y, m, d] = date.split('-').map(Number); return `${y}年${m}月${d}日`; };

const go = goTo;

async function openVote(page: Page): Promise<void> {
  await go(page, `#/c/${communityId}/vote/${voteId}`);
  await page.locator('[data-testid=vote-page][data-ready=true]').waitFor();
}

/** Print the current print view to PDF; its text (pdftotext -layout), its page count, page 1 as PNG in /tmp/shots. */
async function printToPdf(page: Page, name: string): Promise<{ text: string; pages: number; pdf: string }> {
  const pdf = path.join(env.tmpDir, `${name}.pdf`);
  await page.pdf({ path: pdf, format: 'A4', printBackground: true });
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', pdf, path.join(SHOTS, `votes-${name}`)]);
  expect(fs.statSync(path.join(SHOTS, `votes-${name}.png`)).size).toBeGreaterThan(0);
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? 'NaN');
  return { text: execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }), pages, pdf };
}

/** The tally card of an item (by title), once it shows `outcome`. */
async function expectOutcome(page: Page, title: string, outcome: 'passed' | 'failed' | 'short') {
  const card = page.getByTestId('tally-item').filter({ hasText: title });
  await expect.poll(() => card.getAttribute('data-outcome'), { timeout: UI_TIMEOUT }).toBe(outcome);
  return card;
}

async function record(address: string, choices: [string, 'yes' | 'no' | 'abstain' | 'blank'][]) {
  const subjects = (await env.call('vote.subjects', { voteId, search: '', state: 'all', offset: 0, limit: 50 }, session)).rows;
  const subject = subjects.find((s) => s.addresses.split('、').includes(address));
  if (!subject) throw new Error(`no subject at ${address}`);
  const vote = await env.call('vote.get', { id: voteId }, session);
  const itemId = (title: string) => vote.items.find((i) => i.title === title)!.id;
  await env.call('ballot.record', {
    voteId, subjectId: subject.id, choices: choices.map(([title, choice]) => ({ itemId: itemId(title), choice })),
    valid: true, invalidReason: '', channel: '纸质', proxyHolder: '', proxyDocument: '', note: '',
  }, session);
}

describe('owners\' votes', () => {
  it('creates a vote in the form: a whole-community item and an item of 1幢, each with its frozen electorate', async () => {
    const { page } = env;
    await openAndLogin(env);
    await go(page, `#/c/${communityId}/votes`);
    await page.locator('[data-testid=votes-page][data-ready=true]').waitFor();
    await page.getByTestId('vote-create').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('vote-form').waitFor();

    // The settings default to the community's (abstention; invalid ballots do not take part).
    expect(await dialog.getByTestId('vote-blank-rule').locator('input[value=abstain]').isChecked()).toBe(true);
    expect(await dialog.getByTestId('vote-invalid-participates').isChecked()).toBe(false);

    await dialog.getByTestId('vote-title').fill(VOTE_TITLE);
    await dialog.getByTestId('vote-item-title-0').fill(ITEM_GENERAL);
    await choose(page, 'vote-item-category-0', /^第4项/);
    expect(await dialog.getByTestId('vote-item-threshold-0').textContent()).toContain('过半数');

    await dialog.getByTestId('vote-item-add').click();
    await dialog.getByTestId('vote-item-title-1').fill(ITEM_LIFT);
    await choose(page, 'vote-item-category-1', /^第6项/);
    expect(await dialog.getByTestId('vote-item-threshold-1').textContent()).toContain('3/4');
    await dialog.getByTestId('vote-item-scope-mode-1').getByText('部分楼栋或单元').click();

    // Some buildings chosen but none picked: the form says so and nothing is created.
    await dialog.getByTestId('vote-save').click();
    await dialog.getByText('请选择至少一个楼栋或单元').waitFor();
    expect(await env.call('vote.list', { communityId }, session)).toHaveLength(0);

    await choose(page, 'vote-item-scope-1', /^1幢$/);
    await page.keyboard.press('Escape');
    await page.screenshot({ path: `${SHOTS}/votes-form.png` });

    // A closing date before the opening date: main's refusal shows in the form.
    const opens = await dialog.getByTestId('vote-opens').inputValue();
    await dialog.getByTestId('vote-closes').fill('2020-01-01');
    await dialog.getByTestId('vote-save').click();
    const refusal = dialog.getByTestId('vote-form-errors').getByRole('alert');
    await refusal.waitFor();
    expect((await refusal.textContent())?.length ?? 0).toBeGreaterThan(0);
    expect(await env.call('vote.list', { communityId }, session)).toHaveLength(0);
    await page.screenshot({ path: `${SHOTS}/votes-form-refused.png` });

    const closes = new Date(Date.parse(`${opens}T00:00:00Z`) + 14 * 86_400_000).toISOString().slice(0, 10);
    await dialog.getByTestId('vote-closes').fill(closes);
    await dialog.getByTestId('vote-save').click();
    await page.locator('[data-testid=vote-page][data-ready=true]').waitFor();
    voteId = await page.evaluate(() => /#\/c\/[^/]+\/vote\/([^/?]+)/.exec(window.location.hash)?.[1] ?? '');
    expect(voteId).not.toBe('');

    expect(await page.getByTestId('vote-page-title').textContent()).toBe(VOTE_TITLE);
    expect(await page.getByTestId('vote-status').textContent()).toBe('进行中');
    expect(await page.getByTestId('vote-window').textContent()).toBe(`${opens} 至 ${closes}`);
    const items = page.getByTestId('vote-item');
    expect(await items.count()).toBe(2);
    expect(await items.nth(0).getByTestId('vote-item-scope').textContent()).toBe('全体业主');
    expect(await items.nth(0).getByTestId('vote-item-electorate-count').textContent()).toBe('4');
    expect(await items.nth(0).getByTestId('vote-item-electorate-area').textContent()).toBe('635.00');
    expect(await items.nth(1).getByTestId('vote-item-scope').textContent()).toBe('1幢');
    expect(await items.nth(1).getByTestId('vote-item-electorate-count').textContent()).toBe('1');
    expect(await items.nth(1).getByTestId('vote-item-electorate-area').textContent()).toBe('200.00');
    // No written-solicitation meeting was chosen: the app made one.
    expect(await page.getByTestId('vote-meeting-link').textContent()).toContain('书面征求意见');
    // The subjects: four, none returned.
    await expect.poll(() => page.getByTestId('subjects-grid').getAttribute('data-total'), { timeout: UI_TIMEOUT }).toBe('4');
    expect(await page.getByTestId('ballots-issued').getAttribute('data-value')).toBe('4');
    expect(await page.getByTestId('ballots-returned').getAttribute('data-value')).toBe('0');
    await page.screenshot({ path: `${SHOTS}/votes-page-new.png` });

    const stored = await env.call('vote.get', { id: voteId }, session);
    expect(stored.items.map((i) => [i.category, i.electorate])).toEqual([[4, { count: 4, area: '635.00' }], [6, { count: 1, area: '200.00' }]]);
  });

  it('re-freezes the electorate with a reason until the first ballot, then says it cannot', async () => {
    const { page } = env;
    await openAndLogin(env);
    await openVote(page);
    await page.getByTestId('vote-refreeze').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('vote-refreeze-save').click();
    await dialog.getByText('请填写重新确定表决权人的理由').or(dialog.locator('.ant-form-item-explain-error')).first().waitFor();
    await dialog.getByTestId('vote-refreeze-reason').fill('补录了2幢的产权变更');
    await dialog.getByTestId('vote-refreeze-save').click();
    await expect.poll(() => page.getByTestId('vote-frozen').textContent(), { timeout: UI_TIMEOUT }).toContain('补录了2幢的产权变更');
    expect((await env.call('vote.get', { id: voteId }, session)).freezeReason).toBe('补录了2幢的产权变更');

    await record('1幢101', [[ITEM_GENERAL, 'yes'], [ITEM_LIFT, 'yes']]);
    await page.getByTestId('vote-refreeze').click();
    await dialog.getByTestId('vote-refreeze-reason').fill('再次核对');
    await dialog.getByTestId('vote-refreeze-save').click();
    const refused = dialog.getByTestId('vote-refreeze-errors').getByRole('alert');
    await refused.waitFor();
    expect(await refused.textContent()).toMatch(/表决票/);
    await page.screenshot({ path: `${SHOTS}/votes-refreeze-refused.png` });
    expect((await env.call('vote.get', { id: voteId }, session)).freezeReason).toBe('补录了2幢的产权变更');
  });

  it('moves the live tally as ballots are recorded: comparisons as main states them, and the outcome', async () => {
    const { page } = env;
    await openAndLogin(env);
    await openVote(page);

    // One ballot (A, 200.00 m²): the whole community is short of two thirds; 1幢 is all A's, and A said yes.
    let general = await expectOutcome(page, ITEM_GENERAL, 'short');
    expect(await general.getByTestId('cmp-participation-area-text').textContent()).toBe('3 × 200.00 < 2 × 635.00');
    expect(await general.getByTestId('cmp-participation-count-text').textContent()).toBe('3 × 1 < 2 × 4');
    expect(await general.getByTestId('cmp-participation-area').getAttribute('data-met')).toBe('false');
    expect(await general.getByTestId('tally-outcome').textContent()).toBe('参与不足');
    const lift = await expectOutcome(page, ITEM_LIFT, 'passed');
    expect(await lift.getByTestId('cmp-approval-area-text').textContent()).toBe('4 × 200.00 ≥ 3 × 200.00');
    expect(await lift.getByTestId('cmp-approval-count-text').textContent()).toBe('4 × 1 ≥ 3 × 1');
    expect(await lift.getByTestId('tally-outcome').textContent()).toBe('通过');
    expect(await lift.getByTestId('tally-participation-percent').textContent()).toContain('100.00%');

    // B and C、D say yes, the developer no: 395.00 of 635.00 m² and 3 of 4 took part and approved.
    await record('2幢201', [[ITEM_GENERAL, 'yes']]);
    await record('2幢202', [[ITEM_GENERAL, 'yes']]);
    await record('3幢301', [[ITEM_GENERAL, 'no']]);
    general = await expectOutcome(page, ITEM_GENERAL, 'passed');
    expect(await general.getByTestId('cmp-participation-area-text').textContent()).toBe('3 × 635.00 ≥ 2 × 635.00');
    expect(await general.getByTestId('cmp-approval-area-text').textContent()).toBe('2 × 395.00 > 635.00');
    expect(await general.getByTestId('cmp-approval-count-text').textContent()).toBe('2 × 3 > 4');
    expect(await general.getByTestId('tally-yes-percent').textContent()).toContain('62.20%');
    expect(await general.getByTestId('tally-no').textContent()).toContain('240.00㎡');
    expect(await general.getByTestId('tally-outcome').textContent()).toBe('通过');
    await expect.poll(() => page.getByTestId('ballots-returned').getAttribute('data-value'), { timeout: UI_TIMEOUT }).toBe('4');
    expect(await page.getByTestId('ballots-not-returned').getAttribute('data-value')).toBe('0');

    // The subjects table follows: filter and search.
    await expect.poll(async () => (await page.getByTestId('subject-returned').evaluateAll((els) => els.map((e) => e.getAttribute('data-returned')))).join(','), { timeout: UI_TIMEOUT })
      .toBe('true,true,true,true');
    await page.getByTestId('vote-subjects-panel').screenshot({ path: `${SHOTS}/votes-page-subjects.png` });
    await page.getByTestId('subjects-search').fill('202');
    await expect.poll(() => page.getByTestId('subjects-grid').getAttribute('data-query'), { timeout: UI_TIMEOUT }).toBe('202');
    expect(await page.getByTestId('subjects-grid').getAttribute('data-total')).toBe('1');
    expect(await page.getByTestId('subject-choices').first().textContent()).toBe('议题1 同意');
    await page.getByTestId('subjects-search').fill('');
    await page.getByTestId('subjects-state').getByText('未收回').click();
    await expect.poll(() => page.getByTestId('subjects-grid').getAttribute('data-total'), { timeout: UI_TIMEOUT }).toBe('0');
    await page.getByTestId('vote-tally').screenshot({ path: `${SHOTS}/votes-page-tally.png` });
  });

  it('will not print the result of an open vote; closes it, posts it and prints the notice without names', async () => {
    const { page } = env;
    await openAndLogin(env);
    await openVote(page);

    await page.getByTestId('vote-print-result').click();
    await page.getByTestId('result-still-open').waitFor();
    await page.getByTestId('print-toolbar').getByRole('button', { name: '返回' }).click();
    await page.locator('[data-testid=vote-page][data-ready=true]').waitFor();

    await page.getByTestId('vote-close').click();
    expect(await page.getByTestId('vote-close-confirm').textContent()).toContain('锁定');
    await page.getByTestId('vote-close-ok').click();
    await expect.poll(() => page.getByTestId('vote-status').textContent(), { timeout: UI_TIMEOUT }).toBe('已结束');
    expect(await page.getByTestId('vote-close').count()).toBe(0);
    expect(await page.getByTestId('vote-entry').count()).toBe(0);

    // Before the posting is recorded, the notice's 公示期 starts on the date the posting form prefills, for 7 days.
    const posted = await page.getByTestId('vote-post-date').inputValue();
    const postingText = `公示期：${dayText(posted)}至${dayText(addDays(posted, 7))}。`;
    await page.getByTestId('vote-print-result').click();
    await page.locator('[data-testid=vote-result-print][data-ready=true]').waitFor();
    expect(await page.getByTestId('result-posting').textContent()).toContain(postingText);
    await page.getByTestId('print-toolbar').getByRole('button', { name: '返回' }).click();
    await page.locator('[data-testid=vote-page][data-ready=true]').waitFor();

    await page.getByTestId('vote-post').click();
    await expect.poll(() => page.getByTestId('vote-posted-date').textContent(), { timeout: UI_TIMEOUT }).toBe(posted);
    expect((await env.call('vote.get', { id: voteId }, session)).postedDate).toBe(posted);
    await page.screenshot({ path: `${SHOTS}/votes-page-closed.png` });

    await page.getByTestId('vote-print-result').click();
    await page.locator('[data-testid=vote-result-print][data-ready=true]').waitFor();
    expect(await page.getByTestId('print-title').textContent()).toBe(`${VOTE_TITLE}表决结果公告`);
    // The notice itself speaks in percentages and words; the formulas stand only in the annex 计票核对.
    const body = squeeze(await page.getByTestId('vote-result-print').innerText());
    expect(body).toContain('参与表决4人，专有部分面积635.00平方米。参与表决的专有部分面积占总面积100.00%，达到三分之二以上；参与表决人数占总人数100.00%，达到三分之二以上。');
    expect(body).toContain('同意3人，专有部分面积395.00平方米。同意的专有部分面积占参与表决专有部分面积62.20%，达到过半数；同意人数占参与表决人数75.00%，达到过半数。');
    expect(body).toContain('同意的专有部分面积占参与表决专有部分面积100.00%，达到四分之三以上');
    expect(body).not.toContain('×');
    expect(body).not.toContain('≥');
    expect(body).toContain(squeeze(postingText));
    const check = page.getByTestId('vote-result-check');
    expect(await check.getByRole('heading').textContent()).toBe('附件1：计票核对');
    const general = check.getByTestId('check-item').filter({ hasText: ITEM_GENERAL });
    expect(squeeze(await general.getByTestId('check-figures').textContent() ?? '')).toBe('表决权人4人、635.00平方米；参与表决4人、635.00平方米；同意3人、395.00平方米。');
    expect(await general.locator('[data-check=participation-area] .vote-check-formula').textContent()).toBe('3 × 635.00 ≥ 2 × 635.00');
    expect(await general.locator('[data-check=approval-area] .vote-check-formula').textContent()).toBe('2 × 395.00 > 635.00');
    expect(await general.locator('[data-check=approval-count]').getAttribute('data-met')).toBe('true');
    await page.screenshot({ path: `${SHOTS}/votes-result-screen.png`, fullPage: true });

    const { text, pdf } = await printToPdf(page, 'result');
    const flat = squeeze(text);
    // The figures of the whole-community item, its words, basis and outcome; the 1幢 item's basis; the annex's formulas.
    expect(flat).toContain('表决权人4人，专有部分面积635.00平方米');
    expect(flat).toContain('参与表决的专有部分面积占总面积100.00%，达到三分之二以上');
    expect(flat).toContain('同意人数占参与表决人数75.00%，达到过半数');
    expect(flat).toContain('反对1人，面积240.00平方米');
    expect(flat).toContain(squeeze(postingText));
    expect(flat).toContain('附件1：计票核对');
    expect(flat).toContain(squeeze('2 × 395.00 > 635.00'));
    expect(flat).toContain(squeeze(legalBasis(4)));
    expect(flat).toContain(squeeze(legalBasis(6)));
    expect(flat).toContain('表决结果：通过');
    expect(flat).toContain('无效表决票不计入参与表决');
    expect(flat).toContain('本次表决共发放表决票4张，收回4张');
    // The parts with address and area, never a name.
    const parts: [string, string][] = [['1幢101', '90.00'], ['1幢102', '110.00'], ['2幢201', '100.00'], ['2幢202', '95.00'], ['3幢301', '120.00'], ['3幢302', '120.00']];
    for (const [address, area] of parts) {
      expect(flat).toMatch(new RegExp(`${address}${area.replace('.', '\\.')}`));
    }
    for (const name of NAMES) expect(flat, `the notice shows ${name}`).not.toContain(name);
    expect(flat).toContain('阳光小区业主委员会');
    execFileSync('pdftoppm', ['-png', '-r', '60', pdf, path.join(SHOTS, 'votes-result-all')]);
  });

  it('prints one ballot per voting subject on its own A4 page, with its code', async () => {
    const { page } = env;
    await openAndLogin(env);
    // The list: the vote closed, all four ballots back; its row opens it.
    await go(page, `#/c/${communityId}/votes`);
    await page.locator('[data-testid=votes-page][data-ready=true]').waitFor();
    const listed = page.locator('[data-testid=votes-grid] .data-grid-row').filter({ hasText: VOTE_TITLE });
    expect(await listed.textContent()).toContain('已结束');
    expect(await listed.getByTestId('vote-row-returned').textContent()).toBe('4 / 4');
    await listed.click();
    await page.locator('[data-testid=vote-page][data-ready=true]').waitFor();
    await page.getByTestId('vote-print-ballots').click();
    await page.locator('[data-testid=ballots-print][data-ready=true]').waitFor();
    expect(await page.getByTestId('ballot').count()).toBe(4);
    // A's ballot has both items; the others only the whole-community one.
    const a = page.locator('[data-testid=ballot]').filter({ hasText: '1幢101' });
    expect(await a.getByTestId('ballot-item').count()).toBe(2);
    expect(await page.locator('[data-testid=ballot]').filter({ hasText: '2幢201' }).getByTestId('ballot-item').count()).toBe(1);
    const { text, pages } = await printToPdf(page, 'ballots');
    expect(pages).toBe(4);
    const subjects = (await env.call('vote.subjects', { voteId, search: '', state: 'all', offset: 0, limit: 50 }, session)).rows;
    const flat = squeeze(text);
    for (const s of subjects) expect(flat).toContain(s.code);
    expect(flat).toContain(`${VOTE_TITLE}表决票`);
    expect(flat).toContain('甲业主');
    expect(flat).toContain('业主（或受托人）签名');
    expect((flat.match(/同意反对弃权/g) ?? []).length).toBe(4);
  });

  it('titles its printouts without doubling a word when the vote is named …表决', async () => {
    const { page } = env;
    await openAndLogin(env);
    const title = '2026年业主表决';
    const vote = await env.call('vote.create', { communityId, title, opens: officeDay(-1), closes: officeDay(10), items: [{ title: ITEM_GENERAL, category: 4 }] }, session);
    await go(page, `#/c/${communityId}/print/ballots/${vote.id}`);
    await page.locator('[data-testid=ballots-print][data-ready=true]').waitFor();
    expect(await page.locator('.ballot-title').first().textContent()).toBe('2026年业主表决票');
    expect(await page.locator('[data-testid=ballots-print]').innerText()).not.toContain('表决表决');
  });
});
