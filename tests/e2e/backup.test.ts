/** Backups and the audit log from the screens. */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateRoster } from '../fixtures/roster-generator';
import { TEST_TIMEOUT, UI_TIMEOUT, importRosterApi, openAndLogin, setupAdmin, useE2E } from './harness';

const env = useE2E();
let session = '';

beforeAll(async () => {
  session = await setupAdmin(env);
  await importRosterApi(env, session, '备份测试小区', generateRoster({ parts: 20, seed: 2 }));
}, TEST_TIMEOUT);

describe('backups and the audit log', () => {
  it('立即备份 creates a backup that appears in the list', async () => {
    const { page } = env;
    const before = await env.call('backup.list', {}, session);
    await openAndLogin(env);
    await page.getByRole('menuitem', { name: '数据备份' }).click();
    const rows = page.locator('[data-testid=backup-grid] .data-grid-row');
    await expect.poll(() => rows.count(), { timeout: UI_TIMEOUT }).toBe(before.length);

    await page.getByTestId('backup-create').click();
    await expect.poll(() => rows.count(), { timeout: UI_TIMEOUT }).toBe(before.length + 1);
    const after = await env.call('backup.list', {}, session);
    const made = after.find((b) => !before.some((x) => x.file === b.file));
    expect(made).toBeDefined();
    expect(made!.kind).toBe('manual');
    const name = path.basename(made!.file);
    expect(await page.getByTestId('backup-grid').textContent()).toContain(name);
    expect(await rows.filter({ hasText: name }).textContent()).toContain('手动备份');
  }, TEST_TIMEOUT);

  it('a screen opened again shows what it read, without reading; after a write, every screen reads again', async () => {
    const { page } = env;
    await openAndLogin(env);
    // Which contract reads the page makes, counted by method.
    const reads = new Map<string, number>();
    const count = (method: string) => reads.get(method) ?? 0;
    page.on('request', (r) => {
      if (!r.url().endsWith('/api/invoke')) return;
      const method = (JSON.parse(r.postData() ?? '{}') as { method?: string }).method ?? '';
      reads.set(method, count(method) + 1);
    });
    const rows = page.locator('[data-testid=backup-grid] .data-grid-row');
    await page.getByRole('menuitem', { name: '数据备份' }).click();
    await expect.poll(() => rows.count(), { timeout: UI_TIMEOUT }).toBeGreaterThan(0);
    const shown = await rows.count();
    await page.getByRole('menuitem', { name: '物业合同' }).click();
    await page.locator('[data-testid=contracts-page][data-ready=true]').waitFor({ timeout: UI_TIMEOUT });
    expect([count('backup.list'), count('contract.list')]).toEqual([1, 1]);

    // Back: the list is there at once, from the cache, and nothing was read again.
    await page.getByRole('menuitem', { name: '数据备份' }).click();
    await expect.poll(() => rows.count(), { timeout: UI_TIMEOUT }).toBe(shown);
    expect(count('backup.list')).toBe(1);

    // A write (立即备份): the list on screen reads again by itself …
    await page.getByTestId('backup-create').click();
    await expect.poll(() => rows.count(), { timeout: UI_TIMEOUT }).toBe(shown + 1);
    expect(count('backup.list')).toBeGreaterThanOrEqual(2);
    // … and a screen read before the write reads again when it is opened.
    await page.getByRole('menuitem', { name: '物业合同' }).click();
    await expect.poll(() => count('contract.list'), { timeout: UI_TIMEOUT }).toBe(2);
  }, TEST_TIMEOUT);

  it('the audit log lists the import and expands to before/after', async () => {
    const { page } = env;
    await openAndLogin(env);
    await page.getByRole('menuitem', { name: '操作日志' }).click();
    const row = page.locator('[data-testid=audit-grid] .data-grid-row').filter({ hasText: '导入花名册' }).first();
    await row.waitFor({ timeout: UI_TIMEOUT });
    await row.click();
    const change = page.getByTestId('audit-change');
    await change.waitFor();
    expect(await change.textContent()).toContain('修改后');
  }, TEST_TIMEOUT);
});
