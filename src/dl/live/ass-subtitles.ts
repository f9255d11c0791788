/**
 * ASS (Advanced SubStation Alpha v4+) pieces for the chat sidecar: a header with one style and
 * one `Dialogue` line per chat message. Pure functions.
 */

export interface AssStyle {
  /** @default 'Microsoft YaHei' (players fall back to any CJK font) */
  fontName?: string;
  /** @default 36 */
  fontSize?: number;
  /** @default 1280 × 720 */
  playResX?: number;
  playResY?: number;
}

export function assHeader(title: string, style: AssStyle = {}): string {
  const x = style.playResX ?? 1280;
  const y = style.playResY ?? 720;
  return [
    '[Script Info]',
    `Title: ${assText(title)}`,
    'ScriptType: v4.00+',
    `PlayResX: ${x}`,
    `PlayResY: ${y}`,
    'WrapStyle: 0',
    'ScaledBorderAndShadow: yes',
    '',
    '[V4+ Styles]',
    'Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding',
    `Style: Default,${assText(style.fontName ?? 'Microsoft YaHei').replace(/,/g, ' ')},${style.fontSize ?? 36},&H00FFFFFF,&H000000FF,&H00000000,&H64000000,0,0,0,0,100,100,0,0,1,2,0,1,20,20,20,1`,
    '',
    '[Events]',
    'Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text',
    '',
  ].join('\n');
}

/** `H:MM:SS.cc` (centiseconds), clamped at 0. */
export function assTime(ms: number): string {
  const cs = Math.max(0, Math.round(ms / 10));
  const h = Math.floor(cs / 360_000);
  const m = Math.floor(cs / 6000) % 60;
  const s = Math.floor(cs / 100) % 60;
  return `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}.${String(cs % 100).padStart(2, '0')}`;
}

/**
 * Text safe inside a Dialogue: line breaks become `\N`, and braces (override blocks) and
 * backslashes (escapes) are replaced by their full-width forms so chat cannot restyle the file.
 */
export function assText(text: string): string {
  return text
    .split(/\r\n?|[\n\u2028\u2029]/)
    .map((line) =>
      line
        .replace(/\t/g, ' ')
        .replace(/\\/g, '＼')
        .replace(/\{/g, '｛')
        .replace(/\}/g, '｝')
        .replace(/[\u0000-\u001f\u007f]/g, ''),
    )
    .join('\\N');
}

export function assDialogue(startMs: number, endMs: number, text: string, name = ''): string {
  return `Dialogue: 0,${assTime(startMs)},${assTime(endMs)},Default,${assText(name).replace(/,/g, ' ')},0,0,0,,${assText(text)}\n`;
}
