import { EMPTY, obj, type Obj } from './read.js';

/**
 * Two shapes of filter, both built from plain record builders:
 *
 * - a *record* filter (one object per response: a profile, a post detail, a live room) exposes
 *   every field of its record as a property, plus `raw`, `record` and `toDict()`;
 * - a *list* filter (a page of posts, comments, users) exposes the page fields (`has_more`,
 *   `max_cursor`, …) as properties, every item field as an F2-style column (one entry per item,
 *   `null` where that item lacks the field), the item records as `items` / `toList()`, and
 *   `toDict()` with both.
 *
 * The builders are total (they accept `{}`), so the property names are read once from the record
 * built for an empty response and can never drift from the record type.
 */

/** F2-style columns: for each item field, the array of that field over all items. */
export type Columns<I> = { readonly [K in keyof I]: Array<I[K]> };

export interface RecordFilterMembers<R> {
  /** The response exactly as given to the constructor. */
  readonly raw: unknown;
  /** Every property of this filter as one plain object (built once, on first use). */
  readonly record: Readonly<R>;
  /** Property name -> value (a shallow copy of `record`). */
  toDict(): R;
}

export type RecordFilter<R> = RecordFilterMembers<R> & Readonly<R>;

export interface RecordFilterClass<R> {
  new (raw: unknown): RecordFilter<R>;
  readonly prototype: RecordFilter<R>;
}

export interface ListFilterMembers<P, I> {
  /** The response exactly as given to the constructor. */
  readonly raw: unknown;
  /** The page-level fields (cursor, has_more, status) as one object. */
  readonly page: Readonly<P>;
  /** One record per list entry, in response order (built once, on first use). */
  readonly items: readonly I[];
  /** One record per list entry (a new array each call). */
  toList(): I[];
  /** Page fields plus every item field as a column, like F2's `_to_dict`. */
  toDict(): P & Columns<I>;
}

export type ListFilter<P, I> = ListFilterMembers<P, I> & Readonly<P> & Columns<I>;

export interface ListFilterClass<P, I> {
  new (raw: unknown): ListFilter<P, I>;
  readonly prototype: ListFilter<P, I>;
}

const RESERVED = new Set(['raw', 'record', 'page', 'items', 'toList', 'toDict', 'constructor']);

function checkNames(filterName: string, groups: string[][]): void {
  const seen = new Set<string>();
  for (const names of groups) {
    for (const name of names) {
      if (RESERVED.has(name) || seen.has(name)) {
        throw new Error(`filter ${filterName}: property name "${name}" is used twice`);
      }
      seen.add(name);
    }
  }
}

export interface RecordFilterSpec<R extends object> {
  name: string;
  build: (root: Obj) => R;
}

export function defineRecordFilter<R extends object>(spec: RecordFilterSpec<R>): RecordFilterClass<R> {
  const keys = Object.keys(spec.build(EMPTY));
  checkNames(spec.name, [keys]);

  class Filter {
    readonly raw: unknown;
    #record: R | undefined;

    constructor(raw: unknown) {
      this.raw = raw;
    }

    get record(): R {
      return (this.#record ??= spec.build(obj(this.raw)));
    }

    toDict(): R {
      return { ...this.record };
    }

    static {
      for (const key of keys) {
        Object.defineProperty(this.prototype, key, {
          configurable: true,
          get(this: Filter) {
            return (this.record as Record<string, unknown>)[key];
          },
        });
      }
    }
  }

  Object.defineProperty(Filter, 'name', { value: spec.name });
  return Filter as unknown as RecordFilterClass<R>;
}

export interface ListFilterSpec<P extends object, I extends object> {
  name: string;
  page: (root: Obj) => P;
  /** The raw list entries of a response. */
  entries: (root: Obj) => readonly unknown[];
  item: (entry: Obj) => I;
}

export function defineListFilter<P extends object, I extends object>(spec: ListFilterSpec<P, I>): ListFilterClass<P, I> {
  const pageKeys = Object.keys(spec.page(EMPTY));
  const itemKeys = Object.keys(spec.item(EMPTY));
  checkNames(spec.name, [pageKeys, itemKeys]);

  class Filter {
    readonly raw: unknown;
    #page: P | undefined;
    #items: I[] | undefined;

    constructor(raw: unknown) {
      this.raw = raw;
    }

    get page(): P {
      return (this.#page ??= spec.page(obj(this.raw)));
    }

    get items(): readonly I[] {
      if (this.#items === undefined) {
        const entries = spec.entries(obj(this.raw));
        const items: I[] = new Array<I>(entries.length);
        for (let i = 0; i < entries.length; i++) items[i] = spec.item(obj(entries[i]));
        this.#items = items;
      }
      return this.#items;
    }

    toList(): I[] {
      return this.items.slice();
    }

    toDict(): P & Columns<I> {
      const out: Record<string, unknown> = { ...(this.page as Record<string, unknown>) };
      for (const key of itemKeys) out[key] = this.#column(key);
      return out as P & Columns<I>;
    }

    /** A fresh array each time, so callers may keep or change it. */
    #column(key: string): unknown[] {
      return this.items.map((item) => (item as Record<string, unknown>)[key]);
    }

    static {
      for (const key of pageKeys) {
        Object.defineProperty(this.prototype, key, {
          configurable: true,
          get(this: Filter) {
            return (this.page as Record<string, unknown>)[key];
          },
        });
      }
      for (const key of itemKeys) {
        Object.defineProperty(this.prototype, key, {
          configurable: true,
          get(this: Filter) {
            return this.#column(key);
          },
        });
      }
    }
  }

  Object.defineProperty(Filter, 'name', { value: spec.name });
  return Filter as unknown as ListFilterClass<P, I>;
}
