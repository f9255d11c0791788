/** A malformed wire structure; the public functions turn it into a `DecodeError`. @internal */
export class WireError extends Error {
  override name = 'WireError';
}
