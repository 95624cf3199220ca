/**
 * Every command and every documented option of the CLI is run by some test
 * through the real CLI (docs/cli.md §10: an option no test runs is an option nobody
 * knows works). `npm test` records the argument list of every runCli call of
 * the main run (tests/helpers.ts, SANFANG_CLI_RECORD) and then runs this check
 * on the record (vitest.coverage.config.ts). It is not part of a partial run.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../main/cli/commands';
import { parseCommandLine } from '../../main/cli/spec';

const record = process.env.SANFANG_CLI_RECORD;

describe('the CLI tests', () => {
  it('run every command, every option of it, and every command with --db', () => {
    expect(record && fs.existsSync(record), 'run through npm test: the record of CLI calls is missing').toBeTruthy();
    const seen = new Map<string, Set<string>>();
    for (const line of fs.readFileSync(record!, 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      let parsed;
      try {
        parsed = parseCommandLine(JSON.parse(line) as string[], COMMANDS, { checkValues: false });
      } catch {
        continue; // usage errors exercise the parser, not an option
      }
      const names = seen.get(parsed.spec.name) ?? new Set<string>();
      for (const o of parsed.spec.options) if (parsed.input.all(o.name).length > 0) names.add(o.name);
      if (parsed.input.global.db !== undefined) names.add('--db');
      if (parsed.input.global.dataDir !== undefined) names.add('--data-dir');
      seen.set(parsed.spec.name, names);
    }
    const missing: string[] = [];
    for (const spec of COMMANDS) {
      const names = seen.get(spec.name);
      if (!names) {
        missing.push(`${spec.name}（没有任何测试运行它）`);
        continue;
      }
      for (const o of [...spec.options.map((x) => x.name), '--db']) if (!names.has(o)) missing.push(`${spec.name} ${o}`);
    }
    expect(missing, 'these commands and options are never run by a CLI test').toEqual([]);
  });
});
