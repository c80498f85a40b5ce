import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpException, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { HealthCheckResult } from '@nestjs/terminus';
import { WorkerConfig } from '../config/worker.config';
import { EventLoopMonitor } from '@schakel/observability';
import { WorkerHealth } from './worker-health.service';
import { WorkerMetrics } from './worker.metrics';

/**
 * The worker's only HTTP surface (issue 6 §4, §5): `/health/live`, `/health/ready` and `/metrics` on
 * WORKER_OPS_PORT, for the orchestrator's probes and for Prometheus. It opens once Nest has bootstrapped and
 * closes after the worker has drained (onApplicationShutdown runs after every beforeApplicationShutdown), so
 * during a drain liveness stays 200, readiness answers 503 and the last metrics can still be scraped.
 * No case data passes here: health names checks, metrics carry activity types and counts.
 */
@Injectable()
export class OpsHttpServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('OpsServer');
  private server: Server | undefined;

  constructor(
    private readonly config: WorkerConfig,
    private readonly health: WorkerHealth,
    private readonly metrics: WorkerMetrics,
    private readonly eventLoop: EventLoopMonitor,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { port, host } = this.config.ops;
    if (port === 0) return;
    this.eventLoop.start();
    const server = createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) => {
        this.logger.error(`ops request failed: ${error instanceof Error ? error.name : 'error'}`);
        if (!response.headersSent) send(response, 500, 'text/plain; charset=utf-8', 'internal error\n');
        else response.destroy();
      });
    });
    // A slow or silent client must not hold a socket open through a drain.
    server.requestTimeout = 10_000;
    server.headersTimeout = 5_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ port, ...(host === undefined ? {} : { host }) }, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    const address = server.address() as AddressInfo;
    this.logger.log(`health and metrics on ${address.address}:${address.port} (/health/live, /health/ready, /metrics)`);
  }

  async onApplicationShutdown(): Promise<void> {
    this.eventLoop.stop();
    const server = this.server;
    if (server === undefined) return;
    this.server = undefined;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    // Probes and scrapes are short; whatever is still open now is only keeping the process alive.
    server.closeAllConnections();
    await closed;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', 'http://ops').pathname;
    const route = ROUTES[path];
    if (route === undefined) return send(response, 404, 'text/plain; charset=utf-8', 'not found\n');
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('Allow', 'GET, HEAD');
      return send(response, 405, 'text/plain; charset=utf-8', 'method not allowed\n');
    }
    if (route === 'metrics') {
      if (!this.mayReadMetrics(request.headers.authorization)) {
        response.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
        return send(response, 401, 'text/plain; charset=utf-8', 'a bearer token (METRICS_TOKEN) is required\n');
      }
      return send(response, 200, this.metrics.contentType, await this.metrics.text(), request.method === 'HEAD');
    }
    const { status, body } = await healthAnswer(route === 'live' ? this.health.live() : this.health.ready());
    send(response, status, 'application/json; charset=utf-8', JSON.stringify(body), request.method === 'HEAD');
  }

  /** Without METRICS_TOKEN the port's own reach (WORKER_OPS_HOST, the network) is the protection. */
  private mayReadMetrics(authorization: string | undefined): boolean {
    const token = this.config.ops.metricsToken;
    if (token === undefined) return true;
    const presented = /^Bearer (\S+)$/i.exec(authorization ?? '')?.[1];
    // Digests have equal length, so the comparison takes the same time whatever was presented.
    return presented !== undefined && timingSafeEqual(digest(presented), digest(token));
  }
}

const ROUTES: Readonly<Record<string, 'live' | 'ready' | 'metrics'>> = { '/health/live': 'live', '/health/ready': 'ready', '/metrics': 'metrics' };

/** terminus rejects with a 503 HttpException whose response is the result naming what is down. */
async function healthAnswer(check: Promise<HealthCheckResult>): Promise<{ status: number; body: unknown }> {
  try {
    return { status: 200, body: await check };
  } catch (error) {
    if (error instanceof HttpException) return { status: error.getStatus(), body: error.getResponse() };
    throw error;
  }
}

function send(response: ServerResponse, status: number, contentType: string, body: string, headOnly = false): void {
  response.writeHead(status, { 'Content-Type': contentType, 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(body) });
  response.end(headOnly ? undefined : body);
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
