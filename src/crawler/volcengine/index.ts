export { VolcengineLiveClient, type CallOptions, type IterateOptions } from './client.js';
export { credentialsFromEnv, type VolcengineCredentials } from './credentials.js';
export type { VolcengineLiveClientOptions } from './options.js';
export type { VolcengineLogger } from './transport.js';
export type { RetryPolicy } from './retry-delay.js';
export { VOLCENGINE_LIVE_ACTIONS, type VolcengineLiveAction } from './actions.js';
export { buildSignedRequest, type VolcengineWireRequest } from './build-request.js';
export {
  signRequest,
  canonicalQueryString,
  deriveSigningKey,
  type SignInput,
  type SignedRequest,
  type SigningCredentials,
} from './sign.js';
export type * from './types.js';
