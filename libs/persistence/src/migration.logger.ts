import type { Logger } from 'typeorm';

/**
 * Passes TypeORM's migration progress ("Migration X has been executed successfully.") to one line
 * writer and drops query logging: a migrator's log is read by operators, and query parameters of
 * other data sources may carry case data.
 */
export class MigrationProgressLogger implements Logger {
  constructor(
    private readonly info: (line: string) => void,
    private readonly warn: (line: string) => void = info,
  ) {}

  logQuery(): void {}

  logQueryError(error: string | Error): void {
    this.warn(`query failed: ${typeof error === 'string' ? error : error.message}`);
  }

  logQuerySlow(time: number): void {
    this.warn(`slow migration query: ${time} ms`);
  }

  logSchemaBuild(message: string): void {
    this.info(message);
  }

  logMigration(message: string): void {
    this.info(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    (level === 'warn' ? this.warn : this.info)(String(message));
  }
}
