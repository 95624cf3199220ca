/**
 * Returned ballots through the UI, on docs/domain.md §4's worked roster (subjects
 * 0001 = A's 1幢101+102, 200.00 m²; 0002 = B's 2幢201, 100.00; 0003 = C and
 * D's 2幢202, 95.00; 0004 = the developer's 3幢301+302, 240.00) and a vote
 * with a whole-community item and an item of 1幢:
 * - the entry screen driven by the keyboard only: a code selects at once,
 *   a room and a building give matches chosen with ↑ ↓ Enter, 1/2/3 and
 *   Backspace per item (only the subject's items), Enter saves; an invalid
 *   ballot needs its reason; a proxy; the channel switched with Q persists;
 *   a code typed together with its first choice; a second ballot for a
 *   subject is refused and settled by replacing it with a reason; a saved
 *   ballot corrected (更正); each save said on one status line under the
 *   lookup, replaced by the next, with no antd message; vote.tally shows
 *   what was typed;
 * - the xlsx import on the vote page: a bad file lists its row errors and
 *   records nothing, a good one records;
 * - after closing, entry is blocked and 更正（修正案） records an amendment.
 *
 * Screenshots go to /tmp/shots/ballots-*.png.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ballotShown, choices, createWorkedVote, entryDone, focused, ITEM_GENERAL, ITEM_LIFT, setUpWorkedCommunity, statusSays, subjectByCode as subjectOf, type WorkedCommunity } from './ballot-entry-steps';
import { encodeGbk } from '../fixtures/table-files';
import { TEST_TIMEOUT, UI_TIMEOUT, goTo, openAndLogin, useE2E } from './harness';

const env = useE2E();
const SHOTS = '/tmp/shots';

let c: WorkedCommunity;
let session = '';
let communityId = '';

const createVote = (title: string) => createWorkedVote(env, c, title);

beforeAll(async () => {
  c = await setUpWorkedCommunity(env);
  ({ session, communityId } = c);
  fs.mkdirSync(SHOTS, { recursive: true });
}, TEST_TIMEOUT);

const go = goTo;

const returned = async (page: Page) => Number(await page.getByTestId('entry-count').getAttribute('data-returned'));
const currentItem = (page: Page) => page.locator('[data-testid=entry-items] [data-testid=entry-item]')
  .evaluateAll((els) => els.findIndex((e) => e.getAttribute('data-current') === 'true'));


async function saved(page: Page, count: number): Promise<void> {
  await expect.poll(() => returned(page), { timeout: UI_TIMEOUT }).toBe(count);
  await entryDone(page);
}

const subjectByCode = (voteId: string, code: string) => subjectOf(env, c, voteId, code);

async function ballotsXlsx(name: string, rows: string[][]): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('表决票');
  sheet.addRow(['楼栋', '单元', '房号', '议题1', '议题2', '有效', '备注']);
  for (const r of rows) sheet.addRow(r);
  const file = path.join(env.tmpDir, name);
  await workbook.xlsx.writeFile(file);
  return file;
}

describe('returned ballots', () => {
  let voteId = '';

  it('enters a stack of paper ballots by keyboard, settles a second ballot and a correction, and the tally shows them', async () => {
    const { page } = env;
    const vote = await createVote('2026年第一次业主大会表决');
    voteId = vote.id;
    const [general, lift] = vote.items;

    await openAndLogin(env);
    await go(page, `#/c/${communityId}/vote/${voteId}/entry`);
    await page.locator('[data-testid=ballot-entry-page][data-ready=true]').waitFor();
    await expect.poll(() => focused(page), { timeout: UI_TIMEOUT }).toBe('entry-lookup-input');
    expect(await page.getByTestId('entry-count').textContent()).toContain('0 / 4');
    const legend = await page.getByTestId('entry-legend').textContent();
    for (const word of ['1同意', '2反对', '3弃权', '空白', 'Enter', '退格']) expect(legend).toContain(word);
    expect(await page.getByTestId('entry-channel').getAttribute('data-value')).toBe('纸质');
    await page.screenshot({ path: path.join(SHOTS, 'ballots-entry-start.png') });

    // 0001 by its code: selected at once; A's two parts; both items concern 1幢.
    await page.keyboard.type('0001');
    await ballotShown(page, '0001');
    expect(await page.getByTestId('entry-subject-addresses').textContent()).toBe('1幢101、1幢102');
    expect(await page.getByTestId('entry-subject-owners').textContent()).toBe('A');
    expect(await page.locator('[data-testid=entry-items] [data-testid=entry-item]').evaluateAll((els) => els.map((e) => e.getAttribute('data-item-id'))))
      .toEqual([general!.id, lift!.id]);
    expect(await choices(page)).toEqual(['', '']);
    // A wrong key, Backspace back one item, then the right ones.
    await page.keyboard.press('3');
    await expect.poll(() => choices(page)).toEqual(['abstain', '']);
    expect(await currentItem(page)).toBe(1);
    await page.keyboard.press('Backspace');
    await expect.poll(() => choices(page)).toEqual(['', '']);
    expect(await currentItem(page)).toBe(0);
    await page.keyboard.press('1');
    await page.keyboard.press('1');
    await expect.poll(() => choices(page)).toEqual(['yes', 'yes']);
    await page.screenshot({ path: path.join(SHOTS, 'ballots-entry-filled.png') });
    await page.keyboard.press('Enter');
    await saved(page, 1);
    // What the save did is one line under the lookup (no stack of messages over it).
    await statusSays(page, '已保存 1幢101、1幢102 · 第 1 张');
    expect(await page.getByTestId('entry-count').textContent()).toContain('1 / 4');
    expect(await page.locator('[data-testid=entry-recent-item]').first().getAttribute('data-code')).toBe('0001');

    // Room 201: one match, chosen with Enter; only the whole-community item concerns 2幢.
    await page.keyboard.type('201');
    await expect.poll(() => page.locator('[data-testid=entry-match]').evaluateAll((els) => els.map((e) => e.getAttribute('data-code')))).toEqual(['0002']);
    await page.keyboard.press('Enter');
    await ballotShown(page, '0002');
    expect(await page.locator('[data-testid=entry-items] [data-testid=entry-item]').count()).toBe(1);
    await page.keyboard.press('1');
    await expect.poll(() => choices(page)).toEqual(['yes']);
    await page.keyboard.press('Enter');
    await saved(page, 2);
    await statusSays(page, '已保存 2幢201 · 第 2 张');

    // 2幢: two matches; ↓ and Enter choose the second, 2幢202 (C and D). Invalid: the reason is required.
    await page.keyboard.type('2幢');
    await expect.poll(() => page.locator('[data-testid=entry-match]').evaluateAll((els) => els.map((e) => e.getAttribute('data-code')))).toEqual(['0002', '0003']);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await ballotShown(page, '0003');
    expect(await page.getByTestId('entry-subject-owners').textContent()).toBe('C、D');
    await page.keyboard.press('w');
    await expect.poll(() => focused(page)).toBe('entry-invalid-reason');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[data-testid=entry-ballot] .form-error').textContent()).toContain('无效票须填写无效原因');
    expect(await returned(page)).toBe(2);
    await page.keyboard.type('未签名');
    await page.keyboard.press('Enter');
    await saved(page, 3);

    // The code and its first choice typed in one go (faster than the lookup answers); Q switches the channel;
    // a proxy with the holder and the authorisation document.
    await page.keyboard.type('00042');
    await ballotShown(page, '0004');
    await expect.poll(() => choices(page)).toEqual(['no']);
    expect(await page.getByTestId('entry-subject-addresses').textContent()).toBe('3幢301、3幢302');
    await page.keyboard.press('q');
    await expect.poll(() => page.getByTestId('entry-channel').getAttribute('data-value')).toBe('现场');
    await page.keyboard.press('d');
    await expect.poll(() => focused(page)).toBe('entry-proxy-holder');
    await page.keyboard.type('张律师');
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('entry-proxy-document');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[data-testid=entry-ballot] .form-error').textContent()).toContain('授权委托书');
    await page.keyboard.type('授权委托书（某某置业盖章）');
    await page.screenshot({ path: path.join(SHOTS, 'ballots-entry-proxy.png') });
    await page.keyboard.press('Enter');
    await saved(page, 4);
    await statusSays(page, '已保存 3幢301、3幢302 · 第 4 张');
    expect(await page.getByTestId('entry-count').textContent()).toContain('4 / 4');
    expect(await page.getByTestId('entry-channel').getAttribute('data-value')).toBe('现场'); // kept for the next ballot

    // A second ballot for 0002: main refuses it; both side by side; replaced with a reason.
    await page.keyboard.type('0002');
    await ballotShown(page, '0002');
    await page.getByTestId('entry-existing').waitFor();
    await page.keyboard.press('2');
    await page.keyboard.press('Enter');
    const conflict = page.getByTestId('entry-conflict');
    await conflict.waitFor();
    expect(await conflict.locator('[data-testid=entry-conflict-row]').evaluateAll((els) => els.map((e) => [e.getAttribute('data-before'), e.getAttribute('data-after')])))
      .toEqual([['yes', 'no']]);
    await expect.poll(() => focused(page)).toBe('entry-conflict-reason');
    await page.screenshot({ path: path.join(SHOTS, 'ballots-entry-conflict.png') });
    await page.keyboard.press('Enter'); // no reason yet
    await expect.poll(() => conflict.textContent()).toContain('请填写理由');
    await page.keyboard.type('业主B撤回原票，以签名日期在后的本票为准');
    await page.keyboard.press('Enter');
    await conflict.waitFor({ state: 'detached' });
    await expect.poll(() => focused(page), { timeout: UI_TIMEOUT }).toBe('entry-lookup-input');
    expect(await returned(page)).toBe(4);
    await statusSays(page, '已以本票替换原票 2幢201 · 第 4 张');

    // 更正 of 0004 from the recent list: no → abstain, with a reason.
    await page.locator('[data-testid=entry-recent-item][data-code="0004"] [data-testid=entry-recent-correct]').click();
    const form = page.getByTestId('correction-form');
    await form.waitFor();
    await expect.poll(() => focused(page)).toBe('correction-editor');
    expect(await form.locator('[data-testid=entry-item]').evaluateAll((els) => els.map((e) => e.getAttribute('data-choice')))).toEqual(['no']);
    await page.keyboard.press('3');
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('correction-reason');
    await page.keyboard.type('录入时误读，原票为弃权');
    await page.screenshot({ path: path.join(SHOTS, 'ballots-entry-correction.png') });
    await page.keyboard.press('Enter');
    await form.waitFor({ state: 'detached' });
    await statusSays(page, '已更正 3幢301、3幢302');
    await page.screenshot({ path: path.join(SHOTS, 'ballots-entry-done.png') });

    // The tally: item 1 — yes A 200.00, no B 100.00 (the replacing ballot), abstain the developer 240.00; C and D's
    // invalid ballot does not take part. Item 2 (1幢) — A alone.
    const tally = await env.call('vote.tally', { id: voteId }, session);
    expect(tally.ballots).toEqual({ returned: 4, valid: 3, invalid: 1, subjects: 4 });
    expect(tally.items[0]).toMatchObject({
      participants: { count: 3, area: '540.00' }, yes: { count: 1, area: '200.00' }, no: { count: 1, area: '100.00' }, abstain: { count: 1, area: '240.00' },
    });
    expect(tally.items[1]).toMatchObject({ participants: { count: 1, area: '200.00' }, yes: { count: 1, area: '200.00' }, no: { count: 0, area: '0.00' } });
    const invalid = await subjectByCode(voteId, '0003');
    expect(invalid.ballot).toMatchObject({ valid: false, invalidReason: '未签名', channel: '纸质' });
    const proxied = await subjectByCode(voteId, '0004');
    expect(proxied.ballot).toMatchObject({ valid: true, channel: '现场', proxyHolder: '张律师', choices: [{ itemId: general!.id, choice: 'abstain' }] });
  }, TEST_TIMEOUT);

  it('after closing, entry is blocked and 更正（修正案） records an amendment with the re-run tally', async () => {
    const { page } = env;
    await env.call('vote.close', { id: voteId }, session);
    await openAndLogin(env);
    await go(page, `#/c/${communityId}/vote/${voteId}/entry`);
    await page.locator('[data-testid=ballot-entry-page][data-ready=true][data-status=closed]').waitFor();
    await page.getByTestId('entry-closed').waitFor();

    await page.keyboard.type('0001');
    await ballotShown(page, '0001');
    await page.getByTestId('entry-existing').waitFor();
    expect(await page.getByTestId('entry-save').count()).toBe(0);
    await page.keyboard.press('1'); // nothing to enter
    expect(await page.locator('[data-testid=entry-items]').count()).toBe(0);

    // Enter opens 更正（修正案）: item 2 yes → no.
    await page.keyboard.press('Enter');
    const form = page.locator('[data-testid=correction-form][data-closed=true]');
    await form.waitFor();
    expect(await page.getByTestId('correction-amend-note').textContent()).toContain('修正案');
    await expect.poll(() => focused(page)).toBe('correction-editor');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('2');
    await expect.poll(() => form.locator('[data-testid=entry-item]').evaluateAll((els) => els.map((e) => e.getAttribute('data-choice')))).toEqual(['yes', 'no']);
    await page.keyboard.press('Enter');
    await page.keyboard.type('复核原票：第2项勾选的是反对');
    await page.screenshot({ path: path.join(SHOTS, 'ballots-entry-amend.png') });
    await page.keyboard.press('Enter');
    await form.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('entry-existing').textContent()).toContain('反对');

    const vote = await env.call('vote.get', { id: voteId }, session);
    expect(vote.amendments.map((a) => a.reason)).toEqual(['复核原票：第2项勾选的是反对']);
    const tally = await env.call('vote.tally', { id: voteId }, session);
    expect(tally.items[1]).toMatchObject({ yes: { count: 0, area: '0.00' }, no: { count: 1, area: '200.00' } });
    expect(tally.items[0]!.yes).toEqual({ count: 1, area: '200.00' });
  }, TEST_TIMEOUT);

  it('imports ballots from xlsx on the vote page: a bad file lists its row errors and records nothing, a good one records', async () => {
    const { page } = env;
    const vote = await createVote('2026年第二次业主大会表决');
    await openAndLogin(env);
    await go(page, `#/c/${communityId}/vote/${vote.id}`);
    await page.locator('[data-testid=vote-page][data-ready=true]').waitFor();
    const panel = page.getByTestId('ballot-import');
    await panel.waitFor();
    expect(await panel.locator('[data-testid=ballot-import-item-col]').allTextContents())
      .toEqual([`议题1${ITEM_GENERAL}（全体业主）`, `议题2${ITEM_LIFT}（1幢）`]);

    // Row 2: an unknown address; row 3: 2幢201 fills the 1幢-only item.
    const bad = await ballotsXlsx('bad.xlsx', [
      ['1幢', '', '101', '同意', '同意', '', ''],
      ['9幢', '', '901', '同意', '', '', ''],
      ['2幢', '', '201', '反对', '同意', '', ''],
    ]);
    await panel.getByTestId('ballot-import-input').setInputFiles(bad);
    const errors = panel.getByTestId('import-errors');
    await errors.waitFor();
    await expect.poll(() => errors.locator('[data-testid=import-error-grid] .data-grid-row').count()).toBe(2);
    const errorText = await errors.textContent();
    expect(errorText).toContain('9幢901 不在本次表决的表决权人名单中');
    expect(errorText).toContain('议题2');
    expect(errorText).toContain(`在议题“${ITEM_LIFT}”的范围内没有专有部分`);
    await expect.poll(() => panel.getByTestId('ballot-import-confirm').isDisabled(), { timeout: UI_TIMEOUT }).toBe(true);
    await errors.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, 'ballots-import-errors.png') });
    expect((await env.call('vote.get', { id: vote.id }, session)).ballots.returned).toBe(0);

    const good = await ballotsXlsx('good.xlsx', [
      ['1幢', '', '102', '同意', '反对', '', ''],
      ['2幢', '', '201', '反对', '', '', ''],
      ['2幢', '', '202', '', '', '否', '一票多选'],
    ]);
    await panel.getByTestId('ballot-import-input').setInputFiles(good);
    const ok = panel.getByTestId('ballot-import-ok');
    await ok.waitFor();
    expect(await ok.getAttribute('data-rows')).toBe('3');
    expect(await panel.getByTestId('import-errors').count()).toBe(0);
    await panel.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, 'ballots-import-ok.png') });
    await panel.getByTestId('ballot-import-confirm').click();
    await page.locator('.ant-message').filter({ hasText: '已导入 3 张表决票' }).waitFor();
    await ok.waitFor({ state: 'detached' });

    const tally = await env.call('vote.tally', { id: vote.id }, session);
    expect(tally.ballots).toEqual({ returned: 3, valid: 2, invalid: 1, subjects: 4 });
    expect(tally.items[0]).toMatchObject({ participants: { count: 2, area: '300.00' }, yes: { count: 1, area: '200.00' }, no: { count: 1, area: '100.00' } });
    expect(tally.items[1]).toMatchObject({ participants: { count: 1, area: '200.00' }, no: { count: 1, area: '200.00' } });
    expect((await subjectByCode(vote.id, '0003')).ballot).toMatchObject({ valid: false, invalidReason: '一票多选', channel: '导入' });
  }, TEST_TIMEOUT);

  it('imports ballots from a GBK CSV whose item columns are in another order, one headed by its title', async () => {
    const { page } = env;
    const vote = await createVote('2026年第三次业主大会表决');
    await openAndLogin(env);
    await go(page, `#/c/${communityId}/vote/${vote.id}`);
    await page.locator('[data-testid=vote-page][data-ready=true]').waitFor();
    const panel = page.getByTestId('ballot-import');
    await panel.waitFor();
    expect(await panel.getByTestId('ballot-import-input').getAttribute('accept')).toContain('.csv');

    // 议题2 first, then 议题1 by its title; semicolons, as a Chinese Excel may save.
    const file = path.join(env.tmpDir, '表决票.csv');
    fs.writeFileSync(file, encodeGbk(`楼栋;单元;房号;议题2;${ITEM_GENERAL}\r\n1幢;;101;反对;同意\r\n2幢;;201;;弃权\r\n`));
    await panel.getByTestId('ballot-import-input').setInputFiles(file);
    const ok = panel.getByTestId('ballot-import-ok');
    await ok.waitFor();
    expect(await ok.getAttribute('data-rows')).toBe('2');
    await panel.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, 'ballots-import-csv.png') });
    await panel.getByTestId('ballot-import-confirm').click();
    await page.locator('.ant-message').filter({ hasText: '已导入 2 张表决票' }).waitFor();

    // Each answer is on its own item: 1幢101 said yes to the whole-community item and no to the lift.
    const tally = await env.call('vote.tally', { id: vote.id }, session);
    expect(tally.items[0]).toMatchObject({ yes: { count: 1, area: '200.00' }, abstain: { count: 1, area: '100.00' }, no: { count: 0, area: '0.00' } });
    expect(tally.items[1]).toMatchObject({ no: { count: 1, area: '200.00' }, yes: { count: 0, area: '0.00' } });
  }, TEST_TIMEOUT);
});
