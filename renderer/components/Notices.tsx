import { useDesk } from '../store-context';

/**
 * The top-right stack. A failure stays until dismissed and links to its job. Only
 * failures carry the "notice" test id, so a success a moment earlier never makes the
 * failure's notice ambiguous.
 */
export function Notices() {
  const notices = useDesk((s) => s.notices);
  const dismiss = useDesk((s) => s.dismissNotice);
  const openJob = useDesk((s) => s.openJob);
  if (notices.length === 0) return null;
  return (
    <section className="notices" aria-label="Notices">
      {notices.map((n) => (
        <div
          key={n.id}
          className={`notice notice-${n.tone}`}
          data-testid={n.tone === 'error' ? 'notice' : 'notice-success'}
          data-tone={n.tone}
          role={n.tone === 'error' ? 'alert' : 'status'}
        >
          <p className="notice-message">{n.message}</p>
          <div className="notice-actions">
            {n.jobId && (
              <button
                type="button"
                className="button small"
                onClick={() => {
                  dismiss(n.id);
                  openJob(n.jobId!);
                }}
              >
                Open job
              </button>
            )}
            <button type="button" className="icon-button" aria-label="Dismiss" title="Dismiss" onClick={() => dismiss(n.id)}>
              ×
            </button>
          </div>
        </div>
      ))}
    </section>
  );
}
