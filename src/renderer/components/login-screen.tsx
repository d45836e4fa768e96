import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { login } from '../store/actions';
import type { AppError } from '../../shared/result';
import { LanguageSwitcher } from './language-switcher';
import { openPhoneWindow } from '../phone/link/ui-phone-link';
import { useAppStore } from '../store/app-store';

export function LoginScreen() {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // Opened from this click, the only moment a browser allows a pop-up; never over a live phone page.
    if (!useAppStore.getState().phoneAvailable) openPhoneWindow();
    setBusy(true);
    setError(await login(username, password));
    setBusy(false);
  };

  return (
    <main className="login">
      <form className="login-card" onSubmit={(e) => void submit(e)} aria-labelledby="login-title">
        <h1 id="login-title">{t('app.name')}</h1>
        <h2>{t('login.title')}</h2>
        <label>
          {t('login.username')}
          <input name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required autoFocus />
        </label>
        <label>
          {t('login.password')}
          <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        </label>
        {error && (
          <p role="alert" className="error">
            {t(`error.${error.code}`, { message: error.message })}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? t('login.busy') : t('login.submit')}
        </button>
        <p className="hint">{t('login.hint')}</p>
        <LanguageSwitcher />
      </form>
    </main>
  );
}
