import { useAppStore } from '../store/app-store';
import { AppShell } from './app-shell';
import { LoginScreen } from './login-screen';

export function App() {
  const signedIn = useAppStore((s) => s.agent !== null);
  return signedIn ? <AppShell /> : <LoginScreen />;
}
