/**
 * `datetime.strftime` as CPython on Linux does it (glibc, C locale), for a wall-clock time at a
 * fixed UTC offset. Unknown directives are copied through, as glibc does.
 */

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export interface WallClock {
  year: number;
  /** 1..12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  microsecond: number;
  /** Offset from UTC in seconds (east positive). */
  offsetSeconds: number;
}

/** Wall-clock fields of `epochSeconds` (+ microseconds) at `offsetSeconds` from UTC. */
export function wallClockAt(epochSeconds: number, microsecond: number, offsetSeconds: number): WallClock {
  const d = new Date((epochSeconds + offsetSeconds) * 1000);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    microsecond,
    offsetSeconds,
  };
}

const p2 = (n: number) => String(n).padStart(2, '0');
const p3 = (n: number) => String(n).padStart(3, '0');

/** A UTC midnight date (`Date.UTC` would map years 0..99 to 1900..1999). */
function utcDate(year: number, month0: number, day: number): Date {
  const d = new Date(0);
  d.setUTCFullYear(year, month0, day);
  return d;
}

function weekday(w: WallClock): number {
  return utcDate(w.year, w.month - 1, w.day).getUTCDay();
}

function dayOfYear(d: Date): number {
  return Math.round((d.getTime() - utcDate(d.getUTCFullYear(), 0, 1).getTime()) / 86_400_000) + 1;
}

function yearDay(w: WallClock): number {
  return dayOfYear(utcDate(w.year, w.month - 1, w.day));
}

function isoWeek(w: WallClock): { year: number; week: number } {
  const thursday = utcDate(w.year, w.month - 1, w.day);
  thursday.setUTCDate(thursday.getUTCDate() + 3 - ((thursday.getUTCDay() + 6) % 7));
  return { year: thursday.getUTCFullYear(), week: 1 + Math.floor((dayOfYear(thursday) - 1) / 7) };
}

function offsetText(seconds: number, colon: boolean): string {
  const sign = seconds < 0 ? '-' : '+';
  let rest = Math.abs(seconds);
  const h = Math.floor(rest / 3600);
  rest -= h * 3600;
  const m = Math.floor(rest / 60);
  const s = rest - m * 60;
  const sep = colon ? ':' : '';
  return `${sign}${p2(h)}${sep}${p2(m)}${s ? `${sep}${p2(s)}` : ''}`;
}

/** `%Z` of a `datetime.timezone(timedelta(...))` without a name: `UTC` or `UTC+08:00`. */
function zoneName(seconds: number): string {
  return seconds === 0 ? 'UTC' : `UTC${offsetText(seconds, true)}`;
}

export function pyStrftime(w: WallClock, format: string): string {
  let out = '';
  for (let i = 0; i < format.length; i++) {
    const ch = format[i]!;
    if (ch !== '%' || i === format.length - 1) {
      out += ch;
      continue;
    }
    const d = format[++i]!;
    out += directive(w, d) ?? `%${d}`;
  }
  return out;
}

function directive(w: WallClock, d: string): string | undefined {
  const hour12 = w.hour % 12 === 0 ? 12 : w.hour % 12;
  switch (d) {
    case 'a': return DAYS[weekday(w)]!.slice(0, 3);
    case 'A': return DAYS[weekday(w)]!;
    case 'b': case 'h': return MONTHS[w.month - 1]!.slice(0, 3);
    case 'B': return MONTHS[w.month - 1]!;
    case 'c': return `${directive(w, 'a')} ${directive(w, 'b')} ${String(w.day).padStart(2, ' ')} ${p2(w.hour)}:${p2(w.minute)}:${p2(w.second)} ${w.year}`;
    case 'C': return p2(Math.floor(w.year / 100));
    case 'd': return p2(w.day);
    case 'D': return `${p2(w.month)}/${p2(w.day)}/${p2(w.year % 100)}`;
    case 'e': return String(w.day).padStart(2, ' ');
    case 'f': return String(w.microsecond).padStart(6, '0');
    case 'F': return `${w.year}-${p2(w.month)}-${p2(w.day)}`;
    case 'G': return String(isoWeek(w).year);
    case 'g': return p2(isoWeek(w).year % 100);
    case 'H': return p2(w.hour);
    case 'I': return p2(hour12);
    case 'j': return p3(yearDay(w));
    case 'k': return String(w.hour).padStart(2, ' ');
    case 'l': return String(hour12).padStart(2, ' ');
    case 'm': return p2(w.month);
    case 'M': return p2(w.minute);
    case 'n': return '\n';
    case 'p': return w.hour < 12 ? 'AM' : 'PM';
    case 'P': return w.hour < 12 ? 'am' : 'pm';
    case 'r': return `${p2(hour12)}:${p2(w.minute)}:${p2(w.second)} ${w.hour < 12 ? 'AM' : 'PM'}`;
    case 'R': return `${p2(w.hour)}:${p2(w.minute)}`;
    case 's': return String(utcDate(w.year, w.month - 1, w.day).getTime() / 1000 + w.hour * 3600 + w.minute * 60 + w.second - w.offsetSeconds);
    case 'S': return p2(w.second);
    case 't': return '\t';
    case 'T': return `${p2(w.hour)}:${p2(w.minute)}:${p2(w.second)}`;
    case 'u': return String(weekday(w) === 0 ? 7 : weekday(w));
    case 'U': return p2(Math.floor((yearDay(w) - 1 - weekday(w) + 7) / 7));
    case 'V': return p2(isoWeek(w).week);
    case 'w': return String(weekday(w));
    case 'W': return p2(Math.floor((yearDay(w) - 1 - ((weekday(w) + 6) % 7) + 7) / 7));
    case 'x': return `${p2(w.month)}/${p2(w.day)}/${p2(w.year % 100)}`;
    case 'X': return `${p2(w.hour)}:${p2(w.minute)}:${p2(w.second)}`;
    case 'y': return p2(w.year % 100);
    case 'Y': return String(w.year);
    case 'z': return offsetText(w.offsetSeconds, false);
    case 'Z': return zoneName(w.offsetSeconds);
    case '%': return '%';
    default: return undefined;
  }
}
