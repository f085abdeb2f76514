import { networkInterfaces } from 'node:os';

/**
 * Which `Host` headers the live server answers. A browser page on any domain
 * can make that domain resolve to this machine (DNS rebinding); the browser
 * then treats the server as that page's own origin, so the Origin check alone
 * does not stop it. The Host header still carries the page's domain, though:
 * answering only the server's own names closes that door.
 */

/** Longest Host value quoted back in a refusal (the rest is cut). */
const QUOTE_MAX = 80;

/**
 * The host name in a Host header or a `--host` / `--allow-host` value,
 * normalised as a browser would (lower case, IPv4 in dotted form, IPv6 in
 * brackets, compressed; no port, no trailing dot); null when it is not a
 * bare host with an optional port.
 */
export function hostName(text: string | undefined): string | null {
  if (!text) return null;
  // An IPv6 address written without brackets (as `--host ::1` takes it).
  const value = text.includes(':') && !text.startsWith('[') && text.indexOf(':') !== text.lastIndexOf(':') ? `[${text}]` : text;
  if (!/^[A-Za-z0-9.\-_:[\]]+$/.test(value)) return null;
  let url: URL;
  try {
    url = new URL(`http://${value}/`);
  } catch {
    return null;
  }
  if (url.pathname !== '/' || url.username || url.password || !url.hostname) return null;
  return url.hostname.replace(/\.$/, '');
}

/** localhost, 127.0.0.0/8 and [::1]: names only this machine answers to. */
export function isLoopback(name: string): boolean {
  return name === 'localhost' || name === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name);
}

/** An address that listens on every interface: the names to accept are this machine's addresses. */
function isWildcard(name: string): boolean {
  return name === '0.0.0.0' || name === '[::]';
}

/** This machine's interface addresses, as Host names (so `--host 0.0.0.0` answers to its LAN address). */
function interfaceNames(): string[] {
  const names: string[] = [];
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) names.push(a.family === 'IPv6' ? `[${a.address.replace(/%.*$/, '')}]` : a.address);
  }
  return names.map((n) => hostName(n)).filter((n): n is string => n !== null);
}

/** Decides which Host headers are the server's own. */
export interface HostPolicy {
  /** Null when `header` names this server; else a one-line reason for the refusal. */
  refusal(header: string | undefined): string | null;
  /** The names accepted besides loopback ones, for the log. */
  readonly names: readonly string[];
}

/**
 * The policy for a server listening on `listen` that also answers to `allow`:
 * loopback names always, the listen address, and on a wildcard listen
 * address also this machine's interface addresses.
 */
export function hostPolicy(listen: string | undefined, allow: readonly string[] = []): HostPolicy {
  const names = new Set<string>();
  for (const text of [listen ?? '127.0.0.1', ...allow]) {
    const name = hostName(text);
    if (name === null) throw new Error(`'${text}' is not a host name or address`);
    if (isWildcard(name)) for (const n of interfaceNames()) names.add(n);
    else names.add(name);
  }
  return {
    names: [...names].filter((n) => !isLoopback(n)),
    refusal(header) {
      if (header === undefined) return 'no Host header';
      const name = hostName(header);
      if (name !== null && (isLoopback(name) || names.has(name))) return null;
      // Quoted back as plain text: printable ASCII only, cut short.
      const clean = header.replace(/[^\x20-\x7e]/g, '?');
      const quoted = clean.length > QUOTE_MAX ? `${clean.slice(0, QUOTE_MAX)}...` : clean;
      return `this server does not answer to the host '${quoted}'; start wsim serve with --allow-host NAME to accept a name`;
    },
  };
}
