/**
 * Two-person control (复核, issue 16): a community may put four actions under review — closing a vote, closing a
 * month of the books, a reversal, a repair's charge. Then the call records a pending review instead of acting, and
 * a second person holding the same permission on that community confirms it (the action runs then) or rejects it;
 * the person who asked may withdraw it. These are the review's schemas; main/services/system/reviews.ts does it.
 */
import { z } from 'zod';
import { PERMISSIONS } from '../domain/permissions';
import { id, requiredText } from './fields';

/** The contract methods a community can put under review. */
export const REVIEWED_ACTIONS = ['vote.close', 'ledger.closeMonth', 'ledger.reverse', 'repair.charge'] as const;
export type ReviewedAction = (typeof REVIEWED_ACTIONS)[number];

export const REVIEW_STATUSES = ['pending', 'confirmed', 'rejected', 'withdrawn'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** What a review acts on: a vote, a community's books (closing a month), an entry, a repair project. */
export const REVIEW_SUBJECTS = ['vote', 'ledger', 'entry', 'repair'] as const;

/**
 * What a reviewed method returns when it waited instead of acting: the review's id and who asked. The method's
 * answer is otherwise the record as it stands — unchanged — so this rides along as an optional `review` field
 * rather than a second shape of answer: every client that shows what these methods return (the vote's page, the
 * books, the entry, the project, the CLI's `vote close`) keeps working, and shows the record still open; a
 * client that knows about review reads `review` to say 待复核. Absent: the action took effect.
 */
export const pendingReview = z.object({
  id,
  status: z.literal('pending'),
  action: z.enum(REVIEWED_ACTIONS),
  summary: z.string(),
  requestedAt: z.string(),
  requestedBy: z.string(),
});
export const awaitingReview = { review: pendingReview.optional() };

export const reviewRow = z.object({
  id,
  communityId: id,
  communityName: z.string(),
  action: z.enum(REVIEWED_ACTIONS),
  /** The permission the action needs; whoever confirms or rejects must hold it on the community. */
  permission: z.enum(PERMISSIONS),
  subjectKind: z.enum(REVIEW_SUBJECTS),
  subjectId: id,
  summary: z.string(),
  status: z.enum(REVIEW_STATUSES),
  requestedAt: z.string(),
  requestedBy: z.string(),
  decidedAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
  reason: z.string().nullable(),
  /** The caller asked for it (may withdraw it, may not confirm it). */
  mine: z.boolean(),
  /** The caller may confirm it now: it waits, someone else asked, and the caller holds the permission there. */
  canConfirm: z.boolean(),
  /** The caller may reject it (a second person with the permission) or withdraw it (the person who asked). */
  canReject: z.boolean(),
});

/**
 * Which reviews: `toConfirm` what waits for the caller (待我复核); `requested` what the caller asked (我提交的);
 * `community` every review of a community the caller can read (its history). `subjectId` narrows to one record
 * (the vote's page asks whether its close waits), `status` to one outcome.
 */
export const reviewQuery = z.object({
  filter: z.enum(['toConfirm', 'requested', 'community']).default('toConfirm'),
  communityId: id.optional(),
  subjectId: id.optional(),
  status: z.enum(REVIEW_STATUSES).optional(),
});

export const rejectInput = z.object({ id, reason: requiredText('理由', 500) });
