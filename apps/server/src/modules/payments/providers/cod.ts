import type { PaymentProvider } from './types.js';

/** Cash on delivery: nothing happens until the rider is paid (the delivery marks it completed). */
export function codProvider(): PaymentProvider {
  return {
    name: 'cod',
    displayName: 'Cash on delivery',
    needsCard: false,
    clientConfig: () => ({ pay_on: 'delivery' }),
    async create() {
      return { status: 'pending', providerPaymentId: null, response: { collect_on_delivery: true } };
    },
    async confirm(payment) {
      return {
        status: 'completed',
        providerPaymentId: payment.providerPaymentId,
        response: { collected: true },
      };
    },
    async cancel() {},
    // Cash handed back by the rider or the store: there is no processor to call.
    async refund() {
      return { providerRefundId: `cod_refund_${Date.now()}` };
    },
  };
}
