import { mkdtempSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import WebSocket from 'ws';
import { decodeFrame, isFrame, type DecodedFrame } from '../../src/record/frame-codec.js';
import { isHeat } from '../../src/record/heat.js';
import type { RunMessage } from '../../src/live/protocol.js';

/** A dist/ stand-in: the server only needs files to serve. */
export function fakeDist(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wsim-dist-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>wsim viewer</title>');
  writeFileSync(join(dir, 'app.js'), 'export {};');
  return dir;
}

/** Waits until `cond` holds, polling; fails after `ms`. */
export async function until(cond: () => boolean, ms = 5000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A full collection: global.gc when node runs with --expose-gc, else the flag is turned on for this isolate. */
function gcFunction(): () => void {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g) return g;
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}
let gc: (() => void) | null = null;

/** Heap, resident and buffer memory after full collections, so what is left is what is still held. */
export async function heapAfterGc(): Promise<{ heapUsed: number; rss: number; external: number }> {
  gc ??= gcFunction();
  for (let k = 0; k < 3; k++) {
    gc();
    await sleep(20);
  }
  const m = process.memoryUsage();
  return { heapUsed: m.heapUsed, rss: m.rss, external: m.external + m.arrayBuffers };
}

/** A ws viewer that keeps what it receives. */
export class TestViewer {
  readonly ws: WebSocket;
  readonly json: RunMessage[] = [];
  readonly frames: DecodedFrame[] = [];
  heats = 0;
  bytes = 0;
  frameCount = 0;
  closed: { code: number; reason: string } | null = null;
  /** Frames kept in full (older ones are dropped to keep tests light). */
  private readonly keep: number;

  constructor(url: string, keep = 50, headers?: Record<string, string>) {
    this.keep = keep;
    this.ws = new WebSocket(url, { headers });
    this.ws.on('message', (data: Buffer, isBinary) => {
      this.bytes += data.length;
      if (!isBinary) {
        this.json.push(JSON.parse(data.toString('utf8')) as RunMessage);
        return;
      }
      const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
      if (isFrame(bytes)) {
        this.frames.push(decodeFrame(bytes));
        if (this.frames.length > this.keep) this.frames.shift();
        this.frameCount++;
      } else if (isHeat(bytes)) this.heats++;
    });
    this.ws.on('close', (code, reason) => (this.closed = { code, reason: reason.toString() }));
    this.ws.on('error', () => {});
  }

  open(): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.ws.readyState === WebSocket.OPEN) return resolve();
      this.ws.once('open', () => resolve());
      this.ws.once('error', reject);
    });
  }

  get lastTick(): number {
    return this.frames.length ? this.frames[this.frames.length - 1].tick : -1;
  }

  of<T extends RunMessage['type']>(type: T): Extract<RunMessage, { type: T }>[] {
    return this.json.filter((m) => m.type === type) as Extract<RunMessage, { type: T }>[];
  }

  send(m: unknown): void {
    this.ws.send(typeof m === 'string' ? m : JSON.stringify(m));
  }

  close(): void {
    this.ws.terminate();
  }
}

/**
 * A viewer that completes the ws handshake and then never reads: the
 * server's sends back up in the kernel, then in the server's socket buffer.
 */
export function stalledViewer(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const sock = connect(port, '127.0.0.1');
    sock.on('error', reject);
    sock.once('connect', () => {
      sock.write(
        `GET /ws HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
      );
    });
    sock.once('data', (d) => {
      // The 101 answer arrived: from now on read nothing.
      sock.pause();
      if (!d.toString('latin1').startsWith('HTTP/1.1 101')) reject(new Error(`handshake refused: ${d.toString('latin1').split('\r\n')[0]}`));
      else resolve(sock);
    });
  });
}
