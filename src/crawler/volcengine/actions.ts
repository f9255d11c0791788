/**
 * The Volcengine Live actions this client speaks (all `Version=2023-01-01`, path `/`).
 * GET actions carry their parameters in the query string, POST actions in a JSON body;
 * Action and Version are always in the query string.
 */
export const VOLCENGINE_LIVE_ACTIONS = {
  CreatePullToPushTask: 'POST',
  UpdatePullToPushTask: 'POST',
  DeletePullToPushTask: 'POST',
  RestartPullToPushTask: 'POST',
  // Added by the SDKs in 2025-06 as Restart's replacement; a body action like its siblings.
  ContinuePullToPushTask: 'POST',
  StopPullToPushTask: 'POST',
  ListPullToPushTask: 'GET',
  DescribeLiveStreamInfoByPage: 'GET',
  DescribeClosedStreamInfoByPage: 'GET',
  DescribeForbiddenStreamInfoByPage: 'GET',
  KillStream: 'POST',
  ForbidStream: 'POST',
  ResumeStream: 'POST',
  DescribeLiveStreamState: 'GET',
} as const satisfies Record<string, 'GET' | 'POST'>;

export type VolcengineLiveAction = keyof typeof VOLCENGINE_LIVE_ACTIONS;

export function isVolcengineLiveAction(name: string): name is VolcengineLiveAction {
  return Object.hasOwn(VOLCENGINE_LIVE_ACTIONS, name);
}
