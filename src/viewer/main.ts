/**
 * The viewer's entry point. Decides where the run comes from: the server the
 * page was loaded from (`wsim serve` answers live.json), a `?ws=` address, or
 * the file `wsim view` serves (view.json), or else the page's own worker running a shipped scenario (`?scenario=name`;
 * `?bench=N` generates a large floor with N robots, `?speed=` sets the start
 * speed). Files dropped or opened switch to a local run or a replay.
 */
import { Scene } from './render/scene.js';
import { benchScenario, BUILT_INS, type BuiltIn } from './scenarios.js';
import { openReplayFiles } from './sources/open-file.js';
import { findServedFile } from './sources/served-file.js';
import { WorkerSource } from './sources/worker-source.js';
import { WsSource } from './sources/ws-source.js';
import { createHook } from './test-hook.js';
import { byId } from './ui/dom.js';
import { onFileDrop } from './ui/drop.js';
import { bindKeys } from './ui/keyboard.js';
import { Messages } from './ui/messages.js';
import { Panel } from './ui/panel.js';
import { Toolbar } from './ui/toolbar.js';
import { Viewer } from './viewer.js';
import './style.css';

/** Largest scenario file opened (a recording may be bigger). */
const MAX_SCENARIO_BYTES = 64 * 1024 * 1024;

/** The ws address of the server that served this page, if it is `wsim serve`. */
async function findServer(params: URLSearchParams): Promise<string | null> {
  const explicit = params.get('ws');
  if (explicit) return explicit;
  if (params.has('local')) return null;
  try {
    const res = await fetch('live.json', { cache: 'no-store' });
    if (!res.ok || !(res.headers.get('content-type') ?? '').includes('json')) return null;
    const info = (await res.json()) as { ws?: string };
    if (typeof info.ws !== 'string') return null;
    const url = new URL(info.ws, location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    return url.href;
  } catch {
    return null;
  }
}

async function boot(): Promise<void> {
  const hook = createHook();
  const params = new URLSearchParams(location.search);
  const messages = new Messages();
  let scene: Scene;
  try {
    scene = await Scene.create(byId('stage'));
  } catch (e) {
    messages.error('This browser cannot draw the viewer', `WebGL is not available: ${(e as Error).message}`);
    return;
  }
  hook.renderer = scene.app.renderer.name;
  const speedParam = params.get('speed');
  const startSpeed = (toolbar: Toolbar): number | 'max' => (speedParam === 'max' ? 'max' : speedParam && Number(speedParam) > 0 ? Number(speedParam) : toolbar.speedValue());

  const local = (b: BuiltIn) => viewer.adopt(new WorkerSource({ file: b.file, json: b.json, speed: startSpeed(toolbar), playing: true }), b.name);
  const openFiles = async (files: File[], play = false) => {
    const f = files[0];
    try {
      const opened = await openReplayFiles(files);
      if (opened) {
        const replay = opened.source;
        viewer.adopt(replay, opened.name);
        replay.start();
        if (opened.startTick !== replay.range.first) replay.seek(opened.startTick);
        if (play) replay.send({ type: 'play' });
        return;
      }
      if (f.size > MAX_SCENARIO_BYTES) throw new Error(`${f.name} is ${f.size} bytes; the limit for a scenario is ${MAX_SCENARIO_BYTES}`);
      viewer.adopt(new WorkerSource({ file: f.name, text: await f.text(), speed: startSpeed(toolbar), playing: true }), f.name);
    } catch (e) {
      viewer.error(`Could not open ${f.name}`, (e as Error).message);
    }
  };

  let ws: string | null = null;
  const toolbar: Toolbar = new Toolbar(BUILT_INS, {
    control: (c) => viewer.control(c),
    chooseScenario: (name) => {
      const b = BUILT_INS.find((x) => x.name === name);
      if (b) local(b);
    },
    // Back to the server's run from a local one (the menu keeps the server's entry).
    chooseLive: () => {
      if (ws) viewer.adopt(new WsSource(ws), 'live');
    },
    openFiles: (files) => void openFiles(files),
    fit: () => viewer.fit(),
    seek: (t) => viewer.seek(t),
  });
  const viewer: Viewer = new Viewer(scene, toolbar, new Panel(), messages, hook);
  byId('insp-close').addEventListener('click', () => viewer.select(-1));
  const follow = byId<HTMLInputElement>('insp-follow');
  follow.addEventListener('change', () => viewer.follow(follow.checked));
  onFileDrop((files) => void openFiles(files));
  bindKeys(window, (c) => {
    if (c.type === 'toggle') toolbar.togglePlay();
    else if (c.type === 'step') toolbar.stepBy(c.ticks);
    else if (c.type === 'speed') toolbar.nudgeSpeed(c.dir);
    else viewer.fit();
  });

  ws = await findServer(params);
  const bench = Number(params.get('bench'));
  const served = ws ? null : await findServedFile();
  if (served) await openFiles([served], true);
  else if (ws) viewer.adopt(new WsSource(ws), 'live');
  else if (bench > 0) local(benchScenario(Math.floor(bench)));
  else local(BUILT_INS.find((b) => b.name === params.get('scenario')) ?? BUILT_INS[0]);
  hook.ready = true;
}

void boot();
