// runsc needs root, so the Desk is often started with sudo. Chromium refuses to run as
// root with its sandbox on ("Running as root without --no-sandbox is not supported"),
// so in that one case, and only then, the OS-level sandbox is switched off. The page
// keeps contextIsolation, sandbox: true (no Node in the renderer), the CSP and the
// origin checks; what is lost is the seccomp/namespace jail around renderer processes.

export interface CommandLineLike {
  appendSwitch(name: string): void;
}

/** Returns whether the sandbox was switched off. Call before app 'ready'. */
export function allowRunningAsRoot(
  commandLine: CommandLineLike,
  uid: number | undefined = process.getuid?.(),
  log: (line: string) => void = console.warn,
): boolean {
  if (uid !== 0) return false;
  log(
    'Checkpoint Desk: running as root (runsc needs it), so Chromium\'s process sandbox is off (--no-sandbox); the page stays isolated, without Node.',
  );
  commandLine.appendSwitch('no-sandbox');
  return true;
}
