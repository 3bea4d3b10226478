// The application menu. Its commands go to the focused window's page as MenuCommands;
// the page decides what each means (renderer/lib/desktop.ts), as a keyboard shortcut
// would. Editing and window roles stay Electron's, so copy and paste keep working.
import type { MenuCommand } from '../../shared/shell-api';

/** The shape Menu.buildFromTemplate takes, narrowed to what this menu uses. */
export interface MenuItemTemplate {
  label?: string;
  role?: string;
  type?: 'separator';
  accelerator?: string;
  click?: () => void;
  submenu?: MenuItemTemplate[];
}

export const VIEW_ITEMS: { command: MenuCommand; label: string; key: string }[] = [
  { command: 'view:containers', label: 'Containers', key: '1' },
  { command: 'view:images', label: 'Images', key: '2' },
  { command: 'view:jobs', label: 'Jobs', key: '3' },
  { command: 'view:runtime', label: 'Runtime', key: '4' },
  { command: 'view:settings', label: 'Settings', key: '5' },
];

export function appMenuTemplate(send: (command: MenuCommand) => void): MenuItemTemplate[] {
  const item = (label: string, accelerator: string, command: MenuCommand): MenuItemTemplate => ({ label, accelerator, click: () => send(command) });
  return [
    {
      label: 'File',
      submenu: [item('Refresh', 'CmdOrCtrl+R', 'refresh'), item('Settings…', 'CmdOrCtrl+,', 'view:settings'), { type: 'separator' }, { role: 'quit' }],
    },
    {
      label: 'Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
        { type: 'separator' },
        item('Find in Log', 'CmdOrCtrl+F', 'find'),
      ],
    },
    {
      label: 'View',
      submenu: [
        ...VIEW_ITEMS.map(({ command, label, key }) => item(label, `CmdOrCtrl+${key}`, command)),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { label: 'Window', submenu: [{ role: 'minimize' }, { role: 'close' }] },
  ];
}
