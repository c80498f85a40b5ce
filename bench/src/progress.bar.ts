/**
 * What the benchmark says while it runs. On a terminal one line redraws in place (at most ten times a
 * second, so drawing never costs the measurement anything); in a pipe or a CI log, where carriage
 * returns would pile up, a plain line every 10 % or every 10 seconds, whichever comes first.
 */
export class ProgressBar {
  private static readonly WIDTH = 28;
  private static readonly REDRAW_MS = 100;
  private static readonly PLAIN_EVERY_MS = 10_000;

  private done = 0;
  private detail = '';
  private lastDraw = 0;
  private lastPlainDecile = -1;
  private lastPlainAt = Date.now();
  private lastPlainLine = '';
  private readonly startedAt = Date.now();
  private finished = false;

  constructor(
    private readonly label: string,
    private readonly total: number,
    private readonly out: NodeJS.WriteStream = process.stdout,
  ) {
    if (!this.isTty) this.out.write(`  ${label}: 0/${total}\n`);
  }

  private get isTty(): boolean {
    return this.out.isTTY === true;
  }

  /** Sets the count (and an optional short status such as a rate) and redraws if it is time to. */
  update(done: number, detail = this.detail): void {
    this.done = Math.min(done, this.total);
    this.detail = detail;
    this.draw(false);
  }

  tick(detail?: string): void {
    this.update(this.done + 1, detail);
  }

  /** The final state on its own line; later output starts on a fresh one. */
  finish(detail?: string): void {
    if (this.finished) return;
    if (detail !== undefined) this.detail = detail;
    this.draw(true);
    this.finished = true;
    if (this.isTty) this.out.write('\n');
  }

  private draw(force: boolean): void {
    if (this.finished) return;
    const now = Date.now();
    const fraction = this.total === 0 ? 1 : this.done / this.total;
    if (this.isTty) {
      if (!force && now - this.lastDraw < ProgressBar.REDRAW_MS) return;
      this.lastDraw = now;
      const filled = Math.round(fraction * ProgressBar.WIDTH);
      const bar = `${'█'.repeat(filled)}${'░'.repeat(ProgressBar.WIDTH - filled)}`;
      const line = `  ${this.label} ${bar} ${String(Math.floor(fraction * 100)).padStart(3)}% ${this.done}/${this.total} ${elapsed(now - this.startedAt)}${this.detail ? ` ${this.detail}` : ''}`;
      const columns = this.out.columns ?? 120;
      this.out.write(`\r${line.length > columns - 1 ? line.slice(0, columns - 1) : line.padEnd(columns - 1)}`);
      return;
    }
    const decile = Math.floor(fraction * 10);
    const line = `${this.done}|${this.detail}`;
    if (force && line === this.lastPlainLine) return;
    if (force || decile > this.lastPlainDecile || now - this.lastPlainAt >= ProgressBar.PLAIN_EVERY_MS) {
      this.lastPlainLine = line;
      this.lastPlainDecile = decile;
      this.lastPlainAt = now;
      this.out.write(`  ${this.label}: ${this.done}/${this.total} (${Math.floor(fraction * 100)}%) ${elapsed(now - this.startedAt)}${this.detail ? ` ${this.detail}` : ''}\n`);
    }
  }
}

function elapsed(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  return seconds < 60 ? `${seconds}s` : `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`;
}

/** A line of its own that never lands in the middle of a progress bar. */
export function say(line: string): void {
  process.stdout.write(`${line}\n`);
}
