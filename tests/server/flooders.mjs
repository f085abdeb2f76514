// Viewers that flood a live server with commands, run in a worker thread so
// they keep sending on time however busy the server's thread gets (from the
// server's own thread, a stalled server would also stall its attackers).
// Plain JavaScript: a worker is not transformed by the test runner.
import { parentPort, workerData } from 'node:worker_threads';
import WebSocket from 'ws';

const { url, count, rounds, spacingMs, drainMs } = workerData;

/** One flooder's tally of the error replies it got. */
function tally() {
  return { busy: [], tooMany: 0, other: [] };
}

function open(ws) {
  return new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
}

function listen(ws, t) {
  ws.on('error', () => {});
  ws.on('message', (data, isBinary) => {
    // Only errors are read: parsing every layout and status would only load this thread.
    if (isBinary || !data.toString('latin1', 0, 16).startsWith('{"type":"error"')) return;
    const message = JSON.parse(data.toString('utf8')).message;
    if (message.startsWith('server busy')) t.busy.push(message);
    else if (message.startsWith('too many messages')) t.tooMany++;
    else t.other.push(message);
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const sockets = Array.from({ length: count }, () => new WebSocket(url));
const tallies = sockets.map(() => tally());
sockets.forEach((ws, k) => listen(ws, tallies[k]));
await Promise.all(sockets.map(open));
parentPort.postMessage({ type: 'open' });
await new Promise((resolve) => parentPort.once('message', resolve));
const from = performance.now();
for (let round = 0; round < rounds; round++) {
  // Restart and step 1000 in turn: each as costly as a command gets.
  const text = JSON.stringify(round % 2 === 0 ? { type: 'restart' } : { type: 'step', count: 1000 });
  for (const ws of sockets) ws.send(text);
  await sleep(spacingMs);
}
const sentMs = performance.now() - from;
// Replies to the last commands are still on their way.
await sleep(drainMs);
for (const ws of sockets) ws.terminate();
parentPort.postMessage({ type: 'done', sentMs, tallies });
