// How long connections that send nothing keep screens out of `serve`'s web server: opens as many
// silent connections as the server takes (256) and times until the server has closed them all.
// `--root DIR` measures another checkout's source (the same script before and after a change).
import { connect } from 'node:net';
import { arg } from './lib.js';

const root = process.argv.includes('--root') ? process.argv[process.argv.indexOf('--root') + 1] : '..';
const connections = arg('connections', 256);
const giveUpMs = arg('give-up', 90) * 1000;
const { startWebServer } = await import(`${root}/source/serve/web-server.ts`);
const { systemClock, systemTimers } = await import(`${root}/source/time.ts`);
const feed = {
  getSnapshot: () => ({ instances: [], status: {}, version: 0 }),
  subscribe: () => () => undefined,
  history: () => [],
};
const web = await startWebServer({
  feed,
  host: '127.0.0.1',
  port: 0,
  token: 'silent-connections-token-0123456789',
  clock: systemClock,
  timers: systemTimers,
});
const started = Date.now();
let closed = 0;
for (let index = 0; index < connections; index++) {
  const socket = connect(web.port, '127.0.0.1');
  socket.on('error', () => undefined);
  socket.on('close', () => closed++);
}
while (closed < connections && Date.now() - started < giveUpMs)
  await new Promise((resolve) => setTimeout(resolve, 100));
const seconds = ((Date.now() - started) / 1000).toFixed(1);
console.log(`${closed}/${connections} silent connections closed after ${seconds} s`);
await web.close();
process.exit(0);
