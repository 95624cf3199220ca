/** The workflow as data (docs/domain.md §3): order, dates, posting periods, filing body, skipping, the board. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/dates';
import { diffLines, diffWords, minutesText, minutesTitle } from '../../shared/domain/minutes';
import {
  boardPosition, checkAdvance, checkWorkflowDefinition, DEFAULT_WORKFLOW, nextStep, type StepRecord, type WorkflowDefinition,
} from '../../shared/domain/workflow';

const wf = DEFAULT_WORKFLOW;
const done = (...pairs: [string, string][]): StepRecord[] => pairs.map(([key, date]) => ({ key, date, skipped: false }));

describe('the default workflow is docs/domain.md §3', () => {
  it('has the eight steps in order', () => {
    expect(wf.steps.map((s) => s.name)).toEqual([
      '党员群众建议', '小区党组织提议', '联席会议商议', '党员大会审议', '业主(代表)大会决议', '决议公开', '实施结果公开', '决议结果与实施情况报社区备案',
    ]);
    expect(checkWorkflowDefinition(wf)).toEqual([]);
  });
});

describe('advancing a matter', () => {
  it('steps are done in order', () => {
    expect(checkAdvance(wf, [], { key: 'propose', date: '2026-03-01' })).toEqual(['请按顺序办理：下一步应为“党员群众建议”，不能直接记录“小区党组织提议”']);
    expect(checkAdvance(wf, [], { key: 'suggest', date: '2026-03-01' })).toEqual([]);
    expect(checkAdvance(wf, done(['suggest', '2026-03-01']), { key: 'suggest', date: '2026-03-02' })[0]).toContain('已经记录');
    expect(checkAdvance(wf, [], { key: 'nope', date: '2026-03-01' })[0]).toContain('流程中没有步骤“nope”');
  });

  it('a step may share the previous date but not precede it', () => {
    const recs = done(['suggest', '2026-03-10']);
    expect(checkAdvance(wf, recs, { key: 'propose', date: '2026-03-10' })).toEqual([]);
    expect(checkAdvance(wf, recs, { key: 'propose', date: '2026-03-09' })).toEqual(['“小区党组织提议”的日期 2026-03-09 早于上一步“党员群众建议”的日期 2026-03-10']);
  });

  const toPublication = done(['suggest', '2026-03-01'], ['propose', '2026-03-02'], ['joint', '2026-03-03'], ['party', '2026-03-04'], ['resolve', '2026-03-05']);

  it('a publication step needs a posting period starting on or after its date', () => {
    expect(checkAdvance(wf, toPublication, { key: 'publish-resolution', date: '2026-03-06' })).toEqual(['“决议公开”须填写公示期（开始和结束日期）']);
    expect(checkAdvance(wf, toPublication, { key: 'publish-resolution', date: '2026-03-06', postingStart: '2026-03-05', postingEnd: '2026-03-12' }))
      .toEqual(['公示开始日期 2026-03-05 不能早于本步骤日期 2026-03-06']);
    expect(checkAdvance(wf, toPublication, { key: 'publish-resolution', date: '2026-03-06', postingStart: '2026-03-06', postingEnd: '2026-03-05' }))
      .toEqual(['公示结束日期 2026-03-05 早于开始日期 2026-03-06']);
    expect(checkAdvance(wf, toPublication, { key: 'publish-resolution', date: '2026-03-06', postingStart: '2026-03-06', postingEnd: '2026-03-06' })).toEqual([]);
  });

  it('the filing step names the body that received it', () => {
    const recs = [...toPublication, ...done(['publish-resolution', '2026-03-06'], ['publish-result', '2026-06-01'])];
    expect(checkAdvance(wf, recs, { key: 'file', date: '2026-06-02', filingBody: ' ' })).toEqual(['“决议结果与实施情况报社区备案”须填写接收备案的单位']);
    expect(checkAdvance(wf, recs, { key: 'file', date: '2026-06-02', filingBody: '和平社区居委会' })).toEqual([]);
  });

  it('only optional steps may be skipped, with a reason', () => {
    const custom: WorkflowDefinition = { name: '简易', steps: [
      { key: 'a', name: '提出', kind: 'plain', optional: false, expectedDays: 5 },
      { key: 'b', name: '听证', kind: 'meeting', optional: true, expectedDays: 5 },
      { key: 'c', name: '决定', kind: 'plain', optional: false, expectedDays: 5 },
    ] };
    const recs = done(['a', '2026-01-05']);
    expect(checkAdvance(custom, recs, { key: 'b', date: '2026-01-06', skip: { reason: '' } })).toEqual(['跳过“听证”须写明理由']);
    expect(checkAdvance(custom, recs, { key: 'b', date: '2026-01-06', skip: { reason: '无争议' } })).toEqual([]);
    expect(checkAdvance(custom, [], { key: 'a', date: '2026-01-06', skip: { reason: 'x' } })).toEqual(['“提出”是必经步骤，不能跳过']);
    // A skipped step counts as recorded: the next one follows it.
    expect(nextStep(custom, [...recs, { key: 'b', date: '2026-01-06', skipped: true }])?.key).toBe('c');
  });
});

describe('the board', () => {
  it('flags a matter that waited longer than its step expects (boundary on both sides)', () => {
    const recs = done(['suggest', '2026-03-01']); // next: propose, 15 days expected
    expect(boardPosition(wf, recs, '2026-02-20', '2026-03-16')).toMatchObject({ waitingDays: 15, overdue: false });
    expect(boardPosition(wf, recs, '2026-02-20', '2026-03-17')).toMatchObject({ waitingDays: 16, overdue: true });
    expect(boardPosition(wf, [], '2026-02-20', '2026-03-06').current?.key).toBe('suggest');
  });

  it('a finished matter is never overdue', () => {
    const all = wf.steps.map((s, i) => ({ key: s.key, date: addDays('2026-01-01', i), skipped: false }));
    expect(boardPosition(wf, all, '2026-01-01', '2030-01-01')).toMatchObject({ current: null, overdue: false });
  });

  it('property: recording the steps in order with non-decreasing dates is always accepted', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 8, maxLength: 8 }), (gaps) => {
      const recs: StepRecord[] = [];
      let date = '2026-01-01';
      wf.steps.forEach((s, i) => {
        date = addDays(date, gaps[i]!);
        const input = { key: s.key, date, postingStart: date, postingEnd: addDays(date, 7), filingBody: '社区' };
        expect(checkAdvance(wf, recs, input)).toEqual([]);
        recs.push({ key: s.key, date, skipped: false });
      });
    }));
  });
});

describe('minutes versions', () => {
  it('renders the structure as lines and shows what a correction changed', () => {
    const v1 = { attendees: '张三、李四', recorder: '王五', items: [{ title: '电梯更新', discussion: '讨论了报价', decision: '同意更新' }], actions: [{ text: '询价', party: '物业', person: '赵六', due: '2026-12-01' }], other: '' };
    const v2 = { ...v1, items: [{ title: '电梯更新', discussion: '讨论了报价', decision: '同意更新2台' }] };
    expect(minutesText(v1).split('\n')).toEqual(['出席：张三、李四', '记录：王五', '议题1：电梯更新', '  讨论：讨论了报价', '  决定：同意更新', '待办1：询价（责任：物业 赵六），期限 2026-12-01']);
    const diff = diffLines(minutesText(v1), minutesText(v2));
    expect(diff.filter((d) => d.op !== 'same')).toEqual([
      { op: 'removed', text: '  决定：同意更新', spans: [{ changed: false, text: '  决定：同意更新' }] },
      { op: 'added', text: '  决定：同意更新2台', spans: [{ changed: false, text: '  决定：同意更新' }, { changed: true, text: '2台' }] },
    ]);
  });

  it('marks the changed words inside a replaced line: a number whole, Chinese character by character', () => {
    const { removed, added } = diffWords('  决定：物业费每平方米4.8元，自2027年1月起执行', '  决定：物业费每平方米4.6元，自2027年3月起执行');
    expect(removed.filter((s) => s.changed).map((s) => s.text)).toEqual(['4.8', '1']);
    expect(added.filter((s) => s.changed).map((s) => s.text)).toEqual(['4.6', '3']);
    expect(diffWords('同意', '同意').added).toEqual([{ changed: false, text: '同意' }]);
    // Only a removed line directly replaced by an added one is compared word by word.
    const d = diffLines('甲\n乙', '甲\n乙\n丙');
    expect(d.map((l) => l.spans)).toEqual([undefined, undefined, undefined]);
  });

  it('property: the spans of a replaced line spell the line', () => {
    const text = fc.string({ unit: fc.constantFrom('电', '梯', '4', '.', '8', '6', 'a', ' '), maxLength: 20 });
    fc.assert(fc.property(text, text, (a, b) => {
      const { removed, added } = diffWords(a, b);
      expect(removed.map((s) => s.text).join('')).toBe(a);
      expect(added.map((s) => s.text).join('')).toBe(b);
      expect(removed.filter((s) => !s.changed).map((s) => s.text).join('')).toBe(added.filter((s) => !s.changed).map((s) => s.text).join(''));
    }));
  });

  it('names the minutes after the meeting without doubling 会议', () => {
    expect(minutesTitle('第六次业委会会议')).toBe('第六次业委会会议纪要');
    expect(minutesTitle('三方联席会')).toBe('三方联席会会议纪要');
    expect(minutesTitle('2026年第一次业主大会')).toBe('2026年第一次业主大会会议纪要');
    expect(minutesTitle('三方联席会议')).toBe('三方联席会议纪要');
    expect(minutesTitle('物业费调整')).toBe('物业费调整会议纪要');
  });

  it('property: a diff replays to both versions', () => {
    const line = fc.constantFrom('甲', '乙', '丙', '丁');
    fc.assert(fc.property(fc.array(line, { maxLength: 12 }), fc.array(line, { maxLength: 12 }), (a, b) => {
      const d = diffLines(a.join('\n'), b.join('\n'));
      expect(d.filter((x) => x.op !== 'added').map((x) => x.text)).toEqual(a);
      expect(d.filter((x) => x.op !== 'removed').map((x) => x.text)).toEqual(b);
    }));
  });
});
