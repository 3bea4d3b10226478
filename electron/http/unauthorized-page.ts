// The 401 page. The printed URL carries the token in its fragment, which browsers never
// send; this page's one script moves it into the query so the server can see it once,
// set its cookie, and serve the app.
import { createHash } from 'node:crypto';

const SCRIPT = `(function(){var m=/(?:^#|&)token=([^&]+)/.exec(location.hash);if(m&&!/[?&]token=/.test(location.search)){location.replace('/?token='+m[1]+location.hash);}})();`;

export const UNAUTHORIZED_SCRIPT_HASH = `'sha256-${createHash('sha256').update(SCRIPT).digest('base64')}'`;

export const UNAUTHORIZED_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Checkpoint Desk: token needed</title>
<script>${SCRIPT}</script>
<style>body{font:14px system-ui,sans-serif;margin:48px;max-width:40em;color:#222}code{font-family:ui-monospace,monospace}</style>
</head><body>
<h1>Checkpoint Desk needs its token</h1>
<p>Open the URL that <code>npm run serve</code> (or <code>npm start</code>) printed, with its <code>#token=…</code> part.</p>
</body></html>
`;
