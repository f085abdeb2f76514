import type { Problem } from '../sources/source.js';
import { byId } from './dom.js';

const esc = (s: string) => s.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!);

/**
 * Problems and notices shown over the floor. Scenario problems are listed
 * one per line as the CLI prints them, `file: path: what was expected`.
 */
export class Messages {
  private readonly box = byId('messages');

  error(title: string, message: string, problems?: Problem[]): void {
    const lines = problems?.length ? problems.map((p) => `${p.file}: ${p.path ? `${p.path}: ` : ''}${p.detail}`) : [message];
    this.show('message error', title, lines.join('\n'), 'error');
  }

  notice(text: string, key = 'notice'): void {
    this.show('message notice', '', text, key);
  }

  clear(key?: string): void {
    for (const el of Array.from(this.box.children) as HTMLElement[]) if (!key || el.dataset.key === key) el.remove();
  }

  /** Text of the errors on screen (for tests and for copying). */
  text(): string[] {
    return (Array.from(this.box.querySelectorAll('.message.error pre')) as HTMLElement[]).map((e) => e.textContent ?? '');
  }

  private show(cls: string, title: string, body: string, key: string): void {
    this.clear(key);
    const el = document.createElement('div');
    el.className = cls;
    el.dataset.key = key;
    el.innerHTML = `<button class="small" title="Dismiss">✕</button>${title ? `<h3>${esc(title)}</h3>` : ''}<pre>${esc(body)}</pre>`;
    el.querySelector('button')!.addEventListener('click', () => el.remove());
    this.box.appendChild(el);
  }
}
