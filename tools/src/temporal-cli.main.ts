import { execFileSync } from 'node:child_process';
import { killChildrenOnExit } from './exit-cleanup';
import { locateTemporalCli } from './temporal-cli.locator';

/**
 * `node tools/dist/temporal-cli.main.js`: makes sure a Temporal CLI exists (building it if need be)
 * and prints where. CI runs it before `npm test`, so a minutes-long first build happens in plain
 * sight rather than inside a jest global setup.
 */
async function main(): Promise<void> {
  killChildrenOnExit();
  const log = (line: string): void => void process.stdout.write(`[temporal-cli] ${line}\n`);
  const cli = await locateTemporalCli({ log });
  const version = execFileSync(cli.path, ['--version'], { encoding: 'utf8', timeout: 60_000 }).trim();
  log(`${cli.path} (found via ${cli.source}): ${version}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
