import { createServer } from 'node:net';

/** The machine's own Postgres lives here; an embedded server must never take it, even when it is free. */
const NEVER = new Set([5432]);

export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolvePromise) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolvePromise(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolvePromise(true)));
  });
}

export interface FreePortOptions {
  /** Tried in order first, so well-known defaults (7233, 8233) are kept when nothing else uses them. */
  preferred?: readonly number[];
  host?: string;
  /** Ports already promised to another server started in the same breath. */
  exclude?: readonly number[];
}

/**
 * A port that was free a moment ago. Another process may still take it before the server binds,
 * which is why the servers' own start-up errors are reported rather than assumed away.
 */
export async function freePort(options: FreePortOptions = {}): Promise<number> {
  const host = options.host ?? '127.0.0.1';
  const excluded = new Set([...NEVER, ...(options.exclude ?? [])]);
  for (const port of options.preferred ?? []) {
    if (!excluded.has(port) && (await isPortFree(port, host))) return port;
  }
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = await ephemeralPort(host);
    if (!excluded.has(port)) return port;
  }
  throw new Error(`Could not find a free TCP port on ${host}.`);
}

function ephemeralPort(host: string): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ port: 0, host, exclusive: true }, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => (port > 0 ? resolvePromise(port) : reject(new Error('The OS gave no port.'))));
    });
  });
}
