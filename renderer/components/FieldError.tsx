import type { DeskErrorShape } from '../../shared/errors';

/** Whether the API blamed this field (`details.field`, dotted, e.g. "globalFlags.0"). */
export function blames(error: DeskErrorShape | null | undefined, field: string): boolean {
  const at = error?.details?.field;
  return typeof at === 'string' && (at === field || at.startsWith(`${field}.`));
}

/** The API's message, next to the field it names. */
export function FieldError({ id, error }: { id: string; error: DeskErrorShape }) {
  return (
    <p id={id} className="field-error" role="alert">
      {error.message}
    </p>
  );
}
