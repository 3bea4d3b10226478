// A value that costs round trips to a remote host (where runsc is and what it can do,
// which roots exist), kept and asked again behind the caller's back: a call while it is
// fresh gets it as is; a later call still gets it at once and starts one refresh, whose
// result the calls after it get; past the maximum age a call waits for a new one. So a
// listing pays for none of it once warm, and nothing older than the maximum age is ever
// answered. A load that fails, or whose value `keep` refuses, is never kept: the next
// call asks again (and waits for it).

export interface RevalidatingOptions<T> {
  /** Answered as is, asking nothing, for this long after it was asked. */
  freshMs: number;
  /** Answered while a refresh runs, up to this age; past it a call waits for a new one. */
  maxAgeMs: number;
  /** Whether a loaded value may be kept (default: always). */
  keep?: (value: T) => boolean;
  now?: () => number;
}

/**
 * A remote host's runsc and roots. Fresh for 5 s, about one poll, so a burst of calls
 * (a listing asks for the runtime and the roots several times) asks once. Served while a
 * refresh runs for up to 30 s: a runsc replaced or a root made on the host shows on the
 * call after the next refresh, and an answer is never more than 30 s old. This machine's
 * are never kept: a stat costs nothing here.
 */
export const REMOTE_FACTS = { freshMs: 5_000, maxAgeMs: 30_000 } as const;

export class Revalidating<T> {
  private kept: { at: number; value: T } | null = null;
  private loading: Promise<T> | null = null;
  /** Bumped by forget(): a load started before it does not fill the cache. */
  private generation = 0;

  constructor(
    private readonly load: () => Promise<T>,
    private readonly options: RevalidatingOptions<T>,
  ) {}

  get(): Promise<T> {
    const kept = this.kept;
    const age = kept ? this.now() - kept.at : Infinity;
    if (kept && age < this.options.freshMs) return Promise.resolve(kept.value);
    const loading = this.refresh();
    if (kept && age < this.options.maxAgeMs) {
      // Its failure drops the kept value; the next call asks again and hears it.
      loading.catch(() => undefined);
      return Promise.resolve(kept.value);
    }
    return loading;
  }

  /** The next call asks again, and waits for the answer. */
  forget(): void {
    this.kept = null;
    this.loading = null;
    this.generation++;
  }

  private refresh(): Promise<T> {
    if (this.loading) return this.loading;
    const generation = this.generation;
    const started = this.now();
    const current = (): boolean => generation === this.generation;
    const loading = this.load().then(
      (value) => {
        if (current()) this.kept = (this.options.keep?.(value) ?? true) ? { at: started, value } : null;
        return value;
      },
      (error: unknown) => {
        if (current()) this.kept = null;
        throw error;
      },
    );
    const settled = loading.finally(() => {
      if (this.loading === settled) this.loading = null;
    });
    this.loading = settled;
    return settled;
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }
}
