/** The treasurer's local rules on both sides of each boundary, and as properties. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { budgetState, needsAudit, needsReapproval, proposeTransfer } from '../../shared/domain/treasury';

const beijing = { percent: 50, strictlyMore: false, onlyWhileFundBelowPercent: 30 };
const shanghai = { percent: 50, strictlyMore: true, onlyWhileFundBelowPercent: null };
const lowFund = { balance: 2_999_999, initialDue: 10_000_000 };

describe('common revenue to the fund', () => {
  it('Beijing: at least half, only while the fund is below 30 %', () => {
    expect(proposeTransfer(10_001, beijing, lowFund)).toMatchObject({ required: true, amount: 5_001 });
    expect(proposeTransfer(10_000, beijing, lowFund)).toMatchObject({ required: true, amount: 5_000 });
    expect(proposeTransfer(10_000, beijing, { balance: 3_000_000, initialDue: 10_000_000 })).toMatchObject({ required: false, amount: 0 });
  });
  it('Shanghai: more than half, always', () => {
    expect(proposeTransfer(10_000, shanghai, { balance: 9e9, initialDue: 1 })).toMatchObject({ required: true, amount: 5_001 });
    expect(proposeTransfer(10_001, shanghai, lowFund)).toMatchObject({ required: true, amount: 5_001 });
    expect(proposeTransfer(1, shanghai, lowFund)).toMatchObject({ amount: 1 });
  });
  it('nothing when the period made no net revenue', () => {
    expect(proposeTransfer(0, shanghai, lowFund).required).toBe(false);
    expect(proposeTransfer(-5, beijing, lowFund).required).toBe(false);
  });
  it('property: the proposal meets the rule and never exceeds the net', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 1e10 }), fc.integer({ min: 1, max: 100 }), fc.boolean(), (net, percent, strict) => {
      const p = proposeTransfer(net, { percent, strictlyMore: strict, onlyWhileFundBelowPercent: null }, lowFund);
      expect(p.required).toBe(true);
      expect(p.amount).toBeLessThanOrEqual(net);
      if (p.amount < net) {
        expect(strict ? p.amount * 100 > net * percent : p.amount * 100 >= net * percent).toBe(true);
        // …and it is the least such amount.
        expect(strict ? (p.amount - 1) * 100 > net * percent : (p.amount - 1) * 100 >= net * percent).toBe(false);
      }
    }));
  });
});

describe('repairs: the audit and re-approval rule (Hangzhou)', () => {
  const hangzhou = { auditAbove: 3_000_000, reapprovalPercent: 10 };
  it('audits above 30,000 yuan', () => {
    expect(needsAudit(3_000_000, hangzhou)).toBe(false);
    expect(needsAudit(3_000_001, hangzhou)).toBe(true);
    expect(needsAudit(9e9, { auditAbove: null, reapprovalPercent: null })).toBe(false);
  });
  it('re-approves at 10 % over the approved or more', () => {
    expect(needsReapproval(1_100_000, 1_000_000, hangzhou)).toBe(true);
    expect(needsReapproval(1_099_999, 1_000_000, hangzhou)).toBe(false);
  });
});

describe('the budget warnings', () => {
  it('near at 90 %, over at 100 %', () => {
    expect(budgetState(8_999, 10_000)).toBe('ok');
    expect(budgetState(9_000, 10_000)).toBe('near');
    expect(budgetState(9_999, 10_000)).toBe('near');
    expect(budgetState(10_000, 10_000)).toBe('over');
    expect(budgetState(0, 0)).toBe('ok');
  });
});
