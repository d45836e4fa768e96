import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store/app-store';
import { AppShell } from './app-shell';
import { LoginScreen } from './login-screen';

export function App() {
  const { t } = useTranslation();
  const known = useAppStore((s) => s.sessionKnown);
  const signedIn = useAppStore((s) => s.agent !== null);
  // No sign-in form flashes up for an agent the host already has signed in (a reload, a second window).
  if (!known) {
    return (
      <main className="app-loading" role="status">
        {t('common.loading')}
      </main>
    );
  }
  return signedIn ? <AppShell /> : <LoginScreen />;
}
