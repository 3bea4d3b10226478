// The shape of the renderer's one store. Each slice owns a part; actions live in it.
import type { DeskErrorShape } from '../../shared/errors';
import type { ContainerDetails, ContainerList, Overview, Settings } from '../../shared/model';
import type { RequestInput } from '../../shared/schemas';

export type ViewName = 'containers' | 'settings';
export interface ContainerRef {
  root: string;
  id: string;
}
export type Show = 'running' | 'all';
export interface ContainerFilter {
  /** Matched against id and bundle, case-insensitively. */
  search: string;
  show: Show;
}

/** Actions a person starts with a button; each has its own busy flag and error. */
export type ActionName = 'startDemo' | 'stopContainer' | 'addRoot' | 'removeRoot' | 'updateSettings';

export interface OverviewSlice {
  overview: Overview | null;
  overviewLoading: boolean;
  overviewError: DeskErrorShape | null;
  settings: Settings | null;
  settingsLoading: boolean;
  settingsError: DeskErrorShape | null;
  refreshOverview(): Promise<void>;
  loadSettings(): Promise<void>;
  addRoot(path: string, globalFlags: string[]): Promise<boolean>;
  removeRoot(path: string): Promise<boolean>;
  updateSettings(patch: RequestInput<'updateSettings'>): Promise<boolean>;
}

export interface ContainersSlice {
  containers: ContainerList | null;
  containersLoading: boolean;
  containersError: DeskErrorShape | null;
  filter: ContainerFilter;
  selected: ContainerRef | null;
  details: ContainerDetails | null;
  detailsLoading: boolean;
  detailsError: DeskErrorShape | null;
  refreshContainers(): Promise<void>;
  /** Takes a listing (from a refresh or the `containers:changed` event) unless a newer one is in. */
  applyContainerList(list: ContainerList): void;
  setFilter(patch: Partial<ContainerFilter>): void;
  /** Opens the details panel and reads the container; null closes it. */
  selectContainer(ref: ContainerRef | null): Promise<void>;
  startDemo(): Promise<boolean>;
  stopContainer(ref: ContainerRef): Promise<boolean>;
}

export interface UiSlice {
  view: ViewName;
  setView(view: ViewName): void;
}

export interface ActionsSlice {
  pending: Partial<Record<ActionName, boolean>>;
  actionErrors: Partial<Record<ActionName, DeskErrorShape | null>>;
  clearActionError(name: ActionName): void;
}

export type DeskState = OverviewSlice & ContainersSlice & UiSlice & ActionsSlice;
