/** The treasurer's local rules on both sides of each boundary, and as properties. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  budgetState, chargeWarnings, fundRatioHundredths, needsAudit, needsReapproval, proposeTransfer, transferCondition, type ChargeFacts,
} from '../../shared/domain/treasury';

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

describe('the condition of the transfer rule (Beijing: only while the fund is below 30 % of the initial deposits)', () => {
  it('is decided by cross-multiplying integers at the boundary, and shows the ratio rounded down', () => {
    expect(transferCondition(beijing, { balance: 2_999_999, initialDue: 10_000_000 })).toMatchObject({ holds: true, ratio: '29.99%' });
    expect(transferCondition(beijing, { balance: 3_000_000, initialDue: 10_000_000 })).toMatchObject({ holds: false, ratio: '30.00%' });
    expect(transferCondition(beijing, { balance: 9_900_000, initialDue: 10_000_000 }).words).toBe(
      '仅在维修资金余额低于首期应缴总额的 30% 时转入；维修资金余额 99,000.00 元 ÷ 首期应缴总额 100,000.00 元 = 99.00%，不低于 30%，条件不成立');
  });
  it('a fund at 99 % gets no proposal, and says why with its ratio', () => {
    const p = proposeTransfer(1_000_000, beijing, { balance: 9_900_000, initialDue: 10_000_000 });
    expect(p).toMatchObject({ required: false, amount: 0 });
    expect(p.why).toBe('维修资金余额为首期应缴总额的 99.00%，不低于 30%，本期不要求转入');
  });
  it('unknown initial deposits: the condition cannot hold, nothing is proposed; a rule without a condition always applies', () => {
    expect(transferCondition(beijing, { balance: 500, initialDue: 0 })).toMatchObject({ holds: false, ratio: null });
    expect(proposeTransfer(10_000, beijing, { balance: 500, initialDue: 0 })).toMatchObject({ required: false, amount: 0 });
    expect(transferCondition(shanghai, { balance: 9_900_000, initialDue: 10_000_000 })).toEqual({ holds: true, ratio: '99.00%', words: null });
  });
  it('the ratio: hundredths of a percent rounded down, in integers, for balances past 2^53 when multiplied', () => {
    expect(fundRatioHundredths({ balance: 1, initialDue: 3 })).toBe(3333);
    expect(fundRatioHundredths({ balance: -1, initialDue: 3 })).toBe(-3334);
    expect(fundRatioHundredths({ balance: 999_999_999_999, initialDue: 1_000_000_000_000 })).toBe(9999);
    fc.assert(fc.property(fc.integer({ min: 0, max: 1e12 }), fc.integer({ min: 1, max: 1e12 }), fc.integer({ min: 1, max: 100 }), (balance, initialDue, below) => {
      const c = transferCondition({ ...beijing, onlyWhileFundBelowPercent: below }, { balance, initialDue });
      // The shown ratio (rounded down) is below the share exactly when the condition holds.
      expect(c.holds).toBe(fundRatioHundredths({ balance, initialDue })! < below * 100);
    }));
  });
});

describe('what a repair charge is missing', () => {
  const rule = { auditAbove: 3_000_000, reapprovalPercent: 10 };
  const ready: ChargeFacts = {
    date: '2026-11-03', noticeDate: '2026-10-01', finalCost: 3_000_001, auditNote: '审计报告 18 号', decision: { approval: 'vote', voteTitle: '外墙维修', passed: true },
  };
  it('nothing when posted before, audited and decided', () => {
    expect(chargeWarnings(ready, rule)).toEqual([]);
    expect(chargeWarnings({ ...ready, noticeDate: ready.date, auditNote: '', finalCost: 3_000_000 }, rule)).toEqual([]);
  });
  it('the notice: not posted, or posted after the charge', () => {
    expect(chargeWarnings({ ...ready, noticeDate: null }, rule).map((w) => w.rule)).toEqual(['repair-notice']);
    expect(chargeWarnings({ ...ready, noticeDate: '2026-11-04' }, rule)[0]!.message).toBe('使用公示日期 2026-11-04 晚于分摊日期 2026-11-03：分摊时尚未公示');
  });
  it('the audit above the community’s threshold, unless it has none', () => {
    expect(chargeWarnings({ ...ready, auditNote: '  ' }, rule)[0]!.message).toBe('决算 30,000.01 元超过本小区审计起点 30,000.00 元，尚未填写审计意见');
    expect(chargeWarnings({ ...ready, auditNote: '' }, { auditAbove: null, reapprovalPercent: null })).toEqual([]);
  });
  it('the owners’ decision: the vote’s item 5 no longer passed, or the emergency path confirmed after the charge', () => {
    expect(chargeWarnings({ ...ready, decision: { approval: 'vote', voteTitle: '外墙维修', passed: false } }, rule)[0]!.message)
      .toBe('表决“外墙维修”现在没有通过的“使用维修资金”议题：缺少业主共同决定');
    const emergency = (reviewDate: string | null, streetDate: string | null): ChargeFacts => ({ ...ready, decision: { approval: 'emergency', reviewDate, streetDate } });
    expect(chargeWarnings(emergency('2026-10-01', '2026-11-03'), rule)).toEqual([]);
    expect(chargeWarnings(emergency(null, '2026-11-04'), rule)[0]!.message).toBe('应急维修的批准不完整：业委会审核日期未填，街道确认日期 2026-11-04 晚于分摊日期');
  });
  it('all three at once, in that order', () => {
    expect(chargeWarnings({ ...ready, noticeDate: null, auditNote: '', decision: { approval: 'vote', voteTitle: null, passed: false } }, rule).map((w) => w.rule))
      .toEqual(['repair-notice', 'repair-audit', 'repair-decision']);
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
