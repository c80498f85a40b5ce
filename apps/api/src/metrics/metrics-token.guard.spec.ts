import { NotFoundException, UnauthorizedException, type ExecutionContext } from '@nestjs/common';
import { loadApiConfig } from '../config/api.config';
import { MetricsTokenGuard } from './metrics-token.guard';

const DATABASE_URL = 'postgres://schakel@127.0.0.1:5432/schakel';
const TOKEN = 'a-metrics-token-of-more-than-32-characters';
const PRODUCTION = {
  DATABASE_URL,
  SCHAKEL_ENV: 'production',
  OIDC_ISSUER: 'https://login.schakel.example/realms/schakel',
  OIDC_AUDIENCE: 'schakel-api',
  PAYLOAD_KEYS: `2026-01:${Buffer.alloc(32, 1).toString('base64')}`,
  PAYLOAD_KEY_ID: '2026-01',
};

function requestWith(authorization?: string): ExecutionContext {
  const request = { headers: authorization === undefined ? {} : { authorization } };
  return { switchToHttp: () => ({ getRequest: () => request }) } as unknown as ExecutionContext;
}

describe('MetricsTokenGuard', () => {
  it('admits only the metrics token when METRICS_TOKEN is set', () => {
    const guard = new MetricsTokenGuard(loadApiConfig({ DATABASE_URL, METRICS_TOKEN: TOKEN }));
    expect(guard.canActivate(requestWith(`Bearer ${TOKEN}`))).toBe(true);
    expect(guard.canActivate(requestWith(`bearer ${TOKEN}`))).toBe(true);
    for (const authorization of [undefined, `Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(1)}`, TOKEN, `Basic ${TOKEN}`, 'Bearer ']) {
      expect(() => guard.canActivate(requestWith(authorization))).toThrow(UnauthorizedException);
    }
  });

  it('admits anyone outside production when no token is set', () => {
    expect(new MetricsTokenGuard(loadApiConfig({ DATABASE_URL })).canActivate(requestWith())).toBe(true);
  });

  it('hides /metrics in production when no token protects it', () => {
    expect(() => new MetricsTokenGuard(loadApiConfig(PRODUCTION)).canActivate(requestWith('Bearer anything'))).toThrow(NotFoundException);
    expect(new MetricsTokenGuard(loadApiConfig({ ...PRODUCTION, METRICS_TOKEN: TOKEN })).canActivate(requestWith(`Bearer ${TOKEN}`))).toBe(true);
  });
});
