export type TemporalSummary =
  | { kind: 'dev-server'; address: string; uiUrl?: string; dbFile: string }
  | { kind: 'external'; address: string };

export type PostgresSummary = { kind: 'embedded'; port: number; url: string; dataDir: string } | { kind: 'external'; url: string };

export interface BannerInput {
  apiPort: number;
  namespace: string;
  schakelEnv: string;
  temporal: TemporalSummary;
  postgres: PostgresSummary;
}

/** Someone else's DATABASE_URL may carry a real password; it does not belong in a terminal scrollback. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}

export function formatBanner(input: BannerInput): string {
  const rule = '─'.repeat(78);
  const row = (label: string, value: string): string => `   ${label.padEnd(13)}${value}`;
  const temporal =
    input.temporal.kind === 'dev-server'
      ? [
          row('Temporal UI', input.temporal.uiUrl ?? '(headless)'),
          row('Temporal', `dev server at ${input.temporal.address}, namespace ${input.namespace}, state in ${input.temporal.dbFile}`),
        ]
      : [row('Temporal', `external Temporal at ${input.temporal.address}, namespace ${input.namespace}`)];
  const postgres =
    input.postgres.kind === 'embedded'
      ? [row('Postgres', `embedded at port ${input.postgres.port} (data in ${input.postgres.dataDir})`), row('DATABASE_URL', input.postgres.url)]
      : [row('Postgres', `external at ${redactUrl(input.postgres.url)}`)];
  return [
    rule,
    ` Schakel is running (${input.schakelEnv})`,
    row('API', `http://localhost:${input.apiPort}/api`),
    row('OpenAPI', `http://localhost:${input.apiPort}/api/docs`),
    ...temporal,
    ...postgres,
    '',
    ' A development token:',
    '   npm run token -- --role school --sub s-1 --org 12AB --region midden',
    '',
    ' Stop with Ctrl-C.',
    rule,
  ].join('\n');
}
