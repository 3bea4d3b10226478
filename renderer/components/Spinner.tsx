/** Decorative: the busy state is announced by the disabled control and aria-busy. */
export function Spinner() {
  return <span className="spinner" aria-hidden="true" />;
}
