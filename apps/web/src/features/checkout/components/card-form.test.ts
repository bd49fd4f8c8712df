import { describe, expect, it } from 'vitest';
import { formatCardNumber, formatExpiry, parseCard } from './card-form';

const now = new Date('2026-06-15T12:00:00Z');

describe('card form', () => {
  it('groups digits as typed and ignores everything else', () => {
    expect(formatCardNumber('4242424242424242')).toBe('4242 4242 4242 4242');
    expect(formatCardNumber('4242-42a42')).toBe('4242 4242');
    expect(formatExpiry('1229')).toBe('12 / 29');
    expect(formatExpiry('1')).toBe('1');
  });

  it('turns a valid card into API fields', () => {
    expect(parseCard({ number: '4242 4242 4242 4242', expiry: '12 / 29', cvc: '123' }, now)).toEqual({
      ok: true,
      card: { number: '4242424242424242', exp_month: 12, exp_year: 2029, cvc: '123' },
    });
  });

  it('names the first wrong field', () => {
    const card = { number: '4242 4242 4242 4242', expiry: '12 / 29', cvc: '123' };
    expect(parseCard({ ...card, number: '4242' }, now)).toMatchObject({ ok: false, field: 'number' });
    expect(parseCard({ ...card, expiry: '13 / 29' }, now)).toMatchObject({ ok: false, field: 'expiry' });
    expect(parseCard({ ...card, expiry: '1229x' }, now)).toMatchObject({ ok: false, field: 'expiry' });
    expect(parseCard({ ...card, cvc: '12' }, now)).toMatchObject({ ok: false, field: 'cvc' });
  });

  it('accepts a card until the end of its expiry month', () => {
    const card = { number: '4242424242424242', cvc: '123' };
    expect(parseCard({ ...card, expiry: '06 / 26' }, now).ok).toBe(true);
    expect(parseCard({ ...card, expiry: '05 / 26' }, now)).toMatchObject({
      ok: false,
      message: 'This card has expired',
    });
  });
});
