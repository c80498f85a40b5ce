import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ApiConfig } from '../config/api.config';

/**
 * The API's side of a graceful stop (issue 6 §4, ADR 0010). On SIGTERM, Nest's sequence is: this hook, then
 * terminus keeps readiness at 503 for API_SHUTDOWN_DELAY while requests are still served (its
 * gracefulShutdownTimeoutMs, so load balancers take the instance out first), then Nest closes the listener and
 * waits for the requests in flight, then the Temporal connection and the database close. This class adds what
 * Nest leaves open: from the first moment of the drain every answer says `Connection: close`, so keep-alive
 * clients reconnect elsewhere and no idle socket holds the server open; and the wait for requests in flight is
 * bounded by API_SHUTDOWN_TIMEOUT, after which their connections are cut and the process exits anyway.
 */
@Injectable()
export class HttpDrain implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('Shutdown');
  private draining = false;
  private cutOff: NodeJS.Timeout | undefined;
  /** Answers not yet sent: those in flight when the drain begins must say `Connection: close` too. */
  private readonly unanswered = new Set<ServerResponse>();

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly config: ApiConfig,
  ) {}

  onApplicationBootstrap(): void {
    // Before Express sees the request, so every answer of the drain carries the header.
    this.server().prependListener('request', (_request: IncomingMessage, response: ServerResponse) => {
      if (this.draining) {
        closeAfterAnswer(response);
        return;
      }
      this.unanswered.add(response);
      response.once('finish', () => this.unanswered.delete(response));
      response.once('close', () => this.unanswered.delete(response));
    });
  }

  beforeApplicationShutdown(signal?: string): void {
    this.draining = true;
    for (const response of this.unanswered) closeAfterAnswer(response);
    this.unanswered.clear();
    const { shutdownDelaySeconds, shutdownTimeoutSeconds } = this.config.ops;
    // terminus delays on SIGTERM only: the signal of an orchestrator, not of Ctrl-C (SIGINT) at a terminal.
    const delaySeconds = signal === 'SIGTERM' ? shutdownDelaySeconds : 0;
    if (signal !== undefined) {
      this.logger.log(`${signal}: readiness answers 503${delaySeconds > 0 ? ` for ${delaySeconds} s before the listener closes` : ''}; requests in flight get ${shutdownTimeoutSeconds} s`);
    }
    this.cutOff = setTimeout(() => {
      this.logger.warn(`requests still in flight after ${shutdownTimeoutSeconds} s: closing their connections`);
      this.server().closeAllConnections();
    }, (delaySeconds + shutdownTimeoutSeconds) * 1_000);
    // A drain that finishes in time must not wait for this timer.
    this.cutOff.unref();
  }

  onApplicationShutdown(): void {
    clearTimeout(this.cutOff);
  }

  private server(): Server {
    return this.adapterHost.httpAdapter.getHttpServer() as Server;
  }
}

/** Node closes the connection once this answer is sent, instead of keeping it alive for the next request. */
function closeAfterAnswer(response: ServerResponse): void {
  if (!response.headersSent) response.setHeader('Connection', 'close');
}
