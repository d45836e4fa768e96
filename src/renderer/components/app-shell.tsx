import { useTranslation } from 'react-i18next';
import { logout } from '../store/actions';
import { useAppStore } from '../store/app-store';
import { ConnectionBadge } from './connection-badge';
import { ConversationView } from './conversation-view';
import { CustomerPanel } from './customer-panel';
import { InboxList } from './inbox-list';
import { LanguageSwitcher } from './language-switcher';
import { OfferToasts } from './offer-toasts';

export function AppShell() {
  const { t } = useTranslation();
  const agent = useAppStore((s) => s.agent);
  return (
    <div className="shell">
      <header className="topbar">
        <h1>{t('app.name')}</h1>
        <ConnectionBadge />
        <span className="agent" data-testid="agent-name">
          {agent?.displayName} · {agent ? t(`state.${agent.state}`) : ''}
        </span>
        <LanguageSwitcher />
        <button className="secondary" onClick={() => void logout()}>
          {t('shell.logout')}
        </button>
      </header>
      <main className="panes">
        <InboxList />
        <ConversationView />
        <CustomerPanel />
      </main>
      <OfferToasts />
    </div>
  );
}
