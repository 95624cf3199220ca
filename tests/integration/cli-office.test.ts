/** The issue-6 CLI commands as processes: contract create / dismissal, issue create / escalate (docs/cli.md §5, §6 shapes). */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeRosterXlsx } from '../fixtures/roster-generator';
import { WORKED_ROSTER } from '../fixtures/worked-roster';
import { runCli } from '../helpers';

const cli = runCli;

let dir = '';
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanfang-cli-office-'));
  await writeRosterXlsx(path.join(dir, 'r.xlsx'), WORKED_ROSTER);
  expect(cli(dir, 'import-roster', '--community', '阳光小区', path.join(dir, 'r.xlsx')).code).toBe(0);
}, 120_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('CLI: contract', () => {
  it('creates a contract with its statutory dates, and computes a dismissal’s earliest end', () => {
    const c = cli(dir, 'contract', 'create', '--community', '阳光小区', '--company', '安居物业服务有限公司', '--credit-code', '91350100M000100Y43',
      '--start', '2024-03-01', '--end', '2028-08-31');
    expect(c.code).toBe(0);
    // 2028-08-31 − 90 days; 6 months before the 31st of August 2028 is the leap day.
    expect(c.json).toEqual({ id: c.json.id, nonRenewalNoticeBy: '2028-06-02', renewalPreparationFrom: '2028-02-29' });
    expect(cli(dir, 'contract', 'dismissal', '--id', c.json.id, '--notice-date', '2026-12-31')).toEqual({ code: 0, json: { earliestEnd: '2027-03-01' } });
  });

  it('refuses a credit code whose check character is wrong (exit 1), and a missing option (exit 2)', () => {
    const bad = cli(dir, 'contract', 'create', '--community', '阳光小区', '--company', '某物业', '--credit-code', '91350100M000100Y44',
      '--start', '2024-03-01', '--end', '2027-02-28');
    expect(bad.code).toBe(1);
    expect(bad.json.errors[0].message).toContain('校验位错误');
    const usage = spawnSync(process.execPath, ['scripts/cli.mjs', '--data-dir', dir, 'contract', 'dismissal', '--id', 'x'], { encoding: 'utf8' });
    expect(usage.status).toBe(2);
  });
});

describe('CLI: issue', () => {
  it('creates an issue with its plan due 24 hours later and escalates it up to 街道, not past it', () => {
    const i = cli(dir, 'issue', 'create', '--community', '阳光小区', '--title', '电梯异响', '--category', '电梯', '--reported-at', '2026-02-28T21:15');
    expect(i.code).toBe(0);
    expect(i.json).toEqual({ id: i.json.id, planDueAt: '2026-03-01T21:15' });
    const up = (reason: string) => cli(dir, 'issue', 'escalate', '--id', i.json.id, '--reason', reason, '--unit', '街道城管科', '--person', '张科长');
    const levels = ['小区', '社区', '街道'].map(() => up('未按期答复').json);
    expect(levels.map((l) => l.level)).toEqual(['小区', '社区', '街道']);
    // Each level's own days from today (7 / 15 / 30 by default), so each due date is later than the one before.
    const dues = levels.map((l) => l.resolutionDue as string);
    expect(dues.every((d) => /^\d{4}-\d{2}-\d{2}$/.test(d))).toBe(true);
    expect(dues[0]! < dues[1]! && dues[1]! < dues[2]!).toBe(true);
    const noPerson = spawnSync(process.execPath, ['scripts/cli.mjs', '--data-dir', dir, 'issue', 'escalate', '--id', i.json.id, '--reason', 'x', '--unit', '街道'], { encoding: 'utf8' });
    expect(noPerson.status).toBe(2);
    const past = up('再提级');
    expect(past.code).toBe(1);
    expect(past.json.errors[0].message).toContain('不能再向上提级');
    const wrong = cli(dir, 'issue', 'create', '--community', '阳光小区', '--title', 'x', '--category', '噪音', '--reported-at', '2026-02-28T21:15');
    expect(wrong.code).toBe(1);
    expect(wrong.json.errors[0].message).toContain('类别应为');
  }, 180_000); // nine processes, each opening the database
});
