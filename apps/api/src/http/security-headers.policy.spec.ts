import { securityHeadersFor } from './security-headers.policy';

describe('securityHeadersFor', () => {
  it('sends HSTS in production only, so a developer’s localhost is never pinned to https', () => {
    expect(securityHeadersFor('production').strictTransportSecurity).toEqual({ maxAge: 31_536_000, includeSubDomains: true });
    expect(securityHeadersFor('development').strictTransportSecurity).toBe(false);
    expect(securityHeadersFor('test').strictTransportSecurity).toBe(false);
  });
});
