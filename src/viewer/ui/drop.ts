import { byId } from './dom.js';

/** Lets the user drop files anywhere on the page (all those dropped together go to `open`). */
export function onFileDrop(open: (files: File[]) => void): void {
  const hint = byId('drop');
  let depth = 0;
  const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');
  window.addEventListener('dragenter', (e) => {
    if (!hasFiles(e)) return;
    depth++;
    hint.hidden = false;
  });
  window.addEventListener('dragleave', () => {
    depth = Math.max(0, depth - 1);
    if (depth === 0) hint.hidden = true;
  });
  window.addEventListener('dragover', (e) => {
    if (hasFiles(e)) e.preventDefault();
  });
  window.addEventListener('drop', (e) => {
    e.preventDefault();
    depth = 0;
    hint.hidden = true;
    const files = Array.from(e.dataTransfer?.files ?? []);
    if (files.length > 0) open(files);
  });
}
