import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type BodyOf, type QueryOf } from '../../lib/api';
import type { Payment } from '../types';

export type PaymentFilter = QueryOf<'/api/v1/admin/payments'> & { page: number };

export const useAdminPayments = (f: PaymentFilter) =>
  useQuery({
    queryKey: ['admin', 'payments', 'list', f],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/admin/payments', { params: { query: { ...f, per_page: 25 } }, signal })),
    placeholderData: keepPreviousData,
  });

export const usePayment = (id: string) =>
  useQuery({
    queryKey: ['admin', 'payments', id],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/payments/{id}', { params: { path: { id } }, signal })),
  });

/** An order's payment attempts, newest first: the refund action works on the captured one. */
export const useOrderPayments = (orderId: string) =>
  useQuery({
    queryKey: ['admin', 'payments', 'order', orderId],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/payments/order/{order_id}', { params: { path: { order_id: orderId } }, signal }),
      ),
  });

export const usePaymentAnalytics = (range: { from: string; to: string }) =>
  useQuery({
    queryKey: ['admin', 'payments', 'analytics', range],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/admin/payments/analytics', { params: { query: range }, signal })),
    placeholderData: keepPreviousData,
  });

export const useRefunds = (f: QueryOf<'/api/v1/admin/refunds'> & { page: number }, enabled = true) =>
  useQuery({
    enabled,
    queryKey: ['admin', 'refunds', 'list', f],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/admin/refunds', { params: { query: { per_page: 25, ...f } }, signal })),
    placeholderData: keepPreviousData,
  });

/** Money moved: payments, refunds, the order it belongs to and the dashboard all changed. */
function useMoneyMutation<V, R>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: () => {
      for (const key of ['payments', 'refunds', 'orders', 'risk', 'dashboard'])
        void qc.invalidateQueries({ queryKey: ['admin', key] });
    },
  });
}

export const useApproveRefund = () =>
  useMoneyMutation(({ id, ...body }: { id: string } & BodyOf<'/api/v1/admin/refunds/{id}/approve'>) =>
    unwrap(api.POST('/api/v1/admin/refunds/{id}/approve', { params: { path: { id } }, body })),
  );

export const useRejectRefund = () =>
  useMoneyMutation(({ id, note }: { id: string; note: string }) =>
    unwrap(api.POST('/api/v1/admin/refunds/{id}/reject', { params: { path: { id } }, body: { note } })),
  );

/** Staff refund straight away (no request first), in full or in part. */
export const useRefundPayment = () =>
  useMoneyMutation(
    ({ paymentId, ...body }: { paymentId: string } & BodyOf<'/api/v1/admin/payments/{id}/refund'>) =>
      unwrap(api.POST('/api/v1/admin/payments/{id}/refund', { params: { path: { id: paymentId } }, body })),
  );

export const useRiskQueue = (page: number) =>
  useQuery({
    queryKey: ['admin', 'risk', 'queue', page],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/admin/payments/reviews', { params: { query: { page, per_page: 25 } }, signal }),
      ),
    placeholderData: keepPreviousData,
  });

/** Risk checks of one order, newest first (one per payment attempt). */
export const useOrderRisk = (orderId: string) =>
  useQuery({
    queryKey: ['admin', 'risk', 'order', orderId],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/admin/payments/reviews/{order_id}', {
          params: { path: { order_id: orderId } },
          signal,
        }),
      ),
  });

export const useDecideHold = () =>
  useMoneyMutation(
    ({ orderId, decision, note }: { orderId: string; decision: 'approve' | 'reject'; note?: string }) => {
      const init = { params: { path: { order_id: orderId } }, body: note ? { note } : {} };
      return unwrap(
        decision === 'approve'
          ? api.POST('/api/v1/admin/payments/reviews/{order_id}/approve', init)
          : api.POST('/api/v1/admin/payments/reviews/{order_id}/reject', init),
      );
    },
  );

export const METHOD_LABEL: Record<string, string> = {
  cod: 'Cash on delivery',
  card: 'Card',
  sandbox: 'Card (sandbox)',
  stripe: 'Stripe',
  paypal: 'PayPal',
};
export const methodLabel = (m: string) => METHOD_LABEL[m] ?? m.replace(/_/g, ' ');

/** What can still go back to the customer on this payment. */
export const refundableCents = (p: Pick<Payment, 'captured_cents' | 'refunded_cents'>) =>
  Math.max(0, p.captured_cents - p.refunded_cents);

export const RISK_RULE_LABEL: Record<string, string> = {
  velocity_user: 'Many attempts by this account',
  velocity_ip: 'Many attempts from this IP',
  velocity_card: 'Many attempts with this card',
  amount_vs_history: "Far above the account's usual amount",
  new_account_large_order: 'New account, large order',
  address_mismatch: 'Billing and shipping far apart',
  recent_failed_attempts: 'Recent failed payments',
};
