import type { DecodedFrame } from '../../record/frame-codec.js';
import type { LayoutInfo } from '../../record/layout-info.js';
import { LorrTimelines, type AgentTimeline } from '../../record/lorr-info.js';
import { shownChain } from '../render/layers/wait-chain.js';
import { tasksOf } from '../view/wait-chain.js';

const WIDTH = 270;
const HEIGHT = 64;
/** Task bar colours, taken in turn so neighbouring tasks differ. */
const TASK_COLORS = ['#38bdf8', '#22c55e', '#facc15', '#f97316', '#c084fc', '#2dd4bf'];

/**
 * The selected agent's timeline in a League of Robot Runners run: which
 * task it held when (a bar per task, idle gaps empty), how much of each
 * stretch of the run it waited holding a task (red) or turned (blue), a
 * cursor at the step shown, and its wait-for chain in words. Hidden for
 * warehouse runs and when no agent is selected.
 */
export class AgentTimelinePanel {
  private readonly section: HTMLElement;
  private readonly title: HTMLElement;
  private readonly canvas: HTMLCanvasElement;
  private readonly text: HTMLElement;
  private timelines: LorrTimelines | null = null;
  private ticks = 1;
  private drawn: { agent: number; tick: number } = { agent: -1, tick: -1 };

  constructor(parent: HTMLElement) {
    this.section = document.createElement('section');
    this.section.id = 'agent-timeline';
    this.section.hidden = true;
    this.title = document.createElement('h2');
    this.canvas = document.createElement('canvas');
    this.canvas.width = WIDTH * devicePixelRatio;
    this.canvas.height = HEIGHT * devicePixelRatio;
    this.canvas.style.width = `${WIDTH}px`;
    this.canvas.style.height = `${HEIGHT}px`;
    this.text = document.createElement('p');
    this.text.className = 'timeline-text';
    this.section.append(this.title, this.canvas, this.text);
    const inspector = parent.querySelector('#inspector');
    if (inspector) inspector.after(this.section);
    else parent.append(this.section);
  }

  /** A new run: its timelines, when it is a LoRR run whose timelines check out. */
  setLayout(layout: LayoutInfo): string | null {
    this.timelines = null;
    this.drawn = { agent: -1, tick: -1 };
    this.section.hidden = true;
    this.ticks = Math.max(1, layout.ticks);
    if (!layout.lorr) return null;
    try {
      this.timelines = new LorrTimelines(layout.lorr, layout.robots);
      return null;
    } catch (e) {
      return `the recording's agent timelines are damaged: ${(e as Error).message}`;
    }
  }

  /** Shows `agent` at frame `f` (redrawn when either changes). */
  update(agent: number, f: DecodedFrame | null): void {
    const tl = this.timelines;
    this.section.hidden = !tl || agent < 0 || !f || agent >= f.robotCount;
    if (this.section.hidden || !tl || !f) return;
    if (this.drawn.agent === agent && this.drawn.tick === f.tick) return;
    this.drawn = { agent, tick: f.tick };
    const t = tl.of(agent);
    this.draw(t, f.tick);
    const task = tasksOf(f)?.[agent] ?? -1;
    let waited = 0;
    let turned = 0;
    for (let k = 0; k < t.waits.length; k++) {
      waited += t.waits[k];
      turned += t.turns[k];
    }
    const chain = shownChain.chain && shownChain.tick === f.tick && shownChain.chain.agents[0] === agent ? shownChain.chain : null;
    const chainText = !chain || chain.agents.length < 2 ? 'waits for nobody' : `waits for ${chain.agents.slice(1).join(' → ')}${chain.cycle ? ' (a cycle: deadlock)' : ''}`;
    this.title.textContent = `Agent ${agent}: timeline`;
    this.text.textContent = `${task >= 0 ? `task ${task}` : 'no task'} at step ${f.tick}; ${chainText}. Over the run: ${t.tasks.filter((x) => x.task >= 0).length} tasks, waited ${waited} steps holding one, turned ${turned} times.`;
  }

  private draw(t: AgentTimeline, tick: number): void {
    const g = this.canvas.getContext('2d')!;
    const dpr = devicePixelRatio;
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.clearRect(0, 0, WIDTH, HEIGHT);
    const x = (step: number) => (Math.min(step, this.ticks) / this.ticks) * WIDTH;
    g.fillStyle = '#1f2937';
    g.fillRect(0, 4, WIDTH, 20);
    g.font = '10px system-ui, sans-serif';
    g.textBaseline = 'middle';
    // Tasks: a bar from each assignment to the next change.
    for (let k = 0; k < t.tasks.length; k++) {
      const { tick: from, task } = t.tasks[k];
      if (task < 0) continue;
      const to = k + 1 < t.tasks.length ? t.tasks[k + 1].tick : this.ticks;
      const x0 = x(from);
      const w = Math.max(1, x(to) - x0);
      g.fillStyle = TASK_COLORS[task % TASK_COLORS.length];
      g.fillRect(x0, 4, w, 20);
      if (w > 28) {
        g.fillStyle = '#0b1220';
        g.fillText(String(task), x0 + 3, 14);
      }
    }
    // Waiting (red, upwards) and turning (blue) per bucket, as a share of the bucket's steps.
    const bw = WIDTH / Math.max(1, t.waits.length);
    const full = t.bucketTicks;
    for (let b = 0; b < t.waits.length; b++) {
      const hw = (t.waits[b] / full) * 16;
      const ht = (t.turns[b] / full) * 16;
      g.fillStyle = '#ef4444';
      g.fillRect(b * bw, 46 - hw, Math.max(1, bw - 0.5), hw);
      g.fillStyle = '#60a5fa';
      g.fillRect(b * bw, 48, Math.max(1, bw - 0.5), ht);
    }
    g.fillStyle = '#9ca3af';
    g.fillText('waited', WIDTH - 36, 34);
    g.fillText('turned', WIDTH - 36, 58);
    g.strokeStyle = '#ffffff';
    g.lineWidth = 1.5;
    g.beginPath();
    g.moveTo(x(tick), 0);
    g.lineTo(x(tick), HEIGHT);
    g.stroke();
  }
}
