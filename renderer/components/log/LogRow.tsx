import { memo } from 'react';
import type { LogLine } from '../../../shared/jobs';
import { plainText } from '../../logs/ansi';
import { highlight } from './highlight';

/** One row's height when lines do not wrap: 12 px mono at 1.5. */
export const ROW_HEIGHT = 18;
/** Past this, a line shows its start and a toggle; laying out megabytes would freeze the window. */
export const LINE_LIMIT = 2000;

const MARKER: Record<LogLine['stream'], string> = { stdout: 'out', stderr: 'err', desk: 'desk' };

const clock = (t: number) => {
  const d = new Date(t);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}.${String(d.getMilliseconds()).padStart(3, '0')}`;
};

export interface LogRowProps {
  line: LogLine;
  /** Offset in the whole log; the number shown is this plus one. */
  offset: number;
  /** Position in the virtual list, for the virtualizer's measuring. */
  index: number;
  top: number;
  timestamps: boolean;
  needle: string;
  /** Start of the current match, when it is on this line. */
  current: number | null;
  expanded: boolean;
  onToggle: (offset: number) => void;
  measure?: (el: HTMLElement | null) => void;
  /** On the first line of a Go stack: how many lines it folds, and whether it is open. */
  fold?: { lines: number; open: boolean };
  onFold?: (offset: number) => void;
  /** The first gVisor frame of a closed stack, shown in its place. */
  foldFrame?: boolean;
}

export const LogRow = memo(function LogRow(props: LogRowProps) {
  const { line, offset, index, top, timestamps, needle, current, expanded, onToggle, measure, fold, onFold, foldFrame } = props;
  const text = plainText(line.text);
  const long = text.length > LINE_LIMIT;
  // A current match past the cut is shown whole, or Enter would jump to nothing.
  const whole = expanded || (current !== null && current + needle.length > LINE_LIMIT);
  const shown = long && !whole ? text.slice(0, LINE_LIMIT) : text;
  const iso = new Date(line.t).toISOString();
  return (
    <div
      ref={measure}
      data-index={index}
      data-testid="log-line"
      data-stream={line.stream}
      className={`log-row stream-${line.stream}${fold ? ' log-fold-head' : ''}${foldFrame ? ' log-fold-frame' : ''}`}
      data-fold={fold ? (fold.open ? 'open' : 'closed') : undefined}
      style={{ transform: `translateY(${top}px)` }}
    >
      <span className="log-no" aria-hidden="true">
        {offset + 1}
      </span>
      {timestamps && (
        <time className="log-time" dateTime={iso} title={iso}>
          {clock(line.t)}
        </time>
      )}
      <span className="log-stream" title={line.stream}>
        {MARKER[line.stream]}
      </span>
      <span className="log-text">
        {highlight(shown, needle, current)}
        {long && (
          <>
            {!whole && '…'}{' '}
            <button type="button" className="log-more" onClick={() => onToggle(offset)}>
              {whole ? 'show less' : `show all ${text.length.toLocaleString('en-US')} characters`}
            </button>
          </>
        )}
        {fold && (
          <>
            {' '}
            <button type="button" className="log-more" aria-expanded={fold.open} onClick={() => onFold?.(offset)}>
              {fold.open ? `Hide ${fold.lines.toLocaleString('en-US')} lines` : `Show ${fold.lines.toLocaleString('en-US')} lines`}
            </button>
          </>
        )}
      </span>
    </div>
  );
});
