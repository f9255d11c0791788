import { get, type IncomingMessage } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

/** An HTTP-FLV reader for tests: keeps every byte, says how the response ended. */
export class FlvClient {
  chunks: Buffer[] = [];
  received = 0;
  status = 0;
  /** 'end' for a complete response, 'aborted' when the server cut it. */
  outcome: Promise<'end' | 'aborted'>;
  #response: IncomingMessage | undefined;
  #request;

  constructor(url: string) {
    let settle: (value: 'end' | 'aborted') => void = () => {};
    this.outcome = new Promise((resolve) => (settle = resolve));
    this.#request = get(url, { agent: false }, (res) => {
      this.#response = res;
      this.status = res.statusCode ?? 0;
      res.on('data', (chunk: Buffer) => {
        this.chunks.push(chunk);
        this.received += chunk.length;
      });
      res.on('end', () => settle('end'));
      res.on('aborted', () => settle('aborted'));
      res.on('error', () => settle('aborted'));
      res.on('close', () => settle(res.complete ? 'end' : 'aborted'));
    });
    this.#request.on('error', () => settle('aborted'));
  }

  get bytes(): Buffer {
    return Buffer.concat(this.chunks);
  }

  /** Waits until at least `count` bytes have arrived. */
  async waitForBytes(count: number, timeoutMs = 5000): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    while (this.received < count) {
      if (performance.now() > deadline) throw new Error(`only ${this.received} of ${count} bytes arrived`);
      await sleep(5);
    }
  }

  close(): void {
    this.#response?.destroy();
    this.#request.destroy();
  }
}
