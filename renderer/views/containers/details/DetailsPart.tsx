import type { ReactNode } from 'react';
import type { DeskErrorShape } from '../../../../shared/errors';
import { ErrorBlock } from '../../../components/ErrorBlock';

/** One part of a container's details; a part runsc could not read shows its own error. */
export function DetailsPart<T>(props: {
  title: string;
  value: T | null;
  error: DeskErrorShape | null;
  children: (value: T) => ReactNode;
}) {
  const { title, value, error, children } = props;
  return (
    <section className="details-part">
      <h3>{title}</h3>
      {value !== null ? (
        children(value)
      ) : error ? (
        <ErrorBlock error={error} />
      ) : (
        <p className="muted small">Not available.</p>
      )}
    </section>
  );
}
