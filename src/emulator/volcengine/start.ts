import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createVolcengineEmulator, type VolcengineEmulator, type VolcengineEmulatorOptions } from './emulator.js';

export interface RunningVolcengineEmulator {
  emulator: VolcengineEmulator;
  server: Server;
  /** `http://127.0.0.1:<port>`: pass as the client's `host`. */
  url: string;
  close(): Promise<void>;
}

/** Runs the emulator alone on 127.0.0.1 (port 0 = any free port). */
export async function startVolcengineEmulator(
  options: VolcengineEmulatorOptions,
  { port = 0 }: { port?: number } = {},
): Promise<RunningVolcengineEmulator> {
  const emulator = createVolcengineEmulator(options);
  const server = createServer((req, res) => {
    // Alone on its port, every request to / is Volcengine's (so a missing Action gets MissingParameter).
    if (emulator.matches(req) || (req.url ?? '').split('?')[0] === '/') {
      void emulator.handle(req, res);
      return;
    }
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end('not found');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    emulator,
    server,
    url: `http://127.0.0.1:${bound}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
