export { createDesk, type DeskOptions } from './desk';
export { dispatch } from './dispatch';
export type { DeskService, DeskHandlers } from './handlers';
