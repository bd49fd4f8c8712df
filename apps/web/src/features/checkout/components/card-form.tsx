import { TextField } from '../../../components/field';

export type CardDraft = { number: string; expiry: string; cvc: string };

/** "4242 4242 4242 4242" grouping as the shopper types. */
export const formatCardNumber = (v: string) =>
  v
    .replace(/\D/g, '')
    .slice(0, 19)
    .replace(/(\d{4})(?=\d)/g, '$1 ');

/** "1229" / "12/29" → "12 / 29". */
export const formatExpiry = (v: string) => {
  const d = v.replace(/\D/g, '').slice(0, 4);
  return d.length > 2 ? `${d.slice(0, 2)} / ${d.slice(2)}` : d;
};

/** The card in API terms, or a message naming the first field that is wrong. */
export function parseCard(
  c: CardDraft,
  now = new Date(),
):
  | { ok: true; card: { number: string; exp_month: number; exp_year: number; cvc: string } }
  | { ok: false; field: keyof CardDraft; message: string } {
  const number = c.number.replace(/\D/g, '');
  if (number.length < 12 || number.length > 19)
    return { ok: false, field: 'number', message: 'Enter the full card number' };
  const m = /^(\d{2})\s*\/?\s*(\d{2})$/.exec(c.expiry.trim());
  if (!m) return { ok: false, field: 'expiry', message: 'Use MM / YY' };
  const month = Number(m[1]);
  const year = 2000 + Number(m[2]);
  if (month < 1 || month > 12) return { ok: false, field: 'expiry', message: 'Month must be 01–12' };
  const endOfMonth = new Date(Date.UTC(year, month, 1));
  if (endOfMonth <= now) return { ok: false, field: 'expiry', message: 'This card has expired' };
  if (!/^\d{3,4}$/.test(c.cvc)) return { ok: false, field: 'cvc', message: '3 or 4 digits' };
  return { ok: true, card: { number, exp_month: month, exp_year: year, cvc: c.cvc } };
}

export function CardForm({
  value,
  onChange,
  errors,
  testCards,
}: {
  value: CardDraft;
  onChange: (c: CardDraft) => void;
  errors: Partial<Record<keyof CardDraft, string>>;
  testCards?: { number: string; outcome: string }[];
}) {
  return (
    <div className="space-y-3">
      <TextField
        label="Card number"
        inputMode="numeric"
        autoComplete="cc-number"
        placeholder="1234 5678 9012 3456"
        value={value.number}
        onChange={(e) => onChange({ ...value, number: formatCardNumber(e.target.value) })}
        error={errors.number}
      />
      <div className="grid grid-cols-2 gap-3">
        <TextField
          label="Expiry (MM / YY)"
          inputMode="numeric"
          autoComplete="cc-exp"
          placeholder="12 / 29"
          value={value.expiry}
          onChange={(e) => onChange({ ...value, expiry: formatExpiry(e.target.value) })}
          error={errors.expiry}
        />
        <TextField
          label="CVC"
          inputMode="numeric"
          autoComplete="cc-csc"
          placeholder="123"
          maxLength={4}
          value={value.cvc}
          onChange={(e) => onChange({ ...value, cvc: e.target.value.replace(/\D/g, '') })}
          error={errors.cvc}
        />
      </div>
      {testCards && testCards.length > 0 && (
        <details className="rounded-xl border border-dashed border-amber-300 bg-amber-50 px-3 py-2 text-sm">
          <summary className="cursor-pointer font-semibold text-amber-900">
            Test mode — use a test card (any future expiry, any CVC)
          </summary>
          <ul className="mt-2 space-y-1">
            {testCards.map((c) => (
              <li key={c.number} className="flex items-center justify-between gap-2">
                <button
                  type="button"
                  onClick={() => onChange({ ...value, number: formatCardNumber(c.number) })}
                  className="shrink-0 font-mono text-xs font-semibold whitespace-nowrap text-amber-900 underline-offset-2 hover:underline"
                  aria-label={`Use test card ${c.number}: ${c.outcome}`}
                >
                  {formatCardNumber(c.number)}
                </button>
                <span className="text-right text-xs text-amber-800">{c.outcome}</span>
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
