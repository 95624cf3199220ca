/** The issue-5 CLI commands as processes: fund apportion (nothing written) and fund balance. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeRosterXlsx } from '../fixtures/roster-generator';
import { WORKED_ROSTER } from '../fixtures/worked-roster';

function cli(dataDir: string, ...args: string[]) {
  const r = spawnSync(process.execPath, ['scripts/cli.mjs', '--data-dir', dataDir, ...args], { encoding: 'utf8' });
  const lines = r.stdout.trim().split('\n');
  expect(lines).toHaveLength(1);
  return { code: r.status, json: JSON.parse(lines[0]!) };
}

let dir = '';
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanfang-cli-fund-'));
  await writeRosterXlsx(path.join(dir, 'r.xlsx'), WORKED_ROSTER);
  expect(cli(dir, 'import-roster', '--community', '阳光小区', path.join(dir, 'r.xlsx')).code).toBe(0);
}, 120_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('CLI: fund', () => {
  it('apportions by area over a building, adding up to the fen, and writes nothing', () => {
    const r = cli(dir, 'fund', 'apportion', '--community', '阳光小区', '--building', '1幢', '--amount', '1000.01');
    expect(r).toEqual({ code: 0, json: { total: '1000.01', shares: [
      { address: '1幢101', area: '90.00', amount: '450.00' },
      { address: '1幢102', area: '110.00', amount: '550.01' },
    ] } });
    expect(cli(dir, 'fund', 'balance', '--community', '阳光小区')).toEqual({ code: 0, json: { fund: '0.00', households: '0.00', belowTopUp: 0 } });
  });

  it('refuses a bad amount (exit 1) and an unknown subcommand (exit 2)', () => {
    const bad = cli(dir, 'fund', 'apportion', '--community', '阳光小区', '--amount', '12.345');
    expect(bad.code).toBe(1);
    expect(bad.json.errors[0].message).toContain('最多两位小数');
    const unknown = spawnSync(process.execPath, ['scripts/cli.mjs', '--data-dir', dir, 'fund', 'spend'], { encoding: 'utf8' });
    expect(unknown.status).toBe(2);
    expect(cli(dir, 'fund', 'apportion', '--community', '阳光小区', '--entrance', '1单元', '--amount', '1').code).toBe(2);
  });
});
