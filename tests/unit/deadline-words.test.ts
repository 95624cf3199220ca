/** The words and levels of a deadline's countdown (renderer/src/components/deadline.ts): hours under two days, midnight in office time. */
import { describe, expect, it } from 'vitest';
import { deadlineView, officeNow, passesAt } from '../../renderer/src/components/deadline';

describe('a day deadline', () => {
  it('passes at the next midnight, office time', () => {
    expect(passesAt('2027-02-28')).toBe('2027-03-01T00:00');
    expect(deadlineView('2027-02-28', '2027-02-28T23:59')).toMatchObject({ level: 'soon', words: '今天到期（还剩 1 小时）', minutesLeft: 1 });
    expect(deadlineView('2027-02-28', '2027-03-01T00:00')).toMatchObject({ level: 'overdue', words: '已逾期 1 天', minutesLeft: 0 });
    expect(deadlineView('2027-02-28', '2027-03-02T23:59')).toMatchObject({ level: 'overdue', words: '已逾期 2 天' });
  });
  it('counts days from two days on, and hours today and tomorrow', () => {
    expect(deadlineView('2027-02-28', '2027-02-27T10:00').words).toBe('明天到期（还剩 38 小时）');
    expect(deadlineView('2027-02-28', '2027-02-26T23:59').words).toBe('还剩 2 天');
    expect(deadlineView('2027-02-28', '2026-12-04T09:00').words).toBe('还剩 86 天');
  });
  it('is soon within 7 days by default, or the caller’s days, or from the caller’s day', () => {
    expect(deadlineView('2027-02-28', '2027-02-21T08:00').level).toBe('soon');
    expect(deadlineView('2027-02-28', '2027-02-20T23:59').level).toBe('later');
    expect(deadlineView('2027-02-28', '2027-01-29T08:00', { warnDays: 30 }).level).toBe('soon');
    expect(deadlineView('2027-02-28', '2027-01-28T08:00', { warnDays: 30 }).level).toBe('later');
    // 86 days before expiry, past the renewal preparation's start: orange, not neutral.
    expect(deadlineView('2027-02-28', '2026-12-04T09:00', { warnFrom: '2026-08-28' }).level).toBe('soon');
    expect(deadlineView('2027-02-28', '2026-08-27T23:59', { warnFrom: '2026-08-28' }).level).toBe('later');
    expect(deadlineView('2027-02-28', '2026-08-28T00:00', { warnFrom: '2026-08-28' }).level).toBe('soon');
  });
});

describe('a moment deadline (an issue’s plan, by the hour)', () => {
  it('counts hours under two days and days after', () => {
    expect(deadlineView('2026-12-05T10:00', '2026-12-04T09:00')).toMatchObject({ level: 'soon', words: '还剩 25 小时' });
    expect(deadlineView('2026-12-05T10:00', '2026-12-05T09:30').words).toBe('还剩 30 分钟');
    expect(deadlineView('2026-12-06T10:00', '2026-12-04T10:01').words).toBe('还剩 47 小时');
    expect(deadlineView('2026-12-06T10:00', '2026-12-04T10:00').words).toBe('还剩 2 天');
    expect(deadlineView('2026-12-20T10:00', '2026-12-04T10:00')).toMatchObject({ level: 'later', words: '还剩 16 天' });
  });
  it('is overdue from the minute itself, in minutes, hours, then days', () => {
    expect(deadlineView('2026-12-05T10:00', '2026-12-05T10:00')).toMatchObject({ level: 'overdue', words: '已逾期 1 分钟' });
    expect(deadlineView('2026-12-05T10:00', '2026-12-05T10:45').words).toBe('已逾期 45 分钟');
    expect(deadlineView('2026-12-05T10:00', '2026-12-06T09:00').words).toBe('已逾期 23 小时');
    expect(deadlineView('2026-12-05T10:00', '2026-12-07T10:00').words).toBe('已逾期 2 天');
  });
  it('crosses midnight on the clock, not by days', () => {
    expect(deadlineView('2026-12-05T01:00', '2026-12-04T23:00').words).toBe('还剩 2 小时');
  });
});

describe('the office clock', () => {
  it('is Asia/Shanghai: 16:30 UTC is already the next day', () => {
    expect(officeNow(new Date('2026-12-04T16:30:00Z'))).toBe('2026-12-05T00:30');
    expect(officeNow(new Date('2026-12-04T15:59:00Z'))).toBe('2026-12-04T23:59');
  });
});
