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

/** Rounds a fractional amount of minor units half away from zero (tax, percentages). */
export function roundHalfUp(minorUnits: number): number {
  // The epsilon absorbs binary noise such as 1.005 * 100 = 100.49999….
  return Math.sign(minorUnits) * Math.round(Math.abs(minorUnits) + 1e-9);
}
