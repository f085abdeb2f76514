import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

// As on a fresh checkout where the viewer was never built.
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  return { ...fs, existsSync: (p: Parameters<typeof fs.existsSync>[0]) => (String(p).endsWith(join('dist', 'index.html')) ? false : fs.existsSync(p)) };
});

const { main } = await import('../../src/cli/main.js');

async function cli(...args: string[]) {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  try {
    return { code: await main(args), out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

describe('wsim serve: the command line', () => {
  it('says how to build the viewer when dist/ is missing', async () => {
    const r = await cli('serve', '--port', '0');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^wsim: the browser viewer is not built \(.*dist.index\.html is missing\); run `npm run build`/);
  });

  it('bad options and files: one clear line, exit 2', async () => {
    const cases: [string[], RegExp][] = [
      [['serve', '--port', 'eighty'], /--port must be a port number/],
      [['serve', '--port', '70000'], /--port must be a port number/],
      [['serve', '--speed', '0'], /--speed must be a number above 0/],
      [['serve', 'a.json', 'b.json'], /serve takes at most one SCENARIO/],
      [['serve', '--bogus'], /serve: unknown option '--bogus'/],
      [['serve', '/nonexistent/x.json'], /x\.json: file not found/],
      [['serve', '--duration', 'soon'], /^wsim: --duration: expected a duration like 8h, 90m or 3600 \(seconds\), got 'soon'\n$/],
      [['serve', '--allow-host', 'evil example'], /'evil example' is not a host name or address \(--host, --allow-host\)/],
      [['serve', '--allow-host', 'ok.example', '--allow-host', 'http://x/'], /'http:\/\/x\/' is not a host name/],
      [['serve', '--allow-host'], /--allow-host/],
      [['serve', '--max-viewers', '0'], /--max-viewers must be a whole number from 1 to 10000, got '0'/],
      [['serve', '--max-viewers', 'many'], /--max-viewers must be a whole number/],
    ];
    for (const [args, re] of cases) {
      const r = await cli(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toMatch(re);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
  });

  it('is in the help, with run --record', async () => {
    const r = await cli('--help');
    expect(r.out).toMatch(/wsim serve \[SCENARIO\] \[--port 8080\] \[--host 127\.0\.0\.1\]/);
    expect(r.out).toMatch(/--record FILE/);
    expect(r.out).toMatch(/--allow-host NAME\s+also answer requests addressed to NAME \(repeatable\)/);
    expect(r.out).toMatch(/--max-viewers N\s+viewers connected at once \(default 32\)/);
  });
});
