/** The electorate's breakdown, shared by the register's electorate screen and each vote item (register.ts, votes.ts). */
import { z } from 'zod';
import { decimal2 } from './fields';

/** How an electorate was counted: what was left out, merged, or counted together. */
export const electorateBreakdown = z.object({
  partsInScope: z.number().int(),
  countedParts: z.number().int(),
  excludedParking: z.object({ parts: z.number().int(), area: decimal2 }),
  developer: z.object({ parts: z.number().int(), area: decimal2 }),
  coOwnedParts: z.number().int(),
  multiPartSubjects: z.object({ subjects: z.number().int(), parts: z.number().int() }),
  withoutOwner: z.number().int(),
  mergedParts: z.number().int(),
});
