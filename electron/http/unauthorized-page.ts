// The 401 page. The printed URL carries the token in its fragment, which browsers never
// send; this page's one script moves it into the query so the server can see it once,
// set its cookie, and serve the app.
import { createHash } from 'node:crypto';

const SCRIPT = `(function(){var m=/(?:^#|&)token=([^&]+)/.exec(location.hash);if(m&&!/[?&]token=/.test(location.search)){location.replace('/?token='+m[1]+location.hash);}})();`;

export const UNAUTHORIZED_SCRIPT_HASH = `'sha256-${createHash('sha256').update(SCRIPT).digest('base64')}'`;

/**
 * A missing token and a wrong one are different mistakes: the first is an URL opened
 * without its #token part, the second an old URL from an earlier start (the token is
 * new each time unless --token is given).
 */
export type TokenProblem = 'missing' | 'wrong';

const ADVICE: Record<TokenProblem, { title: string; text: string }> = {
  missing: {
    title: 'Checkpoint Desk needs its token',
    text: 'Open the URL that <code>npm run serve</code> (or <code>npm start</code>) printed, with its <code>#token=…</code> part.',
  },
  wrong: {
    title: 'This token is not the Desk\'s',
    text: 'The token changes each time the Desk starts (unless <code>--token</code> is given). Open the URL it printed this time, with its <code>#token=…</code> part.',
  },
};

export function unauthorizedHtml(problem: TokenProblem): string {
  const { title, text } = ADVICE[problem];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="color-scheme" content="light dark"><title>Checkpoint Desk: ${title.toLowerCase()}</title>
<script>${SCRIPT}</script>
<style>:root{color-scheme:light dark}body{font:14px system-ui,sans-serif;margin:48px;max-width:40em;color:light-dark(#222,#e6e6e6);background:light-dark(#fff,#1b1b1f)}code{font-family:ui-monospace,monospace}</style>
</head><body>
<h1>${title}</h1>
<p>${text}</p>
</body></html>
`;
}
