import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';

/**
 * Writes a file all at once or not at all: data goes to a temporary file
 * beside the target, renamed over it only when complete.
 */
export function writeAtomic(file: string, write: (fd: number) => void): void {
  const tmp = `${file}.${process.pid}.tmp`;
  let fd = -1;
  try {
    fd = openSync(tmp, 'w');
    write(fd);
    closeSync(fd);
    fd = -1;
    renameSync(tmp, file);
  } catch (e) {
    if (fd >= 0) closeSync(fd);
    rmSync(tmp, { force: true });
    throw e;
  }
}

export function writeTextAtomic(file: string, text: string): void {
  writeAtomic(file, (fd) => writeSync(fd, text));
}
