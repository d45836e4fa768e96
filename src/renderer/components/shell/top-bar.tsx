import { useTranslation } from 'react-i18next';
import { useMediaQuery } from '../../lib/use-media-query';
import { logout } from '../../store/actions';
import { useAppStore } from '../../store/app-store';
import { AgentStateSelector } from '../agent/agent-state-selector';
import { ConnectionBadge } from '../connection-badge';
import { LanguageSwitcher } from '../language-switcher';
import { OfflineSearch } from '../offline/offline-search';
import { PhoneStatus } from '../phone/phone-status';
import { TopBarMenu } from './top-bar-menu';
import { UpdateIndicator } from './update-indicator';

/** Below this width the less frequent controls fold into one "More" menu, so nothing wraps or is cut off. */
export const COMPACT_TOP_BAR = '(max-width: 1279px)';

export type ShellView = 'inbox' | 'supervisor' | 'knowledge';

export interface TopBarProps {
  view: ShellView;
  canSupervise: boolean;
  /** Admins manage the knowledge base. */
  canManageKb?: boolean;
  onToggleView(): void;
  onToggleKb?(): void;
}

/** The one-line top bar: who and where the agent is on the left, what they do rarely on the right. */
export function TopBar({ view, canSupervise, canManageKb = false, onToggleView, onToggleKb }: TopBarProps) {
  const { t } = useTranslation();
  const agent = useAppStore((s) => s.agent);
  const setOverlay = useAppStore((s) => s.setOverlay);
  const compact = useMediaQuery(COMPACT_TOP_BAR);
  const viewLabel = view === 'supervisor' ? t('shell.inbox') : t('shell.supervisor');
  const kbLabel = view === 'knowledge' ? t('shell.inbox') : t('kb.admin_open');
  return (
    <header className={`topbar${compact ? ' topbar-compact' : ''}`} data-testid="topbar">
      <h1 className="brand">
        {t('app.brand')}
        <span className="brand-tagline"> {t('app.tagline')}</span>
      </h1>
      <div className="topbar-status">
        <ConnectionBadge />
        <UpdateIndicator />
        <PhoneStatus />
      </div>
      <OfflineSearch />
      <div className="topbar-agent">
        <span className="agent" data-testid="agent-name" data-state={agent?.state}>
          {agent?.displayName}
          <span className="visually-hidden"> · {agent ? t(`state.${agent.state}`) : ''}</span>
        </span>
        <AgentStateSelector />
      </div>
      {compact ? (
        <TopBarMenu
          items={[
            { id: 'shortcuts', label: t('shortcuts.button'), testId: 'open-shortcuts', run: () => setOverlay('shortcuts') },
            { id: 'settings', label: t('settings.open'), testId: 'open-settings', run: () => setOverlay('settings') },
            ...(canSupervise ? [{ id: 'view', label: viewLabel, testId: 'open-supervisor', run: onToggleView }] : []),
            ...(canManageKb && onToggleKb ? [{ id: 'kb', label: kbLabel, testId: 'open-kb-admin', run: onToggleKb }] : []),
            { id: 'logout', label: t('shell.logout'), run: () => void logout() },
          ]}
        >
          <LanguageSwitcher />
        </TopBarMenu>
      ) : (
        <div className="topbar-actions">
          <LanguageSwitcher />
          <button className="secondary icon-button" onClick={() => setOverlay('shortcuts')} aria-keyshortcuts="?" title={t('shortcuts.button')} data-testid="open-shortcuts">
            <span aria-hidden="true">?</span>
            <span className="visually-hidden">{t('shortcuts.button')}</span>
          </button>
          <button className="secondary icon-button" onClick={() => setOverlay('settings')} title={t('settings.open')} data-testid="open-settings">
            <span aria-hidden="true">⚙</span>
            <span className="visually-hidden">{t('settings.open')}</span>
          </button>
          {canSupervise && (
            <button className="secondary" aria-pressed={view === 'supervisor'} data-testid="open-supervisor" onClick={onToggleView}>
              {viewLabel}
            </button>
          )}
          {canManageKb && onToggleKb && (
            <button className="secondary" aria-pressed={view === 'knowledge'} data-testid="open-kb-admin" onClick={onToggleKb}>
              {kbLabel}
            </button>
          )}
          <button className="secondary" onClick={() => void logout()}>
            {t('shell.logout')}
          </button>
        </div>
      )}
    </header>
  );
}
