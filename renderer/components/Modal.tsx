import { useEffect, useRef, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import { createPortal } from 'react-dom';

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

function focusables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => !el.closest('[inert]'));
}

/**
 * A modal dialog: focus moves in and stays in (Tab wraps), Esc closes, and focus goes
 * back to what opened it. Portalled to <body>, so a modal opened from inside another
 * one stacks above it; React events still bubble through the React tree, which lets
 * the inner one stop Esc and Tab before the outer one sees them.
 */
export function Modal(props: {
  labelledBy: string;
  onClose: () => void;
  className?: string;
  /** Gets the focus on open; otherwise the first focusable element. */
  initialFocus?: RefObject<HTMLElement | null>;
  children: ReactNode;
}) {
  const { labelledBy, onClose, className, initialFocus, children } = props;
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    const dialog = ref.current;
    const target = initialFocus?.current ?? (dialog ? focusables(dialog)[0] : undefined) ?? dialog;
    target?.focus();
    return () => {
      // The opener may be gone (a row re-rendered away); then the body keeps it.
      if (opener?.isConnected) opener.focus();
    };
    // Only on open and close: the opener is whatever had focus at that moment.
  }, []);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Escape') {
      // preventDefault tells document-level Esc handlers (the side panels) it is taken.
      e.preventDefault();
      e.stopPropagation();
      onClose();
      return;
    }
    if (e.key !== 'Tab' || !ref.current) return;
    e.stopPropagation();
    const items = focusables(ref.current);
    if (items.length === 0) {
      e.preventDefault();
      return;
    }
    const first = items[0]!;
    const last = items[items.length - 1]!;
    const active = document.activeElement;
    if (e.shiftKey && (active === first || active === ref.current)) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && active === last) {
      e.preventDefault();
      first.focus();
    }
  };

  return createPortal(
    // mousedown on the backdrop would move focus to <body>, out of reach of Esc and Tab.
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && e.preventDefault()}>
      <div
        ref={ref}
        role="dialog"
        aria-modal="true"
        aria-labelledby={labelledBy}
        tabIndex={-1}
        className={className ? `modal ${className}` : 'modal'}
        onKeyDown={onKeyDown}
      >
        {children}
      </div>
    </div>,
    document.body,
  );
}
