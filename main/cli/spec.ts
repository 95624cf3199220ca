/**
 * The command line as one table (docs/cli.md): each command declares its
 * words, options (with their types), positionals, help and run function. The
 * parser, the usage text and the README's command table (checked by
 * tests/unit/cli-spec.test.ts) all come from it, so an option cannot exist in
 * one place and not in another.
 */
import { isValidDate } from '../../shared/domain/dates';

/** Usage problems: unknown command or option, a missing value (exit 2). */
export class UsageError extends Error {}

/** A refusal (exit 1) with docs/cli.md §5's error shape. */
export class Refusal extends Error {
  constructor(readonly errors: { row: number | null; column?: string; message: string }[]) {
    super(errors[0]?.message ?? '');
  }
}

export type OptionType = 'text' | 'id' | 'date' | 'datetime' | 'time' | 'amount' | 'file' | 'flag';

export interface OptionSpec {
  name: `--${string}`;
  /** What the value is called in the usage text (NAME, DATE…); absent for a flag. */
  value?: string;
  type: OptionType;
  required?: boolean;
  /** May be given several times (vote create --item). */
  repeatable?: boolean;
  /** Only together with this option; the usage nests it: [--building NAME [--entrance NAME]]. */
  requires?: `--${string}`;
  /** Other spellings accepted for the same option. */
  aliases?: `--${string}`[];
  help: string;
}

export interface PositionalSpec {
  name: string;
  help: string;
}

/** What a command's run function gets: the values by option name (aliases resolved). */
export interface CommandInput {
  global: GlobalOptions;
  /** The whole command, e.g. "matter advance". */
  command: string;
  get(name: `--${string}`): string | undefined;
  need(name: `--${string}`): string;
  all(name: `--${string}`): string[];
  flag(name: `--${string}`): boolean;
  positionals: string[];
}

export interface CommandSpec {
  /** The command's words: "import-roster", "matter advance". */
  name: string;
  /** Other names for the whole command ("roster import"). */
  aliases?: string[];
  summary: string;
  options: OptionSpec[];
  positionals?: PositionalSpec[];
  /** Extra lines for the usage text. */
  notes?: string[];
  /**
   * Whether the command writes records: a writing command runs only on a
   * database known to be sound (main/db/soundness.ts), a reading one checks the header.
   */
  writes: boolean;
  run(input: CommandInput): Promise<unknown>;
}

export interface GlobalOptions {
  db?: string;
  dataDir?: string;
}

export const GLOBAL_OPTIONS: readonly OptionSpec[] = [
  { name: '--db', value: 'FILE', type: 'file', help: '使用这个数据库文件（它所在的文件夹为数据文件夹）' },
  { name: '--data-dir', value: 'DIR', type: 'file', help: '使用这个数据文件夹' },
];

const DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const AMOUNT = /^\d{1,13}(\.\d{1,2})?$/;

/** A value of the wrong shape is bad input (exit 1), named by its option. */
function checkValue(option: OptionSpec, value: string): void {
  const refuse = (expected: string) => {
    throw new Refusal([{ row: null, column: option.name, message: `${option.name} 的值“${value}”无效，应为${expected}` }]);
  };
  switch (option.type) {
    case 'date':
      if (!isValidDate(value.trim())) refuse('日期 YYYY-MM-DD，如 2026-07-16');
      break;
    case 'datetime': {
      const text = value.trim();
      if (!DATE_TIME.test(text) || !isValidDate(text.slice(0, 10))) refuse('日期和时间 YYYY-MM-DDTHH:mm，如 2026-02-28T21:15');
      break;
    }
    case 'time':
      if (!TIME.test(value.trim())) refuse('时间 HH:mm，如 19:30');
      break;
    case 'amount':
      if (!AMOUNT.test(value.trim())) refuse('金额（元），最多两位小数，如 12345.67');
      break;
    default:
      if (value.trim() === '') refuse('非空的值');
  }
}

function findOption(options: readonly OptionSpec[], name: string): OptionSpec | undefined {
  return options.find((o) => o.name === name || o.aliases?.includes(name as `--${string}`));
}

/** The command named by the first words of argv (the longest match: "matter advance" before "matter"). */
function findCommand(commands: readonly CommandSpec[], words: readonly string[]): { spec: CommandSpec; used: number } | null {
  let best: { spec: CommandSpec; used: number } | null = null;
  for (const spec of commands) {
    for (const name of [spec.name, ...(spec.aliases ?? [])]) {
      const parts = name.split(' ');
      if (parts.every((p, i) => words[i] === p) && (!best || parts.length > best.used)) best = { spec, used: parts.length };
    }
  }
  return best;
}

export interface Parsed {
  spec: CommandSpec;
  input: CommandInput;
}

/**
 * argv (after `cli --`) to the command and its checked input; usage problems
 * throw UsageError, values of the wrong type a Refusal (unless checkValues is
 * false: the test that counts which options the tests run reads them so).
 */
export function parseCommandLine(argv: readonly string[], commands: readonly CommandSpec[], { checkValues = true } = {}): Parsed {
  const global: GlobalOptions = {};
  let i = 0;
  // Global options come before the command.
  while (i < argv.length && argv[i]!.startsWith('--')) {
    const option = findOption(GLOBAL_OPTIONS, argv[i]!);
    if (!option) throw new UsageError(`未知的全局选项 ${argv[i]}（--db 和 --data-dir 应写在命令之前）`);
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('--') || value.trim() === '') throw new UsageError(`${option.name} 需要一个值`);
    if (option.name === '--db') global.db = value;
    else global.dataDir = value;
    i += 2;
  }
  if (global.db !== undefined && global.dataDir !== undefined) throw new UsageError('--db 和 --data-dir 只能给一个');
  const words = argv.slice(i);
  if (words.length === 0) throw new UsageError('缺少命令');
  const found = findCommand(commands, words);
  if (!found) {
    const group = commands.filter((c) => c.name.split(' ')[0] === words[0]);
    if (group.length > 0) {
      throw new UsageError(`命令 ${words[0]} 需要子命令：${group.map((c) => c.name.split(' ').slice(1).join(' ')).join(' | ')}`);
    }
    throw new UsageError(`未知命令 ${words[0]}`);
  }
  const { spec } = found;
  const values = new Map<string, string[]>();
  const positionals: string[] = [];
  for (let j = found.used; j < words.length; j++) {
    const arg = words[j]!;
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const option = findOption(spec.options, name);
    if (!option) {
      if (findOption(GLOBAL_OPTIONS, name)) throw new UsageError(`${name} 应写在命令之前：npm run -s cli -- ${name} … ${spec.name} …`);
      throw new UsageError(`命令 ${spec.name} 不接受选项 ${name}`);
    }
    let value: string;
    if (option.type === 'flag') {
      if (eq > 0) throw new UsageError(`${option.name} 不带值`);
      value = 'true';
    } else if (eq > 0) value = arg.slice(eq + 1);
    else {
      const next = words[j + 1];
      if (next === undefined) throw new UsageError(`${option.name} 需要一个值`);
      value = next;
      j++;
    }
    const list = values.get(option.name) ?? [];
    if (list.length > 0 && !option.repeatable) throw new UsageError(`选项 ${option.name} 只能出现一次`);
    list.push(value);
    values.set(option.name, list);
  }
  const expected = spec.positionals ?? [];
  if (positionals.length !== expected.length) {
    throw new UsageError(expected.length === 0
      ? `命令 ${spec.name} 不需要文件参数（多出“${positionals[0]}”）`
      : `命令 ${spec.name} 需要 ${expected.map((p) => p.name).join(' ')}`);
  }
  for (const option of spec.options) {
    const given = values.get(option.name);
    if (option.required && (!given || given.every((v) => v.trim() === ''))) throw new UsageError(`命令 ${spec.name} 需要选项 ${option.name}`);
    if (given && option.requires && !values.has(option.requires)) throw new UsageError(`${option.name} 需要同时指定 ${option.requires}`);
  }
  // Values are checked after the usage: a usage error (exit 2) wins over bad input (exit 1).
  const check = () => {
    for (const option of spec.options) for (const v of values.get(option.name) ?? []) checkValue(option, v);
  };
  const input: CommandInput = {
    global, command: spec.name, positionals,
    get: (name) => values.get(name)?.[0],
    need: (name) => {
      const v = values.get(name)?.[0];
      if (v === undefined) throw new UsageError(`命令 ${spec.name} 需要选项 ${name}`);
      return v;
    },
    all: (name) => values.get(name) ?? [],
    flag: (name) => values.has(name),
  };
  if (checkValues) check();
  return { spec, input };
}

/** An option as the usage writes it: `--title T`, `[--time HH:mm]`, `--item SPEC …`. */
function optionText(o: OptionSpec): string {
  const bare = o.type === 'flag' ? o.name : `${o.name} ${o.value}`;
  const many = o.repeatable ? `${bare} …` : bare;
  return o.required ? many : `[${many}]`;
}

/** `import-roster --community NAME FILE`, with dependent options nested: `[--building NAME [--entrance NAME]]`. */
export function synopsis(spec: CommandSpec): string {
  const parts: string[] = [spec.name];
  for (const o of spec.options) {
    if (o.requires) continue;
    const dependents = spec.options.filter((d) => d.requires === o.name);
    let text = optionText(o);
    if (dependents.length > 0) {
      const inner = dependents.map(optionText).join(' ');
      text = o.required ? `${text} ${inner}` : `${text.slice(0, -1)} ${inner}]`;
    }
    parts.push(text);
  }
  for (const p of spec.positionals ?? []) parts.push(p.name);
  return parts.join(' ');
}

/** The usage text printed by `help` and with every usage error. */
export function usageText(commands: readonly CommandSpec[]): string {
  const lines = [
    `用法：npm run -s cli -- [${GLOBAL_OPTIONS.map((o) => `${o.name} ${o.value}`).join(' | ')}] COMMAND [OPTIONS] [FILE]`,
    ...GLOBAL_OPTIONS.map((o) => `  ${o.name} ${o.value}  ${o.help}`),
    '命令：',
  ];
  for (const spec of commands) {
    lines.push(`  ${synopsis(spec)}`, `      ${spec.summary}`);
    if (spec.aliases?.length) lines.push(`      也可写作：${spec.aliases.join('、')}`);
    for (const o of spec.options) lines.push(`      ${o.name}${o.aliases?.length ? `（${o.aliases.join('、')}）` : ''}  ${o.help}`);
    for (const p of spec.positionals ?? []) lines.push(`      ${p.name}  ${p.help}`);
    for (const note of spec.notes ?? []) lines.push(`      ${note}`);
  }
  return lines.join('\n');
}
