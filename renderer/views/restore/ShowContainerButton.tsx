import { useDesk } from '../../store-context';

/** Once the restore succeeded: the container it brought back, in Containers. */
export function ShowContainerButton({ jobId }: { jobId: string }) {
  const succeeded = useDesk((s) => s.jobs.find((j) => j.id === jobId)?.status === 'succeeded');
  const show = useDesk((s) => s.showRestoredContainer);
  if (!succeeded) return null;
  return (
    <button type="button" className="button primary" onClick={show}>
      Show container
    </button>
  );
}
