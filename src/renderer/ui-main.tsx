import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './components/app';
import { initI18n } from './i18n/i18n';
import { applyTheme } from './lib/prefs';
import { bindHostEvents, refreshFromHost } from './store/actions';
import { useAppStore } from './store/app-store';
import { bindPhone } from './store/phone-actions';

applyTheme(useAppStore.getState().prefs.theme);
await initI18n(useAppStore.getState().language);
bindHostEvents();
bindPhone();
void refreshFromHost();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
