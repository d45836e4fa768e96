import { Notification } from 'electron';
import type { ShellStringKey, Translate } from './i18n/translate';
import type { NotificationRequest } from './shell-service';

/** Notifications the shell itself writes (not about a contact): updates, the phone, shortcuts. */
export interface ShellNotice {
  title: ShellStringKey;
  body: ShellStringKey;
  vars?: Record<string, string>;
}

/**
 * Native notifications. Notifications are kept referenced until closed: one that is garbage
 * collected loses its click handler.
 */
export function createNotifier(
  icon: string,
  translate: () => Translate,
  onContactClick: (request: NotificationRequest) => void,
  onShown: (title: string, body: string, click: () => void) => void = () => {},
) {
  const live = new Set<Notification>();
  const show = (title: string, body: string, onClick?: () => void): void => {
    const notification = new Notification({ title, body: body.slice(0, 240), icon, silent: false });
    const click = (): void => onClick?.();
    live.add(notification);
    notification.on('click', click);
    onShown(title, body, click);
    notification.on('close', () => live.delete(notification));
    notification.show();
  };
  return {
    supported: (): boolean => Notification.isSupported(),
    contact(request: NotificationRequest): void {
      const t = translate();
      show(t(`notification.${request.kind}.title`, { subject: request.subject }), request.preview, () => onContactClick(request));
    },
    notice(notice: ShellNotice, onClick?: () => void): void {
      if (!Notification.isSupported()) return;
      const t = translate();
      show(t(notice.title, notice.vars), t(notice.body, notice.vars), onClick);
    },
  };
}
