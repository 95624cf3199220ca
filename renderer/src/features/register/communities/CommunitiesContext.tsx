/** The list of communities, loaded once for the navigation and reloaded after changes. */
import { createContext, useContext, type ReactNode } from 'react';
import type { MethodOutput } from '../../../../../shared/contract/methods';
import { useQuery } from '../../../api/queries';

export type CommunityItem = MethodOutput<'community.list'>[number];

interface CommunitiesValue {
  list: CommunityItem[] | undefined;
  error: unknown;
  reload: () => void;
}

const Ctx = createContext<CommunitiesValue>({ list: undefined, error: null, reload: () => undefined });

export function CommunitiesProvider({ children }: { children: ReactNode }) {
  const state = useQuery('community.list', {});
  return <Ctx.Provider value={{ list: state.data, error: state.error, reload: state.reload }}>{children}</Ctx.Provider>;
}

export function useCommunities(): CommunitiesValue {
  return useContext(Ctx);
}

const REMEMBER_KEY = 'sanfang.currentCommunity';

export function rememberCommunity(id: string): void {
  try {
    window.localStorage.setItem(REMEMBER_KEY, id);
  } catch {
    // private mode: not remembered
  }
}

export function rememberedCommunity(): string | null {
  try {
    return window.localStorage.getItem(REMEMBER_KEY);
  } catch {
    return null;
  }
}
