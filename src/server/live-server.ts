import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { SimConfig } from '../core/config.js';
import { LiveRun } from '../live/live-run.js';
import { hostPolicy, type HostPolicy } from './hosts.js';
import { Hub, type HubOptions } from './hub.js';
import { serveStatic } from './static.js';

/** Largest control message a viewer may send (bytes): a control message is a few dozen. */
export const MAX_CLIENT_MESSAGE = 4096;

export interface LiveServerOptions {
  /** The run's config, with another seed when a viewer restarts it. */
  configFor: (seed?: number | string) => SimConfig;
  /** Folder of the built viewer (dist/). */
  dist: string;
  host?: string;
  /** Host names the server answers to besides loopback ones and `host` (see hosts.ts). */
  allowHosts?: readonly string[];
  /** 0 picks a free port. */
  port?: number;
  speed?: number | 'max';
  hub?: Partial<HubOptions>;
  /** Ms of ticks run between yields to the event loop (default 12). */
  sliceMs?: number;
}

export interface LiveServer {
  /** http://host:port/ */
  url: string;
  port: number;
  run: LiveRun;
  hub: Hub;
  http: Server;
  /** Which Host headers it answers. */
  hosts: HostPolicy;
  close(): Promise<void>;
}

/**
 * A browser page may connect only from the page this server served (a page
 * elsewhere must not steer the run). Only meaningful once Host is known to be
 * this server's: under DNS rebinding, Origin and Host both name the attacker.
 */
function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (!origin) return true; // not a browser: command-line clients and tests
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

function refuse(socket: Duplex, status: string, reason = ''): void {
  const body = reason ? `${reason}\n` : '';
  socket.end(
    `HTTP/1.1 ${status}\r\nconnection: close\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

/** 421: the request named a host that is not this server (it reached it by DNS rebinding or by mistake). */
const MISDIRECTED = '421 Misdirected Request';

function refuseHttp(res: ServerResponse, reason: string): void {
  const body = `${reason}\n`;
  res.writeHead(421, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(body), connection: 'close' });
  res.end(body);
}

/**
 * `wsim serve`'s server: runs the simulation at a pace viewers can change,
 * serves the built viewer over HTTP, `live.json` (which tells a viewer it is
 * watching a server), and streams the run to every viewer on `/ws`.
 */
export async function startLiveServer(opts: LiveServerOptions): Promise<LiveServer> {
  // First: a bad name throws before anything is started.
  const hosts = hostPolicy(opts.host, opts.allowHosts);
  let hub: Hub | null = null;
  const run = new LiveRun({
    configFor: opts.configFor,
    speed: opts.speed ?? 10,
    playing: true,
    sliceMs: opts.sliceMs,
    onTicks: () => hub?.flush(),
    onReset: () => hub?.reset(),
    onStatus: () => hub?.markStatus(),
  });
  hub = new Hub(run, opts.hub);
  const files = serveStatic(opts.dist);
  const http = createServer((req, res) => {
    const foreign = hosts.refusal(req.headers.host);
    if (foreign) return refuseHttp(res, foreign);
    if (req.url === '/live.json' || req.url?.startsWith('/live.json?')) {
      const body = JSON.stringify({ ws: 'ws', scenario: run.layout.scenario });
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(body) });
      return void res.end(body);
    }
    files(req, res);
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_CLIENT_MESSAGE });
  http.on('upgrade', (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const foreign = hosts.refusal(req.headers.host);
    if (foreign) return refuse(socket, MISDIRECTED, foreign);
    if (path !== '/ws') return refuse(socket, '404 Not Found');
    if (!sameOrigin(req)) return refuse(socket, '403 Forbidden');
    wss.handleUpgrade(req, socket, head, (ws) => hub!.add(ws));
  });
  await new Promise<void>((resolve, reject) => {
    const onError = (e: NodeJS.ErrnoException) => {
      http.off('listening', onListening);
      const where = `${opts.host ?? '127.0.0.1'}:${opts.port ?? 8080}`;
      if (e.code === 'EADDRINUSE') reject(new Error(`${where} is already in use; choose another port with --port`));
      else if (e.code === 'EACCES') reject(new Error(`not allowed to listen on ${where}; choose a port above 1023 with --port`));
      else if (e.code === 'EADDRNOTAVAIL' || e.code === 'ENOTFOUND') reject(new Error(`cannot listen on ${where}: no such address here`));
      else reject(e);
    };
    const onListening = () => {
      http.off('error', onError);
      resolve();
    };
    http.once('error', onError);
    http.once('listening', onListening);
    http.listen(opts.port ?? 8080, opts.host ?? '127.0.0.1');
  }).catch((e) => {
    hub!.close();
    run.dispose();
    throw e;
  });
  run.start();
  const addr = http.address() as AddressInfo;
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  return {
    url: `http://${host}:${addr.port}/`,
    port: addr.port,
    run,
    hub,
    http,
    hosts,
    async close() {
      run.dispose();
      hub!.close();
      wss.close();
      http.closeAllConnections?.();
      await new Promise<void>((r) => http.close(() => r()));
    },
  };
}
