const dateTime = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' });
const date = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium' });

export const formatDateTime = (iso: string) => dateTime.format(new Date(iso));
export const formatDate = (iso: string) => date.format(new Date(iso));

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * A variant's name worth showing next to the product's: not the seed's "Default", and not a
 * repeat of the unit ("500 g · 500 g").
 */
export const variantLabel = (variantName: string | null | undefined, unit?: string | null) =>
  variantName && variantName !== 'Default' && variantName !== unit ? variantName : null;

/** Joins class names, skipping falsy ones. */
export const cn = (...parts: (string | false | null | undefined)[]) => parts.filter(Boolean).join(' ');
