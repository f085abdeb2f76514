/**
 * Resolves on the first SIGINT or SIGTERM, for commands that serve until
 * stopped. Either signal stops it; the other's listener must not outlive the
 * server.
 */
export function untilStopped(): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
