import type { ImageState } from '../../shared/images';

/** An image's state: complete green, partial orange, unreadable red. The reason goes beside it, not in a tooltip. */
export function ImageStateBadge({ state }: { state: ImageState }) {
  return (
    <span className={`badge image-${state}`} data-state={state}>
      {state}
    </span>
  );
}
