// sshd allows MaxSessions (10 by default) channels on one connection; an eleventh is
// refused ("open failed: administratively prohibited"). Calls beyond the limit wait
// for a free session instead. Cancels bypass it, so a full host can still be stopped.

export class SessionLimit {
  private used = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly max: number) {}

  async acquire(): Promise<() => void> {
    if (this.used >= this.max) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.used += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      // The session passes straight to the next waiter; `used` stays the same.
      if (next) next();
      else this.used -= 1;
    };
  }
}
