import { StartGate } from './features/system/start/StartGate';
import { AuthGate } from './features/system/auth/AuthGate';
import { lazyExport, OnDemand } from './components/OnDemand';
import { isPrintRoute, useRoute } from './router';

// The frame and the print views load after sign-in: the login page needs neither.
const AppShell = lazyExport(() => import('./features/layout/AppShell'), 'AppShell');
const PrintScreen = lazyExport(() => import('./features/print/PrintScreen'), 'PrintScreen');

export function App() {
  const route = useRoute();
  return (
    <StartGate>
      {(warnings) => (
        <AuthGate>
          {(user, logout) => (
            <OnDemand>
              {isPrintRoute(route)
                ? <PrintScreen route={route} />
                : <AppShell user={user} onLogout={logout} warnings={warnings} />}
            </OnDemand>
          )}
        </AuthGate>
      )}
    </StartGate>
  );
}
