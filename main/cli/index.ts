/**
 * The command line (../shared/CLI.md): the same services as the app, one JSON
 * document on stdout, exit 0 done / 1 refused / 2 usage error.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError, isErrorEnvelope } from '../../shared/contract/errors';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/contract/methods';
import { openApp, resolvePaths, type App } from '../app';
import { adviceFor, checkDatabaseFile, findHealthyBackup } from '../db/integrity';
import { restoreDatabase } from '../db/restore';
import { partCacheMismatches } from '../services/part-cache';
import Database from 'better-sqlite3';
import { MIGRATIONS_DIR } from '../node-paths';
import { expectOptions, option, parseArgs, UsageError, type ParsedArgs } from './args';

const USAGE = `用法：npm run -s cli -- [--db FILE | --data-dir DIR] COMMAND [OPTIONS] [FILE]
命令：
  import-roster --community NAME FILE        新建小区并导入花名册（xlsx 或 CSV）
  roster-summary --community NAME [--building NAME [--entrance NAME]]
  export-roster --community NAME --out FILE [--building NAME [--entrance NAME]]
  template --out FILE                        下载花名册模板
  backup --out FILE                          备份数据库
  restore FILE                               从备份恢复（当前数据库先另存）
  check                                      完整性检查`;

/** A refusal (exit 1) with CLI.md's error shape. */
class Refusal extends Error {
  constructor(readonly errors: { row: number | null; column?: string; message: string }[]) {
    super(errors[0]?.message ?? '');
  }
}

function refusalFrom(error: { code: string; message: string; details?: unknown }): Refusal {
  if (Array.isArray(error.details) && error.details.length > 0) return new Refusal(error.details as Refusal['errors']);
  return new Refusal([{ row: null, message: error.message }]);
}

async function call<M extends MethodName>(app: App, method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const response = await app.handle({ method, input });
  if (!response.ok) throw refusalFrom(response.error);
  return response.result as MethodOutput<M>;
}

async function withApp<T>(args: ParsedArgs, fn: (app: App) => Promise<T>): Promise<T> {
  const author = `CLI:${safeUserName()}`;
  const app = await openApp({ ...args.global, migrationsDir: MIGRATIONS_DIR, fixedAuthor: author });
  try {
    const health = await call(app, 'system.health', {});
    if (!health.ok) throw new Refusal([{ row: null, message: health.advice ?? health.problems.join('；') }]);
    return await fn(app);
  } finally {
    app.close();
  }
}

function safeUserName(): string {
  try {
    return os.userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'unknown';
  }
}

/** Community, building and entrance names to ids; unknown names are refused. */
async function scopeByName(app: App, args: ParsedArgs) {
  const name = option(args, '--community', true);
  const building = option(args, '--building');
  const entrance = option(args, '--entrance');
  if (entrance !== undefined && building === undefined) throw new UsageError('--entrance 需要同时指定 --building');
  const community = (await call(app, 'community.list', {})).find((c) => c.name === name.trim());
  if (!community) throw new Refusal([{ row: null, message: `找不到小区“${name}”` }]);
  const scope: { communityId: string; buildingId?: string; entranceId?: string } = { communityId: community.id };
  if (building !== undefined) {
    const b = (await call(app, 'community.buildings', { id: community.id })).find((x) => x.name === building.trim());
    if (!b) throw new Refusal([{ row: null, message: `小区“${community.name}”中找不到楼栋“${building}”` }]);
    scope.buildingId = b.id;
    if (entrance !== undefined) {
      const e = b.entrances.find((x) => x.name === entrance.trim());
      if (!e) throw new Refusal([{ row: null, message: `楼栋“${b.name}”中找不到单元“${entrance}”` }]);
      scope.entranceId = e.id;
    }
  }
  return scope;
}

function readInputFile(file: string): Buffer {
  if (!fs.existsSync(file)) throw new Refusal([{ row: null, message: `找不到文件 ${file}` }]);
  return fs.readFileSync(file);
}

const commands: Record<string, (args: ParsedArgs) => Promise<unknown>> = {
  async 'import-roster'(args) {
    expectOptions(args, ['--community'], 1);
    const name = option(args, '--community', true);
    const file = args.positionals[0]!;
    const data = readInputFile(file);
    return withApp(args, async (app) => {
      const result = await call(app, 'roster.import', {
        file: { fileName: path.basename(file), base64: data.toString('base64') },
        community: { name },
      });
      return result.summary;
    });
  },

  async 'roster-summary'(args) {
    expectOptions(args, ['--community', '--building', '--entrance'], 0);
    return withApp(args, async (app) => {
      const e = await call(app, 'roster.electorate', await scopeByName(app, args));
      return { parts: e.parts, votingSubjects: e.count, totalArea: e.area };
    });
  },

  async 'export-roster'(args) {
    expectOptions(args, ['--community', '--building', '--entrance', '--out'], 0);
    const out = option(args, '--out', true);
    return withApp(args, async (app) => {
      const scope = await scopeByName(app, args);
      const file = await call(app, 'roster.export', scope);
      fs.writeFileSync(out, Buffer.from(file.base64, 'base64'));
      const e = await call(app, 'roster.electorate', scope);
      return { file: path.resolve(out), parts: e.parts };
    });
  },

  async template(args) {
    expectOptions(args, ['--out'], 0);
    const out = option(args, '--out', true);
    return withApp(args, async (app) => {
      const file = await call(app, 'roster.template', {});
      fs.writeFileSync(out, Buffer.from(file.base64, 'base64'));
      return { file: path.resolve(out) };
    });
  },

  async backup(args) {
    expectOptions(args, ['--out'], 0);
    const out = path.resolve(option(args, '--out', true));
    if (fs.existsSync(out)) throw new Refusal([{ row: null, message: `文件 ${out} 已存在，为免覆盖，请换一个文件名` }]);
    return withApp(args, async (app) => {
      await app.backupTo(out);
      return { file: out, size: fs.statSync(out).size };
    });
  },

  async restore(args) {
    expectOptions(args, [], 1);
    const { dbPath, backupDir } = resolvePaths(args.global);
    const result = await restoreDatabase(dbPath, path.resolve(args.positionals[0]!), backupDir, MIGRATIONS_DIR);
    // Opening migrates an older backup forward (with its own pre-migration backup) and checks it.
    await withApp(args, async () => undefined);
    return result;
  },

  async check(args) {
    expectOptions(args, [], 0);
    const { dbPath, backupDir } = resolvePaths(args.global);
    if (!fs.existsSync(dbPath)) await withApp(args, async () => undefined);
    const result = checkDatabaseFile(dbPath, 'full');
    if (result.ok) {
      const db = new Database(dbPath, { readonly: true });
      const stale = partCacheMismatches(db);
      db.close();
      if (stale.length > 0) result.problems.push(`${stale.length} 个专有部分的业主缓存与产权、业主记录不一致（程序错误，请联系技术人员）`);
      result.ok = result.problems.length === 0;
    }
    const suggestedBackup = result.ok ? null : findHealthyBackup(backupDir, MIGRATIONS_DIR);
    const report = {
      ok: result.ok, dbPath, problems: result.problems,
      advice: result.ok ? null : adviceFor(dbPath, result.problems, suggestedBackup), suggestedBackup,
    };
    if (!result.ok) process.exitCode = 1;
    return report;
  },
};

export async function main(argv: readonly string[]): Promise<number> {
  let args: ParsedArgs;
  try {
    args = parseArgs(argv);
    if (args.command === null || args.command === 'help' || args.command === '--help') throw new UsageError(USAGE);
    const command = commands[args.command];
    if (!command) throw new UsageError(`未知命令 ${args.command}\n${USAGE}`);
    const output = await command(args);
    process.stdout.write(`${JSON.stringify(output)}\n`);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stdout.write(`${JSON.stringify({ errors: [{ row: null, message: error.message.split('\n')[0] }] })}\n`);
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    if (error instanceof Refusal) {
      process.stdout.write(`${JSON.stringify({ errors: error.errors })}\n`);
      return 1;
    }
    if (error instanceof AppError || isErrorEnvelope(error)) {
      process.stdout.write(`${JSON.stringify({ errors: refusalFrom(error as AppError).errors })}\n`);
      return 1;
    }
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.stdout.write(`${JSON.stringify({ errors: [{ row: null, message: `程序内部错误：${(error as Error).message}` }] })}\n`);
    return 1;
  }
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
