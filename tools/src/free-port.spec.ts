import { createServer, type Server } from 'node:net';
import { freePort, isPortFree } from './free-port';

describe('free-port', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
  });
  const occupy = (): Promise<number> =>
    new Promise((resolve) => {
      const server = createServer();
      servers.push(server);
      server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        resolve(typeof address === 'object' && address ? address.port : 0);
      });
    });

  it('keeps a preferred port that is free and skips one that is taken', async () => {
    const free = await freePort();
    expect(await freePort({ preferred: [free] })).toBe(free);
    const taken = await occupy();
    expect(await isPortFree(taken)).toBe(false);
    expect(await freePort({ preferred: [taken] })).not.toBe(taken);
  });

  it('never hands out 5432, where the machine runs its own Postgres', async () => {
    expect(await freePort({ preferred: [5432] })).not.toBe(5432);
  });
});
