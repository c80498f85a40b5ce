import { EventLoopMonitor } from './event-loop.monitor';

describe('EventLoopMonitor', () => {
  it('reports how long the event loop was blocked', async () => {
    const monitor = new EventLoopMonitor();
    monitor.start();
    try {
      // Let the histogram take a few samples first.
      await new Promise((resolve) => setTimeout(resolve, 100));
      const blockedUntil = Date.now() + 300;
      while (Date.now() < blockedUntil) {
        // A synchronous stretch, as a stuck handler would make.
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(monitor.recentMaxDelayMs()).toBeGreaterThanOrEqual(250);
    } finally {
      monitor.stop();
    }
  });
});
