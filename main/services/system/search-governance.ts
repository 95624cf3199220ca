/** Full-text search over a community's minutes and matters (the index: services/system/search-index.ts). */
import { getCommunity } from '../register/communities';
import type { ServiceContext } from '../context';
import { searchDocuments } from './search-index';

export interface GovernanceHit {
  type: 'minutes' | 'matter';
  /** The matter, or for minutes the meeting they belong to (one search entry per meeting). */
  id: string;
  title: string;
  meetingId: string | null;
  snippet: { text: string; match: [number, number] | null };
}

export function searchGovernance(ctx: ServiceContext, communityId: string, text: string, limit = 50): GovernanceHit[] {
  getCommunity(ctx, communityId);
  return searchDocuments(ctx.sqlite, communityId, text, limit).flatMap((h): GovernanceHit[] =>
    h.type === 'minutes' || h.type === 'matter'
      ? [{ type: h.type, id: h.id, title: h.title, meetingId: h.type === 'minutes' ? h.id : null, snippet: h.snippet }]
      : []);
}
