import { useDesk } from '../store-context';
import { TasksIndicator } from './TasksIndicator';
import type { ViewName } from '../store';

const SECTIONS: { view: ViewName; label: string }[] = [
  { view: 'containers', label: 'Containers' },
  { view: 'images', label: 'Images' },
  { view: 'jobs', label: 'Jobs' },
  { view: 'runtime', label: 'Runtime' },
  { view: 'settings', label: 'Settings' },
];

export function Sidebar() {
  const current = useDesk((s) => s.view);
  const setView = useDesk((s) => s.setView);
  return (
    <nav className="sidebar" aria-label="Sections">
      <div className="brand">Checkpoint Desk</div>
      <ul>
        {SECTIONS.map(({ view, label }) => (
          <li key={view}>
            <button
              type="button"
              className="nav-item"
              aria-current={current === view ? 'page' : undefined}
              onClick={() => setView(view)}
            >
              {label}
            </button>
          </li>
        ))}
      </ul>
      <TasksIndicator />
    </nav>
  );
}
