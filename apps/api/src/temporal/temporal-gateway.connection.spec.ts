import type { Connection } from '@temporalio/client';
import { loadApiConfig, type EnvSource } from '../config/api.config';
import type { DeadlinePolicyProvider } from '../policy/deadline-policy.provider';
import { TemporalGateway } from './temporal.gateway';

const DATABASE_URL = 'postgres://schakel@127.0.0.1:5432/schakel';

/** The gateway's connection is lazy: building one dials nothing, so its options can be read without a server. */
async function connectionOptionsFor(env: EnvSource): Promise<Connection['options']> {
  // The policy provider is only used per request, never while the gateway is built.
  const gateway = new TemporalGateway(loadApiConfig({ DATABASE_URL, ...env }), {} as DeadlinePolicyProvider);
  const options = (gateway as unknown as { connection: Connection }).connection.options;
  await gateway.onApplicationShutdown();
  return options;
}

/** The SDK turns `tls` into gRPC channel credentials; grpc-js tells TLS ones apart. */
function isSecure(options: Connection['options']): boolean {
  return (options.credentials as unknown as { _isSecure(): boolean })._isSecure();
}

describe('TemporalGateway: the connection gets the standard Temporal settings (issue 9)', () => {
  it('connects in plain text to TEMPORAL_ADDRESS when nothing else is set', async () => {
    const options = await connectionOptionsFor({ TEMPORAL_ADDRESS: 'temporal:7233' });
    expect(options.address).toBe('temporal:7233');
    expect(isSecure(options)).toBe(false);
    expect((options as { apiKey?: string }).apiKey).toBeUndefined();
  });

  it('passes a Temporal Cloud API key, with TLS, and gRPC metadata', async () => {
    const options = await connectionOptionsFor({
      TEMPORAL_ADDRESS: 'eu-west-1.aws.api.temporal.io:7233',
      TEMPORAL_NAMESPACE: 'schakel-prod.a1b2c',
      TEMPORAL_API_KEY: 'cloud-api-key',
      TEMPORAL_GRPC_META_TENANT: 'swv-test',
    });
    expect(options.address).toBe('eu-west-1.aws.api.temporal.io:7233');
    expect((options as { apiKey?: string }).apiKey).toBe('cloud-api-key');
    expect(isSecure(options)).toBe(true);
    expect(options.metadata).toMatchObject({ tenant: 'swv-test' });
  });
});
