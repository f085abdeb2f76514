import { request } from 'node:http';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { hostName, hostPolicy, isLoopback } from '../../src/server/hosts.js';
import { startLiveServer, type LiveServer } from '../../src/server/live-server.js';
import { loadScenario } from '../../src/scenario/load.js';
import { scenarioPath } from '../helpers/scenarios.js';
import { fakeDist, TestViewer, until } from './clients.js';

// The CLI test below needs `wsim serve` to start without a built viewer: live.json and /ws do not use dist/.
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  return { ...fs, existsSync: (p: Parameters<typeof fs.existsSync>[0]) => String(p).endsWith(join('dist', 'index.html')) || fs.existsSync(p) };
});

const configFor = (seed?: number | string) => loadScenario(scenarioPath('default.json'), { seed }).config;

/** A GET with the Host header given (undefined: none at all). */
function get(port: number, path: string, host: string | undefined): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const headers = host === undefined ? {} : { host };
    const req = request({ host: '127.0.0.1', port, path, headers, setHost: host !== undefined }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('host names: parsing and the policy', () => {
  it('normalises as a browser does and rejects anything but a host with a port', () => {
    expect(hostName('LOCALHOST:8080')).toBe('localhost');
    expect(hostName('127.1')).toBe('127.0.0.1');
    expect(hostName('[::1]:80')).toBe('[::1]');
    expect(hostName('::1')).toBe('[::1]');
    expect(hostName('[0:0:0:0:0:0:0:1]')).toBe('[::1]');
    expect(hostName('Wsim.Example.')).toBe('wsim.example');
    for (const bad of ['', 'a b', 'user@host', 'host/path', 'host?x', 'http://x', 'x:99999']) expect(hostName(bad), bad).toBeNull();
    expect(hostName(undefined)).toBeNull();
  });

  it('loopback is localhost, 127.0.0.0/8 and [::1]', () => {
    for (const n of ['localhost', '127.0.0.1', '127.255.3.4', '[::1]']) expect(isLoopback(n), n).toBe(true);
    for (const n of ['localhost.evil.example', '128.0.0.1', '[::2]', '0.0.0.0', '10.0.0.1']) expect(isLoopback(n), n).toBe(false);
  });

  it('accepts loopback, the listen address and the allowed names; a wildcard listen address means this machine', () => {
    const p = hostPolicy('192.0.2.7', ['wsim.example']);
    for (const h of ['localhost:1', '127.0.0.1', '[::1]:8080', '192.0.2.7:8080', 'WSIM.example:9']) expect(p.refusal(h), h).toBeNull();
    expect(p.refusal('evil.example')).toMatch(/does not answer to the host 'evil\.example'; start wsim serve with --allow-host NAME/);
    expect(p.refusal(undefined)).toBe('no Host header');
    expect(p.refusal('x'.repeat(500))!.length).toBeLessThan(200);
    expect(p.names).toEqual(['192.0.2.7', 'wsim.example']);
    const any = hostPolicy('0.0.0.0');
    const own = Object.values(networkInterfaces()).flatMap((l) => l ?? []).filter((a) => a.family === 'IPv4');
    for (const a of own) expect(any.refusal(`${a.address}:8080`), a.address).toBeNull();
    expect(any.refusal('evil.example')).not.toBeNull();
    expect(() => hostPolicy('127.0.0.1', ['no such/name'])).toThrow(/not a host name/);
  });
});

describe('wsim serve answers only its own host names (DNS rebinding)', () => {
  let server: LiveServer;
  let ws: string;
  const viewers: TestViewer[] = [];
  const viewer = (headers: Record<string, string>) => {
    const v = new TestViewer(ws, 2, headers);
    viewers.push(v);
    return v;
  };

  beforeAll(async () => {
    server = await startLiveServer({ configFor, dist: fakeDist(), port: 0, allowHosts: ['wsim.example'] });
    ws = server.url.replace('http', 'ws') + 'ws';
  });

  afterAll(async () => {
    for (const v of viewers) v.close();
    await server.close();
  });

  it('refuses a foreign Host on HTTP with 421 and the reason', async () => {
    for (const host of ['evil.example', `evil.example:${server.port}`, 'localhost.evil.example', '10.1.2.3']) {
      for (const path of ['/', '/live.json', '/app.js']) {
        const r = await get(server.port, path, host);
        expect(r.status, `${host} ${path}`).toBe(421);
        expect(r.body).toMatch(/this server does not answer to the host .*--allow-host NAME/);
      }
    }
    // No Host at all: node's parser or the policy refuses it.
    expect([400, 421]).toContain((await get(server.port, '/', undefined)).status);
  });

  it('refuses a foreign Host on the ws upgrade, even when Origin matches it', async () => {
    const rebound = viewer({ host: `evil.example:${server.port}`, origin: `http://evil.example:${server.port}` });
    await expect(rebound.open()).rejects.toThrow(/421/);
    const bare = viewer({ host: 'evil.example' });
    await expect(bare.open()).rejects.toThrow(/421/);
    expect(server.hub.count).toBe(0);
  });

  it('accepts loopback names and the allowed one, with or without the port', async () => {
    const hosts = [`localhost:${server.port}`, 'localhost', `127.0.0.1:${server.port}`, '127.3.2.1', `[::1]:${server.port}`, 'wsim.example', `WSIM.example:${server.port}`];
    for (const host of hosts) expect((await get(server.port, '/live.json', host)).status, host).toBe(200);
    const a = viewer({ host: `localhost:${server.port}`, origin: `http://localhost:${server.port}` });
    const b = viewer({ host: `wsim.example:${server.port}`, origin: `http://wsim.example:${server.port}` });
    await Promise.all([a.open(), b.open()]);
    await until(() => a.frameCount > 0 && b.frameCount > 0, 3000, 'frames on both');
  });
});

describe('wsim serve --allow-host, through the command line', () => {
  it('answers the names given, and nothing foreign', async () => {
    const { main } = await import('../../src/cli/main.js');
    let out = '';
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
    const before = process.listeners('SIGINT');
    const done = main(['serve', '--port', '0', '--allow-host', 'wsim.example', '--allow-host', 'Other.Example:8080', '--max-viewers', '2']);
    try {
      await until(() => /Press Ctrl-C/.test(out), 10_000, 'the server to start');
      expect(out).toMatch(/answering requests for wsim\.example, other\.example besides localhost/);
      const port = Number(/127\.0\.0\.1:(\d+)\//.exec(out)![1]);
      expect((await get(port, '/live.json', `wsim.example:${port}`)).status).toBe(200);
      expect((await get(port, '/live.json', 'other.example')).status).toBe(200);
      expect((await get(port, '/live.json', `localhost:${port}`)).status).toBe(200);
      expect((await get(port, '/live.json', 'evil.example')).status).toBe(421);
      const ws = `ws://127.0.0.1:${port}/ws`;
      const ok = new TestViewer(ws, 2, { host: `wsim.example:${port}` });
      const foreign = new TestViewer(ws, 2, { host: `evil.example:${port}` });
      await ok.open();
      await expect(foreign.open()).rejects.toThrow(/421/);
      // --max-viewers 2: a third one is closed as busy.
      const second = new TestViewer(ws, 2);
      const third = new TestViewer(ws, 2);
      await until(() => third.closed !== null, 3000, 'the third viewer to be refused');
      expect(third.closed!.code).toBe(1013);
      for (const v of [ok, second, third]) v.close();
    } finally {
      // Stands for Ctrl-C: the listener serve added, called directly rather than signalling the test process.
      for (const stop of process.listeners('SIGINT').filter((l) => !before.includes(l))) (stop as () => void)();
      write.mockRestore();
    }
    expect(await done).toBe(0);
  });
});
