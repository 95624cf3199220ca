/** The owners' committee as a body (docs/domain.md §6) and the coverage targets (§7). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, addMonths, isRestDay } from '../../shared/domain/dates';
import { holidayCalendar } from '../../shared/domain/holidays';
import {
  allowedMemberCounts, bodyCoverageMet, checkElectionFollowUp, checkMemberCount, checkTermYears, COMMITTEE_RULE_PRESETS,
  committeeTermState, DEFAULT_COMMITTEE_RULES, electionDeadlines, needsPartyOrganisation, partyOrganisationCoverage, termEnd,
} from '../../shared/domain/committees';

const cal = holidayCalendar();
const R = DEFAULT_COMMITTEE_RULES;
const shanghai = { ...R, ...COMMITTEE_RULE_PRESETS.上海 };
const hangzhou = { ...R, ...COMMITTEE_RULE_PRESETS.杭州 };

describe('members: 5–11, odd; 3 for at most 100 households', () => {
  it('lists what a community may choose', () => {
    expect(allowedMemberCounts(500)).toEqual([5, 7, 9, 11]);
    expect(allowedMemberCounts(100)).toEqual([3, 5, 7, 9, 11]);
    expect(allowedMemberCounts(101)).toEqual([5, 7, 9, 11]);
    expect(allowedMemberCounts(80, shanghai)).toEqual([5, 7, 9, 11]);
  });

  it('accepts the odd numbers in range, and 3 only where small', () => {
    for (const n of [5, 7, 9, 11]) expect(checkMemberCount(n, 2000)).toBeNull();
    expect(checkMemberCount(3, 100)).toBeNull();
    expect(checkMemberCount(3, 99, hangzhou)).toBeNull();
  });

  it('names what is wrong', () => {
    expect(checkMemberCount(6, 500)).toBe('业委会委员应为5至11人的单数（不超过100户的小区可为3人），6人为双数');
    expect(checkMemberCount(13, 500)).toBe('业委会委员应为5至11人的单数（不超过100户的小区可为3人），现为13人');
    expect(checkMemberCount(1, 50)).toBe('业委会委员应为5至11人的单数（不超过100户的小区可为3人），现为1人');
    expect(checkMemberCount(3, 101)).toBe('业委会委员为3人只适用于不超过100户的小区，本小区101户，应为5至11人的单数');
    expect(checkMemberCount(3, 50, shanghai)).toBe('业委会委员应为5至11人的单数，现为3人');
    expect(checkMemberCount(4, 50)).toContain('4人为双数');
    expect(checkMemberCount(0, 50)).toBe('业委会委员人数应为正整数，现为“0”');
    expect(checkMemberCount(5.5, 50)).toContain('正整数');
  });

  it('property: allowed exactly when odd and in range, or 3 with at most 100 households', () => {
    fc.assert(fc.property(fc.integer({ min: -2, max: 20 }), fc.integer({ min: 1, max: 5000 }), (n, households) => {
      const expected = n % 2 === 1 && ((n >= 5 && n <= 11) || (n === 3 && households <= 100));
      expect(checkMemberCount(n, households) === null).toBe(expected);
    }));
  });
});

describe('term: at most 5 years; 3–5 where set', () => {
  it('checks the years', () => {
    expect(checkTermYears(5)).toBeNull();
    expect(checkTermYears(1)).toBeNull();
    expect(checkTermYears(6)).toBe('业委会任期不得超过5年，现为6年');
    expect(checkTermYears(2, shanghai)).toBe('业委会任期应为3至5年，现为2年');
    expect(checkTermYears(3, hangzhou)).toBeNull();
    expect(checkTermYears(0)).toBe('业委会任期应为整数年，现为“0”');
  });

  it('ends on the same day number, or the month’s last day (leap years)', () => {
    expect(termEnd('2026-03-15', 5)).toBe('2031-03-15');
    expect(termEnd('2024-02-29', 5)).toBe('2029-02-28');
    expect(termEnd('2024-02-29', 4)).toBe('2028-02-29');
  });

  it('re-election preparation is flagged 6 months before the end', () => {
    expect(committeeTermState('2026-03-15', 5, '2030-09-14')).toMatchObject({ kind: 'in-term', flagged: false, termEnd: '2031-03-15', reElectionFrom: '2030-09-15' });
    expect(committeeTermState('2026-03-15', 5, '2030-09-15')).toMatchObject({ kind: 're-election-preparation', flagged: true });
    expect(committeeTermState('2026-03-15', 5, '2031-03-15').kind).toBe('re-election-preparation');
    const ended = committeeTermState('2026-03-15', 5, '2031-03-16');
    expect(ended).toMatchObject({ kind: 'term-ended', flagged: true });
    expect(ended.message).toBe('业委会任期已于 2031-03-15 届满，应尽快组织换届选举');
    // Term ends 2029-08-31; 6 months back is the end of February (not a leap year).
    expect(committeeTermState('2024-08-31', 5, '2029-02-27')).toMatchObject({ kind: 'in-term', reElectionFrom: '2029-02-28' });
    expect(committeeTermState('2024-08-31', 5, '2029-02-28').flagged).toBe(true);
    expect(committeeTermState('2026-03-15', 5, '2030-12-01', { ...R, reElectionPreparationMonths: 3 }).flagged).toBe(false);
  });

  it('property: flagged exactly from M months before the end, and the term end is `years` later by the month rule', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 2200 }), (e, years, t) => {
      const elected = addDays('2020-01-01', e);
      const today = addDays(elected, t);
      const s = committeeTermState(elected, years, today);
      expect(s.termEnd).toBe(addMonths(elected, 12 * years));
      expect(s.flagged).toBe(today >= addMonths(s.termEnd, -6));
      expect(s.kind === 'term-ended').toBe(today > s.termEnd);
    }));
  });
});

describe('after the election: first meeting within 7 days, filing within 30 (acts: moved past rest days)', () => {
  it('plain deadlines', () => {
    // 2026-03-02 (Monday) + 7 = Monday 2026-03-09; + 30 = Wednesday 2026-04-01.
    expect(electionDeadlines('2026-03-02', cal)).toEqual({
      firstMeetingBy: { date: '2026-03-09', plainEnd: '2026-03-09', moved: false },
      filingBy: { date: '2026-04-01', plainEnd: '2026-04-01', moved: false },
    });
  });

  it('moved past the Spring Festival and a weekend', () => {
    // 2026-02-10 + 7 = 2026-02-17 (春节) → 2026-02-24; + 30 = 2026-03-12, a Thursday.
    const d = electionDeadlines('2026-02-10', cal);
    expect(d.firstMeetingBy).toEqual({ date: '2026-02-24', plainEnd: '2026-02-17', moved: true });
    expect(d.filingBy.date).toBe('2026-03-12');
    // 2026-09-05 + 30 = 2026-10-05 (国庆) → 2026-10-08.
    expect(electionDeadlines('2026-09-05', cal).filingBy.date).toBe('2026-10-08');
  });

  it('reports late or missing follow-ups with the dates', () => {
    const f = { electedOn: '2026-02-10', firstMeetingOn: '2026-02-25', filedOn: null };
    expect(checkElectionFollowUp(f, '2026-03-12', cal)).toEqual([
      '首次业委会会议应在选举后7日内完成（最迟 2026-02-24，第7日 2026-02-17 为休息日，顺延），实际为 2026-02-25',
    ]);
    expect(checkElectionFollowUp(f, '2026-03-13', cal)[1]).toBe('业委会备案应在选举后30日内完成（最迟 2026-03-12），至今未登记');
    expect(checkElectionFollowUp({ ...f, firstMeetingOn: '2026-02-24', filedOn: '2026-03-12' }, '2026-06-01', cal)).toEqual([]);
  });

  it('property: each deadline is a working day on or after the plain end', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 700 }), (n) => {
      const elected = addDays('2025-01-01', n);
      const d = electionDeadlines(elected, cal);
      for (const [x, days] of [[d.firstMeetingBy, 7], [d.filingBy, 30]] as const) {
        expect(x.plainEnd).toBe(addDays(elected, days));
        expect(x.date >= x.plainEnd).toBe(true);
        expect(isRestDay(x.date, cal)).toBe(false);
      }
    }));
  });
});

describe('coverage', () => {
  it('a party organisation wherever there are 3 or more full party members', () => {
    expect(needsPartyOrganisation(2)).toBe(false);
    expect(needsPartyOrganisation(3)).toBe(true);
    const c = partyOrganisationCoverage([
      { name: '春晖苑', fullPartyMembers: 12, hasPartyOrganisation: true },
      { name: '锦绣园', fullPartyMembers: 3, hasPartyOrganisation: false },
      { name: '桂花里', fullPartyMembers: 2, hasPartyOrganisation: false },
      { name: '东湖小区', fullPartyMembers: 5, hasPartyOrganisation: false },
    ]);
    expect(c).toEqual({ required: 3, covered: 1, missing: ['锦绣园', '东湖小区'], met: false });
    expect(partyOrganisationCoverage([{ name: '桂花里', fullPartyMembers: 2, hasPartyOrganisation: false }])).toEqual({ required: 0, covered: 0, missing: [], met: true });
  });

  it('committees formed in at least 80 % of 小区, without rounding', () => {
    expect(bodyCoverageMet(8, 10)).toBe(true);
    expect(bodyCoverageMet(7, 10)).toBe(false);
    // 79.99… % is not 80 %.
    expect(bodyCoverageMet(3999, 5000)).toBe(false);
    expect(bodyCoverageMet(4000, 5000)).toBe(true);
  });
});
