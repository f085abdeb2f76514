/** What a key press asks the viewer to do. */
export type KeyCommand =
  | { type: 'toggle' }
  /** Ticks to step: positive forward, negative back (recordings only). */
  | { type: 'step'; ticks: number }
  /** One speed option up (+1) or down (-1). */
  | { type: 'speed'; dir: 1 | -1 }
  | { type: 'fit' };

/** The parts of a KeyboardEvent the bindings read (a plain object in unit tests). */
export interface KeyPress {
  key: string;
  shiftKey?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
}

/** Ticks a shifted arrow steps: a quick way through a slow stretch without the scrubber. */
const BIG_STEP = 10;

/**
 * The viewer's key bindings: Space plays or pauses, the arrow keys step
 * (Shift: ten ticks), + and - change speed, F fits the floor into view.
 * Presses with Ctrl, Cmd or Alt are the browser's (zoom, find), never ours.
 */
export function keyCommand(e: KeyPress): KeyCommand | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  switch (e.key) {
    case ' ':
    case 'Spacebar':
      return { type: 'toggle' };
    case 'ArrowRight':
      return { type: 'step', ticks: e.shiftKey ? BIG_STEP : 1 };
    case 'ArrowLeft':
      return { type: 'step', ticks: e.shiftKey ? -BIG_STEP : -1 };
    case '+':
    case '=':
      return { type: 'speed', dir: 1 };
    case '-':
    case '_':
      return { type: 'speed', dir: -1 };
    case 'f':
    case 'F':
      return { type: 'fit' };
    default:
      return null;
  }
}

/** True when the key belongs to a form field the user is typing in (the seed box), not to the viewer. */
function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  const tag = el.tagName;
  if (tag === 'TEXTAREA' || el.isContentEditable) return true;
  if (tag === 'INPUT') {
    const type = (el as HTMLInputElement).type;
    // A checkbox or slider with focus still lets Space and the arrows drive the run.
    return type !== 'checkbox' && type !== 'range';
  }
  // A focused menu keeps its own arrow keys.
  return tag === 'SELECT';
}

/**
 * Listens for the bindings on `target` (the window) and runs `run` for each.
 * Handled keys do not also scroll the page or press a focused button.
 */
export function bindKeys(target: Window, run: (c: KeyCommand) => void): void {
  target.addEventListener('keydown', (e) => {
    if (typing(e.target)) return;
    const c = keyCommand(e);
    if (!c) return;
    e.preventDefault();
    run(c);
  });
  // A focused button (Play, just clicked) would take Space as a click on its release too.
  target.addEventListener('keyup', (e) => {
    if (!typing(e.target) && keyCommand(e)?.type === 'toggle') e.preventDefault();
  });
}
