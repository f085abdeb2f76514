import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostPolicy } from './hosts.js';
import { serveStatic } from './static.js';

export interface ViewServerOptions {
  /** Folder of the built viewer (dist/). */
  dist: string;
  /** The file the page opens: its name (shown in the viewer) and bytes (a recording or a bundle). */
  file: { name: string; bytes: Uint8Array };
  host?: string;
  /** 0 picks a free port. */
  port?: number;
}

export interface ViewServer {
  /** http://host:port/ */
  url: string;
  port: number;
  http: Server;
  close(): Promise<void>;
}

/**
 * `wsim view`'s server: the built viewer, `view.json` (which tells the page
 * there is a file to open and where) and the file itself at `/view/file`.
 * The page plays it back by itself (seeking is local), so nothing else is
 * served. It answers only requests addressed to its own names, as `wsim serve` does.
 */
export async function startViewServer(opts: ViewServerOptions): Promise<ViewServer> {
  const hosts = hostPolicy(opts.host);
  const files = serveStatic(opts.dist);
  const info = JSON.stringify({ name: opts.file.name, url: 'view/file', bytes: opts.file.bytes.byteLength });
  const http = createServer((req, res) => {
    const foreign = hosts.refusal(req.headers.host);
    if (foreign) {
      res.writeHead(421, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
      return void res.end(`${foreign}\n`);
    }
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if ((req.method === 'GET' || req.method === 'HEAD') && (path === '/view.json' || path === '/view/file')) {
      const json = path === '/view.json';
      const body = json ? Buffer.from(info) : opts.file.bytes;
      res.writeHead(200, {
        'content-type': json ? 'application/json; charset=utf-8' : 'application/octet-stream',
        'content-length': body.byteLength,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      });
      return void res.end(req.method === 'HEAD' ? undefined : body);
    }
    files(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    const where = `${opts.host ?? '127.0.0.1'}:${opts.port ?? 8080}`;
    http.once('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EADDRINUSE') reject(new Error(`${where} is already in use; choose another port with --port`));
      else if (e.code === 'EACCES') reject(new Error(`not allowed to listen on ${where}; choose a port above 1023 with --port`));
      else reject(e);
    });
    http.listen(opts.port ?? 8080, opts.host ?? '127.0.0.1', () => resolve());
  });
  const addr = http.address() as AddressInfo;
  return {
    url: `http://${addr.family === 'IPv6' ? `[${addr.address}]` : addr.address}:${addr.port}/`,
    port: addr.port,
    http,
    async close() {
      http.closeAllConnections?.();
      await new Promise<void>((r) => http.close(() => r()));
    },
  };
}
