/**
 * Single-key shortcuts must not fire while the agent types into a field. A select is not one: it
 * takes no text, and treating it as one left j/k dead after the agent touched a filter.
 */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement) return true;
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(target.type);
}

/** A plain key press, as a shortcut expects: no Ctrl/Alt/Meta chord, not inside a field or an open dialog. */
export function isShortcutEvent(event: KeyboardEvent): boolean {
  if (event.ctrlKey || event.altKey || event.metaKey || event.defaultPrevented) return false;
  if (isTypingTarget(event.target)) return false;
  return document.querySelector('dialog[open]') === null;
}
