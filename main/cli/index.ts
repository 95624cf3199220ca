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
import { keyFilePath } from '../security/data-key';
import { partCacheMismatches } from '../services/part-cache';
import { voteTallyMismatches } from '../services/ballots';
import { ledgerProblems } from '../services/ledger';
import Database from 'better-sqlite3';
import { MIGRATIONS_DIR } from '../node-paths';
import { expectOptions, option, parseArgs, UsageError, type ParsedArgs } from './args';
import { addDays, isValidDate } from '../../shared/domain/dates';
import { MEETING_KINDS, meetingKindOf } from '../../shared/domain/meetings';

/** `matter advance` on a publication step without --posting-end: a posting period of this many days. */
const DEFAULT_POSTING_DAYS = 7;

const USAGE = `用法：npm run -s cli -- [--db FILE | --data-dir DIR] COMMAND [OPTIONS] [FILE]
命令：
  import-roster --community NAME FILE        新建小区并导入花名册（xlsx 或 CSV）
  roster-summary --community NAME [--building NAME [--entrance NAME]]
  export-roster --community NAME --out FILE [--building NAME [--entrance NAME]]
  template --out FILE                        下载花名册模板
  backup --out FILE                          备份数据库
  restore FILE                               从备份恢复（当前数据库先另存）
  check                                      完整性检查
  unlock --recovery-code CODE                用管理员恢复码解锁在别的电脑上加密的数据（密钥随后保存在本机）
  meeting create --community NAME --kind KIND --title T --date DATE [--notice-date DATE] [--override-reason T]
                 [--time HH:mm] [--place P]  召开会议（KIND 为会议类型的中文名称）
  matter create --community NAME --title T [--category C] [--description D] [--raised-on DATE]
  matter advance --id ID --step KEY --date DATE [--meeting ID] [--posting-start DATE] [--posting-end DATE]
                 [--filing-body T] [--note T] [--skip-reason T]
                 公示步骤未给公示期时默认自当日起${DEFAULT_POSTING_DAYS}日；备案步骤未给接收单位时默认为小区所属社区
  matter show --id ID
  search --community NAME TEXT               检索会议纪要和事项
  vote create --community NAME --title T --opens DATE --closes DATE --item "TITLE|CATEGORY[|SCOPE]" … [--meeting ID]
                 CATEGORY 为民法典第278条第1–9项；SCOPE 如 2幢 或 2幢/1单元+3幢，省略为全体业主
  ballots import --vote ID FILE              导入表决票（xlsx：楼栋 | 单元 | 房号 | 议题1 | … [| 有效 | 备注]）
  tally --vote ID                            计票
  vote close --vote ID                       结束表决
  fund apportion --community NAME [--building NAME [--entrance NAME]] --amount 12345.67
                                             按面积分摊金额（只计算，不记账）
  fund balance --community NAME              维修资金余额、分户合计、低于续筹线的户数
  contract create --community NAME --company NAME --credit-code CODE --start DATE --end DATE [--kind KIND]
                                             登记物业服务合同（KIND：前期物业 | 招投标选聘 | 业主大会表决选聘）
  contract dismissal --id ID --notice-date DATE
                                             解聘通知后合同最早终止日（只计算，不记录）
  issue create --community NAME --title T --category C --reported-at YYYY-MM-DDTHH:mm [--source S] [--reporter R]
                                             登记问题台账（C：停车、电梯、养老、托幼、环境卫生、安全、设施维修、邻里纠纷、物业服务、其他）
  issue escalate --id ID --reason T          提级（楼栋→小区→社区→街道）`;

/** A refusal (exit 1) with CLI.md's error shape. */
class Refusal extends Error {
  constructor(readonly errors: { row: number | null; column?: string; message: string }[]) {
    super(errors[0]?.message ?? '');
  }
}

function refusalFrom(error: { code: string; message: string; details?: unknown }): Refusal {
  if (Array.isArray(error.details) && error.details.length > 0) return new Refusal(error.details as Refusal['errors']);
  // A procedural rule (notice period, quorum…): one error per rule; --override-reason goes past them.
  const violations = (error.details as { violations?: { message: string }[] } | undefined)?.violations;
  if (violations?.length) return new Refusal(violations.map((v) => ({ row: null, message: `${v.message}（如确需继续，请加 --override-reason 写明理由）` })));
  return new Refusal([{ row: null, message: error.message }]);
}

async function call<M extends MethodName>(app: App, method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const response = await app.handle({ method, input });
  if (!response.ok) throw refusalFrom(response.error);
  return response.result as MethodOutput<M>;
}

async function withApp<T>(args: ParsedArgs, fn: (app: App) => Promise<T>): Promise<T> {
  const author = `CLI:${safeUserName()}`;
  // `check` reads every page; the other commands, run many times a day, only the header (main/db/integrity.ts).
  const app = await openApp({ ...args.global, migrationsDir: MIGRATIONS_DIR, fixedAuthor: author, startupCheck: 'header' });
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
async function communityByName(app: App, args: ParsedArgs) {
  const name = option(args, '--community', true);
  const community = (await call(app, 'community.list', {})).find((c) => c.name === name.trim());
  if (!community) throw new Refusal([{ row: null, message: `找不到小区“${name}”` }]);
  return community;
}

async function scopeByName(app: App, args: ParsedArgs) {
  const building = option(args, '--building');
  const entrance = option(args, '--entrance');
  if (entrance !== undefined && building === undefined) throw new UsageError('--entrance 需要同时指定 --building');
  const community = await communityByName(app, args);
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

/** `matter show` and `matter advance` print this shape (issue 3's CLI section). */
function matterJson(m: MethodOutput<'matter.get'>) {
  return { id: m.id, title: m.title, steps: m.steps.map((s) => ({ key: s.key, name: s.name, done: s.done, date: s.date })) };
}

/** A command with subcommands (`matter create`): the first positional names it. */
function subcommand(args: ParsedArgs, known: readonly string[]): string {
  const sub = args.positionals.shift();
  if (sub === undefined || !known.includes(sub)) throw new UsageError(`命令 ${args.command} 需要子命令：${known.join(' | ')}`);
  args.command = `${args.command} ${sub}`;
  return sub;
}

/** An item spec "TITLE|CATEGORY[|SCOPE]" with names resolved to the community's buildings and entrances. */
async function itemFromSpec(app: App, communityId: string, spec: string) {
  const [title = '', category = '', scope = '', ...rest] = spec.split('|').map((x) => x.trim());
  if (title === '' || rest.length > 0 || !/^[1-9]\d?$/.test(category)) {
    throw new Refusal([{ row: null, column: '--item', message: `议题“${spec}”格式应为“议题名称|类别[|范围]”，类别为民法典第278条第1–9项（或本小区增列的10以上事项），如“更换电梯|5|2幢”` }]);
  }
  const buildings = scope === '' ? [] : await call(app, 'community.buildings', { id: communityId });
  const parts = scope === '' ? [] : scope.split('+').map((s) => s.trim());
  return {
    title, category: Number(category),
    scope: parts.map((p) => {
      const [b = '', e] = p.split('/').map((x) => x.trim());
      const building = buildings.find((x) => x.name === b);
      if (!building) throw new Refusal([{ row: null, column: '--item', message: `议题“${title}”的范围中找不到楼栋“${b}”` }]);
      if (e === undefined) return { buildingId: building.id };
      const entrance = building.entrances.find((x) => x.name === e);
      if (!entrance) throw new Refusal([{ row: null, column: '--item', message: `议题“${title}”的范围中，${b}没有单元“${e}”` }]);
      return { buildingId: building.id, entranceId: entrance.id };
    }),
  };
}

const commands: Record<string, (args: ParsedArgs) => Promise<unknown>> = {
  async vote(args) {
    const sub = subcommand(args, ['create', 'close']);
    if (sub === 'close') {
      expectOptions(args, ['--vote'], 0);
      return withApp(args, async (app) => {
        const v = await call(app, 'vote.close', { id: option(args, '--vote', true) });
        return { id: v.id, status: v.status, closedAt: v.closedAt };
      });
    }
    expectOptions(args, ['--community', '--title', '--opens', '--closes', '--item', '--meeting'], 0);
    const specs = args.options.get('--item') ?? [];
    if (specs.length === 0) throw new UsageError('命令 vote create 需要至少一个 --item');
    return withApp(args, async (app) => {
      const community = await communityByName(app, args);
      const items = [];
      for (const spec of specs) items.push(await itemFromSpec(app, community.id, spec));
      const v = await call(app, 'vote.create', {
        communityId: community.id, title: option(args, '--title', true), opens: option(args, '--opens', true), closes: option(args, '--closes', true),
        meetingId: option(args, '--meeting') ?? null, items,
      });
      return { id: v.id, items: v.items.map((i) => ({ id: i.id, title: i.title, category: i.category, electorate: i.electorate })) };
    });
  },

  async contract(args) {
    const sub = subcommand(args, ['create', 'dismissal']);
    if (sub === 'dismissal') {
      expectOptions(args, ['--id', '--notice-date'], 0);
      return withApp(args, async (app) => {
        const d = await call(app, 'contract.dismissal', { id: option(args, '--id', true), noticeDate: option(args, '--notice-date', true) });
        return { earliestEnd: d.earliestEnd };
      });
    }
    expectOptions(args, ['--community', '--company', '--credit-code', '--start', '--end', '--kind'], 0);
    return withApp(args, async (app) => {
      const community = await communityByName(app, args);
      const c = await call(app, 'contract.create', {
        communityId: community.id, company: { name: option(args, '--company', true), creditCode: option(args, '--credit-code', true), contact: '', phone: '' },
        startDate: option(args, '--start', true), endDate: option(args, '--end', true),
        kind: (option(args, '--kind') ?? '业主大会表决选聘') as MethodInput<'contract.create'>['kind'],
      });
      return { id: c.id, nonRenewalNoticeBy: c.nonRenewalNoticeBy.date, renewalPreparationFrom: c.renewalPreparationFrom };
    });
  },

  async issue(args) {
    const sub = subcommand(args, ['create', 'escalate']);
    if (sub === 'escalate') {
      expectOptions(args, ['--id', '--reason'], 0);
      return withApp(args, async (app) => {
        const i = await call(app, 'issue.escalate', { id: option(args, '--id', true), reason: option(args, '--reason', true) });
        return { level: i.level };
      });
    }
    expectOptions(args, ['--community', '--title', '--category', '--reported-at', '--source', '--reporter'], 0);
    return withApp(args, async (app) => {
      const community = await communityByName(app, args);
      const i = await call(app, 'issue.create', {
        communityId: community.id, title: option(args, '--title', true),
        category: option(args, '--category', true) as MethodInput<'issue.create'>['category'],
        // A space between date and time is what people type; CLI.md's form has the T.
        reportedAt: option(args, '--reported-at', true).trim().replace(' ', 'T'),
        source: (option(args, '--source') ?? '来访') as MethodInput<'issue.create'>['source'], reporter: option(args, '--reporter') ?? '',
      });
      return { id: i.id, planDueAt: i.planDueAt };
    });
  },

  async fund(args) {
    const sub = subcommand(args, ['apportion', 'balance']);
    if (sub === 'balance') {
      expectOptions(args, ['--community'], 0);
      return withApp(args, async (app) => {
        const b = await call(app, 'fund.balance', { communityId: (await communityByName(app, args)).id });
        return { fund: b.fund, households: b.households, belowTopUp: b.belowTopUp };
      });
    }
    expectOptions(args, ['--community', '--building', '--entrance', '--amount'], 0);
    return withApp(args, async (app) => {
      const a = await call(app, 'fund.apportion', { ...(await scopeByName(app, args)), amount: option(args, '--amount', true) });
      return { total: a.total, shares: a.shares.map((s) => ({ address: s.address, area: s.area, amount: s.amount })) };
    });
  },

  async ballots(args) {
    subcommand(args, ['import']);
    expectOptions(args, ['--vote'], 1);
    const file = args.positionals[0]!;
    const data = readInputFile(file);
    return withApp(args, async (app) => call(app, 'ballot.import', {
      voteId: option(args, '--vote', true), file: { fileName: path.basename(file), base64: data.toString('base64') },
    }));
  },

  async tally(args) {
    expectOptions(args, ['--vote'], 0);
    return withApp(args, async (app) => {
      const t = await call(app, 'vote.tally', { id: option(args, '--vote', true) });
      return {
        items: t.items.map((i) => ({
          title: i.title, category: i.category, electorate: i.electorate, participants: i.participants, yes: i.yes, no: i.no, abstain: i.abstain,
          participationMet: i.participationMet, passed: i.passed,
        })),
      };
    });
  },


  async meeting(args) {
    subcommand(args, ['create']);
    expectOptions(args, ['--community', '--kind', '--title', '--date', '--notice-date', '--override-reason', '--time', '--place'], 0);
    const kindText = option(args, '--kind', true);
    const kind = meetingKindOf(kindText);
    if (!kind) throw new Refusal([{ row: null, column: '--kind', message: `会议类型“${kindText}”无效，应为${MEETING_KINDS.join('、')}之一` }]);
    return withApp(args, async (app) => {
      const community = await communityByName(app, args);
      const m = await call(app, 'meeting.create', {
        communityId: community.id, kind, title: option(args, '--title', true), date: option(args, '--date', true),
        noticeDate: option(args, '--notice-date') ?? null, overrideReason: option(args, '--override-reason') ?? '',
        startTime: option(args, '--time') ?? '', place: option(args, '--place') ?? '',
      });
      return { id: m.id };
    });
  },

  async matter(args) {
    const sub = subcommand(args, ['create', 'advance', 'show']);
    if (sub === 'create') {
      expectOptions(args, ['--community', '--title', '--category', '--description', '--raised-on'], 0);
      return withApp(args, async (app) => {
        const community = await communityByName(app, args);
        const raisedOn = option(args, '--raised-on');
        const category = option(args, '--category');
        const m = await call(app, 'matter.create', {
          communityId: community.id, title: option(args, '--title', true), description: option(args, '--description') ?? '',
          ...(raisedOn !== undefined ? { raisedOn } : {}), ...(category !== undefined ? { category: category as never } : {}),
        });
        return matterJson(m);
      });
    }
    if (sub === 'show') {
      expectOptions(args, ['--id'], 0);
      return withApp(args, async (app) => matterJson(await call(app, 'matter.get', { id: option(args, '--id', true) })));
    }
    expectOptions(args, ['--id', '--step', '--date', '--meeting', '--posting-start', '--posting-end', '--filing-body', '--note', '--skip-reason'], 0);
    return withApp(args, async (app) => {
      const id = option(args, '--id', true);
      const key = option(args, '--step', true);
      const date = option(args, '--date', true);
      const matter = await call(app, 'matter.get', { id });
      const step = matter.steps.find((s) => s.key === key);
      const skipReason = option(args, '--skip-reason') ?? null;
      // The CLI's defaults for what the screen asks for explicitly (see USAGE).
      let postingStart = option(args, '--posting-start') ?? null;
      let postingEnd = option(args, '--posting-end') ?? null;
      if (step?.kind === 'publication' && skipReason === null && isValidDate(date)) {
        postingStart ??= date;
        if (isValidDate(postingStart)) postingEnd ??= addDays(postingStart, DEFAULT_POSTING_DAYS);
      }
      let filingBody = option(args, '--filing-body') ?? null;
      if (step?.kind === 'filing' && filingBody === null) {
        const community = await call(app, 'community.get', { id: matter.communityId });
        filingBody = community.communityOffice || `${community.name}所在社区`;
      }
      const m = await call(app, 'matter.advance', {
        id, key, date, meetingId: option(args, '--meeting') ?? null, postingStart, postingEnd, filingBody,
        note: option(args, '--note') ?? '', skipReason,
      });
      return matterJson(m);
    });
  },

  async search(args) {
    expectOptions(args, ['--community'], 1);
    return withApp(args, async (app) => {
      const community = await communityByName(app, args);
      const { hits } = await call(app, 'search.query', { communityId: community.id, text: args.positionals[0]! });
      return { hits: hits.map((h) => ({ type: h.type, id: h.id, title: h.title, snippet: h.snippet.text })) };
    });
  },

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

  // Not through withApp: a locked database refuses every other command until this one has run.
  async unlock(args) {
    expectOptions(args, ['--recovery-code'], 0);
    const recoveryCode = option(args, '--recovery-code', true);
    const app = await openApp({ ...args.global, migrationsDir: MIGRATIONS_DIR, fixedAuthor: `CLI:${safeUserName()}`, startupCheck: 'header' });
    try {
      await call(app, 'dataKey.unlock', { recoveryCode });
      return { unlocked: true, keyFile: keyFilePath(app.dbPath) };
    } finally {
      app.close();
    }
  },

  async check(args) {
    expectOptions(args, [], 0);
    const { dbPath, backupDir } = resolvePaths(args.global);
    if (!fs.existsSync(dbPath)) await withApp(args, async () => undefined);
    const result = checkDatabaseFile(dbPath, 'full');
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
    const sqliteCode = (error as { code?: unknown }).code;
    if (typeof sqliteCode === 'string' && /^SQLITE_(CORRUPT|NOTADB)/.test(sqliteCode)) {
      process.stdout.write(`${JSON.stringify({ errors: [{ row: null, message: '数据库文件已损坏，操作未完成。请运行 check 命令查看问题和可用于恢复的备份。' }] })}\n`);
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
