/** The issue-3 CLI commands as processes: meeting create, matter create/advance/show, search. */
import path from 'node:path';
import fs from 'node:fs';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_WORKFLOW } from '../../shared/domain/workflow';
import { writeRosterXlsx } from '../fixtures/roster-generator';
import { runCli } from '../helpers';

const cli = runCli;

let dir = '';
beforeAll(async () => {
  // One data folder for the file (helpers.tempDir is removed after each test).
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanfang-cli-gov-'));
  const file = path.join(dir, 'r.xlsx');
  await writeRosterXlsx(file, [{ building: '1幢', entrance: null, room: '101', type: '住宅', area: '90.00', areaSource: '登记', deliveryStatus: '已交付', owners: '甲', documents: '', phones: '' }]);
  expect(cli(dir, 'import-roster', '--community', '阳光小区', file).code).toBe(0);
}, 120_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('CLI: meetings', () => {
  it('creates a meeting; a late assembly notice is refused (exit 1) unless a reason is given', () => {
    const ok = cli(dir, 'meeting', 'create', '--community', '阳光小区', '--kind', '联席会议', '--title', '11月联席会议', '--date', '2026-11-02');
    expect(ok.code).toBe(0);
    expect(Object.keys(ok.json)).toEqual(['id']);
    const late = cli(dir, 'meeting', 'create', '--community', '阳光小区', '--kind', '业主大会', '--title', '业主大会', '--date', '2026-07-16', '--notice-date', '2026-07-02');
    expect(late.code).toBe(1);
    expect(late.json.errors[0]).toMatchObject({ row: null });
    expect(late.json.errors[0].message).toContain('最迟应于 2026-07-01 通知');
    const overridden = cli(dir, 'meeting', 'create', '--community', '阳光小区', '--kind', '业主大会', '--title', '业主大会', '--date', '2026-07-16',
      '--notice-date', '2026-07-02', '--override-reason', '经街道同意');
    expect(overridden.code).toBe(0);
    expect(cli(dir, 'meeting', 'create', '--community', '阳光小区', '--kind', '坝坝会', '--title', '院坝会', '--date', '2026-07-16').code).toBe(0);
    const badKind = cli(dir, 'meeting', 'create', '--community', '阳光小区', '--kind', '茶话会', '--title', 'x', '--date', '2026-07-16');
    expect(badKind.code).toBe(1);
    expect(badKind.json.errors[0].message).toContain('会议类型“茶话会”无效');
    expect(cli(dir, 'meeting', 'create', '--community', '阳光小区', '--kind', '联席会议', '--title', 'x', '--date', '2026-02-30').code).toBe(1);
    expect(cli(dir, 'meeting', 'delete').code).toBe(2);
  });
});

describe('CLI: a matter through all eight steps', () => {
  it('create, advance in order (refusals exit 1), show', () => {
    const created = cli(dir, 'matter', 'create', '--community', '阳光小区', '--title', '更换电梯', '--raised-on', '2026-03-01');
    expect(created.code).toBe(0);
    const id = created.json.id as string;
    // --raised-on is the first step's date: 党员群众建议 is recorded with the matter.
    expect(created.json.steps).toEqual(DEFAULT_WORKFLOW.steps.map((s, i) => ({ key: s.key, name: s.name, done: i === 0, date: i === 0 ? '2026-03-01' : null })));

    const meeting = cli(dir, 'meeting', 'create', '--community', '阳光小区', '--kind', '联席会议', '--title', '联席会议', '--date', '2026-03-10').json.id as string;
    const outOfOrder = cli(dir, 'matter', 'advance', '--id', id, '--step', 'joint', '--date', '2026-03-02');
    expect(outOfOrder.code).toBe(1);
    expect(outOfOrder.json.errors[0].message).toContain('下一步应为“小区党组织提议”');

    const dates = ['2026-03-01', '2026-03-05', '2026-03-10', '2026-03-15', '2026-04-20', '2026-04-22', '2026-09-01', '2026-09-05'];
    let last: { json: { steps: { key: string; done: boolean; date: string | null }[] } } | null = null;
    DEFAULT_WORKFLOW.steps.slice(1).forEach((s, j) => {
      const i = j + 1;
      const extra = s.key === 'joint' ? ['--meeting', meeting] : [];
      const r = cli(dir, 'matter', 'advance', '--id', id, '--step', s.key, '--date', dates[i]!, ...extra);
      expect(r.code, JSON.stringify(r.json)).toBe(0);
      last = r;
    });
    expect(last!.json.steps.map((s) => [s.done, s.date])).toEqual(dates.map((d) => [true, d]));
    const shown = cli(dir, 'matter', 'show', '--id', id);
    expect(shown.json).toEqual({ id, title: '更换电梯', steps: DEFAULT_WORKFLOW.steps.map((s, i) => ({ key: s.key, name: s.name, done: true, date: dates[i] })) });
    expect(cli(dir, 'matter', 'show', '--id', 'nope').code).toBe(1);
  });

  it('refuses a date before the previous step', () => {
    const id = cli(dir, 'matter', 'create', '--community', '阳光小区', '--title', '停车管理', '--raised-on', '2026-05-01').json.id as string;
    const early = cli(dir, 'matter', 'advance', '--id', id, '--step', 'propose', '--date', '2026-04-30');
    expect(early.code).toBe(1);
    expect(early.json.errors[0].message).toContain('早于上一步');
  });
});

describe('CLI: search', () => {
  it('finds matters by a two-character word', () => {
    const r = cli(dir, 'search', '--community', '阳光小区', '电梯');
    expect(r.code).toBe(0);
    expect(r.json.hits.length).toBeGreaterThan(0);
    expect(r.json.hits[0]).toMatchObject({ type: 'matter', title: '更换电梯' });
    expect(Object.keys(r.json.hits[0]).sort()).toEqual(['id', 'snippet', 'title', 'type']);
    expect(cli(dir, 'search', '--community', '阳光小区', '地下室').json).toEqual({ hits: [] });
  });
});
