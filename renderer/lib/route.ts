// Addresses: each view, an open container, image or job has a hash route, so a reload
// stays where it was, Back goes back, and a job can be linked in a chat or a ticket.
// Hash, not path: the Electron shell loads a file, and the headless shell serves one page.
import type { ViewName } from '../state/types';

export type Route =
  | { view: 'containers'; container: { root: string; id: string } | null }
  | { view: 'images'; image: string | null }
  | { view: 'jobs'; job: string | null }
  | { view: 'runtime' }
  | { view: 'settings' };

const VIEWS: ViewName[] = ['containers', 'images', 'jobs', 'runtime', 'settings'];

/** `#/jobs/<id>`, `#/containers/<root>/<id>`, `#/images/<path>`; anything else (a token, nothing) is null. */
export function parseRoute(hash: string): Route | null {
  const text = hash.replace(/^#/, '');
  if (!text.startsWith('/')) return null;
  const [view, ...rest] = text.slice(1).split('/');
  if (!VIEWS.includes(view as ViewName)) return null;
  const parts = rest.filter((p) => p !== '').map(decode);
  if (parts.some((p) => p === null)) return null;
  const [first, second] = parts as string[];
  switch (view as ViewName) {
    case 'containers':
      return { view: 'containers', container: first && second ? { root: first, id: second } : null };
    case 'images':
      return { view: 'images', image: first ?? null };
    case 'jobs':
      return { view: 'jobs', job: first ?? null };
    case 'runtime':
      return { view: 'runtime' };
    default:
      return { view: 'settings' };
  }
}

export function routeHash(route: Route): string {
  switch (route.view) {
    case 'containers':
      return route.container ? `#/containers/${enc(route.container.root)}/${enc(route.container.id)}` : '#/containers';
    case 'images':
      return route.image ? `#/images/${enc(route.image)}` : '#/images';
    case 'jobs':
      return route.job ? `#/jobs/${enc(route.job)}` : '#/jobs';
    default:
      return `#/${route.view}`;
  }
}

/** The address of a job, for links and "Copy link". */
export const jobHash = (jobId: string) => routeHash({ view: 'jobs', job: jobId });

/** What the store shows now, as a route. */
export function currentRoute(state: {
  view: ViewName;
  selected: { root: string; id: string } | null;
  selectedImage: string | null;
  selectedJobId: string | null;
}): Route {
  switch (state.view) {
    case 'containers':
      return { view: 'containers', container: state.selected ? { root: state.selected.root, id: state.selected.id } : null };
    case 'images':
      return { view: 'images', image: state.selectedImage };
    case 'jobs':
      return { view: 'jobs', job: state.selectedJobId };
    default:
      return { view: state.view };
  }
}

// A root and an image path hold slashes: one segment each, percent-encoded.
const enc = (s: string) => encodeURIComponent(s);

function decode(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}
