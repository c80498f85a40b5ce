import { createWebhookRequestSchema, webhookRequestSchema, webhookUrlProblem } from './webhook-request.schema';

const SECRET = 'whsec-0123456789abcdef0123456789abcdef';
const development = createWebhookRequestSchema({ allowLoopbackHttp: true });

function fieldsRefused(schema: typeof webhookRequestSchema, body: unknown): string[] {
  const result = schema.safeParse(body);
  return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'));
}

describe('webhook request', () => {
  it('accepts an https endpoint with a long enough secret and trims the description', () => {
    expect(webhookRequestSchema.parse({ url: 'https://hooks.example.nl/schakel', secret: SECRET, description: '  Zorgportaal  ' })).toEqual({
      url: 'https://hooks.example.nl/schakel',
      secret: SECRET,
      description: 'Zorgportaal',
    });
  });

  it('refuses plain http in production, also to localhost', () => {
    expect(fieldsRefused(webhookRequestSchema, { url: 'http://hooks.example.nl/schakel', secret: SECRET })).toEqual(['url']);
    expect(fieldsRefused(webhookRequestSchema, { url: 'http://127.0.0.1:8080/hook', secret: SECRET })).toEqual(['url']);
  });

  it('accepts plain http to the same machine outside production, and nowhere else', () => {
    for (const url of ['http://127.0.0.1:8080/hook', 'http://localhost/hook', 'http://LOCALHOST:9/x', 'http://[::1]:3000/']) {
      expect(fieldsRefused(development, { url, secret: SECRET })).toEqual([]);
    }
    for (const url of ['http://hooks.example.nl/', 'http://127.0.0.2/', 'http://localhost.example.nl/', 'ftp://localhost/']) {
      expect(fieldsRefused(development, { url, secret: SECRET })).toEqual(['url']);
    }
  });

  it('refuses credentials in the URL, relative URLs and other schemes', () => {
    expect(webhookUrlProblem('https://user:pw@hooks.example.nl/', { allowLoopbackHttp: false })).toBe('must not contain a user name or password');
    expect(webhookUrlProblem('/hook', { allowLoopbackHttp: false })).toBe('must be an absolute URL');
    expect(webhookUrlProblem('javascript:alert(1)', { allowLoopbackHttp: true })).toBe('must be an absolute URL');
    expect(webhookUrlProblem('wss://hooks.example.nl/', { allowLoopbackHttp: false })).toBe('must be an https:// URL');
  });

  it('refuses a short secret, a missing url and unknown fields, naming each', () => {
    expect(fieldsRefused(webhookRequestSchema, { secret: 'too-short', extra: true })).toEqual(['url', 'secret', '']);
  });

  it('refuses a secret with spaces or control characters', () => {
    expect(fieldsRefused(webhookRequestSchema, { url: 'https://hooks.example.nl/', secret: `${SECRET} with spaces` })).toEqual(['secret']);
  });
});
