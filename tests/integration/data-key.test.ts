/**
 * The data key's life (main/security/data-key.ts): made on first start and kept beside the
 * database, wrapped by the recovery code inside it, so that a backup restored on another PC opens
 * with that code — and says exactly what it needs until then.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { KeyProtector } from '../../main/app-types';
import { restoreDatabase } from '../../main/db/restore';
import { MIGRATIONS_DIR } from '../../main/node-paths';
import { keyFilePath } from '../../main/security/data-key';
import { generateRoster, rosterCsv } from '../fixtures/roster-generator';
import { call, callError, runCli, tempDir, testApp } from '../helpers';

const ADMIN = { username: 'admin', displayName: '王主任', password: 'correct horse' };
const ZHANG = '110101199003074514';

/** PC A: the administrator, a roster and one person with a full ID and phone; a backup of it. */
async function pcA() {
  const dir = tempDir();
  const app = await testApp(dir);
  const { session, recoveryCode } = await call(app, 'auth.setup', ADMIN);
  const csv = Buffer.from(rosterCsv(generateRoster({ parts: 30, seed: 4 })), 'utf8').toString('base64');
  const { communityId } = await call(app, 'roster.import', { file: { fileName: 'r.csv', base64: csv }, community: { name: '甲小区' } }, session);
  const zhang = await call(app, 'person.create', { communityId, name: '张三', document: ZHANG, phone: '13812345678' }, session);
  const backup = path.join(tempDir(), 'from-pc-a.sqlite');
  await app.backupTo(backup);
  return { app, dir, session, recoveryCode, backup, personId: zhang.id };
}

/** PC B: a fresh data folder, no key file, the backup restored as the CLI's `restore` does. */
async function restoredOnNewPc(backup: string) {
  const dir = tempDir();
  await restoreDatabase(path.join(dir, 'sanfang.sqlite'), backup, path.join(dir, 'backups'), MIGRATIONS_DIR);
  expect(fs.existsSync(keyFilePath(path.join(dir, 'sanfang.sqlite')))).toBe(false);
  return dir;
}

function fileMode(file: string): number {
  return fs.statSync(file).mode & 0o777;
}

describe('a backup restored on another PC', () => {
  it('limits the tries of the recovery code like logins: the sixth within a minute is refused, even the right one', async () => {
    const a = await pcA();
    a.app.close();
    const app = await testApp(await restoredOnNewPc(a.backup));
    for (let i = 0; i < 5; i++) expect((await callError(app, 'dataKey.unlock', { recoveryCode: 'AAAAA-BBBBB-CCCCC-DDDDD' })).message).toContain('恢复码不对');
    const sixth = await callError(app, 'dataKey.unlock', { recoveryCode: a.recoveryCode });
    expect(sixth).toMatchObject({ code: 'REFUSED', message: expect.stringContaining('1分钟内已尝试解锁5次') });
    expect((await call(app, 'system.health', {})).ok).toBe(false);
  });

  it('says it needs the recovery code, opens with it, and the full values read back', async () => {
    const a = await pcA();
    const dir = await restoredOnNewPc(a.backup);
    // Browser mode before sign-in learns no paths, but that the recovery code is needed.
    const browser = await testApp(dir);
    const plain = await call(browser, 'system.health', {});
    expect(plain).toMatchObject({ ok: false, dbPath: null, problems: [], needsRecoveryCode: true });
    expect(plain.advice).toBe('这份数据的身份证号和电话是在另一台电脑上加密的，本机没有它的数据密钥。请输入管理员的恢复码解锁。');
    browser.close();

    const app = await testApp(dir, { trustedCaller: true }); // the person at this PC (the desktop app, the CLI)
    const health = await call(app, 'system.health', {});
    expect(health.ok).toBe(false);
    expect(health.needsRecoveryCode).toBe(true);
    expect(health.problems[0]).toContain('身份证号和电话是加密保存的，而本机没有它的数据密钥');
    expect(health.problems[0]).toContain('另一台电脑');
    expect(health.advice).toContain('请用管理员的恢复码解锁');
    expect(health.advice).toContain('unlock --recovery-code');
    // Nothing else pretends to work meanwhile.
    const refused = await callError(app, 'auth.login', { username: ADMIN.username, password: ADMIN.password });
    expect(refused.code).toBe('DATABASE');
    expect(refused.message).toContain('恢复码');

    const wrong = await callError(app, 'dataKey.unlock', { recoveryCode: 'AAAAA-BBBBB-CCCCC-DDDDD' });
    expect(wrong.code).toBe('VALIDATION');
    expect(wrong.message).toContain('恢复码不对');
    expect(wrong.details).toEqual([{ kind: 'field', field: 'recoveryCode', label: '恢复码', message: wrong.message }]);
    expect((await call(app, 'system.health', {})).ok).toBe(false);

    // Typed as people type it: lower case, spaces instead of dashes.
    await call(app, 'dataKey.unlock', { recoveryCode: a.recoveryCode.toLowerCase().replace(/-/g, ' ') });
    expect(await call(app, 'system.health', {})).toMatchObject({ ok: true, problems: [] });
    const keyFile = keyFilePath(path.join(dir, 'sanfang.sqlite'));
    expect(fs.existsSync(keyFile)).toBe(true);
    if (process.platform !== 'win32') expect(fileMode(keyFile)).toBe(0o600);

    const { session } = await call(app, 'auth.login', { username: ADMIN.username, password: ADMIN.password });
    const person = await call(app, 'person.get', { id: a.personId }, session);
    expect(person).toMatchObject({ name: '张三', document: ZHANG, phone: '13812345678' });
    const log = await call(app, 'audit.list', { entity: 'database' }, session);
    expect(log.rows.map((r) => r.action)).toContain('unlock-data-key');

    // The key stays on this PC: the next start needs no code.
    app.close();
    const again = await testApp(dir);
    expect((await call(again, 'system.health', {})).ok).toBe(true);
  });

  it('opens with the new code after the recovery code was used, and no longer with the spent one', async () => {
    const a = await pcA();
    const { recoveryCode: newCode } = await call(a.app, 'auth.recover', { username: ADMIN.username, recoveryCode: a.recoveryCode, newPassword: 'another horse' });
    expect(newCode).not.toBe(a.recoveryCode);
    const backup = path.join(tempDir(), 'after-recover.sqlite');
    await a.app.backupTo(backup);
    const app = await testApp(await restoredOnNewPc(backup));
    expect((await callError(app, 'dataKey.unlock', { recoveryCode: a.recoveryCode })).message).toContain('恢复码不对');
    await call(app, 'dataKey.unlock', { recoveryCode: newCode });
    const { session } = await call(app, 'auth.login', { username: ADMIN.username, password: 'another horse' });
    expect((await call(app, 'person.get', { id: a.personId }, session)).document).toBe(ZHANG);
    // The backup made before the code was replaced still opens with the code of its time.
    const old = await testApp(await restoredOnNewPc(a.backup));
    await call(old, 'dataKey.unlock', { recoveryCode: a.recoveryCode });
    expect((await call(old, 'system.health', {})).ok).toBe(true);
  });

  it('every administrator’s code opens it: one added later, after their first password and after their own recovery; the first one’s still does', async () => {
    const a = await pcA();
    const made = await call(a.app, 'user.create', { username: 'zhang', displayName: '张副主任', grants: [{ role: 'admin', communities: 'all' }] }, a.session);
    const second = await call(a.app, 'auth.login', { username: 'zhang', password: made.temporaryPassword });
    const { recoveryCode: zhangCode } = await call(a.app, 'auth.changePassword', { oldPassword: made.temporaryPassword, newPassword: 'second admin' }, second.session);
    // Their own recovery replaces their own wrap, not the first administrator's.
    const { recoveryCode: zhangNext } = await call(a.app, 'auth.recover', { username: 'zhang', recoveryCode: zhangCode!, newPassword: 'second admin 2' });
    const backup = path.join(tempDir(), 'two-admins.sqlite');
    await a.app.backupTo(backup);
    const first = await testApp(await restoredOnNewPc(backup));
    await call(first, 'dataKey.unlock', { recoveryCode: a.recoveryCode });
    expect((await call(first, 'system.health', {})).ok).toBe(true);
    const byZhang = await testApp(await restoredOnNewPc(backup));
    expect((await callError(byZhang, 'dataKey.unlock', { recoveryCode: zhangCode! })).message).toContain('恢复码不对');
    await call(byZhang, 'dataKey.unlock', { recoveryCode: zhangNext });
    expect((await call(byZhang, 'system.health', {})).ok).toBe(true);
    // No longer 管理员: their code stops opening backups made after.
    await call(a.app, 'user.update', { id: made.id, displayName: '张副主任', grants: [{ role: 'reader', communities: 'all' }] }, a.session);
    const later = path.join(tempDir(), 'demoted.sqlite');
    await a.app.backupTo(later);
    const demoted = await testApp(await restoredOnNewPc(later));
    expect((await callError(demoted, 'dataKey.unlock', { recoveryCode: zhangNext })).message).toContain('恢复码不对');
  });

  it('through the CLI: restore explains, unlock --recovery-code opens it, then commands work', async () => {
    const a = await pcA();
    a.app.close();
    const dir = tempDir();
    const restored = runCli(dir, 'restore', a.backup);
    expect(restored.code).toBe(1);
    expect(restored.json.errors[0].message).toContain('在另一台电脑上加密的，本机没有它的数据密钥');
    expect(restored.json.errors[0].message).toContain('unlock --recovery-code');
    const summary = runCli(dir, 'roster-summary', '--community', '甲小区');
    expect(summary.code).toBe(1);
    expect(summary.json.errors[0].message).toContain('请用管理员的恢复码解锁');

    const wrong = runCli(dir, 'unlock', '--recovery-code', 'AAAAA-BBBBB-CCCCC-DDDDD');
    expect(wrong.code).toBe(1);
    expect(wrong.json.errors[0]).toMatchObject({ row: null, column: '恢复码' });
    const unlocked = runCli(dir, 'unlock', '--recovery-code', a.recoveryCode);
    expect(unlocked).toEqual({ code: 0, json: { unlocked: true, keyFile: keyFilePath(path.join(dir, 'sanfang.sqlite')) } });
    expect(runCli(dir, 'roster-summary', '--community', '甲小区')).toMatchObject({ code: 0, json: { parts: 30 } });
    expect(runCli(dir, 'unlock').code).toBe(2);
  });
});

describe('the key on this PC', () => {
  // A stand-in for the OS's protection (the desktop app's safeStorage): reversible, and not the key.
  const osProtector: KeyProtector = {
    name: 'test-os',
    wrap: (key) => Buffer.from(key.map((b) => b ^ 0x5a)),
    unwrap: (blob) => Buffer.from(blob.map((b) => b ^ 0x5a)),
  };

  it('is made on first start, 0600, named in the database; the recovery code wraps it at setup', async () => {
    const dir = tempDir();
    const app = await testApp(dir);
    const keyFile = keyFilePath(app.dbPath);
    const content = JSON.parse(fs.readFileSync(keyFile, 'utf8'));
    expect(content).toMatchObject({ format: 'sanfang-data-key', version: 1, protector: 'none' });
    expect(Buffer.from(content.data, 'base64')).toHaveLength(32);
    if (process.platform !== 'win32') expect(fileMode(keyFile)).toBe(0o600);
    const db = new Database(app.dbPath, { readonly: true });
    const row = () => db.prepare('select key_id as keyId, recovery_wrap as wrap, sealed_at as sealedAt, vacuumed_at as vacuumedAt from data_key').get() as Record<string, string | null>;
    expect(row()).toMatchObject({ keyId: content.keyId, wrap: null, sealedAt: expect.any(String), vacuumedAt: expect.any(String) });
    await call(app, 'auth.setup', ADMIN);
    expect(JSON.parse(row().wrap!)).toMatchObject({ v: 1, kdf: 'scrypt' });
    db.close();
    expect((await call(app, 'system.health', {})).warnings).toEqual([]);
  });

  it('wrapped by the OS in the desktop app: the CLI cannot read it and says why; a plain file is handed to the OS', async () => {
    const dir = tempDir();
    const plain = await testApp(dir);
    const keyFile = keyFilePath(plain.dbPath);
    const key = Buffer.from(JSON.parse(fs.readFileSync(keyFile, 'utf8')).data, 'base64');
    plain.close();

    const desktop = await testApp(dir, { keyProtector: osProtector, fixedAuthor: '桌面版' });
    expect((await call(desktop, 'system.health', {})).ok).toBe(true);
    const wrapped = JSON.parse(fs.readFileSync(keyFile, 'utf8'));
    expect(wrapped.protector).toBe('test-os');
    expect(fs.readFileSync(keyFile).includes(key.toString('base64'))).toBe(false);
    expect(await call(desktop, 'dataKey.status', {})).toEqual({ protectedByRecoveryCode: false, storage: 'system', keyFile });
    desktop.close();

    const cli = runCli(dir, 'roster-summary', '--community', '无');
    expect(cli.code).toBe(1);
    expect(cli.json.errors[0].message).toContain('由桌面版交给本机系统账户保护（test-os），命令行和浏览器模式读不到它');
    // Refusing did not overwrite the desktop's key.
    expect(JSON.parse(fs.readFileSync(keyFile, 'utf8')).protector).toBe('test-os');
  });

  it('an upgraded database has no wrap until the administrator types the current code on the backup screen', async () => {
    const dir = tempDir();
    const app = await testApp(dir);
    const { session, recoveryCode } = await call(app, 'auth.setup', ADMIN);
    // As after an upgrade from before encryption: an administrator, and no wrap yet.
    const db = new Database(app.dbPath);
    db.prepare('update data_key set recovery_wrap = null').run();
    db.close();
    expect((await call(app, 'system.health', {})).warnings).toEqual([expect.stringContaining('还没有用管理员恢复码保护')]);
    expect((await call(app, 'dataKey.status', {}, session)).protectedByRecoveryCode).toBe(false);

    const wrong = await callError(app, 'dataKey.protect', { recoveryCode: 'AAAAA-BBBBB-CCCCC-DDDDD' }, session);
    expect(wrong).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('恢复码不对') });
    expect((await call(app, 'dataKey.status', {}, session)).protectedByRecoveryCode).toBe(false);
    await call(app, 'dataKey.protect', { recoveryCode }, session);
    expect(await call(app, 'dataKey.status', {}, session)).toMatchObject({ protectedByRecoveryCode: true, storage: 'file' });
    expect((await call(app, 'system.health', {})).warnings).toEqual([]);
    expect((await call(app, 'audit.list', { entity: 'database' }, session)).rows[0]).toMatchObject({ action: 'protect-data-key', author: '王主任（admin）' });
    expect((await callError(app, 'dataKey.protect', { recoveryCode })).code).toBe('UNAUTHENTICATED');
  });
});
