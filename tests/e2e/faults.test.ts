/**
 * Faults through the screens: a save that meets another writer waits (the
 * button keeps spinning) and goes through; a save that meets a full disk says
 * so in plain Chinese, keeps what was typed, and goes through once there is
 * space. The full disk is the drill's: the server's connection is capped at a
 * number of pages (SANFANG_MAX_PAGE_COUNT, README: Reliability) and a side
 * connection fills the file up to just below the cap.
 */
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openAndLogin, setupAdmin, TEST_TIMEOUT, UI_TIMEOUT, useE2E } from './harness';

const CAP = 3000;
// Read when the server opens its database, in this test file's own process.
process.env.SANFANG_MAX_PAGE_COUNT = String(CAP);

const env = useE2E();

async function aCommunity() {
  const session = await setupAdmin(env);
  return (await env.call('community.list', {}, session))[0] ?? env.call('community.create', { name: '阳光小区' }, session);
}

async function openNewMatter(communityId: string) {
  const { page } = env;
  await page.evaluate((h) => { window.location.hash = h; }, `#/c/${communityId}/matters`);
  await page.getByTestId('matter-create').click();
  const form = page.getByTestId('matter-create-form');
  await form.waitFor();
  return form;
}

describe('faults in the screens', () => {
  it('a save waits for another writer, visibly, and goes through', async () => {
    const community = await aCommunity();
    await openAndLogin(env);
    const form = await openNewMatter(community.id);
    await form.getByTestId('matter-title').fill('增设电动车充电桩');

    const holder = spawn(process.execPath, ['tests/fixtures/lock-holder.mjs', path.join(env.dataDir, 'sanfang.sqlite'), 'write', '600000'], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => holder.stdout!.on('data', (c: Buffer) => c.toString().includes('ready') && resolve()));
    try {
      await env.page.getByRole('button', { name: '创建并打开' }).click();
      // Still waiting after one round of the busy wait: the button spins, no error.
      await env.page.waitForTimeout(2500);
      expect(await env.page.locator('.ant-modal .ant-btn-loading').count()).toBe(1);
      expect(await env.page.getByRole('dialog').locator('.form-error, .ant-alert-error').count()).toBe(0);
    } finally {
      holder.kill('SIGKILL');
    }
    await env.page.getByTestId('matter-page').waitFor({ timeout: UI_TIMEOUT });
    expect(await env.page.getByTestId('matter-page').textContent()).toContain('增设电动车充电桩');
  }, TEST_TIMEOUT);

  it('a full disk is named, what was typed stays, and the save goes through once there is space', async () => {
    const community = await aCommunity();
    await openAndLogin(env);
    const form = await openNewMatter(community.id);
    const description = '地下车库顶板渗水，'.repeat(2000);
    await form.getByTestId('matter-title').fill('地下车库顶板修缮');
    await form.getByTestId('matter-description').fill(description);

    // Fill the file to just below the server's cap.
    const side = new Database(path.join(env.dataDir, 'sanfang.sqlite'));
    side.exec('create table drill_padding (junk blob)');
    const fill = side.prepare('insert into drill_padding values (zeroblob(3000))');
    while ((side.pragma('page_count', { simple: true }) as number) < CAP - 6) fill.run();

    await env.page.getByRole('button', { name: '创建并打开' }).click();
    const error = env.page.getByTestId('matter-create-errors').locator('.form-error');
    await error.waitFor({ timeout: UI_TIMEOUT });
    expect(await error.textContent()).toContain('磁盘空间已满');
    expect(await error.textContent()).toContain('已填写的内容仍在');
    expect(await form.getByTestId('matter-description').inputValue()).toBe(description);
    expect(await form.getByTestId('matter-title').inputValue()).toBe('地下车库顶板修缮');
    expect(side.prepare("select count(*) from matters where title = '地下车库顶板修缮'").pluck().get()).toBe(0);

    // Space freed: the same form, saved again.
    side.exec('drop table drill_padding');
    side.close();
    await env.page.getByRole('button', { name: '创建并打开' }).click();
    await env.page.getByTestId('matter-page').waitFor({ timeout: UI_TIMEOUT });
    expect(await env.page.getByTestId('matter-page').textContent()).toContain('地下车库顶板修缮');
  }, TEST_TIMEOUT);
});
