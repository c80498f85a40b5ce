import { temporalDevServerArgs } from './temporal-dev-server.process';

describe('temporalDevServerArgs', () => {
  it('runs headless and in memory for tests', () => {
    expect(temporalDevServerArgs({ ip: '127.0.0.1', port: 40000, namespace: 'default' })).toEqual([
      'server', 'start-dev', '--ip', '127.0.0.1', '--port', '40000', '--headless', '--namespace', 'default',
      '--search-attribute', 'SchakelEscalationLevel=Int', '--search-attribute', 'SchakelOverdue=Bool',
    ]);
  });

  it('keeps state in SQLite with WAL and synchronous=normal, with the UI, for npm start', () => {
    expect(temporalDevServerArgs({ ip: '127.0.0.1', port: 7233, uiPort: 8233, namespace: 'schakel', dbFile: '/r/.data/temporal/schakel.db' })).toEqual([
      'server', 'start-dev', '--ip', '127.0.0.1', '--port', '7233', '--ui-port', '8233',
      '--namespace', 'default', '--namespace', 'schakel',
      '--search-attribute', 'SchakelEscalationLevel=Int', '--search-attribute', 'SchakelOverdue=Bool',
      '--db-filename', '/r/.data/temporal/schakel.db', '--sqlite-pragma', 'journal_mode=wal', '--sqlite-pragma', 'synchronous=normal',
    ]);
  });
});
