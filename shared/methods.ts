// The name of every DeskApi call: the one list each transport builds its client from
// (IPC channels, the preload bridge, the HTTP client, the helper). schemas.ts holds one
// request schema per name, and the type checker keeps the two lists in step. The names
// live apart from the schemas so the renderer, which needs only the names, does not
// carry zod and every schema in the bundle that paints the first screen.
export const DESK_METHODS = [
  'getOverview',
  'listContainers',
  'getContainer',
  'startDemo',
  'stopContainer',
  'addRoot',
  'removeRoot',
  'getSettings',
  'planCheckpoint',
  'checkpoint',
  'getJob',
  'getJobLog',
  'listJobs',
  'cancelJob',
  'listJobFiles',
  'getJobFile',
  'compareJobs',
  'exportJobReport',
  'getJobReport',
  'listDirectory',
  'listImages',
  'inspectImage',
  'addImageDir',
  'removeImageDir',
  'planRestore',
  'restore',
  'deleteImage',
  'listHosts',
  'addHost',
  'removeHost',
  'testHost',
  'planMigrate',
  'migrate',
  'updateSettings',
] as const;

export type DeskMethod = (typeof DESK_METHODS)[number];
