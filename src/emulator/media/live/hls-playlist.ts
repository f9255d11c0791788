export interface PlaylistSegment {
  sequence: number;
  durationMs: number;
  uri: string;
}

/**
 * A live media playlist (RFC 8216): the rolling window of segments, `EXT-X-MEDIA-SEQUENCE` = the
 * first one's sequence number, `EXT-X-ENDLIST` once the stream has ended.
 */
export function renderPlaylist(segments: readonly PlaylistSegment[], targetDurationMs: number, ended: boolean, nextSequence: number): string {
  const lines = [
    '#EXTM3U',
    '#EXT-X-VERSION:3',
    `#EXT-X-TARGETDURATION:${Math.ceil(targetDurationMs / 1000)}`,
    `#EXT-X-MEDIA-SEQUENCE:${segments[0]?.sequence ?? nextSequence}`,
  ];
  for (const s of segments) lines.push(`#EXTINF:${(s.durationMs / 1000).toFixed(3)},`, s.uri);
  if (ended) lines.push('#EXT-X-ENDLIST');
  return `${lines.join('\n')}\n`;
}
