import { createHmac } from 'node:crypto';
import type { Config } from '../../config.js';
import { codProvider } from './providers/cod.js';
import { paypalProvider } from './providers/paypal.js';
import { sandboxProvider } from './providers/sandbox.js';
import { stripeProvider } from './providers/stripe.js';
import type { PaymentProvider } from './providers/types.js';
import type { PaymentsConfig } from './service.js';

/** Secrets nobody configured are derived from the JWT secret: stable across restarts and replicas. */
const derive = (secret: string, purpose: string) =>
  createHmac('sha256', secret).update(purpose).digest('hex');

/** The enabled providers and the payments service's settings, from the one config object. */
export function paymentsSetup(
  config: Config,
  jwtSecret: string,
): { providers: PaymentProvider[]; config: PaymentsConfig } {
  const p = config.payments;
  const sandboxWebhookSecret = p.sandboxWebhookSecret ?? derive(jwtSecret, 'cartwheel:sandbox-webhooks');
  const providers: PaymentProvider[] = [];
  if (p.sandbox) providers.push(sandboxProvider({ webhookSecret: sandboxWebhookSecret }));
  providers.push(codProvider());
  if (p.stripe) providers.push(stripeProvider(p.stripe));
  if (p.paypal)
    providers.push(paypalProvider({ ...p.paypal, returnUrl: `${config.publicUrl}/checkout/paypal` }));
  return {
    providers,
    config: {
      fingerprintSecret: p.fingerprintSecret ?? derive(jwtSecret, 'cartwheel:card-fingerprints'),
      sandboxWebhookSecret,
      sandboxSettleDelayMs: p.sandboxSettleDelayMs,
      risk: p.risk,
    },
  };
}
