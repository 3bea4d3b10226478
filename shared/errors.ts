// Errors that cross the DeskApi. Every one has a stable code, a message a person can
// act on, and optional details (runsc's own output, the field at fault, the argv).

export const ERROR_CODES = [
  'INVALID_INPUT',
  'NOT_FOUND',
  'UNSUPPORTED_OPTION',
  'IMAGE_EXISTS',
  'CONTAINER_NOT_RUNNING',
  'RUNSC_MISSING',
  'RUNSC_FAILED',
  'RUNSC_TIMEOUT',
  /** An image made by another runsc version than the one that would restore it. */
  'RUNSC_MISMATCH',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'PAYLOAD_TOO_LARGE',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** What a runsc failure carries, so the UI can show runsc's own words. */
export interface RunscFailureDetails {
  argv: string[];
  exitCode: number | null;
  signal: string | null;
  stderr: string;
  stdout?: string;
  diagnosis?: Diagnosis;
}

/** A known failure, recognised from runsc's stderr. */
export interface Diagnosis {
  title: string;
  /** The line of runsc's output that proves it. */
  evidence: string;
  fix: string;
}

export interface DeskErrorDetails extends Partial<RunscFailureDetails> {
  /** The request field at fault, dotted ("globalFlags.0"). */
  field?: string;
  [key: string]: unknown;
}

export interface DeskErrorShape {
  code: ErrorCode;
  message: string;
  details?: DeskErrorDetails;
}

export const HTTP_STATUS: Record<ErrorCode, number> = {
  INVALID_INPUT: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  UNSUPPORTED_OPTION: 422,
  IMAGE_EXISTS: 409,
  CONTAINER_NOT_RUNNING: 409,
  PAYLOAD_TOO_LARGE: 413,
  RUNSC_MISSING: 503,
  RUNSC_FAILED: 502,
  RUNSC_TIMEOUT: 504,
  RUNSC_MISMATCH: 409,
  INTERNAL: 500,
};

export class DeskError extends Error {
  readonly code: ErrorCode;
  readonly details?: DeskErrorDetails;

  constructor(code: ErrorCode, message: string, details?: DeskErrorDetails) {
    super(message);
    this.name = 'DeskError';
    this.code = code;
    this.details = details;
  }

  toJSON(): DeskErrorShape {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }

  static from(value: unknown): DeskError {
    if (value instanceof DeskError) return value;
    if (isDeskErrorShape(value)) return new DeskError(value.code, value.message, value.details);
    const message = value instanceof Error ? value.message : String(value);
    return new DeskError('INTERNAL', message);
  }
}

export function isDeskErrorShape(value: unknown): value is DeskErrorShape {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.code === 'string' && (ERROR_CODES as readonly string[]).includes(v.code) && typeof v.message === 'string';
}
