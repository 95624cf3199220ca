/**
 * The backup screen after an upgrade from before encryption (issue 12): the backup taken before the
 * upgrade still holds full IDs and phones; it is marked, with a warning and a way to delete it. The
 * data key's panel says where the key lives and takes the recovery code when it does not yet wrap it.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { legacyDatabase } from '../fixtures/legacy-roster';
import { generateRoster } from '../fixtures/roster-generator';
import { gridRow } from './ui-steps';
import { ADMIN, TEST_TIMEOUT, UI_TIMEOUT, openAndLogin, useE2E } from './harness';

// The data folder of the last version before encryption: its database, with a roster in plaintext.
const oldPc = fs.mkdtempSync(path.join(os.tmpdir(), 'sanfang-old-version-'));
await legacyDatabase(path.join(oldPc, 'data', 'sanfang.sqlite'), path.join(oldPc, 'migrations'), '老小区', generateRoster({ parts: 30, seed: 6 }));

const env = useE2E({ prepareDataDir: (dataDir) => fs.copyFileSync(path.join(oldPc, 'data', 'sanfang.sqlite'), path.join(dataDir, 'sanfang.sqlite')) });
afterAll(() => fs.rmSync(oldPc, { recursive: true, force: true }));
let recoveryCode = '';

beforeAll(async () => {
  recoveryCode = (await env.call('auth.setup', ADMIN)).recoveryCode;
}, TEST_TIMEOUT);

async function openBackups() {
  await openAndLogin(env);
  await env.page.getByRole('menuitem', { name: '数据备份' }).click();
  await env.page.getByTestId('backup-grid').waitFor();
}

describe('backups made before encryption', () => {
  it('are marked with a warning and deleted on request; the encrypted ones stay', async () => {
    const { page } = env;
    await openBackups();
    const warning = page.getByTestId('plaintext-backups');
    await warning.waitFor({ timeout: UI_TIMEOUT });
    expect(await warning.textContent()).toContain('有 1 份备份是在加密个人信息之前做的');
    await expect.poll(() => gridRow(page, 'backup-grid', '升级前备份').textContent(), { timeout: UI_TIMEOUT }).toContain('含明文身份证号和电话');
    expect(await gridRow(page, 'backup-grid', '每日备份').textContent()).toContain('已加密');
    expect(await page.getByTestId('data-key-panel').textContent()).toContain('已用管理员恢复码保护');

    const plaintext = (await env.call('backup.list', {}, (await env.call('auth.login', { username: ADMIN.username, password: ADMIN.password })).session)).find((b) => b.plaintext)!;
    await page.getByTestId('delete-plaintext').click();
    const confirm = page.locator('.ant-popconfirm:visible');
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain('删除 1 份明文备份？');
    await confirm.getByRole('button', { name: '删除明文备份' }).click();
    await expect.poll(() => page.getByTestId('plaintext-backups').count(), { timeout: UI_TIMEOUT }).toBe(0);
    await expect.poll(() => gridRow(page, 'backup-grid', '升级前备份').count(), { timeout: UI_TIMEOUT }).toBe(0);
    expect(await gridRow(page, 'backup-grid', '每日备份').count()).toBe(1);
    expect(fs.existsSync(plaintext.file)).toBe(false);
  }, TEST_TIMEOUT);

  it('the data key panel takes the current recovery code when the key is not yet wrapped by it', async () => {
    const { page } = env;
    // As a database upgraded before any recovery code wrapped its key.
    const db = new Database(path.join(env.dataDir, 'sanfang.sqlite'));
    db.prepare('update data_key set recovery_wrap = null').run();
    db.close();
    await openBackups();
    const panel = page.getByTestId('data-key-panel');
    await expect.poll(() => panel.textContent(), { timeout: UI_TIMEOUT }).toContain('还没有用管理员恢复码保护');
    expect(await page.locator('.warning-banners').textContent()).toContain('请到“数据备份”页输入恢复码');
    expect(await panel.textContent()).toContain(path.join(env.dataDir, 'sanfang.sqlite.key'));
    await panel.getByLabel('恢复码').fill('AAAAA-BBBBB-CCCCC-DDDDD');
    await panel.getByRole('button', { name: '用恢复码保护' }).click();
    await expect.poll(() => panel.locator('.form-error').textContent(), { timeout: UI_TIMEOUT }).toContain('恢复码不对');
    await panel.getByLabel('恢复码').fill(recoveryCode);
    await panel.getByRole('button', { name: '用恢复码保护' }).click();
    await expect.poll(() => panel.textContent(), { timeout: UI_TIMEOUT }).toContain('已用管理员恢复码保护');
    // The banner on every screen that asked for it is gone too.
    await expect.poll(async () => (await page.locator('.warning-banners').allTextContents()).join(''), { timeout: UI_TIMEOUT }).not.toContain('恢复码');
  }, TEST_TIMEOUT);
});
