import { Menu, nativeImage, Tray, type MenuItemConstructorOptions, type NativeImage } from 'electron';
import type { TrayAction, TrayMenuEntry, TrayModel } from './tray-menu-model';

export type TrayIconSet = Record<TrayModel['icon'], string>;

/** The tray icon and its menu, drawn from the tested model. */
export function createAppTray(icons: TrayIconSet, onAction: (action: TrayAction) => void, onClick: () => void) {
  const images = new Map<string, NativeImage>();
  const image = (state: TrayModel['icon']): NativeImage => {
    let cached = images.get(state);
    if (!cached) images.set(state, (cached = nativeImage.createFromPath(icons[state])));
    return cached;
  };
  const tray = new Tray(image('signed_out'));
  tray.on('click', onClick);

  const toItems = (entries: TrayMenuEntry[]): MenuItemConstructorOptions[] =>
    entries.map((entry): MenuItemConstructorOptions => {
      switch (entry.type) {
        case 'separator':
          return { type: 'separator' };
        case 'label':
          return { label: entry.label, enabled: false };
        case 'submenu':
          return { label: entry.label, submenu: toItems(entry.entries) };
        case 'radio':
          return { type: 'radio', label: entry.label, checked: entry.checked, click: () => onAction(entry.action) };
        case 'item':
          return { label: entry.label, click: () => onAction(entry.action) };
      }
    });

  return {
    render(model: TrayModel): void {
      tray.setImage(image(model.icon));
      tray.setToolTip(model.tooltip);
      tray.setContextMenu(Menu.buildFromTemplate(toItems(model.entries)));
    },
    destroy: () => tray.destroy(),
  };
}
