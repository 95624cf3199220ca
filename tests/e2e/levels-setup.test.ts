/**
 * Setting up an office on the screen (issue 18): 上下级办公室 on a fresh installation offers to set it up once —
 * name, level, the office above — then shows its code in large type; the office above is registered by the code
 * its people read out, a wrong code refused on its field with the form kept; then the package to it is exported.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApp } from '../../main/app';
import { MIGRATIONS_DIR } from '../../main/node-paths';
import { goTo, openAndLogin, setupAdmin, TEST_TIMEOUT, useE2E } from './harness';
import { choose, gridRow } from './ui-steps';

const env = useE2E();

async function streetCode(): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanfang-e2e-street-'));
  const app = await openApp({ dataDir: dir, migrationsDir: MIGRATIONS_DIR, fixedAuthor: 'CLI:test', trustedCaller: true });
  try {
    const r = await app.handle({ method: 'office.init', input: { name: '拱宸桥街道', level: '街道', above: '拱墅区' } });
    if (!r.ok) throw new Error(r.error.message);
    return (r.result as { code: string }).code;
  } finally {
    app.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('上下级办公室 on a fresh installation', () => {
  it('set up once, the code shown, the street registered by its code, a package made for it', async () => {
    await setupAdmin(env);
    await openAndLogin(env);
    const { page } = env;
    await goTo(page, '#/offices');
    await page.getByTestId('office-init').waitFor();
    await page.getByTestId('office-init-name').fill('桥西社区');
    await page.getByTestId('office-init-above').fill('拱宸桥街道');
    await page.getByTestId('office-init-save').click();
    await expect.poll(async () => page.getByTestId('office-code').textContent(), { timeout: 20_000 }).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){3}$/);
    await page.screenshot({ path: '/tmp/levels-setup.png', fullPage: true });

    const code = await streetCode();
    await page.getByTestId('office-register-open').click();
    await page.getByTestId('office-register-name').fill('拱宸桥街道');
    await page.getByTestId('office-register-code').fill('not-a-code');
    await page.getByTestId('office-register-save').click();
    await expect.poll(() => page.locator('.ant-modal').textContent()).toContain('代码应为 20 个字母或数字');
    // Typed as read out: lower case, spaces instead of dashes.
    await page.getByTestId('office-register-code').fill(code.toLowerCase().replaceAll('-', ' '));
    await page.getByTestId('office-register-save').click();
    const street = gridRow(page, 'office-grid', '拱宸桥街道');
    await street.waitFor();
    expect(await street.textContent()).toContain(code);
    expect(await street.textContent()).toContain('上级');

    await choose(page, 'exchange-to', /拱宸桥街道/);
    const [pkg] = await Promise.all([page.waitForEvent('download'), page.getByTestId('exchange-export').click()]);
    expect(pkg.suggestedFilename()).toMatch(/^交换包-桥西社区-至-拱宸桥街道-\d{8}-第1号\.sfx$/);
    await expect.poll(() => street.textContent()).toContain('第 1 号');
  }, TEST_TIMEOUT);
});
