#!/usr/bin/env node
// A stand-in for desk-helper.cjs that speaks the same ndjson protocol, for the client's
// unit tests. Its behaviour is picked by argv: --sudo-refuses, --exit N, --slow-ready.
// Each start appends its pid to $FAKE_HELPER_STARTS.
const fs = require('node:fs');
const args = process.argv.slice(2);
if (process.env.FAKE_HELPER_STARTS) fs.appendFileSync(process.env.FAKE_HELPER_STARTS, `${process.pid}\n`);
if (args.includes('--sudo-refuses')) {
  process.stderr.write('sudo: a password is required\n');
  process.exit(1);
}
const exitAt = args.indexOf('--exit');
if (exitAt >= 0) process.exit(Number(args[exitAt + 1]));

const send = (m) => process.stdout.write(`${JSON.stringify(m)}\n`);
const subscribed = new Set();
let buffer = '';
process.stdin.on('data', (chunk) => {
  buffer += chunk;
  let nl;
  while ((nl = buffer.indexOf('\n')) >= 0) {
    const line = buffer.slice(0, nl);
    buffer = buffer.slice(nl + 1);
    handle(JSON.parse(line));
  }
});
process.stdin.on('end', () => process.exit(0));

function handle(m) {
  if (m.subscribe) {
    subscribed.add(m.subscribe);
    send({ id: m.id, ok: true, result: null });
    send({ event: m.subscribe, payload: { hello: m.subscribe } });
    return;
  }
  if (m.unsubscribe) {
    subscribed.delete(m.unsubscribe);
    send({ id: m.id, ok: true, result: null });
    if (process.env.FAKE_HELPER_LOG) fs.appendFileSync(process.env.FAKE_HELPER_LOG, `unsubscribe ${m.unsubscribe}\n`);
    return;
  }
  if (m.method === 'getSettings') return send({ id: m.id, ok: true, result: { echo: m.payload, pid: process.pid } });
  if (m.method === 'getJob') return send({ id: m.id, ok: false, error: { code: 'NOT_FOUND', message: 'no such job', details: { field: 'jobId' } } });
  // Dies mid-call, like a helper killed mid-job: on a change always, on a read once.
  if (m.method === 'deleteImage') process.exit(3);
  if (m.method === 'listImages') {
    const once = `${process.env.FAKE_HELPER_STARTS}.died`;
    if (!fs.existsSync(once)) {
      fs.writeFileSync(once, '');
      process.exit(3);
    }
    return send({ id: m.id, ok: true, result: { images: [], pid: process.pid } });
  }
  send({ id: m.id, ok: false, error: { code: 'INTERNAL', message: `fake has no ${m.method}` } });
}

setTimeout(() => send({ ready: { pid: process.pid } }), args.includes('--slow-ready') ? 300 : 0);
