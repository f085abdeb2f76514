import { mkdirSync, mkdtempSync, openSync, closeSync, ftruncateSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scenarioPath } from '../helpers/scenarios.js';
import { cli } from '../helpers/cli.js';


const base = () => JSON.parse(readFileSync(scenarioPath('default.json'), 'utf8'));
const hub = () => JSON.parse(readFileSync(scenarioPath('hub.json'), 'utf8'));
const shipped = (name: string) => JSON.parse(readFileSync(scenarioPath(name), 'utf8'));

/**
 * Hostile and broken scenario files through the real CLI: each must give exit
 * code 2 and a message naming the file, the path into it and what was
 * expected, with no stack trace, and nothing written.
 */
describe('hostile scenario files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wsim-hostile-'));
  const write = (name: string, content: string | object) => {
    const f = join(dir, name);
    writeFileSync(f, typeof content === 'string' ? content : JSON.stringify(content));
    return f;
  };
  const cases: [string, () => string, RegExp][] = [
    ['a 200 MB file', () => {
      const f = join(dir, 'huge.json');
      const fd = openSync(f, 'w');
      ftruncateSync(fd, 200 * 1024 * 1024);
      closeSync(fd);
      return f;
    }, /huge\.json: file is 209715200 bytes; the limit is 67108864/],
    ['an empty file', () => write('empty.json', ''), /empty\.json: not valid JSON/],
    ['not JSON', () => write('text.json', 'robots: 12\n'), /text\.json: not valid JSON at line 1, column 1: unexpected 'r': expected a value/],
    ['NaN in the file', () => write('nan.json', JSON.stringify(base()).replace('"ordersPerHour":240', '"ordersPerHour":NaN')), /nan\.json: not valid JSON at line 1, column \d+: unexpected 'N'/],
    ['deeply nested junk', () => write('deep.json', '['.repeat(200_000) + ']'.repeat(200_000)), /deep\.json: nested more than 256 levels deep at line 1, column 257\n?$/],
    // Forty megabytes nested twenty million deep: refused by a scan before the parser spends gigabytes on it.
    ['junk nested twenty million deep', () => write('deeper.json', '['.repeat(20_000_000) + ']'.repeat(20_000_000)), /deeper\.json: nested more than 256 levels deep at line 1, column 257\n?$/],
    ['brackets inside strings do not count', () => write('strings.json', { ...base(), name: '['.repeat(1000) }), /strings\.json: name: /],
    ['nested junk inside a field', () => write('junk.json', { ...base(), demand: { ordersPerHour: JSON.parse('['.repeat(500) + ']'.repeat(500)) } }), /junk\.json: nested more than 256 levels deep at line 1, column \d+/],
    ['a negative duration', () => write('neg.json', { ...base(), duration: -5 }), /neg\.json: duration: /],
    ['a name of a million characters (validate would print it whole)', () => write('longname.json', { ...base(), name: 'x'.repeat(1_000_000) }), /longname\.json: name: /],
    ['a duration string that is not one', () => write('dur.json', { ...base(), duration: '-2h' }), /dur\.json: duration: expected a duration/],
    ['a huge duration', () => write('long.json', { ...base(), duration: 1e308 }), /long\.json: duration: expected at most 366 days/],
    ['a run too long in ticks', () => write('ticks.json', { ...base(), duration: '7200h', layout: { ...base().layout, cellSize: 0.01 }, robots: { ...base().robots, speed: 100 } }), /ticks\.json: duration: is \d+ ticks/],
    ['huge numbers', () => write('big.json', { ...base(), demand: { ...base().demand, ordersPerHour: 1e300 } }), /big\.json: demand\.ordersPerHour: Too big/],
    ['a string for a number', () => write('str.json', { ...base(), robots: { ...base().robots, count: '12' } }), /str\.json: robots\.count: /],
    ['a map with no free cell', () => write('walls.json', { ...base(), layout: { grid: ['@@@', '@@@'] } }), /walls\.json: layout: the layout has no pick station/],
    ['duplicate ids', () => {
      const h = hub();
      h.outbound.docks[1].id = 'A';
      return write('dup.json', h);
    }, /dup\.json: outbound\.docks\[1\]\.id: 'A' is already the id of outbound\.docks\[0\]/],
    ['a map path escaping the folder', () => write('escape.json', { ...base(), layout: { map: '../../../etc/passwd' } }), /escape\.json: layout\.map: '\.\.\/\.\.\/\.\.\/etc\/passwd' is outside the scenario's folder/],
    ['a map reached through a symbolic link out of the folder', () => {
      const outside = mkdtempSync(join(tmpdir(), 'wsim-outside-'));
      writeFileSync(join(outside, 'site.map'), 'type octile\nheight 1\nwidth 3\nmap\n...\n');
      const sub = join(dir, 'linked');
      mkdirSync(sub, { recursive: true });
      symlinkSync(outside, join(sub, 'maps'));
      const f = join(sub, 'linked.json');
      writeFileSync(f, JSON.stringify({ ...base(), layout: { map: 'maps/site.map' } }));
      return f;
    }, /linked\.json: layout\.map: 'maps\/site\.map' is outside the scenario's folder/],
    ['an unknown key', () => write('key.json', { ...base(), robot: {} }), /key\.json: unknown key 'robot'; did you mean 'robots'\?/],
    ['an unknown planner', () => write('planner.json', { ...base(), fleet: { planner: 'dijkstra' } }), /planner\.json: fleet\.planner: /],
    ['a layout too large', () => {
      writeFileSync(join(dir, 'vast.map'), `type octile\nheight 2000\nwidth 2100\nmap\n${'.'.repeat(2100)}\n`.padEnd(0) + `${'.'.repeat(2100)}\n`.repeat(1999));
      return write('vast.json', { ...base(), layout: { map: 'vast.map' } });
    }, /vast\.json: layout: 2100x2000 is 4200000 cells; at most 4000000 are supported/],
    ['an unterminated string', () => write('quote.json', '{\n  "name": "x\n}'), /quote\.json: not valid JSON at line 2, column 11: unterminated string/],
    ['a trailing comma', () => write('comma.json', '{\n  "name": "x",\n}'), /comma\.json: not valid JSON at line 3, column 1: expected a quoted key, found '}'/],
    ['a floor split in two by pods', () => write('split.json', { ...base(), layout: { grid: ['@@@@@@@@@', '@P..RR.P@', '@@@@@@@@@'] }, robots: { count: 1, battery: { chargeBelow: 0 } } }),
      /split\.json: layout: 2 storage location\(s\) cannot reach every station with a pod \(first at row 1, column 4, which cannot reach the station at row 1, column 7\)/],
    ['an arm at a station that does not exist', () => {
      const d = shipped('robot-picking.json');
      d.stations.arms[0].stations = [9];
      return write('arm.json', d);
    }, /arm\.json: stations\.arms\[0\]\.stations\[0\]: station 9 does not exist: the layout has 4 station\(s\), 0 to 3/],
    ['a packer with no carton to choose', () => {
      const d = shipped('auto-pack.json');
      d.packing.cartons = [];
      return write('cartons.json', d);
    }, /cartons\.json: packing\.cartons: Too small: expected array to have >=1 items/],
    ['more robots on duty than the fleet', () => {
      const d = shipped('forecast-peak.json');
      d.operations.robots.min = 999;
      return write('duty.json', d);
    }, /duty\.json: operations\.robots\.min: is 999, but robots\.count is 16/],
    ['a negative alert wait', () => write('alert.json', { ...base(), alerts: { stationQueue: { after: '-3m' } } }), /alert\.json: alerts\.stationQueue\.after: expected a duration/],
    ['a byte-order mark is fine', () => write('bom.json', '\ufeff' + JSON.stringify({ ...base(), robots: { count: -1 } })), /bom\.json: robots\.count: Too small/],
  ];

  for (const [what, make, msg] of cases) {
    it(`${what}: exit 2, a clear message, no stack`, async () => {
      const file = make();
      const r = await cli('validate', file);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(msg);
      expect(r.err).not.toMatch(/\n\s+at /);
      expect(r.out).toBe('');
    });
  }
});

describe('--allow-outside', () => {
  it('lets a scenario use a map outside its folder only when asked', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'wsim-maps-'));
    writeFileSync(join(outside, 'site.map'), 'type octile\nheight 4\nwidth 6\nmap\n@@@@@@\n@P.RC@\n@..R.@\n@@@@@@\n');
    const dir = mkdtempSync(join(tmpdir(), 'wsim-scn-'));
    const file = join(dir, 's.json');
    writeFileSync(file, JSON.stringify({ ...base(), layout: { map: join('..', outside.split('/').pop()!, 'site.map') }, robots: { count: 1 } }));
    const refused = await cli('validate', file);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/layout\.map: .* is outside the scenario's folder/);
    const allowed = await cli('validate', file, '--allow-outside');
    expect(allowed.err).toBe('');
    expect(allowed.code).toBe(0);
    expect(allowed.out).toMatch(/s\.json: valid \(default: 6x4 layout, 1 robots/);
  });
});
