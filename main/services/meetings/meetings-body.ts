/**
 * A committee meeting's members come from 组织建设 (main/services/office/bodies.ts):
 * the body of the meeting's kind whose term had begun by the meeting's date,
 * with its members in the order they were entered. The form fills the meeting's
 * 应到 from it, a new meeting's attendee list starts with them ticked as members,
 * and a different count for one meeting needs a written reason (rule members-differ).
 */
import { and, desc, eq, lte, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { meetingBody } from '../../../shared/contract/meetings';
import { termEnd } from '../../../shared/domain/committees';
import { MEETING_BODY, type MeetingKind, type RuleViolation } from '../../../shared/domain/meetings';
import { bodyMembers, communityBodies } from '../../db/schema/office';
import type { ServiceContext } from '../context';

export type MeetingBody = z.output<typeof meetingBody>;

export function meetingBodyAsOf(ctx: ServiceContext, q: { communityId: string; kind: MeetingKind; date: string }): MeetingBody {
  const bodyKind = MEETING_BODY[q.kind]?.body;
  if (!bodyKind) return null;
  // The newest term elected on or before the meeting: the body that met then.
  const body = ctx.db.select().from(communityBodies)
    .where(and(eq(communityBodies.communityId, q.communityId), eq(communityBodies.kind, bodyKind), lte(communityBodies.electedOn, q.date)))
    .orderBy(desc(communityBodies.electedOn), desc(communityBodies.createdAt)).limit(1).get();
  if (!body) return null;
  const members = ctx.db.select({ name: bodyMembers.name, role: bodyMembers.role }).from(bodyMembers)
    .where(eq(bodyMembers.bodyId, body.id)).orderBy(sql`${bodyMembers}.rowid`).all();
  return { bodyId: body.id, bodyKind, electedOn: body.electedOn, termEnd: termEnd(body.electedOn, body.termYears), members };
}

/** A member count other than the body's: allowed for this meeting with a reason, kept with the meeting's overrides. */
export function membersDiffer(kind: MeetingKind, membersTotal: number | null, body: MeetingBody): RuleViolation[] {
  if (body === null || membersTotal === null || membersTotal === body.members.length) return [];
  return [{
    rule: 'members-differ',
    message: `${kind}应到${membersTotal}人，与组织建设中${body.bodyKind}（${body.electedOn}选举）的${body.members.length}名成员不同：请写明本次会议按${membersTotal}人计算的理由`,
  }];
}
