/**
 * `wsim view FILE` serves the page with one file to show: `view.json`
 * names it and where to fetch it. Any other server (a plain static site,
 * `wsim serve`) has no view.json, and the page starts as it otherwise would.
 */
export async function findServedFile(): Promise<File | null> {
  try {
    const res = await fetch('view.json', { cache: 'no-store' });
    if (!res.ok || !(res.headers.get('content-type') ?? '').includes('json')) return null;
    const info = (await res.json()) as { name?: unknown; url?: unknown };
    if (typeof info.name !== 'string' || typeof info.url !== 'string') return null;
    const file = await fetch(new URL(info.url, location.href), { cache: 'no-store' });
    if (!file.ok) return null;
    return new File([await file.blob()], info.name);
  } catch {
    return null;
  }
}
