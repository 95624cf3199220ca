import { StartGate } from './features/system/start/StartGate';
import { WorkstationGate } from './features/system/workstation/workstation';
import { AuthGate } from './features/system/auth/AuthGate';
import { lazyExport, OnDemand } from './components/OnDemand';
import { isPrintRoute, useRoute, type PrintRoute } from './router';
import { missingForRoute, useGrants } from './features/system/auth/permissions';
import { ConnectionBanner } from './features/layout/ConnectionBanner';

// The frame and the print views load after sign-in: the login page needs neither.
const AppShell = lazyExport(() => import('./features/layout/AppShell'), 'AppShell');
const PrintScreen = lazyExport(() => import('./features/print/PrintScreen'), 'PrintScreen');
const ForbiddenPage = lazyExport(() => import('./features/system/auth/ForbiddenPage'), 'ForbiddenPage');

export function App() {
  const route = useRoute();
  return (
    <>
      <ConnectionBanner />
      <WorkstationGate>
        <StartGate>
          {(warnings) => (
            <AuthGate>
              {(user, logout) => (
                <OnDemand>
                  {isPrintRoute(route)
                    ? <PrintGate route={route} />
                    : <AppShell user={user} onLogout={logout} warnings={warnings} />}
                </OnDemand>
              )}
            </AuthGate>
          )}
        </StartGate>
      </WorkstationGate>
    </>
  );
}

/** A print view opened by its address shows 无权限 like a screen does when the person may not see it. */
function PrintGate({ route }: { route: PrintRoute }) {
  const missing = missingForRoute(useGrants(), route);
  return missing ? <ForbiddenPage permission={missing} /> : <PrintScreen route={route} />;
}
