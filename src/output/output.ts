import { accessSync, closeSync, constants, fstatSync, lstatSync, mkdirSync, openSync, readdirSync, readlinkSync, realpathSync, renameSync, rmSync, statSync, writeSync, type Stats } from 'node:fs';
import { basename, dirname, resolve, sep } from 'node:path';
import { ScenarioError } from '../scenario/errors.js';
import { errnoPhrase, notRegular } from '../scenario/read-file.js';

/**
 * Output files (--report, --trace, --record, --out, --junit, --summary,
 * --csv, --html, lorr --output).
 *
 * - A new or regular file is written to a temporary file beside it and
 *   renamed over it when complete: it appears whole or not at all.
 * - A symbolic link is followed: the file it points to is replaced the same
 *   way and the link itself stays.
 * - A FIFO or character device (a terminal, /dev/null, /dev/stdout on a
 *   pipe), and any path under /dev or /proc, is written through: opened and
 *   written in place, never replaced. A FIFO with no reader is refused
 *   rather than waited on.
 * - A folder, socket, block device or dangling link is refused.
 *
 * Every failure is a ScenarioError naming the user's path (never the
 * temporary one): one line, exit 2. Temporary files still open when the
 * process is interrupted (SIGINT, SIGTERM, SIGHUP) or exits are removed.
 */

/** How an output target is written. */
interface Plan {
  /** The file renamed over (atomic), or opened in place (through). */
  target: string;
  through: boolean;
  /** Open flags for a write-through. */
  flags: number;
  /** A descriptor this process already has open (/dev/stdout): written through, not reopened or closed. */
  fd?: number;
}

/** Kernel views, not files: a regular file here (/proc/sys/...) is a setting, never a place for output. */
const KERNEL = /^\/(proc|sys)(\/|$)/;
/** Paths naming a descriptor of this process: /dev/stdout, /dev/fd/N, /proc/self/fd/N. */
const DESCRIPTOR = /^\/(?:dev\/(stdin|stdout|stderr)|dev\/fd\/(\d+)|proc\/(?:self|thread-self|(\d+))\/fd\/(\d+))$/;
const STD: Record<string, number> = { stdin: 0, stdout: 1, stderr: 2 };

function fail(file: string, why: string): ScenarioError {
  return new ScenarioError(file, '', why);
}

/** The descriptor a canonical path names, if it names one of this process's. */
function descriptorIn(path: string): number | undefined {
  const m = DESCRIPTOR.exec(path);
  if (!m) return undefined;
  if (m[1]) return STD[m[1]];
  if (m[3] && Number(m[3]) !== process.pid) return undefined;
  return Number(m[2] ?? m[4]);
}

/** Follows symbolic links one at a time until a path names a descriptor (undefined if none does). */
function descriptorOf(file: string): number | undefined {
  let path = resolve(file);
  for (let hop = 0; hop < 40; hop++) {
    try {
      // Folders canonical, so a link to /proc/self/fd itself is seen through.
      path = resolve(realpathSync(dirname(path)), basename(path));
    } catch {
      return undefined;
    }
    const fd = descriptorIn(path);
    if (fd !== undefined) return fd;
    try {
      if (!lstatSync(path).isSymbolicLink()) return undefined;
      path = resolve(dirname(path), readlinkSync(path));
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/**
 * Whether descriptor `fd` may be one handed to wsim (stdout, a shell's
 * `3>file` or `>(cmd)`) rather than one of the runtime's own: its event
 * loop's epoll and eventfd, and its signal pipes, whose both ends this
 * process holds. Writing one of those would crash the process.
 */
function handedIn(fd: number): boolean {
  if (fd === 1 || fd === 2) return true;
  let what: string;
  try {
    what = readlinkSync(`/proc/self/fd/${fd}`);
  } catch {
    return false;
  }
  if (what.startsWith('anon_inode:') || what.startsWith('socket:')) return false;
  if (!what.startsWith('pipe:')) return true;
  try {
    return readdirSync('/proc/self/fd').every((other) => Number(other) === fd || readlinkOr(`/proc/self/fd/${other}`) !== what);
  } catch {
    return false;
  }
}

function readlinkOr(path: string): string {
  try {
    return readlinkSync(path);
  } catch {
    return '';
  }
}

/**
 * A path naming a descriptor (/dev/stdout, /dev/fd/3) is written through that
 * descriptor: sharing its offset with the process's other writes, where
 * reopening the path would start at 0 and overwrite them.
 */
function descriptorPlan(file: string, fd: number): Plan {
  if (fd === 0) throw fail(file, 'is standard input; an output must be a file');
  try {
    fstatSync(fd);
  } catch {
    throw fail(file, `names descriptor ${fd}, which is not open`);
  }
  if (!handedIn(fd)) throw fail(file, `names descriptor ${fd}, which wsim uses itself; give a file, a FIFO, /dev/stdout or a descriptor the shell opened`);
  return { target: file, through: true, flags: 0, fd };
}

/** Decides how `file` is written, refusing targets that must not be; does not create anything. */
function planOutput(file: string): Plan {
  const fd = descriptorOf(file);
  if (fd !== undefined) return descriptorPlan(file, fd);
  let link: Stats | null = null;
  try {
    link = lstatSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw fail(file, writePhrase(e, file));
  }
  if (link === null) return { target: file, through: false, flags: 0 };
  let st: Stats;
  try {
    st = link.isSymbolicLink() ? statSync(file) : link;
  } catch {
    throw fail(file, 'is a symbolic link to nothing: give the file it should point to, or remove the link');
  }
  if (st.isFIFO()) return { target: file, through: true, flags: constants.O_WRONLY | constants.O_NONBLOCK };
  if (st.isCharacterDevice()) return { target: file, through: true, flags: constants.O_WRONLY };
  const kind = notRegular(st);
  if (kind) throw fail(file, `is ${kind}; an output must be a file${kind === 'a folder' ? ' name' : ''}`);
  let real: string;
  try {
    real = realpathSync(file);
  } catch (e) {
    throw fail(file, writePhrase(e, file));
  }
  if (KERNEL.test(real)) throw fail(file, 'is a kernel setting or view under /proc or /sys, not a place for output');
  // A link stays a link: the file it points to is the one replaced.
  return { target: link.isSymbolicLink() ? real : file, through: false, flags: 0 };
}

/**
 * Checks an output target before a long run, so a bad --report fails in a
 * second rather than after the run: refused kinds, a missing or read-only
 * folder. A folder missing now is fine when it is (or is inside) one of
 * `created`, the folders other options (--out, --csv) create before writing.
 */
export function checkOutput(file: string, created: readonly (string | undefined)[] = []): void {
  const plan = planOutput(file);
  if (plan.through) return;
  const dir = dirname(resolve(plan.target));
  try {
    accessSync(dir, constants.W_OK);
  } catch (e) {
    const later = (e as NodeJS.ErrnoException).code === 'ENOENT' && created.some((c) => c !== undefined && isWithin(dir, resolve(c)));
    if (!later) throw fail(file, writePhrase(e, file, dir));
  }
}

function isWithin(path: string, folder: string): boolean {
  return path === folder || path.startsWith(folder.endsWith(sep) ? folder : folder + sep);
}

/** A system error while writing, as a phrase naming the user's file (and folder). */
function writePhrase(e: unknown, file: string, dir = dirname(resolve(file))): string {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return `cannot be written: the folder ${dir} does not exist`;
    case 'ENOTDIR':
      return `cannot be written: ${dir} is not a folder`;
    case 'EACCES':
    case 'EPERM':
      return `cannot be written: permission denied (in ${dir})`;
    case 'EROFS':
      return 'cannot be written: the file system is read-only';
    case 'ENOSPC':
    case 'EDQUOT':
      return 'cannot be written: the disk is full';
    case 'EISDIR':
      return 'is a folder; an output must be a file name';
    case 'ENXIO':
      return 'is a FIFO (named pipe) with no reader: start the reader first';
    case 'EPIPE':
      return 'cannot be written: the reader closed it before the end';
    default:
      return code ? `cannot be written (${code})` : `cannot be written: ${errnoPhrase(e)}`;
  }
}

// Temporary files being written, removed if the process stops before they are renamed.
const live = new Set<string>();
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

function removeLive(): void {
  for (const tmp of live) rmSync(tmp, { force: true });
  live.clear();
}

/** Removes the temporary files, then dies of the same signal, as the process would have without the handler. */
function onSignal(signal: NodeJS.Signals): void {
  removeLive();
  unhook();
  process.kill(process.pid, signal);
}

function hook(): void {
  process.on('exit', removeLive);
  for (const s of SIGNALS) process.on(s, onSignal);
}

function unhook(): void {
  process.off('exit', removeLive);
  for (const s of SIGNALS) process.off(s, onSignal);
}

function track(tmp: string): void {
  if (live.size === 0) hook();
  live.add(tmp);
}

function untrack(tmp: string): void {
  live.delete(tmp);
  if (live.size === 0) unhook();
}

/** For a short sleep on a full pipe; made on first use (this module also loads in the browser, which has no SharedArrayBuffer there). */
let pause: Int32Array | null = null;

/** Writes every byte, waiting out a full pipe (a FIFO opened non-blocking answers EAGAIN). */
function writeAll(fd: number, bytes: Uint8Array): void {
  let at = 0;
  while (at < bytes.length) {
    try {
      at += writeSync(fd, bytes, at, bytes.length - at);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
      pause ??= new Int32Array(new SharedArrayBuffer(4));
      Atomics.wait(pause, 0, 0, 5);
    }
  }
}

/** An output file being written: `write` pieces, then `commit` (or `abort`). */
export class OutputFile {
  private fd: number;
  /** False for a descriptor the process had already (stdout): never closed here. */
  private readonly owned: boolean;
  private readonly tmp: string | null;
  private readonly target: string;
  /** Bytes written so far. */
  bytesWritten = 0;

  constructor(readonly file: string) {
    const plan = planOutput(file);
    this.target = plan.target;
    this.tmp = plan.through ? null : `${plan.target}.${process.pid}.tmp`;
    this.owned = plan.fd === undefined;
    this.fd = plan.fd ?? (this.tmp === null ? this.openThrough(plan.flags) : this.openTemp(this.tmp));
  }

  private openThrough(flags: number): number {
    try {
      return openSync(this.file, flags);
    } catch (e) {
      throw fail(this.file, writePhrase(e, this.file));
    }
  }

  private openTemp(tmp: string): number {
    try {
      // Exclusive: a link planted at the temporary name is not followed; a stale one from a killed run is replaced.
      rmSync(tmp, { force: true });
      const fd = openSync(tmp, 'wx');
      track(tmp);
      return fd;
    } catch (e) {
      throw fail(this.file, writePhrase(e, this.file, dirname(resolve(tmp))));
    }
  }

  write(data: string | Uint8Array): void {
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    try {
      writeAll(this.fd, bytes);
    } catch (e) {
      this.abort();
      throw fail(this.file, writePhrase(e, this.file));
    }
    this.bytesWritten += bytes.length;
  }

  /** Closes the file and, for a temporary file, moves it into place. */
  commit(): void {
    try {
      this.close();
      if (this.tmp !== null) renameSync(this.tmp, this.target);
    } catch (e) {
      this.abort();
      throw fail(this.file, writePhrase(e, this.file));
    }
    if (this.tmp !== null) untrack(this.tmp);
  }

  private close(): void {
    if (this.fd >= 0 && this.owned) closeSync(this.fd);
    this.fd = -1;
  }

  /** Gives up: closes the file and removes the temporary one (a written-through target keeps what it got). */
  abort(): void {
    this.close();
    if (this.tmp !== null) {
      rmSync(this.tmp, { force: true });
      untrack(this.tmp);
    }
  }
}

/** Writes a file whole or not at all (or through, for a FIFO or device); `write` is called with a writer of pieces. */
export function writeAtomic(file: string, write: (put: (data: string | Uint8Array) => void) => void): void {
  const out = new OutputFile(file);
  try {
    write((data) => out.write(data));
  } catch (e) {
    out.abort();
    throw e;
  }
  out.commit();
}

export function writeTextAtomic(file: string, text: string): void {
  writeAtomic(file, (put) => put(text));
}

/** Creates an output folder (--out, --csv), refusing one that exists as something else, in one line. */
export function ensureOutputFolder(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOTDIR') throw fail(dir, 'is not a folder; this option takes a folder');
    throw fail(dir, writePhrase(e, dir, dir));
  }
}
