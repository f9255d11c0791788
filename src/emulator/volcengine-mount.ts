import { createVolcengineEmulator, type VolcengineEmulator, type VolcengineEmulatorOptions } from './volcengine/index.js';
import type { EmulatorCredential } from './volcengine/index.js';

/** The access key the mounted Volcengine emulator accepts unless `volcengine.credentials` says otherwise. */
export const DEFAULT_VOLCENGINE_CREDENTIAL: Readonly<EmulatorCredential> = Object.freeze({
  accessKeyId: 'AKLTZW11bGF0b3ItYWNjZXNzLWtleQ',
  secretAccessKey: 'ZW11bGF0b3Itc2VjcmV0LWtleS1mb3ItdGVzdHM=',
});

/** Builds the Volcengine Live OpenAPI emulator mounted on `/?Action=…` (built in `./volcengine/`). */
export function mountVolcengine(options: Partial<VolcengineEmulatorOptions> | undefined): VolcengineEmulator {
  return createVolcengineEmulator({ ...options, credentials: options?.credentials ?? [{ ...DEFAULT_VOLCENGINE_CREDENTIAL }] });
}

/** Volcengine's OpenAPI is `POST|GET /?Action=…&Version=…` on its own host. */
export function isVolcengineRequest(path: string, query: URLSearchParams): boolean {
  return path === '/' && query.has('Action');
}
