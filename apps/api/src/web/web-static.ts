import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';

/** The built web interface (apps/web, `npm run build`): index.html, app.js and app.css. */
export function webRootDirectory(): string | undefined {
  try {
    const directory = join(dirname(require.resolve('@schakel/web/package.json')), 'dist');
    return existsSync(join(directory, 'index.html')) ? directory : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Serves the web interface under / (issue 8 §3); the API stays under /api. Static files only: no path under
 * /api or /metrics exists in the folder, so this never shadows a route. Without a build the API still runs.
 */
export function serveWebInterface(app: NestExpressApplication): void {
  const root = webRootDirectory();
  if (root === undefined) {
    new Logger('WebInterface').warn('The web interface is not built (apps/web/dist): run npm run build; / answers 404 until then');
    return;
  }
  app.useStaticAssets(root, { index: 'index.html', dotfiles: 'ignore', redirect: false, fallthrough: true });
}
