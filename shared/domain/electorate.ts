/**
 * The electorate of a scope: voting subjects (N) and their area (A), exactly as
 * docs/domain.md §4 and the SPC interpretation on building ownership Arts. 8–9 say:
 * - one exclusive part counts as one person; co-owners of a part are one person;
 * - the same set of owners holding several parts is one person (areas add up);
 *   X alone and X with Y are two subjects;
 * - every part the developer has not sold, or sold but not delivered, counts
 *   together as one person;
 * - parking spaces count only where the community's setting says so.
 * Pure and order independent: the same parts in any order give the same result.
 */
import { heldByDeveloper, type DeliveryStatus, type PartType } from './register';

export interface ElectoratePart {
  id: string;
  type: PartType;
  /** 0.01 m² */
  area: number;
  deliveryStatus: DeliveryStatus;
  /** Current owners (person ids); ignored for parts the developer holds. */
  ownerIds: readonly string[];
}

export interface ElectorateOptions {
  countParking: boolean;
}

export type SubjectKind = 'owners' | 'developer' | 'no-owner';

export interface VotingSubject {
  key: string;
  kind: SubjectKind;
  ownerIds: string[];
  partIds: string[];
  area: number;
}

export interface ElectorateBreakdown {
  /** Parts in scope before anything is left out. */
  partsInScope: number;
  /** Parts that count (after leaving out parking where it does not count). */
  countedParts: number;
  excludedParking: { parts: number; area: number };
  developer: { parts: number; area: number };
  /** Parts with two or more co-owners, each counted as one person. */
  coOwnedParts: number;
  /** Subjects holding more than one part, and how many parts they hold. */
  multiPartSubjects: { subjects: number; parts: number };
  /** Delivered parts with no owner on record: each counted as its own person, and flagged. */
  withoutOwner: number;
  /** countedParts − count: how many parts were merged into another's subject. */
  mergedParts: number;
}

export interface Electorate {
  count: number;
  area: number;
  subjects: VotingSubject[];
  breakdown: ElectorateBreakdown;
}

export const DEVELOPER_SUBJECT_KEY = 'developer';

interface Tally {
  subjects: Map<string, VotingSubject>;
  breakdown: Omit<ElectorateBreakdown, 'multiPartSubjects' | 'mergedParts'>;
}

/** The one pass every result is built from: parts into subjects, with the breakdown. */
function tally(parts: readonly ElectoratePart[], options: ElectorateOptions): Tally {
  const subjects = new Map<string, VotingSubject>();
  const excludedParking = { parts: 0, area: 0 };
  const developer = { parts: 0, area: 0 };
  let coOwnedParts = 0;
  let withoutOwner = 0;
  let countedParts = 0;

  for (const part of parts) {
    if (part.type === '车位' && !options.countParking) {
      excludedParking.parts++;
      excludedParking.area += part.area;
      continue;
    }
    countedParts++;
    let key: string;
    let kind: SubjectKind;
    let ownerIds: string[] = [];
    if (heldByDeveloper(part.deliveryStatus)) {
      key = DEVELOPER_SUBJECT_KEY;
      kind = 'developer';
      developer.parts++;
      developer.area += part.area;
    } else if (part.ownerIds.length === 0) {
      key = `part:${part.id}`;
      kind = 'no-owner';
      withoutOwner++;
    } else {
      ownerIds = part.ownerIds.length === 1 ? [part.ownerIds[0]!] : [...new Set(part.ownerIds)].sort();
      key = `owners:${ownerIds.join(',')}`;
      kind = 'owners';
      if (ownerIds.length > 1) coOwnedParts++;
    }
    let subject = subjects.get(key);
    if (!subject) subjects.set(key, (subject = { key, kind, ownerIds, partIds: [], area: 0 }));
    subject.partIds.push(part.id);
    subject.area += part.area;
  }
  return {
    subjects,
    breakdown: { partsInScope: parts.length, countedParts, excludedParking, developer, coOwnedParts, withoutOwner },
  };
}

function finish(t: Tally): Omit<Electorate, 'subjects'> {
  let count = 0;
  let area = 0;
  let multiSubjects = 0;
  let multiParts = 0;
  for (const s of t.subjects.values()) {
    count++;
    area += s.area;
    if (s.kind === 'owners' && s.partIds.length > 1) {
      multiSubjects++;
      multiParts += s.partIds.length;
    }
  }
  return {
    count,
    area,
    breakdown: {
      ...t.breakdown,
      multiPartSubjects: { subjects: multiSubjects, parts: multiParts },
      mergedParts: t.breakdown.countedParts - count,
    },
  };
}

/** N, A and the breakdown — what screens and summaries show. */
export function summarizeElectorate(parts: readonly ElectoratePart[], options: ElectorateOptions): Omit<Electorate, 'subjects'> {
  return finish(tally(parts, options));
}

/** N, A, the breakdown and every voting subject with its parts, in a canonical order (votes freeze this). */
export function computeElectorate(parts: readonly ElectoratePart[], options: ElectorateOptions): Electorate {
  const t = tally(parts, options);
  const subjects = [...t.subjects.values()];
  for (const s of subjects) s.partIds.sort();
  subjects.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { ...finish(t), subjects };
}

/**
 * Counts of a scope's parts as an SQL aggregate can give them (see
 * main/services/register/electorate.ts), for registers too large to load part by part.
 * `ownerSubjects` are the distinct owner sets among delivered, counted parts
 * that have owners, and `multi` those holding more than one part.
 */
export interface ElectorateCounts {
  partsInScope: number;
  excludedParking: { parts: number; area: number };
  developer: { parts: number; area: number };
  withoutOwner: number;
  coOwnedParts: number;
  countedArea: number;
  ownerSubjects: number;
  multiPartSubjects: { subjects: number; parts: number };
}

/**
 * The same rule as computeElectorate, from counts: every distinct owner set is
 * one person, a delivered part without owners is one person, and all the
 * developer's parts together are one person. Tests prove both paths equal.
 */
export function electorateFromCounts(c: ElectorateCounts): Omit<Electorate, 'subjects'> {
  const count = c.ownerSubjects + c.withoutOwner + (c.developer.parts > 0 ? 1 : 0);
  const countedParts = c.partsInScope - c.excludedParking.parts;
  return {
    count,
    area: c.countedArea,
    breakdown: {
      partsInScope: c.partsInScope,
      countedParts,
      excludedParking: c.excludedParking,
      developer: c.developer,
      coOwnedParts: c.coOwnedParts,
      multiPartSubjects: c.multiPartSubjects,
      withoutOwner: c.withoutOwner,
      mergedParts: countedParts - count,
    },
  };
}
