import { useTranslation } from 'react-i18next';

export const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'] as const;

/** Twelve phone keys as buttons; each is a normal button, so Tab and Enter work. */
export function Keypad({ onKey, label, testId }: { onKey: (key: string) => void; label: string; testId: string }) {
  const { t } = useTranslation();
  return (
    <div
      className="keypad"
      role="group"
      aria-label={label}
      data-testid={testId}
      // Typing a digit while a key has focus presses that key: agents type numbers faster than they click.
      onKeyDown={(event) => {
        if (!/^[0-9*#]$/.test(event.key) || event.ctrlKey || event.altKey || event.metaKey) return;
        event.preventDefault();
        onKey(event.key);
      }}
    >
      {KEYS.map((key) => (
        <button key={key} type="button" className="secondary" onClick={() => onKey(key)} aria-label={t('phone.key', { key })}>
          {key}
        </button>
      ))}
    </div>
  );
}
