import http from 'node:http';
import https from 'node:https';
import got, { type ExtendOptions, type Got } from 'got';
import { DEFAULT_USER_AGENT } from '../options.js';

export interface StreamingGot {
  readonly got: Got;
  /** Destroys the agents it made; an injected instance is never closed. */
  close(): void;
}

/**
 * A got instance for long bodies (media files, live streams): `settings` extend the injected
 * instance (the kit's, so its proxy and cookies apply) or, without one, fresh keep-alive agents.
 */
export function deriveStreamingGot(
  base: Got | undefined,
  settings: ExtendOptions & { headers: Record<string, string> },
  own: { maxSockets: number; userAgent?: string | undefined },
): StreamingGot {
  if (base) return { got: base.extend(settings), close() {} };
  const agentOptions = { keepAlive: true, maxSockets: own.maxSockets, scheduling: 'lifo' as const };
  const httpAgent = new http.Agent(agentOptions);
  const httpsAgent = new https.Agent(agentOptions);
  return {
    got: got.extend({
      ...settings,
      agent: { http: httpAgent, https: httpsAgent },
      headers: { 'user-agent': own.userAgent ?? DEFAULT_USER_AGENT, ...settings.headers },
    }),
    close() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}
