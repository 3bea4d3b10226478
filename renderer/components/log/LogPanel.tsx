import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import { FIND_IN_LOG_EVENT } from '../../lib/desktop';
import { RowMap } from '../../logs/log-folds';
import { matchIndex, stepMatch, type Match } from '../../logs/log-search';
import { useJobLog } from '../../logs/use-job-log';
import { LogActions } from './LogActions';
import { LogRow, ROW_HEIGHT } from './LogRow';
import { LogSearchBox } from './LogSearchBox';

const estimateSize = () => ROW_HEIGHT;
const fmt = (n: number) => n.toLocaleString('en-US');

/** Whether Ctrl/Cmd+F belongs to this panel: on screen, and not behind another modal. */
function ownsFind(panel: HTMLElement): boolean {
  const rect = panel.getBoundingClientRect();
  if (rect.bottom < 0 || rect.top > window.innerHeight) return false;
  const modals = document.querySelectorAll('[aria-modal="true"]');
  const top = modals[modals.length - 1];
  return !top || top.contains(panel);
}

/**
 * A job's log: virtualized (only the rows in view are in the DOM), fed from a bounded
 * buffer outside React state, safe with very long lines. Follows the end until the
 * person scrolls up; searches with Enter / Shift+Enter; copies and downloads the
 * whole log, reading it again from the service when the buffer dropped its start.
 * Go stacks on stderr are folded to their first line and first gVisor frame.
 */
export function LogPanel({
  jobId,
  fileName,
  className,
  lineClass,
  jump,
}: {
  jobId: string;
  fileName: string;
  className?: string;
  /** A class for a row, by its text: runsc's debug logs mark glog's E and W lines. */
  lineClass?: (text: string) => string | null;
  /** A toolbar button that brings the first line passing `test` into view ("First error"). */
  jump?: { label: string; test: (text: string) => boolean };
}) {
  const { buffer, version, loading, error } = useJobLog(jobId);
  const [jumpNote, setJumpNote] = useState('');
  const [follow, setFollow] = useState(true);
  const [wrap, setWrap] = useState(false);
  const [timestamps, setTimestamps] = useState(false);
  const [query, setQuery] = useState('');
  const [current, setCurrent] = useState<Match | null>(null);
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(() => new Set());
  /** Stacks the person opened, by the offset of their first line. */
  const [openFolds, setOpenFolds] = useState<ReadonlySet<number>>(() => new Set());
  /** A line to bring into view once the rows changed: a match in a stack just opened, or its first line. */
  const pendingScroll = useRef<{ line: number; align: 'center' | 'start' } | null>(null);

  const panelRef = useRef<HTMLElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const lastScroll = useRef({ top: 0, height: 0 });
  const prevStart = useRef(buffer.start);

  const needle = query.toLowerCase();
  // The log engine searches (off this thread where it has a worker); its answer comes
  // with a later snapshot, and until then the count says it is searching.
  useEffect(() => buffer.search(query), [buffer, query]);
  const answered = buffer.answers(query);
  const noMatches = useMemo(() => [] as Match[], []);
  // `version` is the view's change counter: new lines mean new matches.
  const matches = useMemo(() => (answered ? buffer.matches : noMatches), [buffer, version, answered, noMatches]);

  const folds = useMemo(() => buffer.folds, [buffer, version]);
  const foldAt = useMemo(() => new Map(folds.map((f) => [f.start, f])), [folds]);
  const rows = useMemo(
    () => new RowMap(buffer.start, buffer.length, folds.filter((f) => !openFolds.has(f.start))),
    [buffer, version, folds, openFolds],
  );

  const getItemKey = useCallback((i: number) => rows.offsetAt(i), [rows]);
  const virtualizer = useVirtualizer({
    count: rows.count,
    getScrollElement: () => scrollRef.current,
    estimateSize,
    getItemKey,
    overscan: 12,
    // Before the first layout (and in tests without layout) assume a usual viewport.
    initialRect: { width: 800, height: 360 },
  });
  const totalSize = virtualizer.getTotalSize();
  const items = virtualizer.getVirtualItems();

  // Only the rows in view come from the engine: say which, after every render that moved them.
  const firstShown = items.length ? rows.offsetAt(Math.min(items[0]!.index, rows.count - 1)) : buffer.start;
  const lastShown = items.length ? rows.offsetAt(Math.min(items[items.length - 1]!.index, rows.count - 1)) + 1 : buffer.start + 60;
  useEffect(() => buffer.show(firstShown, lastShown, follow), [buffer, firstShown, lastShown, follow]);

  useEffect(() => {
    virtualizer.measure();
  }, [wrap, virtualizer]);

  // The buffer dropped its oldest lines: keep the rows in view where they were.
  useLayoutEffect(() => {
    const dropped = buffer.start - prevStart.current;
    prevStart.current = buffer.start;
    const el = scrollRef.current;
    if (dropped > 0 && !follow && el) el.scrollTop = Math.max(0, el.scrollTop - dropped * ROW_HEIGHT);
  }, [version, buffer, follow]);

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (follow && el) el.scrollTop = el.scrollHeight;
  }, [follow, version, totalSize]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.key.toLowerCase() !== 'f') return;
      const panel = panelRef.current;
      if (!panel || !ownsFind(panel)) return;
      e.preventDefault();
      searchRef.current?.focus();
      searchRef.current?.select();
    };
    // The desktop shell's menu takes Ctrl+F before the page sees it, and says so instead.
    const onMenuFind = () => {
      const panel = panelRef.current;
      if (!panel || !ownsFind(panel)) return;
      searchRef.current?.focus();
      searchRef.current?.select();
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener(FIND_IN_LOG_EVENT, onMenuFind);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener(FIND_IN_LOG_EVENT, onMenuFind);
    };
  }, []);

  /** The log offset of the top row in view, where a new search starts. */
  const topOffset = () => {
    const top = virtualizer.getVirtualItems()[0]?.index ?? 0;
    return rows.count ? rows.offsetAt(Math.min(top, rows.count - 1)) : buffer.start;
  };

  const goTo = useCallback(
    (m: Match | null) => {
      setCurrent(m);
      if (!m) return;
      setFollow(false);
      const hiding = rows.hiding(m.line);
      if (hiding) {
        pendingScroll.current = { line: m.line, align: 'center' };
        setOpenFolds((prev) => new Set(prev).add(hiding.start));
        return;
      }
      virtualizer.scrollToIndex(rows.rowOf(m.line), { align: 'center' });
    },
    [virtualizer, rows],
  );

  useLayoutEffect(() => {
    const pending = pendingScroll.current;
    if (pending === null || rows.hiding(pending.line)) return;
    pendingScroll.current = null;
    virtualizer.scrollToIndex(rows.rowOf(pending.line), { align: pending.align });
  }, [rows, virtualizer]);

  // A new query jumps to its first match at or below the top row in view.
  useEffect(() => {
    if (!needle) {
      setCurrent(null);
      return;
    }
    if (!answered) return;
    const first = stepMatch(matches, null, 1, topOffset());
    if (first) goTo(first);
    else setCurrent(null);
    // When the query's answer arrives; new lines must not move the view.
  }, [needle, answered]);

  const onStep = (dir: 1 | -1) => {
    goTo(stepMatch(matches, current, dir, topOffset()));
  };

  const onToggle = useCallback((offset: number) => {
    setExpanded((prev) => {
      const next = new Set(prev);
      if (!next.delete(offset)) next.add(offset);
      return next;
    });
  }, []);

  // Opening or closing a stack keeps its first line where the person clicked, not at the end.
  const onFold = useCallback((offset: number) => {
    setFollow(false);
    pendingScroll.current = { line: offset, align: 'start' };
    setOpenFolds((prev) => {
      const next = new Set(prev);
      if (!next.delete(offset)) next.add(offset);
      return next;
    });
  }, []);

  const onScroll = () => {
    const el = scrollRef.current;
    if (!el) return;
    // Upward with the same content height: the person scrolled, not the log growing or trimming.
    if (follow && el.scrollTop < lastScroll.current.top - 1 && el.scrollHeight === lastScroll.current.height) {
      setFollow(false);
    }
    lastScroll.current = { top: el.scrollTop, height: el.scrollHeight };
  };

  const total = Math.max(buffer.total, buffer.end);
  // The line-number column fits the largest number, so text never shifts past 99,999.
  const gutter = `${String(total).length + 1}ch`;
  const position = matchIndex(matches, current) + 1;
  const currentLine = current?.line ?? -1;

  return (
    <section
      ref={panelRef}
      className={className ? `log-panel ${className}` : 'log-panel'}
      data-testid="log-panel"
      aria-label="Log"
    >
      <div className="log-toolbar">
        <LogSearchBox
          inputRef={searchRef}
          query={query}
          onQuery={(q) => {
            // Asked at the keystroke, not a render later: the engine answers sooner.
            buffer.search(q);
            setQuery(q);
          }}
          onStep={onStep}
          position={position}
          count={matches.length}
          capped={answered && buffer.capped}
          searching={!answered}
        />
        <div className="log-toggles" role="group" aria-label="Log view">
          <button type="button" className="button small" aria-pressed={timestamps} onClick={() => setTimestamps(!timestamps)}>
            Timestamps
          </button>
          <button type="button" className="button small" aria-pressed={wrap} onClick={() => setWrap(!wrap)}>
            Wrap
          </button>
          <button
            type="button"
            className="button small"
            aria-pressed={follow}
            title="Keep the newest line in view"
            onClick={() => setFollow(true)}
          >
            Follow
          </button>
        </div>
        {jump && (
          <button
            type="button"
            className="button small"
            disabled={buffer.length === 0}
            onClick={() => {
              let i = 0;
              while (i < buffer.length && !jump.test(buffer.at(i)!.text)) i++;
              setJumpNote(i < buffer.length ? '' : buffer.trimmed ? 'None in the lines kept here' : 'None');
              if (i < buffer.length) goTo({ line: buffer.start + i, start: 0, length: 0 });
            }}
          >
            {jump.label}
          </button>
        )}
        {jumpNote && (
          <span className="small muted" role="status">
            {jumpNote}
          </span>
        )}
        <LogActions jobId={jobId} fileName={fileName} empty={total === 0} />
        <span className="log-count small muted" data-testid="log-count">
          {buffer.trimmed ? `last ${fmt(buffer.length)} of ${fmt(total)} lines` : `${fmt(total)} ${total === 1 ? 'line' : 'lines'}`}
        </span>
      </div>
      {(error || buffer.trimmed) && (
        <p className="log-note small muted" role="status">
          {error
            ? `Could not read the log: ${error}`
            : `Lines 1–${fmt(buffer.start)} are not kept in this window; Copy all and Download read them again.`}
        </p>
      )}
      <div
        ref={scrollRef}
        className={wrap ? 'log-viewport wrap' : 'log-viewport'}
        style={{ '--gutter': gutter } as CSSProperties}
        tabIndex={0}
        role="log"
        aria-live="off"
        aria-label="Log lines"
        onScroll={onScroll}
        onWheel={(e) => e.deltaY < 0 && follow && setFollow(false)}
        onKeyDown={(e) => {
          if (['ArrowUp', 'PageUp', 'Home'].includes(e.key)) setFollow(false);
          else if (e.key === 'End') setFollow(true);
        }}
      >
        {buffer.length === 0 ? (
          <p className="log-empty muted">{loading ? 'Loading the log…' : 'No output yet.'}</p>
        ) : (
          <div className="log-canvas" style={{ height: totalSize }}>
            {items.map((item) => {
              const offset = rows.offsetAt(item.index);
              const line = buffer.at(offset - buffer.start);
              if (!line) return null;
              const fold = foldAt.get(offset);
              const open = fold !== undefined && openFolds.has(offset);
              const mark = lineClass?.(line.text);
              const row = (
                <LogRow
                  key={item.key}
                  line={line}
                  offset={offset}
                  index={item.index}
                  top={item.start}
                  timestamps={timestamps}
                  needle={needle}
                  current={offset === currentLine ? current!.start : null}
                  expanded={expanded.has(offset)}
                  onToggle={onToggle}
                  measure={wrap ? virtualizer.measureElement : undefined}
                  fold={fold && { lines: fold.hidden, open }}
                  onFold={onFold}
                  foldFrame={rows.isFoldFrame(offset)}
                />
              );
              // display: contents keeps the row's own box (absolutely placed, measured) as it is.
              return mark ? (
                <div key={item.key} className={mark} style={{ display: 'contents' }}>
                  {row}
                </div>
              ) : (
                row
              );
            })}
          </div>
        )}
      </div>
    </section>
  );
}
