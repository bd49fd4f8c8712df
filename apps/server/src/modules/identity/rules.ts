import { z } from 'zod';

/** Field rules shared by the identity routes: passwords, phones, postal codes. */

const COMMON_PASSWORDS = new Set([
  'password',
  'password1',
  'password123',
  'passw0rd',
  '12345678',
  '123456789',
  '1234567890',
  'qwerty123',
  'qwertyuiop',
  'iloveyou1',
  'letmein123',
  'welcome123',
  'admin1234',
  'abc12345',
  'football1',
  'monkey123',
  'sunshine1',
  'trustno1!',
]);

export const PASSWORD_RULES =
  'at least 10 characters, at most 128, with at least one letter and one digit, and not a common password';

export const password = z
  .string()
  // argon2 cost is per byte beyond a point; an upper bound stops "hash a megabyte" abuse.
  .min(10, 'Password must be at least 10 characters')
  .max(128, 'Password must be at most 128 characters')
  .refine((p) => /\p{L}/u.test(p) && /\p{N}/u.test(p), 'Password must contain a letter and a digit')
  .refine((p) => !COMMON_PASSWORDS.has(p.toLowerCase()), 'Password is too common');

export const email = z
  .email('Must be a valid email address')
  .max(254)
  .transform((e) => e.trim().toLowerCase());

export const personName = z
  .string()
  .trim()
  .min(1, 'Required')
  .max(100)
  .refine((s) => !/[<>\p{Cc}]/u.test(s), 'Contains characters that are not allowed');

export const username = z
  .string()
  .trim()
  .min(3)
  .max(30)
  .regex(/^[a-zA-Z0-9_.-]+$/, 'Only letters, digits, "_", "." and "-"');

/** E.164: "+" then country code and number, 8–15 digits in all. */
export const phone = z
  .string()
  .trim()
  .regex(/^\+[1-9]\d{7,14}$/, 'Phone must be in E.164 format, e.g. +14155550123');

export const dateOfBirth = z.iso.date('Must be a date as YYYY-MM-DD').refine((d) => {
  const age = (Date.now() - Date.parse(d)) / (365.25 * 86_400_000);
  return age >= 13 && age <= 120;
}, 'You must be between 13 and 120 years old');

/** Postal code formats for the countries we know; others get a generic sanity check. */
const POSTAL_CODES: Record<string, RegExp> = {
  US: /^\d{5}(-\d{4})?$/,
  CA: /^[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] ?\d[ABCEGHJ-NPRSTV-Z]\d$/i,
  GB: /^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/i,
  IE: /^[A-Z]\d{2} ?[A-Z\d]{4}$/i,
  DE: /^\d{5}$/,
  FR: /^\d{5}$/,
  ES: /^\d{5}$/,
  IT: /^\d{5}$/,
  NL: /^\d{4} ?[A-Z]{2}$/i,
  BE: /^\d{4}$/,
  AT: /^\d{4}$/,
  CH: /^\d{4}$/,
  DK: /^\d{4}$/,
  NO: /^\d{4}$/,
  SE: /^\d{3} ?\d{2}$/,
  FI: /^\d{5}$/,
  PL: /^\d{2}-\d{3}$/,
  PT: /^\d{4}-\d{3}$/,
  IN: /^[1-9]\d{5}$/,
  AU: /^\d{4}$/,
  NZ: /^\d{4}$/,
  JP: /^\d{3}-?\d{4}$/,
  BR: /^\d{5}-?\d{3}$/,
  MX: /^\d{5}$/,
  SG: /^\d{6}$/,
  ZA: /^\d{4}$/,
};

export function postalCodeProblem(country: string, postalCode: string): string | undefined {
  const rule = POSTAL_CODES[country.toUpperCase()];
  if (rule) return rule.test(postalCode) ? undefined : `Not a valid postal code for ${country.toUpperCase()}`;
  return /^[A-Za-z0-9][A-Za-z0-9 -]{1,9}$/.test(postalCode) ? undefined : 'Not a valid postal code';
}

/** Upper-case and tidy a postal code the way the post office writes it (e.g. "sw1a1aa" → "SW1A 1AA"). */
export function normalizePostalCode(country: string, postalCode: string): string {
  const pc = postalCode.trim().toUpperCase().replace(/\s+/g, ' ');
  if (country === 'GB' && !pc.includes(' ') && pc.length > 3) return `${pc.slice(0, -3)} ${pc.slice(-3)}`;
  return pc;
}
