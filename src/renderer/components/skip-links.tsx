import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import './skip-links.css';

const skipTo =
  (...selectors: string[]) =>
  (event: MouseEvent<HTMLAnchorElement>): void => {
    event.preventDefault();
    for (const selector of selectors) {
      const el = document.querySelector<HTMLElement>(selector);
      if (el) return el.focus();
    }
  };

/** The first stops of the Tab order: straight to the inbox or the conversation, past the top bar. */
export function SkipLinks() {
  const { t } = useTranslation();
  return (
    <nav className="skip-links" aria-label={t('skip.region')}>
      <a href="#inbox" onClick={skipTo('[data-testid="inbox"]')}>
        {t('skip.inbox')}
      </a>
      <a href="#composer" onClick={skipTo('#composer', '[data-testid="messages"]')}>
        {t('skip.conversation')}
      </a>
    </nav>
  );
}
