/** Money is integer minor units everywhere; this is the one place that turns it into text. */
const formatters = new Map<string, Intl.NumberFormat>();

export function formatMoney(minorUnits: number, currency: string, locale = 'en-US'): string {
  const key = `${locale}:${currency}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, { style: 'currency', currency });
    formatters.set(key, f);
  }
  const digits = f.resolvedOptions().maximumFractionDigits ?? 2;
  return f.format(minorUnits / 10 ** digits);
}
