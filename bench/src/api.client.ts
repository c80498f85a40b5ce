import { Agent, request } from 'node:http';

export interface ApiAnswer<T> {
  status: number;
  body: T;
}

/**
 * A plain HTTP/1.1 client with keep-alive, as a real client (a browser, a proxy) would hold its connections:
 * no connection set-up in the figures. node:http rather than fetch because fetch costs several times the
 * CPU per request, and the load generator shares the machine with what it measures.
 */
export class ApiClient {
  private readonly agent: Agent;

  constructor(
    private readonly baseUrl: string,
    maxSockets: number,
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
  }

  get<T>(path: string, token: string): Promise<ApiAnswer<T>> {
    return this.send<T>('GET', path, token, undefined);
  }

  post<T>(path: string, token: string, body: unknown): Promise<ApiAnswer<T>> {
    return this.send<T>('POST', path, token, JSON.stringify(body));
  }

  /**
   * A step sent as the API asks a client to: with an Idempotency-Key, and sent again with the same key while the
   * API answers 503 ("Temporal did not answer in time; the step may still be applied"). The latency is the whole
   * exchange, retries included, as a user would wait for it.
   */
  async postStep<T>(path: string, token: string, body: unknown, idempotencyKey: string, attempts = 5): Promise<ApiAnswer<T>> {
    for (let attempt = 1; ; attempt += 1) {
      const answer = await this.send<T>('POST', path, token, JSON.stringify(body), { 'idempotency-key': idempotencyKey });
      if (answer.status !== 503 || attempt >= attempts) return answer;
      this.retriedSteps += 1;
    }
  }

  /** How many steps were sent again after a 503: printed with the figures, never hidden in them. */
  retriedSteps = 0;

  /** Throws unless the API answered `expected`: a benchmark of errors measures nothing. */
  async expect<T>(expected: number | readonly number[], call: Promise<ApiAnswer<T>>): Promise<T> {
    const answer = await call;
    const allowed = typeof expected === 'number' ? [expected] : expected;
    if (!allowed.includes(answer.status)) {
      const body = answer.body as { code?: string; message?: string } | undefined;
      throw new Error(`HTTP ${answer.status}${body?.code ? ` ${body.code}` : ''}${body?.message ? `: ${body.message}` : ''}`);
    }
    return answer.body;
  }

  /**
   * Closes the connections that sit idle. Node's server closes a keep-alive connection after 5 s of silence; a
   * client that reuses one just then gets "socket hang up". Between rounds (while the other side runs) the
   * API's connections idle for longer than that, so each round starts on fresh ones, outside the measurement.
   */
  dropIdleConnections(): void {
    for (const sockets of Object.values(this.agent.freeSockets)) for (const socket of sockets ?? []) socket.destroy();
  }

  close(): void {
    this.agent.destroy();
  }

  private send<T>(method: 'GET' | 'POST', path: string, token: string, body: string | undefined, extraHeaders: Record<string, string> = {}): Promise<ApiAnswer<T>> {
    const url = new URL(path, this.baseUrl);
    return new Promise((resolve, reject) => {
      const headers: Record<string, string | number> = { authorization: `Bearer ${token}`, accept: 'application/json', ...extraHeaders };
      if (body !== undefined) {
        headers['content-type'] = 'application/json';
        headers['content-length'] = Buffer.byteLength(body);
      }
      const call = request(url, { method, agent: this.agent, headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          try {
            parsed = text === '' ? undefined : JSON.parse(text);
          } catch {
            // Not JSON (a proxy's error page): keep the text for the error message.
          }
          resolve({ status: response.statusCode ?? 0, body: parsed as T });
        });
        response.on('error', reject);
      });
      call.on('error', reject);
      call.end(body);
    });
  }
}
