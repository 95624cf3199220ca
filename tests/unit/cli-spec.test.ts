/** The CLI's table (main/cli/commands) is the one source of its usage text and of the README's command table. */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../main/cli/commands';
import { GLOBAL_OPTIONS, parseCommandLine, Refusal, synopsis, UsageError, usageText } from '../../main/cli/spec';

/** The first cell of each row of the README's command table, as written (with `\|` read as `|`). */
function readmeCommands(): string[] {
  const readme = fs.readFileSync('README.md', 'utf8');
  const start = readme.indexOf('## Command line');
  const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
  return section.split('\n')
    .filter((l) => l.startsWith('| `'))
    .map((l) => /^\| `((?:[^`])+)` \|/.exec(l)![1]!.replace(/\\\|/g, '|'));
}

describe('the CLI table', () => {
  it('is what the README lists, command for command and option for option', () => {
    expect(readmeCommands()).toEqual(COMMANDS.map(synopsis));
  });

  it('writes every command, option and alias into the usage text', () => {
    const usage = usageText(COMMANDS);
    for (const spec of COMMANDS) {
      expect(usage).toContain(synopsis(spec));
      for (const alias of spec.aliases ?? []) expect(usage).toContain(alias);
      for (const o of spec.options) expect(usage).toContain(o.name);
    }
    for (const o of GLOBAL_OPTIONS) expect(usage).toContain(`${o.name} ${o.value}`);
  });

  it('names are unique and every dependent option depends on one of its command', () => {
    const names = COMMANDS.flatMap((c) => [c.name, ...(c.aliases ?? [])]);
    expect(new Set(names).size).toBe(names.length);
    for (const spec of COMMANDS) {
      const options = spec.options.map((o) => o.name);
      expect(new Set(options).size).toBe(options.length);
      for (const o of spec.options) if (o.requires) expect(options).toContain(o.requires);
    }
  });

  it('parses by the table: aliases, flags, repeated options, nested options, values by type', () => {
    const parsed = parseCommandLine(['--db', 'x.sqlite', 'roster', 'summary', '--community', '甲', '--building', '1幢'], COMMANDS);
    expect(parsed.spec.name).toBe('roster-summary');
    expect(parsed.input.global).toEqual({ db: 'x.sqlite' });
    expect(parsed.input.get('--building')).toBe('1幢');
    const vote = parseCommandLine(['vote', 'create', '--community', 'c', '--title', 't', '--opens', '2026-01-01', '--closes', '2026-01-09', '--item', 'a|1', '--item', 'b|2'], COMMANDS);
    expect(vote.input.all('--item')).toEqual(['a|1', 'b|2']);
    expect(() => parseCommandLine(['roster-summary', '--community', 'c', '--entrance', '1单元'], COMMANDS)).toThrow(UsageError);
    expect(() => parseCommandLine(['roster-summary', '--community', 'c', '--community', 'd'], COMMANDS)).toThrow(UsageError);
    expect(() => parseCommandLine(['check', '--db', 'x'], COMMANDS)).toThrow(/应写在命令之前/);
    expect(() => parseCommandLine(['--db', 'a', '--data-dir', 'b', 'check'], COMMANDS)).toThrow(UsageError);
    expect(() => parseCommandLine(['matter'], COMMANDS)).toThrow(/需要子命令/);
    expect(() => parseCommandLine(['meeting', 'create', '--community', 'c', '--kind', '联席会议', '--title', 't', '--date', '2026-02-30'], COMMANDS)).toThrow(Refusal);
    expect(() => parseCommandLine(['meeting', 'create', '--community', 'c', '--kind', '联席会议', '--title', 't', '--date', '2026-02-03', '--time', '25:00'], COMMANDS)).toThrow(Refusal);
  });
});
