import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';

/**
 * Reading the files a user names (scenarios, maps, experiments, LoRR
 * problems and outputs) under one rule: only regular files, never more than
 * a cap, every failure a short phrase the caller turns into a one-line
 * `file: path: message` error. A FIFO or device is refused before it is
 * opened (and checked again after a non-blocking open, in case it was swapped
 * in between), so nothing can make the CLI wait on a pipe or read forever.
 */

/** Largest JSON document read (scenario, experiment, shard, LoRR problem). */
export const MAX_JSON_BYTES = 64 * 1024 * 1024;
/** Largest map file read: a 4-million-cell layout is about 4 MB of text, so this leaves room for wide rows and CRLF. */
export const MAX_MAP_BYTES = 16 * 1024 * 1024;
/** Largest LoRR agents or tasks file read: the competition's largest (100,000 tasks) is 2 MB. */
export const MAX_LIST_BYTES = 16 * 1024 * 1024;
/** Largest LoRR output read back: paths of thousands of agents over thousands of steps. */
export const MAX_LORR_OUTPUT_BYTES = 256 * 1024 * 1024;

/**
 * Reads a regular file as UTF-8 text, at most `maxBytes`. On any problem
 * throws `fail(why)`, where `why` reads after the file's name: "not found",
 * "is a folder, not a file", "is 300000000 bytes; the limit is 16777216".
 */
export function readRegularFile(file: string, maxBytes: number, fail: (why: string) => Error): string {
  return readRegularBytes(file, maxBytes, fail).toString('utf8');
}

/** As readRegularFile, for binary files (recordings, bundles): the bytes as they are. */
export function readRegularBytes(file: string, maxBytes: number, fail: (why: string) => Error): Buffer {
  let st: Stats;
  try {
    st = statSync(file);
  } catch (e) {
    throw fail(errnoPhrase(e));
  }
  checkKind(st, maxBytes, fail);
  let fd: number;
  try {
    // Non-blocking, so that a FIFO put in place after the stat cannot make the open wait for a writer.
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    throw fail(errnoPhrase(e));
  }
  try {
    checkKind(fstatSync(fd), maxBytes, fail);
    return readCapped(fd, st.size, maxBytes, fail);
  } finally {
    closeSync(fd);
  }
}

function checkKind(st: Stats, maxBytes: number, fail: (why: string) => Error): void {
  const kind = notRegular(st);
  if (kind) throw fail(`is ${kind}, not a regular file`);
  if (st.size > maxBytes) throw fail(`is ${st.size} bytes; the limit is ${maxBytes}`);
}

/** What a non-regular file is, in words; null for a regular file. */
export function notRegular(st: Stats): string | null {
  if (st.isFile()) return null;
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * Reads to the end but never past the cap: files under /proc report size 0,
 * and a file may grow while it is read, so the size from stat is only a hint.
 */
function readCapped(fd: number, hint: number, maxBytes: number, fail: (why: string) => Error): Buffer {
  let buf = Buffer.allocUnsafe(Math.min(maxBytes, Math.max(hint, 64 * 1024)) + 1);
  let used = 0;
  for (;;) {
    if (used === buf.length) {
      if (used > maxBytes) throw fail(`is over ${maxBytes} bytes, the limit`);
      const bigger = Buffer.allocUnsafe(Math.min(maxBytes + 1, buf.length * 2));
      buf.copy(bigger, 0, 0, used);
      buf = bigger;
    }
    let n: number;
    try {
      n = readSync(fd, buf, used, buf.length - used, null);
    } catch (e) {
      throw fail(errnoPhrase(e));
    }
    if (n === 0) break;
    used += n;
  }
  if (used > maxBytes) throw fail(`is over ${maxBytes} bytes, the limit`);
  return buf.subarray(0, used);
}

/** A system error as a short phrase that reads after a file's name. */
export function errnoPhrase(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return 'not found';
    case 'EISDIR':
      return 'is a folder, not a file';
    case 'EACCES':
    case 'EPERM':
      return 'cannot be read (permission denied)';
    case 'ELOOP':
      return 'cannot be read (a loop of symbolic links)';
    case 'ENAMETOOLONG':
      return 'cannot be read (the name is too long)';
    default:
      return `cannot be read (${code ?? 'unknown error'})`;
  }
}

/**
 * Why a text file (map, LoRR agents or tasks) is not text, or null: a
 * control character other than tab, CR and LF means a binary file (or
 * something like /proc/self/environ), which is refused without quoting it.
 */
export function notText(text: string): string | null {
  const m = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/.exec(text);
  if (!m) return null;
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < m.index; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  const code = m[0].charCodeAt(0).toString(16).padStart(2, '0');
  return `is not a text file: control character 0x${code} at line ${line}, column ${m.index - start + 1}`;
}

export { EXCERPT_CHARS, escapeControls, excerpt } from './quote.js';
