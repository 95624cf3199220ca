/** Full-text search over a community's minutes, matters, meeting agendas, votes and issues (the index: services/system/search-index.ts). */
import type { z } from 'zod';
import { searchHitType } from '../../../shared/contract/meetings';
import { getCommunity } from '../register/communities';
import type { ServiceContext } from '../context';
import { searchDocuments } from './search-index';

export interface GovernanceHit {
  type: z.output<typeof searchHitType>;
  /** The record; for minutes and agendas the meeting they belong to (one entry of each per meeting). */
  id: string;
  title: string;
  meetingId: string | null;
  snippet: { text: string; match: [number, number] | null };
}

export function searchGovernance(ctx: ServiceContext, communityId: string, text: string, limit = 50): GovernanceHit[] {
  getCommunity(ctx, communityId);
  return searchDocuments(ctx.sqlite, communityId, text, limit).flatMap((h): GovernanceHit[] => {
    const type = searchHitType.safeParse(h.type);
    if (!type.success) return [];
    const meetingId = type.data === 'minutes' || type.data === 'agenda' ? h.id : null;
    return [{ type: type.data, id: h.id, title: h.title, meetingId, snippet: h.snippet }];
  });
}
