/**
 * The treasurer's prints: household statements and the fund summary.
 */
import { z } from 'zod';
import { calendarDate } from '../meetings';
import { decimal2, id } from '../fields';

// ── statements and the fund summary ───────────────────────────────────
/** One part (`partId`), one building (`buildingId`) or every part of the community. */
export const statementQuery = z.object({
  communityId: id, from: calendarDate('开始日期'), to: calendarDate('结束日期'), partId: id.optional(), buildingId: id.optional(),
});
const movement = {
  opening: z.string(), deposited: z.string(), earnings: z.string(), charges: z.string(), transfers: z.string(), closing: z.string(),
  /** The closing balance in Chinese capitals (大写). */
  closingCapitals: z.string(),
};
/**
 * What a sub-ledger line was, in the owner's words (main/services/treasury/fund-reports.ts
 * movementKind is the one mapping from the books): the opening position, a
 * deposit (or a receipt identified later), interest, a repair's share, another
 * charge, common revenue transferred in, another transfer.
 */
export const movementKind = z.enum(['opening', 'deposit', 'claim', 'interest', 'repair', 'charge', 'revenue', 'transfer']);
const period = z.object({ from: z.string(), to: z.string() });
export const statementMovement = z.object({
  date: z.string(), number: z.number().int(), kind: movementKind,
  /** opening: which figure of the opening file (deposit | earning | charge). */
  category: z.string().nullable(),
  /** Into the sub-ledger positive, out negative; the balance after it. */
  amount: z.string(), balance: z.string(),
  /** repair: the project's name. */
  project: z.string().nullable(),
  /** interest and revenue: the period the money was for. */
  period: period.nullable(),
  /**
   * interest: how this part's share was computed — balance × days over the
   * period, as the sharing saw it, against all parts' and the amount shared.
   */
  basis: z.object({ days: z.number().int(), part: decimal2, total: decimal2, amount: decimal2 }).nullable(),
  /** A reversal (its kind is what it undoes): the entry it reverses; `reason` says why. */
  reverses: z.object({ number: z.number().int(), date: z.string() }).nullable(),
  reason: z.string(),
  /** The entry's memo as written (what a manual entry says). */
  memo: z.string(),
});
export const householdStatements = z.object({
  community: z.string(), from: z.string(), to: z.string(),
  statements: z.array(z.object({
    partId: id, address: z.string(), area: decimal2, owners: z.string(), building: z.string(), ...movement,
    movements: z.array(statementMovement),
  })),
});
export const fundSummary = z.object({
  community: z.string(), from: z.string(), to: z.string(), ...movement,
  byBuilding: z.array(z.object({ building: z.string(), parts: z.number().int(), ...movement })),
  history: z.array(z.object({ month: z.string(), balance: z.string() })),
});
