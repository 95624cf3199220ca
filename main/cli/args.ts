/** A small argument parser for CLI.md's shape: global options, command, options, files. */
export class UsageError extends Error {}

export interface ParsedArgs {
  global: { db?: string; dataDir?: string };
  command: string | null;
  options: Map<string, string[]>;
  positionals: string[];
}

const GLOBAL = new Set(['--db', '--data-dir']);

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const result: ParsedArgs = { global: {}, command: null, options: new Map(), positionals: [] };
  let i = 0;
  // Global options come before the command.
  while (i < argv.length && argv[i]!.startsWith('--')) {
    const name = argv[i]!;
    if (!GLOBAL.has(name)) throw new UsageError(`未知的全局选项 ${name}（--db 和 --data-dir 应写在命令之前）`);
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('--')) throw new UsageError(`${name} 需要一个值`);
    if (name === '--db') result.global.db = value;
    else result.global.dataDir = value;
    i += 2;
  }
  result.command = argv[i] ?? null;
  i++;
  while (i < argv.length) {
    const arg = argv[i]!;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const [name, inline] = eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
      const value = inline ?? argv[i + 1];
      if (value === undefined) throw new UsageError(`${name} 需要一个值`);
      const list = result.options.get(name) ?? [];
      list.push(value);
      result.options.set(name, list);
      i += inline === undefined ? 2 : 1;
    } else {
      result.positionals.push(arg);
      i++;
    }
  }
  return result;
}

/** The options a command accepts; anything else is a usage error. */
export function expectOptions(args: ParsedArgs, allowed: readonly string[], positionals: number): void {
  for (const name of args.options.keys()) {
    if (!allowed.includes(name)) throw new UsageError(`命令 ${args.command} 不接受选项 ${name}`);
  }
  if (args.positionals.length !== positionals) {
    throw new UsageError(positionals === 0 ? `命令 ${args.command} 不需要文件参数` : `命令 ${args.command} 需要 ${positionals} 个文件参数`);
  }
}

export function option(args: ParsedArgs, name: string, required: true): string;
export function option(args: ParsedArgs, name: string, required?: false): string | undefined;
export function option(args: ParsedArgs, name: string, required = false): string | undefined {
  const values = args.options.get(name);
  if (values && values.length > 1) throw new UsageError(`选项 ${name} 只能出现一次`);
  const value = values?.[0];
  if (required && (value === undefined || value.trim() === '')) throw new UsageError(`命令 ${args.command} 需要选项 ${name}`);
  return value;
}
