/** The property-service contract's dates (docs/domain.md §6, §8) and which rule applies on a day. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, addMonths, daysBetween, isRestDay, noticeIsInTime } from '../../shared/domain/dates';
import { holidayCalendar } from '../../shared/domain/holidays';
import {
  checkContractFacts, contractDeadlines, contractEnd, contractStateOn, CONTRACT_PERIOD_PRESETS, DEFAULT_CONTRACT_PERIODS,
  earliestEndAfter, handoverDueBy, nonRenewalNoticeBy, ownersDecisionDeadline, renewalPreparationFrom, type ContractFacts, type ContractStateKind,
} from '../../shared/domain/service-contracts';

const cal = holidayCalendar();
const P = DEFAULT_CONTRACT_PERIODS;
const hangzhou = { ...P, ...CONTRACT_PERIOD_PRESETS.杭州 };

/** A contract of 2024-01-01 … 2026-12-31 with nothing else on record. */
const base: ContractFacts = {
  start: '2024-01-01', expiry: '2026-12-31', nonRenewalNoticeOn: null, ownersDecision: null,
  terminationNoticeOn: null, endedOn: null, handedOverOn: null,
};
const kindOn = (c: ContractFacts, today: string) => contractStateOn(c, today, P, cal).kind;

describe('deadlines as docs/domain.md §6 states them', () => {
  it('the company’s non-renewal notice: expiry − 90 days, flagged on a rest day but not moved', () => {
    // 2026-10-02 is in the National Day holiday.
    expect(nonRenewalNoticeBy('2026-12-31', P, cal)).toEqual({ date: '2026-10-02', onRestDay: true });
    expect(nonRenewalNoticeBy('2027-06-30', P, cal)).toEqual({ date: '2027-04-01', onRestDay: false });
    // A notice on that day is "at least 90 days before"; a day later is not.
    expect(noticeIsInTime('2026-10-02', '2026-12-31', 90)).toBe(true);
    expect(noticeIsInTime('2026-10-03', '2026-12-31', 90)).toBe(false);
  });

  it('a period set by the contract replaces the statute’s', () => {
    expect(nonRenewalNoticeBy('2027-06-30', { ...P, nonRenewalNoticeDays: 120 }, cal).date).toBe('2027-03-02');
    expect(earliestEndAfter('2026-03-02', '2026-12-31', { ...P, dismissalNoticeDays: 90 }, cal).date).toBe('2026-05-31');
  });

  it('renewal preparation: 6 months before expiry, month ends clamped, leap years respected', () => {
    expect(renewalPreparationFrom('2028-08-31', P)).toBe('2028-02-29');
    expect(renewalPreparationFrom('2027-08-31', P)).toBe('2027-02-28');
    expect(renewalPreparationFrom('2026-12-31', P)).toBe('2026-06-30');
    expect(renewalPreparationFrom('2026-08-15', P)).toBe('2026-02-15');
    expect(renewalPreparationFrom('2027-01-31', P)).toBe('2026-07-31');
    expect(renewalPreparationFrom('2026-08-15', { ...P, renewalPreparationMonths: null })).toBeNull();
  });

  it('what `contract create` prints', () => {
    expect(contractDeadlines('2028-08-31', P, cal)).toEqual({
      nonRenewalNoticeBy: { date: '2028-06-02', onRestDay: false },
      renewalPreparationFrom: '2028-02-29',
    });
  });

  it('dismissal: earliest end = notice + 60 days, across February in leap and common years', () => {
    expect(earliestEndAfter('2026-03-01', '2026-12-31', P, cal)).toEqual({ date: '2026-04-30', onRestDay: false, days: 60 });
    expect(earliestEndAfter('2028-01-01', '2028-12-31', P, cal).date).toBe('2028-03-01');
    expect(earliestEndAfter('2027-01-01', '2027-12-31', P, cal).date).toBe('2027-03-02');
    // Flagged, not moved: 2026-04-04 (清明) + 60 … 2026-02-03 + 60 = 2026-04-04.
    expect(earliestEndAfter('2026-02-03', '2026-12-31', P, cal)).toEqual({ date: '2026-04-04', onRestDay: true, days: 60 });
  });

  it('after expiry a notice ends the indefinite contract with its own period', () => {
    const longer = { ...P, indefiniteNoticeDays: 45 };
    expect(earliestEndAfter('2027-03-01', '2026-12-31', longer, cal)).toMatchObject({ date: '2027-04-15', days: 45 });
    // On the expiry day itself the notice is still given within the term.
    expect(earliestEndAfter('2026-12-31', '2026-12-31', longer, cal).days).toBe(60);
  });

  it('handover within 30 days (Beijing) or 15 (Hangzhou), an act: moved past rest days', () => {
    // 2026-09-05 + 30 = 2026-10-05, inside the National Day holiday → 2026-10-08.
    expect(handoverDueBy('2026-09-05', P, cal)).toEqual({ date: '2026-10-08', plainEnd: '2026-10-05', moved: true });
    // 2026-09-05 + 15 = Sunday 2026-09-20, a make-up working day: not moved.
    expect(handoverDueBy('2026-09-05', hangzhou, cal)).toEqual({ date: '2026-09-20', plainEnd: '2026-09-20', moved: false });
    // 2026-04-30 + 30 = Saturday 2026-05-30 → Monday 2026-06-01.
    expect(handoverDueBy('2026-04-30', P, cal).date).toBe('2026-06-01');
  });
});

describe('which rule applies today', () => {
  it('a contract with nothing on record walks through its states', () => {
    expect(contractStateOn(base, '2023-12-31', P, cal)).toMatchObject({ kind: 'not-started', date: '2024-01-01' });
    expect(contractStateOn(base, '2026-06-29', P, cal)).toMatchObject({ kind: 'in-term', date: '2026-06-30' });
    const prep = contractStateOn(base, '2026-06-30', P, cal);
    expect(prep).toMatchObject({ kind: 'renewal-preparation', date: '2026-10-02' });
    expect(prep.notes).toEqual(['不续聘通知最迟日期 2026-10-02 为休息日（通知期不顺延）']);
    expect(kindOn(base, '2026-10-02')).toBe('renewal-preparation');
    expect(contractStateOn(base, '2026-10-03', P, cal)).toMatchObject({ kind: 'notice-window-passed', date: '2026-12-31' });
    expect(kindOn(base, '2026-12-31')).toBe('notice-window-passed');
    const indefinite = contractStateOn(base, '2027-01-01', P, cal);
    expect(indefinite).toMatchObject({ kind: 'indefinite', date: '2026-12-31', overdue: false });
    expect(indefinite.message).toContain('继续为不定期合同');
    expect(indefinite.message).toContain('提前60日书面通知');
    expect(contractEnd(base, '2030-01-01', P, cal)).toBeNull();
  });

  it('in term without a preparation rule points at the notice deadline', () => {
    const s = contractStateOn(base, '2026-06-30', { ...P, renewalPreparationMonths: null }, cal);
    expect(s).toMatchObject({ kind: 'in-term', date: '2026-10-02' });
    expect(s.message).toContain('物业不续聘须于 2026-10-02 前书面通知');
  });

  it('the company declines renewal: it ends at expiry, then the handover is due', () => {
    const c = { ...base, nonRenewalNoticeOn: '2026-09-01' };
    expect(kindOn(c, '2026-08-31')).toBe('renewal-preparation');
    expect(contractStateOn(c, '2026-09-01', P, cal)).toMatchObject({ kind: 'ending-at-expiry', date: '2026-12-31', notes: [] });
    expect(kindOn(c, '2026-12-31')).toBe('ending-at-expiry');
    // 2026-12-31 + 30 = 2027-01-30, a Saturday → Monday 2027-02-01 (2027 is counted with weekends only).
    const after = contractStateOn(c, '2027-01-01', P, cal);
    expect(after).toMatchObject({ kind: 'handover-due', date: '2027-02-01', overdue: false });
    expect(after.message).toContain('合同已于 2026-12-31 终止');
    expect(contractStateOn(c, '2027-02-01', P, cal).overdue).toBe(false);
    const late = contractStateOn(c, '2027-02-02', P, cal);
    expect(late.overdue).toBe(true);
    expect(late.message).toContain('已逾期1日');
    expect(contractStateOn({ ...c, handedOverOn: '2027-01-20' }, '2027-01-20', P, cal)).toMatchObject({ kind: 'handed-over', date: '2027-01-20' });
  });

  it('a late non-renewal notice still ends it at expiry, with a note', () => {
    const c = { ...base, nonRenewalNoticeOn: '2026-11-01' };
    const s = contractStateOn(c, '2026-11-01', P, cal);
    expect(s.kind).toBe('ending-at-expiry');
    expect(s.notes).toEqual(['物业的不续聘通知（2026-11-01）晚于届满前90日的最迟日期 2026-10-02']);
  });

  it('the owners dismiss the company: 60 days from the notice', () => {
    const c = { ...base, terminationNoticeOn: '2026-03-01' };
    expect(kindOn(c, '2026-02-28')).toBe('in-term');
    const s = contractStateOn(c, '2026-03-01', P, cal);
    expect(s).toMatchObject({ kind: 'termination-noticed', date: '2026-04-30' });
    expect(s.message).toBe('已于 2026-03-01 书面通知解聘，提前60日，合同最早于 2026-04-30 终止');
    expect(kindOn(c, '2026-04-30')).toBe('termination-noticed');
    expect(contractStateOn(c, '2026-05-01', P, cal)).toMatchObject({ kind: 'handover-due', date: '2026-06-01' });
  });

  it('a dismissal whose 60 days run past expiry keeps the contract until then', () => {
    const c = { ...base, terminationNoticeOn: '2026-12-01' };
    expect(contractEnd(c, '2026-12-01', P, cal)).toBe('2027-01-30');
    expect(contractStateOn(c, '2027-01-15', P, cal)).toMatchObject({ kind: 'termination-noticed', date: '2027-01-30' });
  });

  it('when both apply the earlier end wins', () => {
    const c = { ...base, nonRenewalNoticeOn: '2026-09-01', terminationNoticeOn: '2026-12-01' };
    expect(contractEnd(c, '2026-12-01', P, cal)).toBe('2026-12-31');
    expect(kindOn(c, '2026-12-15')).toBe('ending-at-expiry');
    const d = { ...base, nonRenewalNoticeOn: '2026-09-01', terminationNoticeOn: '2026-09-15' };
    expect(contractStateOn(d, '2026-10-01', P, cal)).toMatchObject({ kind: 'termination-noticed', date: '2026-11-14' });
  });

  it('running on indefinitely, ended by a notice of either side', () => {
    const c = { ...base, terminationNoticeOn: '2027-03-01' };
    expect(kindOn(c, '2027-02-28')).toBe('indefinite');
    const s = contractStateOn(c, '2027-03-01', P, cal);
    expect(s).toMatchObject({ kind: 'termination-noticed', date: '2027-04-30' });
    expect(s.message).toContain('解除不定期合同');
    expect(kindOn(c, '2027-05-01')).toBe('handover-due');
  });

  it('the owners decide to replace the company: within the term it ends at expiry; after expiry it needs notice', () => {
    const within = { ...base, ownersDecision: { kind: 'replace' as const, on: '2026-08-01' } };
    expect(contractStateOn(within, '2026-08-01', P, cal)).toMatchObject({ kind: 'ending-at-expiry', date: '2026-12-31' });
    expect(contractStateOn(within, '2026-08-01', P, cal).message).toContain('业主大会已于 2026-08-01 决定另聘');
    const after = { ...base, ownersDecision: { kind: 'replace' as const, on: '2027-02-01' } };
    const s = contractStateOn(after, '2027-02-01', P, cal);
    expect(s.kind).toBe('indefinite');
    expect(s.notes).toEqual(['业主大会已于 2027-02-01 决定另聘：不定期合同须提前60日书面通知物业解除']);
  });

  it('renewal, before or after expiry', () => {
    const c = { ...base, ownersDecision: { kind: 'renew' as const, on: '2026-11-15' } };
    expect(kindOn(c, '2026-11-14')).toBe('notice-window-passed');
    expect(contractStateOn(c, '2026-11-15', P, cal)).toMatchObject({ kind: 'renewed', date: '2026-12-31' });
    expect(kindOn(c, '2027-06-01')).toBe('renewed');
    expect(kindOn({ ...base, ownersDecision: { kind: 'renew', on: '2027-03-01' } }, '2027-03-01')).toBe('renewed');
    expect(kindOn({ ...base, ownersDecision: { kind: 'renew', on: '2027-03-01' } }, '2027-02-28')).toBe('indefinite');
  });

  it('a recorded end overrides the computed one', () => {
    const c = { ...base, endedOn: '2026-05-15' };
    expect(kindOn(c, '2026-05-14')).toBe('in-term');
    expect(contractStateOn(c, '2026-05-15', P, cal)).toMatchObject({ kind: 'ending', date: '2026-05-15' });
    // 2026-05-15 + 30 = Sunday 2026-06-14 → Monday 2026-06-15.
    expect(contractStateOn(c, '2026-05-16', P, cal)).toMatchObject({ kind: 'handover-due', date: '2026-06-15' });
    expect(contractStateOn(c, '2026-05-16', hangzhou, cal)).toMatchObject({ kind: 'handover-due', date: '2026-06-01' });
  });
});

describe('facts that cannot all be true', () => {
  it('names the dates', () => {
    expect(checkContractFacts(base)).toEqual([]);
    expect(checkContractFacts({ ...base, expiry: '2023-12-31' })).toEqual(['合同届满日 2023-12-31 早于起始日 2024-01-01']);
    expect(checkContractFacts({ ...base, start: '2024-02-30' })).toEqual(['起始日“2024-02-30”不是有效日期（应为 YYYY-MM-DD）']);
    expect(checkContractFacts({ ...base, nonRenewalNoticeOn: '2027-01-05' })[0]).toContain('届满后合同为不定期合同');
    expect(checkContractFacts({ ...base, terminationNoticeOn: '2023-06-01' })).toEqual(['解除通知日期 2023-06-01 早于合同起始日 2024-01-01']);
    expect(checkContractFacts({ ...base, endedOn: '2026-05-01', handedOverOn: '2026-04-01' })).toEqual(['移交日期 2026-04-01 早于合同终止日 2026-05-01']);
    expect(checkContractFacts({ ...base, ownersDecision: { kind: 'renew', on: '2026-10-01' }, terminationNoticeOn: '2027-02-01' })[0]).toContain('应登记在续聘合同上');
  });
});

const dayIn = (from: string, span: number) => fc.integer({ min: 0, max: span }).map((n) => addDays(from, n));

describe('properties', () => {
  it('the notice deadline is exactly N days before expiry, and a notice on it is in time', () => {
    fc.assert(fc.property(dayIn('2024-01-01', 3000), fc.integer({ min: 1, max: 365 }), (expiry, n) => {
      const d = nonRenewalNoticeBy(expiry, { ...P, nonRenewalNoticeDays: n }, cal).date;
      expect(daysBetween(d, expiry)).toBe(n);
      expect(noticeIsInTime(d, expiry, n)).toBe(true);
      expect(noticeIsInTime(addDays(d, 1), expiry, n)).toBe(false);
    }));
  });

  it('preparation starts M months back: same day number, or the month’s last day, never after the forward rule allows', () => {
    fc.assert(fc.property(dayIn('2024-01-01', 3000), fc.integer({ min: 1, max: 24 }), (expiry, m) => {
      const prep = renewalPreparationFrom(expiry, { ...P, renewalPreparationMonths: m })!;
      const monthsApart = (Number(expiry.slice(0, 4)) - Number(prep.slice(0, 4))) * 12 + Number(expiry.slice(5, 7)) - Number(prep.slice(5, 7));
      expect(monthsApart).toBe(m);
      const lastOfMonth = addDays(prep, 1).slice(8) === '01';
      expect(prep.slice(8) === expiry.slice(8) || (lastOfMonth && prep.slice(8) < expiry.slice(8))).toBe(true);
      expect(addMonths(prep, m) <= expiry).toBe(true);
    }));
  });

  it('the handover deadline is a working day, at or after the plain end, and the first such', () => {
    fc.assert(fc.property(dayIn('2025-01-01', 700), fc.integer({ min: 1, max: 60 }), (ended, days) => {
      const d = handoverDueBy(ended, { ...P, handoverDays: days }, cal);
      expect(d.plainEnd).toBe(addDays(ended, days));
      expect(isRestDay(d.date, cal)).toBe(false);
      expect(d.date >= d.plainEnd).toBe(true);
      for (let x = d.plainEnd; x < d.date; x = addDays(x, 1)) expect(isRestDay(x, cal)).toBe(true);
    }));
  });

  it('with nothing on record the states only move forward', () => {
    const order: ContractStateKind[] = ['not-started', 'in-term', 'renewal-preparation', 'notice-window-passed', 'indefinite'];
    fc.assert(fc.property(dayIn('2024-01-01', 1500), fc.integer({ min: 1, max: 1500 }), fc.integer({ min: 0, max: 12 }), (start, len, months) => {
      const c = { ...base, start, expiry: addDays(start, len) };
      const periods = { ...P, renewalPreparationMonths: months === 0 ? null : months };
      let last = 0;
      for (let d = addDays(start, -3); d <= addDays(c.expiry, 3); d = addDays(d, 7)) {
        const i = order.indexOf(contractStateOn(c, d, periods, cal).kind);
        expect(i).toBeGreaterThanOrEqual(last);
        last = i;
      }
    }));
  });

  it('the state on a day depends only on what was on record by that day', () => {
    const maybe = (from: string) => fc.option(dayIn(from, 1400), { nil: null });
    fc.assert(fc.property(
      maybe('2024-01-01'), fc.option(fc.record({ kind: fc.constantFrom('renew' as const, 'replace' as const), on: dayIn('2024-01-01', 1400) }), { nil: null }),
      maybe('2024-01-01'), maybe('2024-01-01'), maybe('2024-01-01'), dayIn('2023-12-01', 1500),
      (nonRenewalNoticeOn, ownersDecision, terminationNoticeOn, endedOn, handedOverOn, today) => {
        const c: ContractFacts = { ...base, nonRenewalNoticeOn: nonRenewalNoticeOn !== null && nonRenewalNoticeOn <= base.expiry ? nonRenewalNoticeOn : null, ownersDecision, terminationNoticeOn, endedOn, handedOverOn };
        const known = (d: string | null) => (d !== null && d <= today ? d : null);
        const asOfToday: ContractFacts = {
          ...c, nonRenewalNoticeOn: known(c.nonRenewalNoticeOn), terminationNoticeOn: known(c.terminationNoticeOn), endedOn: known(c.endedOn),
          handedOverOn: known(c.handedOverOn), ownersDecision: c.ownersDecision !== null && c.ownersDecision.on <= today ? c.ownersDecision : null,
        };
        expect(contractStateOn(c, today, P, cal)).toEqual(contractStateOn(asOfToday, today, P, cal));
      },
    ));
  });
});

describe('the owners’ decision, due by the expiry (Art. 948)', () => {
  it('is pending within the term until decided, urgent from renewal preparation, with the run-on as what follows', () => {
    const d = ownersDecisionDeadline(base, '2026-10-06', P, cal);
    expect(d).toMatchObject({ due: '2026-12-31', urgentFrom: '2026-06-30' });
    expect(d?.message).toContain('2026-12-31（届满日）前决定续聘或另聘');
    expect(d?.message).toContain('不定期合同（民法典第948条）');
    expect(d?.message).toContain('提前60日书面通知');
    expect(ownersDecisionDeadline(base, '2026-12-31', P, cal)?.due).toBe('2026-12-31');
  });
  it('is not pending once decided, when the contract ends anyway, or after the expiry', () => {
    expect(ownersDecisionDeadline({ ...base, ownersDecision: { kind: 'renew', on: '2026-09-01' } }, '2026-10-06', P, cal)).toBeNull();
    // Decided later than the day asked about: still pending on that day.
    expect(ownersDecisionDeadline({ ...base, ownersDecision: { kind: 'renew', on: '2026-11-01' } }, '2026-10-06', P, cal)).not.toBeNull();
    expect(ownersDecisionDeadline({ ...base, nonRenewalNoticeOn: '2026-09-01' }, '2026-10-06', P, cal)).toBeNull();
    expect(ownersDecisionDeadline({ ...base, terminationNoticeOn: '2026-09-01' }, '2026-10-06', P, cal)).toBeNull();
    expect(ownersDecisionDeadline(base, '2027-01-01', P, cal)).toBeNull();
  });
});
