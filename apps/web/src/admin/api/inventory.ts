import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Page } from '../../lib/api';
import type {
  InventorySummary,
  LowStockItem,
  Movement,
  Product,
  AdminProductCard,
  StockLevel,
  SyncJob,
  Warehouse,
} from '../types';

export const useWarehouses = () =>
  useQuery({
    queryKey: ['admin', 'warehouses'],
    queryFn: ({ signal }) => api<Warehouse[]>('/admin/warehouses', { signal }),
    staleTime: 5 * 60_000,
  });

export const useInventorySummary = (warehouseId?: string) =>
  useQuery({
    queryKey: ['admin', 'inventory', 'summary', warehouseId ?? null],
    queryFn: ({ signal }) =>
      api<InventorySummary>('/admin/inventory/summary', { signal, query: { warehouse_id: warehouseId } }),
  });

export const useStock = (f: { warehouse_id?: string; low_stock?: boolean; page: number }) =>
  useQuery({
    queryKey: ['admin', 'inventory', 'stock', f],
    queryFn: ({ signal }) =>
      api<Page<StockLevel>>('/admin/inventory', {
        signal,
        query: { ...f, low_stock: f.low_stock ? 'true' : undefined, per_page: 50 },
      }),
    placeholderData: keepPreviousData,
  });

export const useLowStock = (f: {
  warehouse_id?: string;
  level?: 'low' | 'out';
  page: number;
  per_page?: number;
}) =>
  useQuery({
    queryKey: ['admin', 'inventory', 'low-stock', f],
    queryFn: ({ signal }) =>
      api<Page<LowStockItem>>('/admin/inventory/low-stock', { signal, query: { per_page: 50, ...f } }),
    placeholderData: keepPreviousData,
  });

export const useMovements = (f: {
  warehouse_id?: string;
  variant_id?: string;
  type?: string;
  page: number;
}) =>
  useQuery({
    queryKey: ['admin', 'inventory', 'movements', f],
    queryFn: ({ signal }) =>
      api<Page<Movement>>('/admin/inventory/movements', { signal, query: { ...f, per_page: 50 } }),
    placeholderData: keepPreviousData,
  });

export type VariantInfo = {
  productId: string;
  productName: string;
  variantName: string | null;
  sku: string | null;
  image: string | null;
};

/**
 * Stock rows and movements name only a variant id. This resolves ids to product names from the
 * staff product list (every status, 100 a page), plus the detail of products that have several
 * variants.
 */
export const useVariantDirectory = () =>
  useQuery({
    queryKey: ['admin', 'variant-directory'],
    staleTime: 10 * 60_000,
    queryFn: async ({ signal }) => {
      const dir = new Map<string, VariantInfo>();
      const cards: AdminProductCard[] = [];
      for (let page = 1; page <= 20; page++) {
        const res = await api<Page<AdminProductCard>>('/admin/products', {
          signal,
          query: { per_page: 100, page },
        });
        cards.push(...res.items);
        if (page >= res.total_pages) break;
      }
      for (const c of cards)
        if (c.default_variant_id)
          dir.set(c.default_variant_id, {
            productId: c.id,
            productName: c.name,
            variantName: null,
            sku: c.sku,
            image: c.image?.thumb ?? null,
          });
      const multi = cards.filter((c) => c.has_variants);
      const details = await Promise.all(
        multi.map((c) => api<Product>(`/admin/products/${c.id}`, { signal }).catch(() => null)),
      );
      for (const p of details)
        for (const v of p?.variants ?? [])
          dir.set(v.id, {
            productId: p!.id,
            productName: p!.name,
            variantName: v.name === 'Default' ? null : v.name,
            sku: v.sku,
            image: dir.get(v.id)?.image ?? null,
          });
      return dir;
    },
  });

function useStockMutation<V>(fn: (v: V) => Promise<unknown>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['admin', 'inventory'] });
      void qc.invalidateQueries({ queryKey: ['admin', 'dashboard'] });
    },
  });
}

export const useRestock = () =>
  useStockMutation((b: { warehouse_id: string; variant_id: string; quantity: number; note?: string }) =>
    api<StockLevel>('/admin/inventory/restock', { method: 'POST', body: b }),
  );

export const useAdjust = () =>
  useStockMutation(
    (b: { warehouse_id: string; variant_id: string; set?: number; delta?: number; reason: string }) =>
      api<StockLevel>('/admin/inventory/adjust', { method: 'POST', body: b }),
  );

export const useTransfer = () =>
  useStockMutation(
    (b: {
      from_warehouse_id: string;
      to_warehouse_id: string;
      variant_id: string;
      quantity: number;
      note?: string;
    }) => api('/admin/inventory/transfer', { method: 'POST', body: b }),
  );

export function useStartSync() {
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.set('file', file);
      return api<{ job_id: string }>('/admin/inventory/sync', { method: 'POST', body: form });
    },
  });
}

/** The sync job, polled until it finishes; then stock has changed, so inventory lists refresh. */
export function useSyncJob(id: string | null) {
  const qc = useQueryClient();
  return useQuery({
    queryKey: ['admin', 'sync-job', id],
    enabled: !!id,
    queryFn: async ({ signal }) => {
      const job = await api<SyncJob>(`/admin/inventory/sync/${id}`, { signal });
      if (job.status === 'completed') void qc.invalidateQueries({ queryKey: ['admin', 'inventory'] });
      return job;
    },
    refetchInterval: (q) => {
      const s = q.state.data?.status;
      return s === 'completed' || s === 'failed' || s === 'cancelled' ? false : 1000;
    },
  });
}

export type WarehouseBody = {
  code: string;
  name: string;
  address: Warehouse['address'];
  is_active: boolean;
  service_postal_codes: string[];
  base_eta_minutes: number;
  pick_minutes_per_item: number;
};

export function useSaveWarehouse() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: WarehouseBody & { id?: string }) =>
      id
        ? api<Warehouse>(`/admin/warehouses/${id}`, { method: 'PATCH', body })
        : api<Warehouse>('/admin/warehouses', { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['admin', 'warehouses'] }),
  });
}
