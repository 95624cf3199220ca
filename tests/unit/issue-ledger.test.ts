/** The issue ledger (docs/domain.md §7): statuses, the 24-hour plan, overdue and escalation, statistics. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addHours, checkIssueFacts, checkTransition, durationStats, escalate, ESCALATION_LEVELS, escalationFlag, formatMinutes,
  ISSUE_STATUSES, ISSUE_TRANSITIONS, isValidDateTime, minutesBetween, minutesToClose, minutesToPlan, nextLevel, overdueAt,
  planDueAt, planOnTimeRate, ratePercent, resolutionOnTimeRate, type IssueFacts, DEFAULT_LEVEL_DAYS, levelResolutionDue,
} from '../../shared/domain/issue-ledger';
import { holidayCalendar } from '../../shared/domain/holidays';

/** Reported Friday 2026-05-08 at 16:30, plan due 24 hours later. */
const issue = (extra: Partial<IssueFacts> = {}): IssueFacts => ({
  reportedAt: '2026-05-08T16:30', planDueAt: '2026-05-09T16:30', planAt: null, resolutionDue: '2026-05-15',
  closedAt: null, status: '登记', level: '楼栋', escalations: [], ...extra,
});

describe('times of day', () => {
  it('adds hours across days, month ends and 29 February', () => {
    expect(addHours('2026-05-08T16:30', 24)).toBe('2026-05-09T16:30');
    expect(addHours('2026-12-31T23:15', 1)).toBe('2027-01-01T00:15');
    expect(addHours('2028-02-28T12:00', 24)).toBe('2028-02-29T12:00');
    expect(addHours('2027-02-28T12:00', 24)).toBe('2027-03-01T12:00');
    expect(minutesBetween('2026-05-08T16:30', '2026-05-09T18:05')).toBe(1535);
  });
  it('refuses what is not a time', () => {
    expect(isValidDateTime('2026-05-08T16:30')).toBe(true);
    expect(isValidDateTime('2026-02-29T10:00')).toBe(false);
    expect(isValidDateTime('2026-05-08T24:00')).toBe(false);
    expect(isValidDateTime('2026-05-08 16:30')).toBe(false);
    expect(() => addHours('2026-05-08', 1)).toThrow();
  });
});

describe('status', () => {
  it('moves forward one step; solved on the spot closes from 登记; a failed return visit reopens', () => {
    expect(checkTransition('登记', '已派单')).toBeNull();
    expect(checkTransition('已派单', '处理中')).toBeNull();
    expect(checkTransition('处理中', '已办结')).toBeNull();
    expect(checkTransition('已办结', '已回访')).toBeNull();
    expect(checkTransition('登记', '已办结')).toBeNull();
    expect(checkTransition('已办结', '处理中')).toBeNull();
  });
  it('refuses the rest, naming what is allowed', () => {
    expect(checkTransition('登记', '处理中')).toBe('问题状态不能从“登记”改为“处理中”，只能改为“已派单”或“已办结”');
    expect(checkTransition('处理中', '登记')).toBe('问题状态不能从“处理中”改为“登记”，只能改为“已办结”');
    expect(checkTransition('已回访', '处理中')).toBe('问题已“已回访”，不能再改为“处理中”');
    expect(checkTransition('已派单', '已派单')).toBe('问题已是“已派单”状态');
  });
  it('property: every status can reach 已回访, and 已回访 is final', () => {
    for (const s of ISSUE_STATUSES) {
      const seen = new Set([s]);
      const queue = [s];
      while (queue.length) for (const t of ISSUE_TRANSITIONS[queue.shift()!]) if (!seen.has(t)) { seen.add(t); queue.push(t); }
      expect(seen.has('已回访')).toBe(true);
    }
    expect(ISSUE_TRANSITIONS.已回访).toEqual([]);
  });
});

describe('the handling plan: within 24 hours of the report (a setting), on the clock', () => {
  it('is not moved past the weekend', () => {
    expect(planDueAt('2026-05-08T16:30')).toBe('2026-05-09T16:30'); // a Saturday, still due
    expect(planDueAt('2026-05-08T16:30', { planHours: 48 })).toBe('2026-05-10T16:30');
  });
  it('is overdue the minute after, unless a plan was made or the issue was solved in time', () => {
    expect(overdueAt(issue(), '2026-05-09T16:30')).toEqual([]);
    expect(overdueAt(issue(), '2026-05-09T16:31')).toEqual([
      { deadline: 'plan', due: '2026-05-09T16:30', message: '处理方案应于 2026-05-09 16:30 前制定，已逾期' },
    ]);
    expect(overdueAt(issue({ planAt: '2026-05-09T10:00' }), '2026-05-10T00:00')).toEqual([]);
    expect(overdueAt(issue({ closedAt: '2026-05-08T17:00', status: '已办结' }), '2026-05-20T00:00')).toEqual([]);
  });
});

describe('the resolution due date', () => {
  it('is met by closing on that day; overdue from the next', () => {
    const i = issue({ planAt: '2026-05-09T09:00', status: '处理中' });
    expect(overdueAt(i, '2026-05-15T23:59')).toEqual([]);
    expect(overdueAt(i, '2026-05-16T00:00')).toEqual([{ deadline: 'resolution', due: '2026-05-15', message: '问题应于 2026-05-15 前办结，已逾期' }]);
    expect(overdueAt({ ...i, closedAt: '2026-05-15T22:00', status: '已办结' }, '2026-06-01T00:00')).toEqual([]);
    expect(overdueAt({ ...i, resolutionDue: null }, '2026-06-01T00:00')).toEqual([]);
  });
});

describe('escalation: 楼栋 → 小区 → 社区 → 街道, with a reason, never past 街道', () => {
  it('one level at a time', () => {
    expect(ESCALATION_LEVELS.map(nextLevel)).toEqual(['小区', '社区', '街道', null]);
    expect(escalate('楼栋', '物业未按时制定方案')).toEqual({ ok: true, level: '小区' });
    expect(escalate('社区', '涉及多个部门')).toEqual({ ok: true, level: '街道' });
  });
  it('refuses without a reason and past 街道', () => {
    expect(escalate('小区', '  ')).toEqual({ ok: false, message: '从小区提级到社区须写明理由', field: 'reason' });
    expect(escalate('街道', '业主要求')).toEqual({ ok: false, message: '问题已在街道层级协调，不能再向上提级（小事不出小区、大事不出辖区）' });
  });
  it('property: at most three escalations from 楼栋, each to the next level', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 10 }), (n) => {
      let level: (typeof ESCALATION_LEVELS)[number] = '楼栋';
      let refused = 0;
      for (let k = 0; k < n; k++) {
        const r = escalate(level, '逾期');
        if (r.ok) {
          expect(ESCALATION_LEVELS.indexOf(r.level)).toBe(ESCALATION_LEVELS.indexOf(level) + 1);
          level = r.level;
        } else refused++;
      }
      expect(level).toBe(ESCALATION_LEVELS[Math.min(n, 3)]);
      expect(refused).toBe(Math.max(0, n - 3));
    }));
  });

  it('is flagged when a deadline passes, until someone escalates; the next deadline flags again', () => {
    const i = issue({ status: '已派单' });
    expect(escalationFlag(i, '2026-05-09T16:30')).toBeNull();
    expect(escalationFlag(i, '2026-05-09T17:00')).toEqual({ reason: '处理方案应于 2026-05-09 16:30 前制定，已逾期', suggested: '小区' });
    const escalated = { ...i, level: '小区' as const, escalations: [{ at: '2026-05-09T18:00', to: '小区' as const, reason: '方案逾期' }] };
    expect(escalationFlag(escalated, '2026-05-12T09:00')).toBeNull();
    expect(escalationFlag(escalated, '2026-05-16T08:00')).toEqual({ reason: '问题应于 2026-05-15 前办结，已逾期', suggested: '社区' });
    // The plan's hours belong to the first level: escalated before they passed, the plan is not late at the new level…
    const early = { ...i, level: '小区' as const, escalations: [{ at: '2026-05-09T08:00', to: '小区' as const, reason: '业主要求' }] };
    expect(overdueAt(early, '2026-05-09T17:00')).toEqual([]);
    expect(escalationFlag(early, '2026-05-09T17:00')).toBeNull();
    // …but an escalation before the resolution deadline passed does not answer that deadline.
    expect(escalationFlag(early, '2026-05-16T08:00')?.suggested).toBe('社区');
  });

  it('an escalated issue is late only by its new level: the plan missed below stays in the rates, not in 逾期', () => {
    const missed = issue({ status: '已派单' });
    expect(overdueAt(missed, '2026-05-10T09:00').map((o) => o.deadline)).toEqual(['plan']);
    const escalated = { ...missed, level: '小区' as const, resolutionDue: '2026-05-18', escalations: [{ at: '2026-05-10T09:00', to: '小区' as const, reason: '方案逾期' }] };
    expect(overdueAt(escalated, '2026-05-18T23:59')).toEqual([]);
    expect(overdueAt(escalated, '2026-05-19T00:00')).toEqual([{ deadline: 'resolution', due: '2026-05-18', message: '问题应于 2026-05-18 前办结，已逾期' }]);
    expect(planOnTimeRate([escalated], '2026-05-19T00:00')).toEqual({ onTime: 0, counted: 1, percent: 0 });
  });

  it('gives the level escalated to its own days from the escalation’s day, the last day moved past rest days', () => {
    const cal = holidayCalendar();
    expect(DEFAULT_LEVEL_DAYS).toEqual({ 小区: 7, 社区: 15, 街道: 30 });
    // Sunday 2026-05-10 + 7 = Sunday 05-17 → Monday 05-18.
    expect(levelResolutionDue('2026-05-10T09:00', '小区', DEFAULT_LEVEL_DAYS, cal)).toEqual({ date: '2026-05-18', plainEnd: '2026-05-17', moved: true, days: 7 });
    expect(levelResolutionDue('2026-03-10T23:59', '社区', DEFAULT_LEVEL_DAYS, cal)).toMatchObject({ date: '2026-03-25', moved: false, days: 15 });
    expect(levelResolutionDue('2026-03-10T10:00', '街道', { ...DEFAULT_LEVEL_DAYS, 街道: 10 }, cal)).toMatchObject({ date: '2026-03-20', days: 10 });
    expect(nextLevel('楼栋')).toBe('小区');
    expect(nextLevel('街道')).toBeNull();
  });

  it('at 街道 it is flagged for supervision, with nothing to escalate to; closed issues are not flagged', () => {
    const top = issue({ level: '街道', status: '处理中' });
    expect(escalationFlag(top, '2026-05-10T00:00')).toEqual({ reason: '处理方案应于 2026-05-09 16:30 前制定，已逾期（已在街道层级，请督办）', suggested: null });
    expect(escalationFlag(issue({ status: '已回访', closedAt: '2026-05-20T10:00' }), '2026-06-01T00:00')).toBeNull();
  });
});

describe('statistics', () => {
  it('the percent is rounded down and undefined on nothing', () => {
    expect(ratePercent(2, 3)).toBe(66);
    expect(ratePercent(199, 200)).toBe(99);
    expect(ratePercent(5, 5)).toBe(100);
    expect(ratePercent(0, 0)).toBeNull();
  });

  it('resolution on-time rate counts closed issues and open ones past due', () => {
    const now = '2026-05-20T12:00';
    const list = [
      issue({ closedAt: '2026-05-15T20:00', status: '已办结' }), // on time (the due day itself)
      issue({ closedAt: '2026-05-16T08:00', status: '已回访' }), // late
      issue({ status: '处理中' }), // open, past due: counted as not on time
      issue({ status: '处理中', resolutionDue: '2026-05-25' }), // open, not yet due: not counted
      issue({ closedAt: '2026-05-10T08:00', status: '已办结', resolutionDue: null }), // no due date: not counted
    ];
    expect(resolutionOnTimeRate(list, now)).toEqual({ onTime: 1, counted: 3, percent: 33 });
    expect(resolutionOnTimeRate([], now)).toEqual({ onTime: 0, counted: 0, percent: null });
  });

  it('plan on-time rate: a plan, or the solution, by the due time', () => {
    const now = '2026-05-20T12:00';
    const list = [
      issue({ planAt: '2026-05-09T16:30' }), // exactly on time
      issue({ planAt: '2026-05-09T16:31' }), // a minute late
      issue({ closedAt: '2026-05-08T18:00', status: '已办结' }), // solved at once
      issue({ reportedAt: '2026-05-20T08:00', planDueAt: '2026-05-21T08:00' }), // not yet due
      issue(), // no plan, past due
    ];
    expect(planOnTimeRate(list, now)).toEqual({ onTime: 2, counted: 4, percent: 50 });
  });

  it('durations to plan and to close, in minutes', () => {
    const i = issue({ planAt: '2026-05-09T10:00', closedAt: '2026-05-12T09:35', status: '已办结' });
    expect(minutesToPlan(i)).toBe(17 * 60 + 30);
    expect(minutesToClose(i)).toBe(3 * 1440 + 17 * 60 + 5);
    expect(minutesToPlan(issue())).toBeNull();
    expect(minutesToClose(issue())).toBeNull();
    expect(minutesToPlan(issue({ closedAt: '2026-05-08T17:00', status: '已办结' }))).toBe(30);
    // A plan written up after the issue was solved: the solution came first and counts.
    const paperwork = issue({ closedAt: '2026-05-08T17:00', planAt: '2026-05-11T09:00', status: '已办结' });
    expect(minutesToPlan(paperwork)).toBe(30);
    expect(planOnTimeRate([paperwork], '2026-05-20T00:00')).toEqual({ onTime: 1, counted: 1, percent: 100 });
  });

  it('mean and median rounded half up to the minute', () => {
    expect(durationStats([])).toEqual({ count: 0, mean: null, median: null, max: null });
    expect(durationStats([30, 10, 20])).toEqual({ count: 3, mean: 20, median: 20, max: 30 });
    expect(durationStats([1, 2])).toEqual({ count: 2, mean: 2, median: 2, max: 2 }); // 1.5 → 2
    expect(durationStats([1, 1, 2])).toMatchObject({ mean: 1 }); // 1.33 → 1
    expect(durationStats([10, 40, 20, 1000])).toMatchObject({ median: 30, mean: 268 }); // 267.5 → 268
  });

  it('property: the mean lies between min and max and is within half a minute of the exact mean', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 100_000 }), { minLength: 1, maxLength: 50 }), (xs) => {
      const s = durationStats(xs);
      const sum = xs.reduce((a, b) => a + b, 0);
      expect(s.mean!).toBeGreaterThanOrEqual(Math.min(...xs));
      expect(s.mean!).toBeLessThanOrEqual(Math.max(...xs));
      // |mean − sum/n| ≤ 1/2, cross-multiplied: |2·n·mean − 2·sum| ≤ n, and exactly half rounds up.
      const diff = 2 * xs.length * s.mean! - 2 * sum;
      expect(diff).toBeGreaterThan(-xs.length);
      expect(diff).toBeLessThanOrEqual(xs.length);
    }));
  });

  it('property: the rate is never above the exact share and 100 only when all are on time', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 1, max: 10_000 }), (a, b) => {
      const part = Math.min(a, b);
      const p = ratePercent(part, b)!;
      expect(p * b).toBeLessThanOrEqual(part * 100);
      expect((p + 1) * b).toBeGreaterThan(part * 100);
      expect(p === 100).toBe(part === b);
    }));
  });

  it('shows durations in days, hours and minutes', () => {
    expect(formatMinutes(1505)).toBe('1天1小时5分');
    expect(formatMinutes(0)).toBe('0分');
    expect(formatMinutes(120)).toBe('2小时');
    expect(formatMinutes(2880)).toBe('2天');
  });
});

describe('facts that cannot all be true', () => {
  it('names the times', () => {
    expect(checkIssueFacts(issue())).toEqual([]);
    expect(checkIssueFacts(issue({ planAt: '2026-05-08T09:00' }))).toEqual([{ fact: 'planAt', message: '方案时间 2026-05-08 09:00 早于登记时间 2026-05-08 16:30' }]);
    expect(checkIssueFacts(issue({ status: '已办结' }))).toEqual([{ fact: 'status', message: '状态为“已办结”但没有办结时间' }]);
    expect(checkIssueFacts(issue({ closedAt: '2026-05-09T09:00' }))).toEqual([{ fact: 'status', message: '状态为“登记”但已有办结时间' }]);
    expect(checkIssueFacts(issue({ resolutionDue: '2026-05-07' }))).toEqual([{ fact: 'resolutionDue', message: '办结期限 2026-05-07 早于登记日期 2026-05-08' }]);
    expect(checkIssueFacts(issue({ reportedAt: '2026-05-08 16:30' }))).toEqual([{ fact: 'reportedAt', message: '登记时间“2026-05-08 16:30”不是有效时间（应为 YYYY-MM-DDTHH:mm）' }]);
  });
});
