/**
 * What the commands share: opening the app on the folder or file the user
 * named (never another), calling contract methods, and turning names
 * (community, building, entrance) into ids.
 */
import fs from 'node:fs';
import os from 'node:os';
import type { Problem } from '../../shared/contract/errors';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/contract/methods';
import { openApp, type App } from '../app';
import { FILE_LIMITS, fileTooBigMessage } from '../../shared/domain/file-limits';
import { MIGRATIONS_DIR } from '../node-paths';
import { Refusal, type CommandInput, type GlobalOptions } from './spec';

/** The app's options for the folder or file given by --data-dir / --db (resolvePaths in main/app.ts). */
export function appLocation(global: GlobalOptions): { dataDir?: string; dbPath?: string } {
  return global.db !== undefined ? { dbPath: global.db } : global.dataDir !== undefined ? { dataDir: global.dataDir } : {};
}

/**
 * A contract error as docs/cli.md §5's refusal: a file's rows as they are, a
 * field by its Chinese label (else its path) in the column, a rule with how to
 * go past it, anything else as its message.
 */
export function refusalFrom(error: { code: string; message: string; details?: Problem[] }): Refusal {
  if (!error.details?.length) return new Refusal([{ row: null, message: error.message }]);
  return new Refusal(error.details.map((p) => {
    switch (p.kind) {
      case 'row': return p.column === undefined ? { row: p.row, message: p.message } : { row: p.row, column: p.column, message: p.message };
      case 'field': return { row: null, column: p.label ?? p.field, message: p.message };
      case 'rule': return { row: null, message: `${p.message}（如确需继续，请加 --override-reason 写明理由）` };
      default: return { row: null, message: p.message };
    }
  }));
}

export async function call<M extends MethodName>(app: App, method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const response = await app.handle({ method, input });
  if (!response.ok) throw refusalFrom(response.error);
  return response.result as MethodOutput<M>;
}

export function osUserName(): string {
  try {
    return os.userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'unknown';
  }
}

/** How long a command waits for another writer: 60 s, or SANFANG_BUSY_WAIT seconds (scripts that must not wait long). */
function busyLimitMs(): number {
  const given = process.env.SANFANG_BUSY_WAIT;
  const seconds = given === undefined || given.trim() === '' ? 60 : Number(given);
  return (Number.isFinite(seconds) && seconds >= 0 ? seconds : 60) * 1000;
}

/** Waiting for another writer is shown on stderr (at once, then every 5 s), so that a pause is not mistaken for a hang. */
function busyWaitNotice(): (waitedMs: number, limitMs: number) => void {
  let shown = -Infinity;
  return (waitedMs, limitMs) => {
    if (waitedMs - shown < 5000) return;
    shown = waitedMs;
    process.stderr.write(`数据库正被另一个程序写入，已等待 ${Math.round(waitedMs / 1000)} 秒，继续等待（最多 ${Math.round(limitMs / 1000)} 秒）…\n`);
  };
}

/**
 * Open the app for one command. A writing command runs only on a database
 * known to be sound (main/db/soundness.ts); a reading one checks the header.
 */
export async function withApp<T>(input: CommandInput, writes: boolean, fn: (app: App) => Promise<T>): Promise<T> {
  const app = await openApp({
    ...appLocation(input.global), migrationsDir: MIGRATIONS_DIR, fixedAuthor: `CLI:${osUserName()}`,
    startupCheck: writes ? 'before-write' : 'header', busyWait: { limitMs: busyLimitMs(), onWait: busyWaitNotice() }, trustedCaller: true,
  });
  try {
    const health = await call(app, 'system.health', {});
    if (!health.ok) throw new Refusal([{ row: null, message: health.advice ?? health.problems.join('；') }]);
    return await fn(app);
  } finally {
    app.close();
  }
}

/** Community, building and entrance names to ids; unknown names are refused. */
export async function communityByName(app: App, input: CommandInput) {
  const name = input.need('--community');
  const community = (await call(app, 'community.list', {})).find((c) => c.name === name.trim());
  if (!community) throw new Refusal([{ row: null, message: `找不到小区“${name}”` }]);
  return community;
}

export async function scopeByName(app: App, input: CommandInput) {
  const building = input.get('--building');
  const entrance = input.get('--entrance');
  const community = await communityByName(app, input);
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

/**
 * An input file, bounded before it is read (main/files reads the content by its headers and its limits). `limit`:
 * another bound than the table files' (an exchange package's) and what its refusal says.
 */
export function readInputFile(file: string, limit = { bytes: FILE_LIMITS.fileBytes, message: fileTooBigMessage }): Buffer {
  let size: number;
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) throw new Refusal([{ row: null, message: `${file} 不是文件` }]);
    size = stat.size;
  } catch (error) {
    if (error instanceof Refusal) throw error;
    throw new Refusal([{ row: null, message: `找不到文件 ${file}` }]);
  }
  // Refused before a byte is read: a file of gigabytes costs nothing.
  if (size > limit.bytes) throw new Refusal([{ row: null, message: limit.message(size) }]);
  return fs.readFileSync(file);
}
