import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Page } from '../../lib/api';
import type {
  AdminProductCard,
  Category,
  ImportReport,
  PriceChange,
  Product,
  ProductImage,
  ProductStatus,
} from '../types';

export type ProductFilter = {
  q?: string;
  status?: ProductStatus;
  category?: string;
  page: number;
};

/** The staff product list: every status, drafts and archived included, most recently changed first. */
export const useProductList = (f: ProductFilter) =>
  useQuery({
    queryKey: ['admin', 'products', 'list', f],
    queryFn: ({ signal }) =>
      api<Page<AdminProductCard>>('/admin/products', { signal, query: { ...f, per_page: 25 } }),
    placeholderData: keepPreviousData,
  });

export const useProduct = (id: string | undefined) =>
  useQuery({
    queryKey: ['admin', 'products', id],
    queryFn: ({ signal }) => api<Product>(`/admin/products/${id}`, { signal }),
    enabled: !!id,
  });

/**
 * The whole gallery with each image's processing status (the product detail embeds ready images
 * only). Polled while an upload is still being turned into renditions.
 */
export const useProductImages = (productId: string) =>
  useQuery({
    queryKey: ['admin', 'products', productId, 'images'],
    queryFn: ({ signal }) => api<ProductImage[]>(`/products/${productId}/images`, { signal }),
    refetchInterval: (q) => (q.state.data?.some((i) => i.status === 'processing') ? 1500 : false),
  });

export const useCategories = () =>
  useQuery({
    queryKey: ['admin', 'categories'],
    queryFn: ({ signal }) => api<Category[]>('/admin/categories', { signal }),
    staleTime: 60_000,
  });

/** The category tree flattened in display order, with depth for indenting. */
export function flattenCategories(tree: Category[] | undefined): Category[] {
  const out: Category[] = [];
  const walk = (nodes: Category[]) => {
    for (const n of [...nodes].sort((a, b) => a.sort_order - b.sort_order || a.name.localeCompare(b.name))) {
      out.push(n);
      walk(n.children);
    }
  };
  walk(tree ?? []);
  return out;
}

export const usePriceHistory = (id: string) =>
  useQuery({
    queryKey: ['admin', 'products', id, 'price-history'],
    queryFn: ({ signal }) => api<PriceChange[]>(`/admin/products/${id}/price-history`, { signal }),
  });

/** Every change to a product returns the whole product: store it, and refresh lists. */
function useProductMutation<V>(fn: (v: V) => Promise<Product>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (p) => {
      qc.setQueryData(['admin', 'products', p.id], p);
      void qc.invalidateQueries({ queryKey: ['admin', 'products', 'list'] });
      void qc.invalidateQueries({ queryKey: ['admin', 'products', p.id, 'price-history'] });
    },
  });
}

export type ProductBody = Partial<{
  name: string;
  slug: string;
  sku: string;
  short_description: string | null;
  description: string | null;
  brand: string | null;
  tags: string[];
  unit: string | null;
  status: Product['status'];
  is_featured: boolean;
  seo_title: string | null;
  seo_description: string | null;
  category_id: string;
  price_cents: number;
  sale_price_cents: number | null;
}>;

export const useCreateProduct = () =>
  useProductMutation((body: ProductBody) => api<Product>('/admin/products', { method: 'POST', body }));

export const useUpdateProduct = (id: string) =>
  useProductMutation((body: ProductBody) => api<Product>(`/admin/products/${id}`, { method: 'PATCH', body }));

export type VariantBody = {
  sku?: string;
  name?: string;
  price_cents?: number;
  sale_price_cents?: number | null;
  is_default?: boolean;
  status?: 'active' | 'archived';
  options?: Record<string, string>;
};

export const useAddVariant = (id: string) =>
  useProductMutation((body: VariantBody) =>
    api<Product>(`/admin/products/${id}/variants`, { method: 'POST', body }),
  );

export const useUpdateVariant = (id: string) =>
  useProductMutation(({ variantId, ...body }: VariantBody & { variantId: string }) =>
    api<Product>(`/admin/products/${id}/variants/${variantId}`, { method: 'PATCH', body }),
  );

export function useArchiveProduct(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>(`/admin/products/${id}`, { method: 'DELETE' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['admin', 'products'] }),
  });
}

/** Gallery changes: the product detail embeds the gallery, so it is re-read after each. */
function useImageMutation<V>(productId: string, fn: (v: V) => Promise<unknown>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: () => qc.invalidateQueries({ queryKey: ['admin', 'products', productId] }),
  });
}

export const useUploadImage = (productId: string) =>
  useImageMutation(productId, ({ file, alt }: { file: File; alt?: string }) => {
    const form = new FormData();
    if (alt) form.set('alt', alt);
    form.set('file', file);
    return api(`/admin/products/${productId}/images`, { method: 'POST', body: form });
  });

export const useReorderImages = (productId: string) =>
  useImageMutation(productId, (imageIds: string[]) =>
    api(`/admin/products/${productId}/images/order`, { method: 'PUT', body: { image_ids: imageIds } }),
  );

export const useSetMainImage = (productId: string) =>
  useImageMutation(productId, (imageId: string) =>
    api(`/admin/products/${productId}/images/${imageId}/main`, { method: 'POST' }),
  );

export const useDeleteImage = (productId: string) =>
  useImageMutation(productId, (imageId: string) =>
    api(`/admin/products/${productId}/images/${imageId}`, { method: 'DELETE' }),
  );

/** CSV goes as text/csv, JSON as `{ rows }`: the server parses either and reports per row. */
export function useImportProducts() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (file: File) => {
      const isJson = file.name.toLowerCase().endsWith('.json') || file.type === 'application/json';
      if (isJson) {
        const parsed: unknown = JSON.parse(await file.text());
        const body = Array.isArray(parsed) ? { rows: parsed } : parsed;
        return api<ImportReport>('/admin/products/import', { method: 'POST', body });
      }
      return api<ImportReport>('/admin/products/import', {
        method: 'POST',
        body: new Blob([await file.text()], { type: 'text/csv' }),
      });
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: ['admin', 'products'] }),
  });
}

export type CategoryBody = Partial<{
  name: string;
  slug: string;
  parent_id: string | null;
  description: string | null;
  sort_order: number;
  is_active: boolean;
  seo_title: string | null;
  seo_description: string | null;
}>;

export function useSaveCategory() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: CategoryBody & { id?: string }) =>
      id
        ? api<Category>(`/admin/categories/${id}`, { method: 'PATCH', body })
        : api<Category>('/admin/categories', { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['admin', 'categories'] }),
  });
}

export function useDeleteCategory() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/admin/categories/${id}`, { method: 'DELETE' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['admin', 'categories'] }),
  });
}
