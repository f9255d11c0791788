/**
 * The object for a map field's first entry, when its key is an integer. V8 stores the first
 * element of a `{}` through the runtime (~100 ns a map); a literal such as `{ 2: v }` comes with an
 * elements store, which later keys grow in place. Real traffic's keys are small (badge icons 0, 2, 4;
 * stats 1-4). The object is the same as `{}` with `o[k] = v`: same own keys, same order.
 * `k`: a 32-bit key, or a 64-bit key's decimal text.
 * @internal
 */
export function intKeyMap<V>(k: number | string, v: V): Record<string, V> {
  switch (typeof k === 'string' && k.length === 1 ? k.charCodeAt(0) - 48 : k) {
    case 0: return { 0: v };
    case 1: return { 1: v };
    case 2: return { 2: v };
    case 3: return { 3: v };
    case 4: return { 4: v };
    case 5: return { 5: v };
    case 6: return { 6: v };
    case 7: return { 7: v };
  }
  const o: Record<string, V> = {};
  o[k] = v;
  return o;
}
