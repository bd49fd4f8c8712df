export { cardSafeRequestHash, paymentsRoutes, paymentSchema } from './routes.js';
export {
  createPaymentsService,
  PaymentDeclinedError,
  toPayment,
  type PaymentOrderPort,
  type PaymentsService,
  type PaymentView,
} from './service.js';
export { paymentsJobHandlers } from './jobs.js';
export { paymentsSetup } from './setup.js';
export { codProvider } from './providers/cod.js';
export {
  sandboxProvider,
  SANDBOX_TEST_CARDS,
  signSandboxWebhook,
  SANDBOX_SIGNATURE_HEADER,
} from './providers/sandbox.js';
export type { CardInput, PaymentProvider } from './providers/types.js';
