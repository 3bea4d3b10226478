// happy-dom lays nothing out: every element is 0×0, nothing scrolls, and the log's
// virtualizer would render no rows. This gives log viewports a size, a scroll height
// (their canvas's height) and a scrollTop that fires `scroll` soon after, as a browser would.
export function fakeViewportSize(width = 800, height = 360): () => void {
  const proto = HTMLElement.prototype;
  const names = ['clientWidth', 'clientHeight', 'scrollHeight', 'scrollTop'] as const;
  const saved = Object.fromEntries(names.map((n) => [n, Object.getOwnPropertyDescriptor(proto, n)]));
  const tops = new WeakMap<HTMLElement, number>();
  const sized = (el: HTMLElement) => el.classList.contains('log-viewport');
  const original = (name: (typeof names)[number], el: HTMLElement) => saved[name]?.get?.call(el) ?? 0;
  const contentHeight = (el: HTMLElement) => parseFloat((el.firstElementChild as HTMLElement | null)?.style.height ?? '') || 0;

  const getter = (name: (typeof names)[number], value: (el: HTMLElement) => number) =>
    Object.defineProperty(proto, name, {
      configurable: true,
      get(this: HTMLElement) {
        return sized(this) ? value(this) : original(name, this);
      },
    });
  getter('clientWidth', () => width);
  getter('clientHeight', () => height);
  getter('scrollHeight', (el) => Math.max(height, contentHeight(el)));
  Object.defineProperty(proto, 'scrollTop', {
    configurable: true,
    get(this: HTMLElement) {
      return sized(this) ? (tops.get(this) ?? 0) : original('scrollTop', this);
    },
    set(this: HTMLElement, value: number) {
      if (!sized(this)) return saved.scrollTop?.set?.call(this, value);
      const max = Math.max(0, this.scrollHeight - height);
      tops.set(this, Math.min(max, Math.max(0, value)));
      // Browsers fire scroll later, never inside the code that scrolled.
      queueMicrotask(() => this.dispatchEvent(new Event('scroll')));
    },
  });
  // The virtualizer scrolls with scrollTo({ top }).
  const savedScrollTo = proto.scrollTo;
  proto.scrollTo = function (this: HTMLElement, ...args: unknown[]) {
    const options = args[0] as ScrollToOptions | number | undefined;
    const top = typeof options === 'object' ? options?.top : (args[1] as number | undefined);
    if (sized(this) && top !== undefined) this.scrollTop = top;
    else (savedScrollTo as (...a: unknown[]) => void).apply(this, args);
  } as typeof proto.scrollTo;

  return () => {
    for (const n of names) {
      const d = saved[n];
      if (d) Object.defineProperty(proto, n, d);
      else delete (proto as unknown as Record<string, unknown>)[n];
    }
    proto.scrollTo = savedScrollTo;
  };
}
