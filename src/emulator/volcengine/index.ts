export {
  createVolcengineEmulator,
  EMULATED_ACTIONS,
  EMULATED_VERSION,
  type InjectedFault,
  type RequestLogEntry,
  type VolcengineEmulator,
  type VolcengineEmulatorOptions,
} from './emulator.js';
export { startVolcengineEmulator, type RunningVolcengineEmulator } from './start.js';
export { DEFAULT_FIXTURES, VolcengineEmulatorState, type EmulatorFixtures, type TaskStatus } from './state.js';
export type { EmulatorCredential } from './verify-signature.js';
