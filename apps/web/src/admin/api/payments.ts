import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Page } from '../../lib/api';
import type { Payment, PaymentAnalytics, PaymentStatus, Refund, RefundStatus, RiskCheck } from '../types';

export type PaymentFilter = {
  status?: PaymentStatus;
  method?: string;
  from?: string;
  to?: string;
  order_id?: string;
  page: number;
};

export const useAdminPayments = (f: PaymentFilter) =>
  useQuery({
    queryKey: ['admin', 'payments', 'list', f],
    queryFn: ({ signal }) => api<Page<Payment>>('/admin/payments', { signal, query: { ...f, per_page: 25 } }),
    placeholderData: keepPreviousData,
  });

export const usePayment = (id: string) =>
  useQuery({
    queryKey: ['admin', 'payments', id],
    queryFn: ({ signal }) => api<Payment>(`/payments/${id}`, { signal }),
  });

/** An order's payment attempts, newest first: the refund action works on the captured one. */
export const useOrderPayments = (orderId: string) =>
  useQuery({
    queryKey: ['admin', 'payments', 'order', orderId],
    queryFn: ({ signal }) => api<Payment[]>(`/payments/order/${orderId}`, { signal }),
  });

export const usePaymentAnalytics = (range: { from: string; to: string }) =>
  useQuery({
    queryKey: ['admin', 'payments', 'analytics', range],
    queryFn: ({ signal }) => api<PaymentAnalytics>('/admin/payments/analytics', { signal, query: range }),
    placeholderData: keepPreviousData,
  });

export const useRefunds = (
  f: { status?: RefundStatus; order_id?: string; page: number; per_page?: number },
  enabled = true,
) =>
  useQuery({
    enabled,
    queryKey: ['admin', 'refunds', 'list', f],
    queryFn: ({ signal }) => api<Page<Refund>>('/admin/refunds', { signal, query: { per_page: 25, ...f } }),
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
  useMoneyMutation(({ id, ...body }: { id: string; amount_cents?: number; note?: string }) =>
    api<Refund>(`/admin/refunds/${id}/approve`, { method: 'POST', body }),
  );

export const useRejectRefund = () =>
  useMoneyMutation(({ id, note }: { id: string; note: string }) =>
    api<Refund>(`/admin/refunds/${id}/reject`, { method: 'POST', body: { note } }),
  );

/** Staff refund straight away (no request first), in full or in part. */
export const useRefundPayment = () =>
  useMoneyMutation(({ paymentId, ...body }: { paymentId: string; amount_cents?: number; reason: string }) =>
    api<{ refund: Refund; payment: Payment }>(`/admin/payments/${paymentId}/refund`, {
      method: 'POST',
      body,
    }),
  );

export const useRiskQueue = (page: number) =>
  useQuery({
    queryKey: ['admin', 'risk', 'queue', page],
    queryFn: ({ signal }) =>
      api<Page<RiskCheck>>('/admin/payments/reviews', { signal, query: { page, per_page: 25 } }),
    placeholderData: keepPreviousData,
  });

/** Risk checks of one order, newest first (one per payment attempt). */
export const useOrderRisk = (orderId: string) =>
  useQuery({
    queryKey: ['admin', 'risk', 'order', orderId],
    queryFn: ({ signal }) => api<RiskCheck[]>(`/admin/payments/reviews/${orderId}`, { signal }),
  });

export const useDecideHold = () =>
  useMoneyMutation(
    ({ orderId, decision, note }: { orderId: string; decision: 'approve' | 'reject'; note?: string }) =>
      api<RiskCheck>(`/admin/payments/reviews/${orderId}/${decision}`, {
        method: 'POST',
        body: note ? { note } : {},
      }),
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
