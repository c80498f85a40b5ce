import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

/** Keeps the last lines a process printed, so a failure can say why without flooding normal runs. */
export class OutputTail {
  private readonly lines: string[] = [];

  constructor(private readonly capacity = 60) {}

  push(line: string): void {
    this.lines.push(line);
    if (this.lines.length > this.capacity) this.lines.shift();
  }

  text(): string {
    return this.lines.join('\n');
  }
}

export function forEachLine(stream: Readable | null | undefined, onLine: (line: string) => void): void {
  if (!stream) return;
  const reader = createInterface({ input: stream, crlfDelay: Infinity });
  reader.on('line', onLine);
  // A child killed mid-line closes the pipe abruptly; that is not our error to report.
  stream.on('error', () => reader.close());
}

export function prefixed(prefix: string, write: (text: string) => void): (line: string) => void {
  return (line) => write(`${prefix} ${line}\n`);
}
