export { createDesk, type DeskOptions } from './create-desk';
export { dispatch } from './dispatch';
export type { DeskService, DeskHandlers } from './handlers';
