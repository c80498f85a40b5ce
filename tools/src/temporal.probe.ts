import { connect, constants } from 'node:http2';
import { setTimeout as sleep } from 'node:timers/promises';

const DESCRIBE_NAMESPACE = '/temporal.api.workflowservice.v1.WorkflowService/DescribeNamespace';

/**
 * Asks the frontend to describe the namespace with one raw gRPC call over node:http2. That proves
 * more than an open port (the frontend is serving and the namespace exists) and needs no
 * @temporalio/client, whose native connection would be heavy for a readiness check. Plaintext only.
 */
export function probeTemporal(address: string, namespace: string, timeoutMs = 3_000): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const session = connect(`http://${address}`);
    let settled = false;
    const finish = (error?: Error): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      session.close();
      session.destroy();
      if (error) reject(error);
      else resolvePromise();
    };
    const timer = setTimeout(() => finish(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    session.on('error', (error) => finish(error));

    const request = session.request({
      [constants.HTTP2_HEADER_METHOD]: 'POST',
      [constants.HTTP2_HEADER_PATH]: DESCRIBE_NAMESPACE,
      [constants.HTTP2_HEADER_CONTENT_TYPE]: 'application/grpc',
      te: 'trailers',
    });
    let httpStatus = 0;
    let grpcStatus: string | undefined;
    let grpcMessage: string | undefined;
    const readStatus = (headers: Record<string, string | string[] | undefined>): void => {
      const status = headers['grpc-status'];
      if (typeof status === 'string') {
        grpcStatus = status;
        const message = headers['grpc-message'];
        grpcMessage = typeof message === 'string' ? decodeURIComponent(message) : undefined;
      }
    };
    request.on('response', (headers) => {
      httpStatus = Number(headers[constants.HTTP2_HEADER_STATUS]);
      readStatus(headers);
    });
    request.on('trailers', readStatus);
    request.on('error', (error) => finish(error));
    request.on('data', () => undefined);
    request.on('end', () => {
      if (httpStatus !== 200) finish(new Error(`HTTP status ${httpStatus} (is ${address} a Temporal frontend?)`));
      else if (grpcStatus === '0') finish();
      else if (grpcStatus === '5') finish(new Error(`namespace "${namespace}" does not exist (yet)`));
      else finish(new Error(`gRPC status ${grpcStatus ?? 'missing'}${grpcMessage ? `: ${grpcMessage}` : ''}`));
    });
    request.end(grpcFrame(describeNamespaceRequest(namespace)));
  });
}

export interface WaitForTemporalOptions {
  timeoutMs: number;
  /** Returns a reason to give up at once, e.g. the server process already exited. */
  abortReason?: () => string | undefined;
}

export async function waitForTemporal(address: string, namespace: string, options: WaitForTemporalOptions): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  let lastReason = 'not tried';
  for (;;) {
    const aborted = options.abortReason?.();
    if (aborted) throw new Error(`Temporal at ${address} will not answer: ${aborted}`);
    try {
      await probeTemporal(address, namespace, Math.min(3_000, Math.max(500, deadline - Date.now())));
      return;
    } catch (error) {
      lastReason = (error as Error).message;
    }
    if (Date.now() >= deadline) {
      throw new Error(`Temporal at ${address} did not answer within ${Math.round(options.timeoutMs / 1000)} s (last: ${lastReason}).`);
    }
    await sleep(250);
  }
}

/** DescribeNamespaceRequest { string namespace = 1; } in protobuf wire format. */
function describeNamespaceRequest(namespace: string): Buffer {
  const value = Buffer.from(namespace, 'utf8');
  return Buffer.concat([Buffer.from([0x0a]), varint(value.length), value]);
}

function varint(value: number): Buffer {
  const bytes: number[] = [];
  let rest = value;
  while (rest > 0x7f) {
    bytes.push((rest & 0x7f) | 0x80);
    rest >>>= 7;
  }
  bytes.push(rest);
  return Buffer.from(bytes);
}

/** gRPC length-prefixed message: no compression flag, 4-byte big-endian length, payload. */
function grpcFrame(payload: Buffer): Buffer {
  const header = Buffer.alloc(5);
  header.writeUInt8(0, 0);
  header.writeUInt32BE(payload.length, 1);
  return Buffer.concat([header, payload]);
}
