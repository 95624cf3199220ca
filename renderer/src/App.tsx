import { StartGate } from './features/system/StartGate';
import { AuthGate } from './features/auth/AuthGate';
import { AppShell } from './features/layout/AppShell';

export function App() {
  return (
    <StartGate>
      {(warnings) => (
        <AuthGate>
          {(user, logout) => <AppShell user={user} onLogout={logout} warnings={warnings} />}
        </AuthGate>
      )}
    </StartGate>
  );
}
