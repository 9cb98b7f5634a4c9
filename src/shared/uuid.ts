/** A UUID's text (any version, either case): one pattern for every place that recognises ids. */
export const UUID_SHAPE = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

const WHOLE = new RegExp(`^${UUID_SHAPE}$`, 'i');

/** Whether `text` is exactly one UUID. */
export function isUuid(text: string): boolean {
  return WHOLE.test(text);
}
