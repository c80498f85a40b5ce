import { createServer, type Http2Server } from 'node:http2';
import { freePort } from './free-port';
import { probeTemporal, waitForTemporal } from './temporal.probe';

describe('temporal.probe', () => {
  let server: Http2Server | undefined;
  afterEach(async () => {
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    server = undefined;
  });

  /** A stand-in frontend that knows one namespace and records what it was sent. */
  const fakeFrontend = async (knownNamespace: string, received: { path?: string; body?: Buffer }): Promise<string> => {
    server = createServer();
    server.on('stream', (stream, headers) => {
      received.path = String(headers[':path']);
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.body = Buffer.concat(chunks);
        const asked = received.body.subarray(7).toString('utf8');
        stream.respond({ ':status': 200, 'content-type': 'application/grpc' }, { waitForTrailers: true });
        stream.on('wantTrailers', () =>
          stream.sendTrailers(asked === knownNamespace ? { 'grpc-status': '0' } : { 'grpc-status': '5', 'grpc-message': 'Namespace%20not%20found' }),
        );
        stream.end();
      });
    });
    const port = await freePort();
    await new Promise<void>((resolve) => server?.listen(port, '127.0.0.1', resolve));
    return `127.0.0.1:${port}`;
  };

  it('sends DescribeNamespace as a gRPC frame and accepts status 0', async () => {
    const received: { path?: string; body?: Buffer } = {};
    const address = await fakeFrontend('default', received);
    await expect(probeTemporal(address, 'default')).resolves.toBeUndefined();
    expect(received.path).toBe('/temporal.api.workflowservice.v1.WorkflowService/DescribeNamespace');
    expect([...(received.body ?? [])]).toEqual([0, 0, 0, 0, 9, 0x0a, 7, ...Buffer.from('default')]);
  });

  it('says when the namespace is missing', async () => {
    const address = await fakeFrontend('default', {});
    await expect(probeTemporal(address, 'other')).rejects.toThrow(/namespace "other" does not exist/);
  });

  it('gives up with the last reason when nothing listens', async () => {
    const port = await freePort();
    await expect(waitForTemporal(`127.0.0.1:${port}`, 'default', { timeoutMs: 600 })).rejects.toThrow(/did not answer within .*ECONNREFUSED/);
  });

  it('stops waiting at once when told why', async () => {
    const port = await freePort();
    await expect(waitForTemporal(`127.0.0.1:${port}`, 'default', { timeoutMs: 60_000, abortReason: () => 'the dev server exited (exit code 1)' })).rejects.toThrow(
      /exited \(exit code 1\)/,
    );
  });
});
