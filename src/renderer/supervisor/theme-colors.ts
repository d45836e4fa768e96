import { useEffect, useState } from 'react';

/** The app theme's colours a chart draws with; read from the CSS variables so charts follow light/dark. */
export interface ThemeColors {
  text: string;
  muted: string;
  border: string;
  panel: string;
  danger: string;
  ok: string;
}

const FALLBACK: ThemeColors = { text: '#1f2933', muted: '#52606d', border: '#d9dee4', panel: '#ffffff', danger: '#b91c1c', ok: '#166534' };

function readColors(): ThemeColors {
  const style = getComputedStyle(document.documentElement);
  const get = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    text: get('--text', FALLBACK.text),
    muted: get('--muted', FALLBACK.muted),
    border: get('--border', FALLBACK.border),
    panel: get('--panel', FALLBACK.panel),
    danger: get('--danger', FALLBACK.danger),
    ok: get('--ok', FALLBACK.ok),
  };
}

/** The current theme colours; changes when the agent picks a theme or the OS switches light/dark. */
export function useThemeColors(): ThemeColors {
  const [colors, setColors] = useState<ThemeColors>(() => (typeof document === 'undefined' ? FALLBACK : readColors()));
  useEffect(() => {
    const update = () => setColors((old) => {
      const next = readColors();
      return JSON.stringify(next) === JSON.stringify(old) ? old : next;
    });
    update();
    const observer = new MutationObserver(update);
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme', 'class', 'style'] });
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    media.addEventListener('change', update);
    return () => {
      observer.disconnect();
      media.removeEventListener('change', update);
    };
  }, []);
  return colors;
}
