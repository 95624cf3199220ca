/** Start-up check: a database file that cannot be used gives a full page of plain advice. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TEST_TIMEOUT, UI_TIMEOUT, useE2E } from './harness';

const env = useE2E({
  prepareDataDir: (dataDir) => {
    // Not a SQLite file at all: what a half-copied or overwritten file looks like.
    fs.writeFileSync(path.join(dataDir, 'sanfang.sqlite'), Buffer.alloc(8192, 0x41));
  },
});

describe('start-up check', () => {
  it('shows what is wrong with the data file instead of the login', async () => {
    const { page } = env;
    await page.goto(env.server.url);
    const problem = page.getByTestId('health-problem');
    await problem.waitFor({ timeout: UI_TIMEOUT });
    const text = (await problem.textContent()) ?? '';
    expect(text).toContain('数据文件无法使用');
    // Browser mode before sign-in: whether the data can be used, and where to look — not the file's path or problems.
    expect(text).not.toContain(env.dataDir);
    const health = await env.call('system.health', {});
    expect(health).toMatchObject({ ok: false, dbPath: null, problems: [], suggestedBackup: null });
    expect(text).toContain(health.advice!);
    expect(await page.getByTestId('login-form').count()).toBe(0);
    expect(await page.getByTestId('setup-form').count()).toBe(0);
  }, TEST_TIMEOUT);
});
