/**
 * A backup from another PC (issue 12): the database's IDs and phones are sealed with a key this PC
 * does not hold. The start screen says so and takes the administrator's recovery code; a wrong code
 * is refused in Chinese; the right one opens the app, and the person's page shows the full values.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openApp } from '../../main/app';
import { MIGRATIONS_DIR } from '../../main/node-paths';
import type { InvokeResponse, MethodInput, MethodName, MethodOutput } from '../../shared/contract/methods';
import { generateRoster, rosterCsv } from '../fixtures/roster-generator';
import { ADMIN, TEST_TIMEOUT, UI_TIMEOUT, goTo, submitLogin, useE2E } from './harness';

const ZHANG = '110101199003074514';

// The other PC: its data folder, with the administrator, a roster and one person; its key stays there.
const otherPc = fs.mkdtempSync(path.join(os.tmpdir(), 'sanfang-other-pc-'));
const origin = await openApp({ dataDir: otherPc, migrationsDir: MIGRATIONS_DIR });
async function on<M extends MethodName>(method: M, input: MethodInput<M>, session?: string): Promise<MethodOutput<M>> {
  const r: InvokeResponse = await origin.handle({ method, input, session });
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.result as MethodOutput<M>;
}
const { session, recoveryCode } = await on('auth.setup', ADMIN);
const csv = Buffer.from(rosterCsv(generateRoster({ parts: 12, seed: 8 })), 'utf8').toString('base64');
const { communityId } = await on('roster.import', { file: { fileName: 'r.csv', base64: csv }, community: { name: '外地小区' } }, session);
const zhang = await on('person.create', { communityId, name: '张三', document: ZHANG, phone: '13812345678' }, session);
origin.close();

// This PC: the database restored into a fresh data folder, without the key file.
const env = useE2E({ prepareDataDir: (dataDir) => fs.copyFileSync(path.join(otherPc, 'sanfang.sqlite'), path.join(dataDir, 'sanfang.sqlite')) });
afterAll(() => fs.rmSync(otherPc, { recursive: true, force: true }));

describe('unlocking data from another PC', () => {
  it('asks for the recovery code, refuses a wrong one, opens with the right one', async () => {
    const { page } = env;
    await page.goto(env.server.url);
    const form = page.getByTestId('unlock-form');
    await form.waitFor({ timeout: UI_TIMEOUT });
    const shown = (await page.locator('.auth-card').textContent()) ?? '';
    expect(shown).toContain('用恢复码解锁数据');
    expect(shown).toContain('另一台电脑');
    expect(shown).not.toContain(env.dataDir); // browser mode before sign-in: no paths
    expect(await page.getByTestId('login-form').count()).toBe(0);

    await page.getByLabel('恢复码').fill('AAAAA-BBBBB-CCCCC-DDDDD');
    await page.getByRole('button', { name: '解锁' }).click();
    await expect.poll(() => form.locator('.form-error').textContent(), { timeout: UI_TIMEOUT }).toContain('恢复码不对');
    expect(fs.existsSync(path.join(env.dataDir, 'sanfang.sqlite.key'))).toBe(false);

    await page.getByLabel('恢复码').fill(recoveryCode.toLowerCase());
    await page.getByRole('button', { name: '解锁' }).click();
    await submitLogin(page, ADMIN.username, ADMIN.password);
    await page.getByTestId('current-user').waitFor();
    expect(fs.existsSync(path.join(env.dataDir, 'sanfang.sqlite.key'))).toBe(true);

    await goTo(page, `#/c/${communityId}/person/${zhang.id}`);
    await expect.poll(() => page.getByTestId('person-document').textContent(), { timeout: UI_TIMEOUT }).toBe(ZHANG);
    expect(await page.getByTestId('person-phone').textContent()).toBe('13812345678');
  }, TEST_TIMEOUT);
});
