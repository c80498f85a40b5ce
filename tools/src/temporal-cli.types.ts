export type TemporalCliSource = 'TEMPORAL_CLI_PATH' | 'PATH' | 'repository cache' | 'user cache' | 'Go build' | 'SDK download';

export interface TemporalCli {
  path: string;
  source: TemporalCliSource;
}

export interface TemporalCliAcquireContext {
  repoRoot: string;
  /** Where the executable must be when the acquirer resolves (<repo>/.tools/bin/temporal). */
  target: string;
  env: NodeJS.ProcessEnv;
  log: (line: string) => void;
}

/** A way to obtain a CLI that is not there yet; resolves with the path it left the executable at. */
export type TemporalCliAcquirer = (context: TemporalCliAcquireContext) => Promise<string>;
