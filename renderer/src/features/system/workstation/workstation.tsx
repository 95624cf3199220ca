/**
 * This PC's choice as the screens see it (issue 17): its own data or the office server's, and whether it serves
 * the others. Main answers `workstation.status` itself (main/transport/workstation.ts); the screens only show it and
 * offer the switch. After a switch everything below starts over — health, sign-in, every cached read — because the
 * session and the records were the other database's.
 */
import { createContext, Fragment, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { MethodOutput } from '../../../../../shared/contract/methods';
import { invoke } from '../../../api/client';
import { setSession } from '../../../api/session';
import { FullPageLoading } from '../../../components/FullPageMessage';
import { zhCN } from '../../../i18n/zh-CN';

export type WorkstationStatus = MethodOutput<'workstation.status'>;

interface WorkstationState {
  /** null: opened without a workstation (a bare app server): nothing to choose. */
  status: WorkstationStatus | null;
  /** Connected or disconnected: the other database's session is dropped and the app starts over on the new one. */
  switched(status: WorkstationStatus): void;
  /** Serving started or stopped: the same database, a new status. */
  update(status: WorkstationStatus): void;
}

const Workstation = createContext<WorkstationState>({ status: null, switched: () => undefined, update: () => undefined });
export const useWorkstation = () => useContext(Workstation);

export function WorkstationGate({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<WorkstationStatus | null | undefined>(undefined);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let live = true;
    invoke('workstation.status', {}).then((s) => live && setStatus(s), () => live && setStatus(null));
    return () => {
      live = false;
    };
  }, []);

  const switched = useCallback((next: WorkstationStatus) => {
    setSession(null);
    // A screen's address names the other database's records.
    if (window.location.hash) window.location.hash = '';
    setStatus(next);
    setGeneration((g) => g + 1);
  }, []);
  const value = useMemo(() => ({ status: status ?? null, switched, update: setStatus }), [status, switched]);

  if (status === undefined) return <FullPageLoading text={zhCN.common.loading} />;
  return (
    <Workstation.Provider value={value}>
      <Fragment key={generation}>{children}</Fragment>
    </Workstation.Provider>
  );
}
