import { StartGate } from './features/system/StartGate';
import { AuthGate } from './features/auth/AuthGate';
import { AppShell } from './features/layout/AppShell';
import { PrintScreen } from './features/print/PrintScreen';
import { isPrintRoute, useRoute } from './router';

export function App() {
  const route = useRoute();
  return (
    <StartGate>
      {(warnings) => (
        <AuthGate>
          {(user, logout) => isPrintRoute(route)
            ? <PrintScreen route={route} />
            : <AppShell user={user} onLogout={logout} warnings={warnings} />}
        </AuthGate>
      )}
    </StartGate>
  );
}
