/**
 * Douyin live qualities, best first. `SD2` (高清) is above `SD1` (标清), as the room's
 * `resolution_name` names them; `ORIGIN` and `AUDIO` appear only in `stream_data`.
 */
export const LIVE_QUALITIES = ['ORIGIN', 'FULL_HD1', 'HD1', 'SD2', 'SD1', 'AUDIO'] as const;
export type LiveQuality = (typeof LIVE_QUALITIES)[number];
