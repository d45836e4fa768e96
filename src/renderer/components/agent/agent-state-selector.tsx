import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgentState } from '../../../shared/domain/agent';
import { awayReasons, setAgentState, type AwayReason } from '../../store/agent-actions';
import { useAppStore } from '../../store/app-store';
import './agent-state-selector.css';

interface Choice {
  value: string;
  state: AgentState;
  reason: AwayReason | null;
}

const choices: Choice[] = [
  { value: 'available', state: 'available', reason: null },
  { value: 'busy', state: 'busy', reason: null },
  ...awayReasons.map((reason): Choice => ({ value: `away:${reason}`, state: 'away', reason })),
  { value: 'offline', state: 'offline', reason: null },
];

/**
 * The agent's state as a menu button. Arrow keys only move within the open menu; the state changes
 * on Enter, Space or a click, never on the way through (a native select commits every arrow press,
 * so a keyboard user passed through Busy, Away and Offline, each one sent to the hub).
 */
export function AgentStateSelector() {
  const { t } = useTranslation();
  const state = useAppStore((s) => s.agent?.state ?? 'offline');
  const reason = useAppStore((s) => s.agent?.stateReason ?? null);
  const queued = useAppStore((s) => s.queuedState);
  const [open, setOpen] = useState(false);
  const [index, setIndex] = useState(0);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLUListElement>(null);
  const current = state === 'away' && reason ? `away:${reason}` : state;
  const label = (c: { state: AgentState; reason: string | null }) =>
    c.state === 'away' && c.reason ? t('agent.away_option', { reason: t(`away.${c.reason}`, { defaultValue: c.reason }) }) : t(`state.${c.state}`);

  useEffect(() => {
    if (open) menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitemradio"]')[index]?.focus();
  }, [open, index]);

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!menuRef.current?.contains(event.target as Node) && !buttonRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  const openMenu = () => {
    setIndex(Math.max(0, choices.findIndex((c) => c.value === current)));
    setOpen(true);
  };
  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) buttonRef.current?.focus();
  };
  const choose = (choice: Choice) => {
    close(true);
    if (choice.value !== current) void setAgentState(choice.state, choice.reason);
  };

  const onButtonKey = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      openMenu();
    }
  };
  const onMenuKey = (event: KeyboardEvent<HTMLUListElement>) => {
    const last = choices.length - 1;
    const moves: Record<string, number> = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: last };
    const next = moves[event.key];
    if (next !== undefined) {
      event.preventDefault();
      setIndex(next < 0 ? last : next > last ? 0 : next);
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      choose(choices[index]!);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close(true);
    } else if (event.key === 'Tab') {
      close(false);
    }
  };

  const shown = queued ? t('agent.queued_state', { state: label(queued) }) : label({ state, reason });
  return (
    <div className="agent-state">
      <button
        ref={buttonRef}
        type="button"
        className={`secondary state-button state-${queued?.state ?? state}`}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? 'agent-state-menu' : undefined}
        aria-label={t('agent.state_button', { state: shown })}
        onClick={() => (open ? close(true) : openMenu())}
        onKeyDown={onButtonKey}
        data-testid="agent-state"
        data-value={current}
        data-queued={queued ? `${queued.state}${queued.reason ? `:${queued.reason}` : ''}` : undefined}
      >
        <span className="state-dot" aria-hidden="true" />
        {shown}
      </button>
      {open && (
        <ul ref={menuRef} id="agent-state-menu" role="menu" aria-label={t('agent.state')} onKeyDown={onMenuKey} data-testid="agent-state-menu">
          {choices.map((c, i) => (
            <li
              key={c.value}
              role="menuitemradio"
              aria-checked={c.value === current}
              tabIndex={i === index ? 0 : -1}
              className={`state-${c.state}`}
              onClick={() => choose(c)}
              data-value={c.value}
            >
              <span className="state-dot" aria-hidden="true" />
              {label(c)}
            </li>
          ))}
          {state === 'after_call_work' && (
            <li role="none" className="muted state-note">
              {t('agent.in_after_call_work')}
            </li>
          )}
        </ul>
      )}
    </div>
  );
}
