/** The database file itself: backup, restore, check. */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { openApp, resolvePaths } from '../../app';
import { adviceFor, checkDatabaseFile, findHealthyBackup, newerVersionProblem } from '../../db/integrity';
import { restoreDatabase } from '../../db/restore';
import { recordSound } from '../../db/soundness';
import { MIGRATIONS_DIR } from '../../node-paths';
import { keyFilePath } from '../../security/data-key';
import { voteTallyMismatches } from '../../services/votes/vote-tally';
import { ledgerProblems } from '../../services/treasury/ledger';
import { partCacheMismatches } from '../../services/register/part-cache';
import { Refusal, type CommandSpec } from '../spec';
import { appLocation, call, osUserName, withApp } from '../session';

export const databaseCommands: CommandSpec[] = [
  {
    name: 'backup', writes: false,
    summary: '用 SQLite 备份接口备份数据库（不覆盖已有文件）',
    options: [{ name: '--out', value: 'FILE', type: 'file', required: true, help: '备份写到这个新文件' }],
    async run(input) {
      const out = path.resolve(input.need('--out'));
      if (fs.existsSync(out)) throw new Refusal([{ row: null, column: '--out', message: `文件 ${out} 已存在，为免覆盖，请换一个文件名` }]);
      return withApp(input, false, async (app) => {
        await app.backupTo(out);
        return { file: out, size: fs.statSync(out).size };
      });
    },
  },
  {
    name: 'restore', writes: true,
    summary: '从备份恢复：先检查备份，当前数据库另存后再恢复，较旧的备份会升级',
    options: [],
    positionals: [{ name: 'FILE', help: '备份文件' }],
    async run(input) {
      const { dbPath, backupDir } = resolvePaths(appLocation(input.global));
      const result = await restoreDatabase(dbPath, path.resolve(input.positionals[0]!), backupDir, MIGRATIONS_DIR);
      // Opening migrates an older backup forward (with its own pre-migration backup) and checks it.
      await withApp(input, true, async () => undefined);
      return result;
    },
  },
  {
    // A database sealed with another PC's key (a restored backup) refuses every other command until this has run.
    name: 'unlock', writes: false,
    summary: '用管理员恢复码解锁在别的电脑上加密的身份证号和电话（密钥随后保存在本机）',
    options: [{ name: '--recovery-code', value: 'CODE', type: 'text', required: true, help: '管理员的恢复码（创建账号或上次重设密码时打印的那一组）' }],
    async run(input) {
      const app = await openApp({
        ...appLocation(input.global), migrationsDir: MIGRATIONS_DIR, fixedAuthor: `CLI:${osUserName()}`, startupCheck: 'header', trustedCaller: true,
      });
      try {
        await call(app, 'dataKey.unlock', { recoveryCode: input.need('--recovery-code') });
        return { unlocked: true, keyFile: keyFilePath(app.dbPath) };
      } finally {
        app.close();
      }
    },
  },
  {
    name: 'check', writes: false,
    summary: '完整性检查：读每一页，核对各项汇总缓存；有问题时给出可用的备份和恢复命令',
    options: [],
    async run(input) {
      const { dbPath, backupDir } = resolvePaths(appLocation(input.global));
      if (!fs.existsSync(dbPath)) await withApp(input, false, async () => undefined);
      const newer = newerVersionProblem(dbPath, MIGRATIONS_DIR);
      const result = newer ? { ok: false, problems: [newer] } : checkDatabaseFile(dbPath, 'full');
      if (result.ok) {
        const db = new Database(dbPath, { readonly: true });
        const stale = partCacheMismatches(db);
        const tallies = voteTallyMismatches(db);
        const books = ledgerProblems(db);
        db.close();
        if (stale.length > 0) result.problems.push(`${stale.length} 个专有部分的业主缓存与产权、业主记录不一致（程序错误，请联系技术人员）`);
        if (tallies.length > 0) result.problems.push(`${tallies.length} 次表决的计票汇总与表决票记录不一致（程序错误，请联系技术人员）`);
        for (const p of books) result.problems.push(`账簿：${p}（程序错误，请联系技术人员）`);
        result.ok = result.problems.length === 0;
      }
      // A newer version's database is not damaged: no backup is suggested for it.
      const suggestedBackup = result.ok || newer ? null : findHealthyBackup(backupDir, MIGRATIONS_DIR);
      const report = {
        ok: result.ok, dbPath, problems: result.problems,
        advice: result.ok ? null : newer ?? adviceFor(dbPath, result.problems, suggestedBackup), suggestedBackup,
      };
      if (!result.ok) process.exitCode = 1;
      // Every page was read: the next writing command need not read them again (main/db/soundness.ts).
      else recordSound(dbPath);
      return report;
    },
  },
];
