/** The meeting rules of docs/domain.md §4 (procedure) and §6, each boundary on both sides. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/dates';
import { holidayCalendar } from '../../shared/domain/holidays';
import {
  checkMeetingNotice, checkPosting, committeeDecision, committeeMeetingDue, committeeQuorum, DEFAULT_MEETING_RULES,
  meetingKindOf, postingDeadline, type MeetingFacts,
} from '../../shared/domain/meetings';

const cal = holidayCalendar();
const rules = DEFAULT_MEETING_RULES;
const assembly = (noticeDate: string | null, extra: Partial<MeetingFacts> = {}): MeetingFacts =>
  ({ kind: '业主大会', date: '2026-07-16', noticeDate, agenda: [], ...extra });

describe('notice of an owners assembly (at least 15 days; docs/domain.md §8 example)', () => {
  it('2026-07-16 needs notice on 2026-07-01 or earlier', () => {
    expect(checkMeetingNotice(assembly('2026-07-01'), rules)).toEqual([]);
    expect(checkMeetingNotice(assembly('2026-06-20'), rules)).toEqual([]);
    const late = checkMeetingNotice(assembly('2026-07-02'), rules);
    expect(late.map((v) => v.rule)).toEqual(['notice-period']);
    expect(late[0]!.message).toContain('只提前了14日');
    expect(late[0]!.message).toContain('最迟应于 2026-07-01 通知');
  });

  it('a missing notice date is a violation for assemblies only', () => {
    expect(checkMeetingNotice(assembly(null), rules).map((v) => v.rule)).toEqual(['notice-missing']);
    expect(checkMeetingNotice({ ...assembly(null), kind: '联席会议' }, rules)).toEqual([]);
    expect(checkMeetingNotice({ ...assembly(null), kind: '院坝会' }, rules)).toEqual([]);
  });

  it('an extraordinary assembly uses its own period (Hangzhou: 7 days where the rules say so)', () => {
    const hangzhou = { ...rules, extraordinaryNoticeDays: 7 };
    const m = { ...assembly('2026-07-09'), kind: '临时业主大会' as const };
    expect(checkMeetingNotice(m, hangzhou)).toEqual([]);
    expect(checkMeetingNotice({ ...m, noticeDate: '2026-07-10' }, hangzhou).map((v) => v.rule)).toEqual(['notice-period']);
    // The default keeps 15 days for extraordinary assemblies too.
    expect(checkMeetingNotice(m, rules).map((v) => v.rule)).toEqual(['notice-period']);
  });

  it('nothing is put to a vote that was not in the notice', () => {
    const v = checkMeetingNotice(assembly('2026-06-01', { agenda: [
      { title: '选聘物业', forVote: true, inNotice: true },
      { title: '临时动议：更换电梯', forVote: true, inNotice: false },
      { title: '情况通报', forVote: false, inNotice: false },
    ] }), rules);
    expect(v).toEqual([{ rule: 'not-in-notice', message: '议题“临时动议：更换电梯”未列入会议通知，不得表决' }]);
  });

  it('property: in time exactly when the gap is at least N days', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 60 }), (gap, days) => {
      const date = '2026-07-16';
      const v = checkMeetingNotice(assembly(addDays(date, -gap)), { ...rules, assemblyNoticeDays: days });
      expect(v.length === 0).toBe(gap >= days);
    }));
  });
});

describe('committee quorum and decisions (more than half of ALL members)', () => {
  it.each([
    [5, 2, false, 3], [5, 3, true, 3], [6, 3, false, 4], [6, 4, true, 4], [7, 4, true, 4], [1, 1, true, 1],
  ] as const)('%i members, %i present → quorate %s (needs %i)', (members, present, quorate, needed) => {
    expect(committeeQuorum(members, present)).toEqual({ quorate, needed });
  });

  it('decides with more than half of all members; the 2009 rule of half or more is selectable', () => {
    expect(committeeDecision(6, 3, 'more-than-half').passed).toBe(false);
    expect(committeeDecision(6, 4, 'more-than-half').passed).toBe(true);
    expect(committeeDecision(6, 3, 'half-or-more').passed).toBe(true);
    expect(committeeDecision(6, 2, 'half-or-more').passed).toBe(false);
    expect(committeeDecision(7, 3, 'half-or-more').passed).toBe(false);
    expect(committeeDecision(7, 4, 'half-or-more').passed).toBe(true);
  });

  it('property: decisions are monotone in yes votes and use integers only', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 21 }), fc.integer({ min: 0, max: 21 }), (members, yes) => {
      const strict = committeeDecision(members, yes, 'more-than-half').passed;
      expect(strict).toBe(2 * yes > members);
      expect(committeeDecision(members, yes, 'half-or-more').passed).toBe(2 * yes >= members);
      if (strict) expect(committeeDecision(members, Math.min(yes + 1, members), 'more-than-half').passed).toBe(true);
    }));
  });
});

describe('decisions posted within 3 days (an act: moved past rest days)', () => {
  it('a Tuesday meeting posts by Friday; the Friday is in time and Saturday is late', () => {
    expect(postingDeadline('2026-11-17', rules, cal)).toEqual({ date: '2026-11-20', plainEnd: '2026-11-20', moved: false });
    expect(checkPosting('2026-11-17', '2026-11-20', rules, cal)).toEqual([]);
    expect(checkPosting('2026-11-17', '2026-11-21', rules, cal).map((v) => v.rule)).toEqual(['posting-late']);
  });

  it('a period ending on a weekend moves to Monday', () => {
    // Wed 2026-11-18 + 3 = Sat 11-21 → Mon 11-23.
    expect(postingDeadline('2026-11-18', rules, cal)).toEqual({ date: '2026-11-23', plainEnd: '2026-11-21', moved: true });
    expect(checkPosting('2026-11-18', '2026-11-23', rules, cal)).toEqual([]);
    const late = checkPosting('2026-11-18', '2026-11-24', rules, cal);
    expect(late[0]!.message).toContain('2026-11-21 为休息日，顺延至 2026-11-23');
  });

  it('a period ending in the National Day week moves past it, but not past the make-up Saturday', () => {
    // 2026-09-29 + 3 = 10-02 (holiday) → 10-08, the first working day after 10-01..10-07.
    expect(postingDeadline('2026-09-29', rules, cal).date).toBe('2026-10-08');
    // 2026-10-07 + 3 = Sat 10-10, a make-up working day: not moved.
    expect(postingDeadline('2026-10-07', rules, cal)).toEqual({ date: '2026-10-10', plainEnd: '2026-10-10', moved: false });
  });
});

describe('the owners committee meets every 2 months', () => {
  it('due on the same day two months later, clamped to the month end; overdue the day after', () => {
    expect(committeeMeetingDue('2026-08-31', '2026-10-31', rules)).toEqual({ due: '2026-10-31', overdue: false });
    expect(committeeMeetingDue('2026-08-31', '2026-11-01', rules)).toEqual({ due: '2026-10-31', overdue: true });
    expect(committeeMeetingDue('2025-12-31', '2026-02-28', rules)).toEqual({ due: '2026-02-28', overdue: false });
    expect(committeeMeetingDue(null, '2026-11-01', rules)).toEqual({ due: null, overdue: false });
  });
});

it('kinds are the Chinese names; 坝坝会 is 院坝会', () => {
  expect(meetingKindOf('坝坝会')).toBe('院坝会');
  expect(meetingKindOf(' 联席会议 ')).toBe('联席会议');
  expect(meetingKindOf('茶话会')).toBeNull();
});
