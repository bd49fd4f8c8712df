const formatters = new Map<string, Intl.NumberFormat>();

/** Integer minor units → "$12.99". */
export function formatMoney(cents: number, currency = 'USD'): string {
  let f = formatters.get(currency);
  if (!f) {
    f = new Intl.NumberFormat('en-US', { style: 'currency', currency });
    formatters.set(currency, f);
  }
  return f.format(cents / 100);
}

/** "12.5" (dollars typed by a shopper) → 1250; undefined when empty or not a number. */
export function parseMoney(input: string): number | undefined {
  const s = input.trim().replace(/^\$/, '');
  if (!s) return undefined;
  const n = Number(s);
  return Number.isFinite(n) && n >= 0 ? Math.round(n * 100) : undefined;
}
