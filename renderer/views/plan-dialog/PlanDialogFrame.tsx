import type { ReactNode, RefObject } from 'react';
import { Modal } from '../../components/Modal';
import { JobLiveView } from './JobLiveView';

/**
 * The modal around a plan-then-submit dialog: its title and Close, then the form
 * until a job started, the live job after. `frameKey` remounts it for another target.
 */
export function PlanDialogFrame(props: {
  frameKey: string;
  titleId: string;
  title: ReactNode;
  className: string;
  initialFocus: RefObject<HTMLElement | null>;
  onClose: () => void;
  /** Said under the title. */
  subtitle?: ReactNode;
  jobId: string | null;
  /** Beside Close once the job ended. */
  jobActions?: (jobId: string) => ReactNode;
  /** The form; shown until the submit started a job. */
  children: ReactNode;
}) {
  const { titleId, onClose, jobId } = props;
  return (
    <Modal key={props.frameKey} labelledBy={titleId} onClose={onClose} className={props.className} initialFocus={props.initialFocus}>
      <header className="modal-head">
        <h2 id={titleId}>{props.title}</h2>
        <button type="button" className="icon-button" aria-label="Close" title="Close (Esc)" onClick={onClose}>
          ×
        </button>
      </header>
      {props.subtitle}
      {jobId ? <JobLiveView jobId={jobId} onClose={onClose} actions={props.jobActions?.(jobId)} /> : props.children}
    </Modal>
  );
}
