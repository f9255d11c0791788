// The part of m3u8-parser 7 (which ships no types) that the HLS recorder reads.
declare module 'm3u8-parser' {
  export interface ManifestSegment {
    uri: string;
    /** Seconds (`EXTINF`). */
    duration?: number;
    discontinuity?: boolean;
    /** `EXT-X-MAP`: fMP4 initialisation segment. */
    map?: { uri?: string };
    key?: { method?: string; uri?: string };
  }

  export interface ManifestVariant {
    uri: string;
    attributes?: { BANDWIDTH?: number; RESOLUTION?: { width: number; height: number } };
  }

  export interface Manifest {
    mediaSequence?: number;
    targetDuration?: number;
    endList?: boolean;
    segments: ManifestSegment[];
    playlists?: ManifestVariant[];
  }

  export class Parser {
    constructor(options?: Record<string, unknown>);
    manifest: Manifest;
    push(chunk: string): void;
    end(): void;
    on(event: 'warn' | 'info' | 'error', listener: (e: { message: string }) => void): void;
  }
}
