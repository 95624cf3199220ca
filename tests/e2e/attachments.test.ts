/**
 * Attachments on a meeting's page, as a clerk adds and opens them: a photo and
 * a two-page PDF (Chinese text in a font the file does not embed) open in the
 * app's own viewer — the PDF drawn by pdf.js from the app's own files, with
 * no request leaving the app's origin; a Word document is downloaded, never
 * opened; a Windows program renamed 业主来信.pdf is refused with its message.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { PDF, PE, ooxml } from '../fixtures/attachment-samples';
import { TEST_TIMEOUT, UI_TIMEOUT, goTo, openAndLogin, setupAdmin, useE2E } from './harness';

const env = useE2E();
const SHOTS = '/tmp/shots';
let hash = '';

beforeAll(async () => {
  const session = await setupAdmin(env);
  const communityId = (await env.call('community.create', { name: '和平小区', address: '南湖路1号' }, session)).id;
  const meeting = await env.call('meeting.create', {
    communityId, kind: '联席会议', title: '三方联席会议', date: '2026-11-02', agenda: [{ title: '3幢电梯维修' }],
  }, session);
  hash = `#/c/${communityId}/meeting/${meeting.id}`;
  fs.mkdirSync(SHOTS, { recursive: true });
}, TEST_TIMEOUT);

const attachments = (page: Page) => page.getByTestId('attachments-meeting');
const row = (page: Page, name: string) => attachments(page).locator('.data-grid-row').filter({ hasText: name });

async function attach(page: Page, file: string, bytes: Buffer): Promise<void> {
  const target = path.join(env.tmpDir, file);
  fs.writeFileSync(target, bytes);
  await attachments(page).locator('input[type=file]').setInputFiles(target);
}

/** A photo of a notice board, drawn and encoded by Chromium. */
async function photo(page: Page): Promise<Buffer> {
  const draw = await page.context().newPage();
  await draw.setViewportSize({ width: 640, height: 400 });
  await draw.setContent(`<body style="margin:0;background:#d9e2ec;font-family:'WenQuanYi Micro Hei'">
    <div style="margin:40px;padding:24px;background:#fff;border:6px solid #b42318;height:250px">
      <div style="font-size:40px;color:#b42318">公告</div>
      <div style="font-size:24px;margin-top:16px">3幢电梯于11月5日至7日维修，请走楼梯。</div>
      <div style="font-size:20px;margin-top:16px;color:#555">和平小区业主委员会</div></div></body>`);
  const bytes = await draw.screenshot({ type: 'jpeg', quality: 85 });
  await draw.close();
  return bytes;
}

describe('附件', () => {
  it('a photo and a PDF open in the app’s viewer, a Word file is downloaded, an .exe named .pdf is refused', async () => {
    const { page, context } = env;
    const requests: string[] = [];
    context.on('request', (r) => requests.push(r.url()));
    // pdf.js must work under the app's CSP as it is (no eval, no WebAssembly): any violation Chromium reports fails the test.
    const violations: string[] = [];
    page.on('console', (m) => { if (/Content Security Policy|violates/i.test(m.text())) violations.push(m.text()); });
    await openAndLogin(env);
    await goTo(page, hash);
    await expect.poll(() => attachments(page).getAttribute('data-count'), { timeout: UI_TIMEOUT }).toBe('0');

    // ── a photo: shown as an image in the viewer ──────────────────────
    await attach(page, '公告栏.jpg', await photo(page));
    await expect.poll(() => attachments(page).getAttribute('data-count'), { timeout: UI_TIMEOUT }).toBe('1');
    await row(page, '公告栏.jpg').getByTestId('attachment-open').click();
    const viewer = page.getByTestId('attachment-viewer');
    await viewer.waitFor();
    expect(await viewer.getAttribute('data-mime')).toBe('image/jpeg');
    const img = viewer.locator('img');
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(640);
    expect(await img.getAttribute('src')).toMatch(/^blob:/);
    await page.screenshot({ path: `${SHOTS}/attachment-image.png` });
    await page.keyboard.press('Escape');
    await viewer.waitFor({ state: 'detached' });

    // ── a PDF: drawn page by page by pdf.js ───────────────────────────
    await attach(page, '业主来信.pdf', PDF);
    await expect.poll(() => attachments(page).getAttribute('data-count'), { timeout: UI_TIMEOUT }).toBe('2');
    await row(page, '业主来信.pdf').getByTestId('attachment-open').click();
    const pdf = page.getByTestId('pdf-view');
    await expect.poll(() => pdf.getAttribute('data-rendered'), { timeout: UI_TIMEOUT }).toBe('1');
    expect(await pdf.getAttribute('data-pages')).toBe('2');
    expect(await pdf.textContent()).toContain('第 1 / 2 页');
    // The Chinese line (not embedded: drawn through the UniGB-UCS2-H character map) left ink where it stands.
    expect(await inkInChineseLine(page)).toBeGreaterThan(200);
    await page.screenshot({ path: `${SHOTS}/attachment-pdf.png` });
    await pdf.getByRole('button', { name: '下一页' }).click();
    await expect.poll(() => pdf.getAttribute('data-rendered'), { timeout: UI_TIMEOUT }).toBe('2');
    expect(await inkInChineseLine(page)).toBeGreaterThan(200);
    // Offline: pdf.js took its worker and character map from the app's own origin, and nothing else was asked for.
    const origin = new URL(env.server.url).origin;
    expect(requests.some((u) => u.startsWith(`${origin}/pdfjs/cmaps/UniGB-UCS2-H.bcmap`))).toBe(true);
    expect(requests.some((u) => u.startsWith(`${origin}/assets/pdf.worker`))).toBe(true);
    expect(requests.filter((u) => !u.startsWith(origin) && !u.startsWith('blob:') && !u.startsWith('data:'))).toEqual([]);
    expect(violations).toEqual([]);
    await page.keyboard.press('Escape');
    await page.getByTestId('attachment-viewer').waitFor({ state: 'detached' });

    // ── a Word document: downloaded, never opened ─────────────────────
    await attach(page, '通知.docx', await ooxml('docx'));
    await expect.poll(() => attachments(page).getAttribute('data-count'), { timeout: UI_TIMEOUT }).toBe('3');
    const [download] = await Promise.all([page.waitForEvent('download'), row(page, '通知.docx').getByTestId('attachment-open').click()]);
    expect(download.suggestedFilename()).toBe('通知.docx');
    expect(await page.getByTestId('attachment-viewer').count()).toBe(0);

    // ── a Windows program renamed 业主来信.pdf: refused, with what it is ─
    await attach(page, '业主来信（第二封）.pdf', PE);
    const refusal = page.locator('.ant-message-notice').filter({ hasText: '实际是Windows 可执行程序' });
    await refusal.waitFor({ timeout: UI_TIMEOUT });
    await expect.poll(() => refusal.evaluate((el) => getComputedStyle(el).opacity)).toBe('1');
    expect(await refusal.textContent()).toContain('文件“业主来信（第二封）.pdf”实际是Windows 可执行程序（.exe、.dll、.scr 等），不能作为附件添加');
    await page.screenshot({ path: `${SHOTS}/attachment-refused.png` });
    expect(await attachments(page).getAttribute('data-count')).toBe('3');
    expect((await row(page, '第二封').count())).toBe(0);
  }, TEST_TIMEOUT);
});

/** Dark pixels on the canvas where the page's Chinese line stands (x 80–370 pt, y 105–150 pt from the top of an A4 page). */
function inkInChineseLine(page: Page): Promise<number> {
  return page.getByTestId('pdf-view').locator('canvas').evaluate((canvas: HTMLCanvasElement) => {
    const scale = canvas.width / 595;
    const [x, y, w, h] = [80, 105, 290, 45].map((v) => Math.round(v * scale));
    const data = canvas.getContext('2d')!.getImageData(x!, y!, w!, h!).data;
    let dark = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i]! < 100 && data[i + 1]! < 100 && data[i + 2]! < 100) dark++;
    return dark;
  });
}
