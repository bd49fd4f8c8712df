import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { usePageTitle } from '../../app/components/page-title';
import { Button } from '../../components/button';
import { Dialog } from '../../components/dialog';
import { StarIcon, TrashIcon } from '../../components/icons';
import { ErrorState, PageLoader } from '../../components/states';
import { useToast } from '../../components/toast';
import { formatDateTime } from '../../lib/format';
import { formatMoney, parseMoney } from '../../lib/money';
import {
  flattenCategories,
  useAddVariant,
  useArchiveProduct,
  useCategories,
  useCreateProduct,
  useDeleteImage,
  usePriceHistory,
  useProductImages,
  useProduct,
  useReorderImages,
  useSetMainImage,
  useUpdateProduct,
  useUpdateVariant,
  useUploadImage,
  type ProductBody,
} from '../api/catalog';
import { ArrowDownIcon, ArrowUpIcon, ExternalIcon, UploadIcon } from '../components/icons';
import {
  Badge,
  Card,
  DataTable,
  Input,
  PageHeader,
  Select,
  TableEmpty,
  Textarea,
  Toggle,
  fieldProblem,
  problemText,
  td,
  th,
} from '../components/ui';
import type { Product, Variant } from '../types';

const dollars = (cents: number | null | undefined) => (cents == null ? '' : (cents / 100).toFixed(2));

type Form = {
  name: string;
  slug: string;
  sku: string;
  short_description: string;
  description: string;
  brand: string;
  unit: string;
  tags: string;
  status: Product['status'];
  is_featured: boolean;
  category_id: string;
  price: string;
  sale_price: string;
  seo_title: string;
  seo_description: string;
};

const toForm = (p?: Product): Form => ({
  name: p?.name ?? '',
  slug: p?.slug ?? '',
  sku: p?.sku ?? '',
  short_description: p?.short_description ?? '',
  description: p?.description ?? '',
  brand: p?.brand ?? '',
  unit: p?.unit ?? '',
  tags: p?.tags.join(', ') ?? '',
  status: p?.status ?? 'draft',
  is_featured: p?.is_featured ?? false,
  category_id: p?.category_id ?? '',
  price: dollars(p?.price_cents),
  sale_price: dollars(p?.sale_price_cents),
  seo_title: p?.seo_title ?? '',
  seo_description: p?.seo_description ?? '',
});

const orNull = (s: string) => (s.trim() ? s.trim() : null);

/** The form as a request body; on edit only what changed is sent (so price history stays honest). */
function toBody(f: Form, before?: Product): ProductBody | string {
  const price = parseMoney(f.price);
  if (price === undefined) return 'Enter a price, e.g. 3.49';
  const sale = f.sale_price.trim() ? parseMoney(f.sale_price) : null;
  if (sale === undefined) return 'The sale price is not a number';
  const body: ProductBody = {
    name: f.name.trim(),
    sku: f.sku.trim(),
    short_description: orNull(f.short_description),
    description: orNull(f.description),
    brand: orNull(f.brand),
    unit: orNull(f.unit),
    tags: f.tags
      .split(',')
      .map((t) => t.trim().toLowerCase())
      .filter(Boolean),
    status: f.status,
    is_featured: f.is_featured,
    category_id: f.category_id,
    price_cents: price,
    sale_price_cents: sale,
    seo_title: orNull(f.seo_title),
    seo_description: orNull(f.seo_description),
    ...(f.slug.trim() ? { slug: f.slug.trim() } : {}),
  };
  if (!before) return body;
  const old = toBody(toForm(before)) as ProductBody;
  return Object.fromEntries(
    Object.entries(body).filter(
      ([k, v]) => JSON.stringify(v) !== JSON.stringify(old[k as keyof ProductBody]),
    ),
  ) as ProductBody;
}

function ProductForm({ product }: { product?: Product }) {
  const navigate = useNavigate();
  const notify = useToast();
  const [form, setForm] = useState(() => toForm(product));
  const [problem, setProblem] = useState<string | null>(null);
  const categories = useCategories();
  const create = useCreateProduct();
  const update = useUpdateProduct(product?.id ?? '');
  const archive = useArchiveProduct(product?.id ?? '');
  const save = product ? update : create;
  const err = save.error;
  const set = <K extends keyof Form>(k: K, v: Form[K]) => setForm((f) => ({ ...f, [k]: v }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = toBody(form, product);
    if (typeof body === 'string') return setProblem(body);
    setProblem(null);
    if (product && Object.keys(body).length === 0) return notify('Nothing to save', 'info');
    save.mutate(body, {
      onSuccess: (p) => {
        setForm(toForm(p));
        notify(product ? 'Product saved' : 'Product created', 'success');
        if (!product) navigate(`/admin/products/${p.id}`, { replace: true });
      },
      onError: (e) => setProblem(problemText(e)),
    });
  };

  const fe = (field: string) => fieldProblem(err, field);
  return (
    <form onSubmit={submit} noValidate>
      <PageHeader
        back={{ to: '/admin/products', label: 'Products' }}
        title={product ? product.name : 'Add product'}
        description={
          product && (
            <span className="inline-flex flex-wrap items-center gap-2">
              <Badge
                tone={product.status === 'active' ? 'green' : product.status === 'draft' ? 'amber' : 'gray'}
              >
                {product.status}
              </Badge>
              SKU {product.sku} · updated {formatDateTime(product.updated_at)}
              {product.status === 'active' && (
                <Link
                  to={`/p/${product.slug}`}
                  className="inline-flex items-center gap-1 text-brand-700 hover:underline"
                >
                  View in store <ExternalIcon size={14} />
                </Link>
              )}
            </span>
          )
        }
        actions={
          <>
            {product && product.status !== 'archived' && (
              <Button
                variant="outline"
                size="sm"
                loading={archive.isPending}
                onClick={() => {
                  if (!window.confirm(`Archive “${product.name}”? It disappears from the store.`)) return;
                  archive.mutate(undefined, {
                    onSuccess: () => {
                      notify('Product archived', 'success');
                      navigate('/admin/products');
                    },
                    onError: (e) => notify(problemText(e), 'error'),
                  });
                }}
              >
                Archive
              </Button>
            )}
            <Button type="submit" size="sm" loading={save.isPending}>
              {product ? 'Save' : 'Create product'}
            </Button>
          </>
        }
      />
      {problem && (
        <p
          role="alert"
          className="mb-4 rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700"
        >
          {problem}
        </p>
      )}
      <div className="grid gap-4 lg:grid-cols-3">
        <div className="space-y-4 lg:col-span-2">
          <Card title="Details">
            <div className="grid gap-3">
              <Input
                label="Name"
                required
                value={form.name}
                onChange={(e) => set('name', e.target.value)}
                error={fe('name')}
              />
              <Input
                label="Short description"
                value={form.short_description}
                onChange={(e) => set('short_description', e.target.value)}
                error={fe('short_description')}
                hint="One line under the name on the product page."
              />
              <Textarea
                label="Description"
                rows={5}
                value={form.description}
                onChange={(e) => set('description', e.target.value)}
                error={fe('description')}
              />
            </div>
          </Card>
          <Card title="Pricing">
            <div className="grid gap-3 sm:grid-cols-2">
              <Input
                label="Price (USD)"
                inputMode="decimal"
                required
                value={form.price}
                onChange={(e) => set('price', e.target.value)}
                error={fe('price_cents')}
                placeholder="0.00"
              />
              <Input
                label="Sale price (USD)"
                inputMode="decimal"
                value={form.sale_price}
                onChange={(e) => set('sale_price', e.target.value)}
                error={fe('sale_price_cents')}
                hint="Leave empty when not on sale."
              />
            </div>
          </Card>
          {product && <Gallery product={product} />}
          {product && <Variants product={product} />}
          <Card title="Search engine listing">
            <div className="grid gap-3">
              <Input
                label="URL handle (slug)"
                value={form.slug}
                onChange={(e) => set('slug', e.target.value)}
                error={fe('slug')}
                hint={product ? `/p/${form.slug || product.slug}` : 'Made from the name when left empty.'}
              />
              <Input
                label="Page title"
                maxLength={160}
                value={form.seo_title}
                onChange={(e) => set('seo_title', e.target.value)}
                error={fe('seo_title')}
                hint={`${form.seo_title.length}/160 — the product name when empty.`}
              />
              <Textarea
                label="Meta description"
                rows={2}
                maxLength={320}
                value={form.seo_description}
                onChange={(e) => set('seo_description', e.target.value)}
                error={fe('seo_description')}
                hint={`${form.seo_description.length}/320`}
              />
            </div>
          </Card>
          {product && <PriceHistory product={product} />}
        </div>
        <div className="space-y-4">
          <Card title="Status">
            <div className="grid gap-3">
              <Select
                label="Status"
                value={form.status}
                onChange={(e) => set('status', e.target.value as Form['status'])}
                error={fe('status')}
                hint={form.status === 'active' ? 'Visible in the store.' : 'Hidden from shoppers.'}
              >
                <option value="draft">Draft</option>
                <option value="active">Active</option>
                <option value="archived">Archived</option>
              </Select>
              <Toggle
                label="Featured on the home page"
                checked={form.is_featured}
                onChange={(v) => set('is_featured', v)}
              />
            </div>
          </Card>
          <Card title="Organization">
            <div className="grid gap-3">
              <Select
                label="Category"
                required
                value={form.category_id}
                onChange={(e) => set('category_id', e.target.value)}
                error={fe('category_id')}
              >
                <option value="">Choose a category…</option>
                {flattenCategories(categories.data).map((c) => (
                  <option key={c.id} value={c.id}>
                    {'\u00a0\u00a0'.repeat(c.depth)}
                    {c.name}
                  </option>
                ))}
              </Select>
              <Input
                label="SKU"
                required
                value={form.sku}
                onChange={(e) => set('sku', e.target.value)}
                error={fe('sku')}
              />
              <Input
                label="Brand"
                value={form.brand}
                onChange={(e) => set('brand', e.target.value)}
                error={fe('brand')}
              />
              <Input
                label="Unit"
                value={form.unit}
                onChange={(e) => set('unit', e.target.value)}
                error={fe('unit')}
                placeholder="500 g, 1 L, 6 pack…"
              />
              <Input
                label="Tags"
                value={form.tags}
                onChange={(e) => set('tags', e.target.value)}
                error={fe('tags')}
                hint="Separated by commas."
              />
            </div>
          </Card>
        </div>
      </div>
    </form>
  );
}

function Gallery({ product }: { product: Product }) {
  const notify = useToast();
  const upload = useUploadImage(product.id);
  const reorder = useReorderImages(product.id);
  const setMain = useSetMainImage(product.id);
  const remove = useDeleteImage(product.id);
  const gallery = useProductImages(product.id);
  const images = [...(gallery.data ?? product.images)].sort((a, b) => a.position - b.position);
  const fail = (e: unknown) => notify(problemText(e), 'error');
  const move = (from: number, to: number) => {
    const ids = images.map((i) => i.id);
    const [id] = ids.splice(from, 1);
    ids.splice(to, 0, id!);
    reorder.mutate(ids, { onError: fail });
  };
  return (
    <Card
      title={`Images (${images.length})`}
      actions={
        <label className="inline-flex h-8 cursor-pointer items-center gap-1.5 rounded-lg border border-line bg-white px-3 text-sm font-semibold hover:bg-gray-50 focus-within:ring-2 focus-within:ring-brand-600">
          <UploadIcon size={16} />
          {upload.isPending ? 'Uploading…' : 'Upload'}
          <input
            type="file"
            accept="image/jpeg,image/png,image/webp,image/gif,image/avif"
            multiple
            className="sr-only"
            aria-label="Upload images"
            onChange={(e) => {
              const files = [...(e.target.files ?? [])];
              e.target.value = '';
              for (const file of files)
                upload.mutate(
                  { file, alt: product.name },
                  { onSuccess: () => notify(`Uploaded ${file.name}`, 'success'), onError: fail },
                );
            }}
          />
        </label>
      }
    >
      {images.length === 0 ? (
        <p className="py-6 text-center text-sm text-muted">
          No images yet. The first one you upload becomes the product card image.
        </p>
      ) : (
        <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 md:grid-cols-4" aria-label="Gallery, in order">
          {images.map((img, i) => (
            <li key={img.id} className="overflow-hidden rounded-lg border border-line bg-white">
              <div className="relative aspect-square bg-gray-50">
                {img.renditions ? (
                  <img
                    src={img.renditions.card.url}
                    alt={img.alt ?? ''}
                    className="h-full w-full object-contain"
                  />
                ) : (
                  <div className="flex h-full items-center justify-center p-2 text-center text-xs text-muted">
                    {img.status === 'failed' ? `Failed: ${img.error ?? 'could not process'}` : 'Processing…'}
                  </div>
                )}
                {img.is_main && (
                  <span className="absolute top-1.5 left-1.5">
                    <Badge tone="green">Main</Badge>
                  </span>
                )}
              </div>
              <div className="flex items-center justify-between gap-1 border-t border-line px-1.5 py-1">
                <span className="text-xs text-muted tabular-nums">#{i + 1}</span>
                <span className="flex">
                  <IconButton
                    label="Move earlier"
                    disabled={i === 0 || reorder.isPending}
                    onClick={() => move(i, i - 1)}
                  >
                    <ArrowUpIcon size={15} className="-rotate-90" />
                  </IconButton>
                  <IconButton
                    label="Move later"
                    disabled={i === images.length - 1 || reorder.isPending}
                    onClick={() => move(i, i + 1)}
                  >
                    <ArrowDownIcon size={15} className="-rotate-90" />
                  </IconButton>
                  <IconButton
                    label="Make main image"
                    disabled={img.is_main || setMain.isPending}
                    onClick={() => setMain.mutate(img.id, { onError: fail })}
                  >
                    <StarIcon size={15} />
                  </IconButton>
                  <IconButton
                    label="Delete image"
                    disabled={remove.isPending}
                    onClick={() =>
                      window.confirm('Delete this image?') && remove.mutate(img.id, { onError: fail })
                    }
                  >
                    <TrashIcon size={15} />
                  </IconButton>
                </span>
              </div>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

function IconButton({
  label,
  children,
  ...props
}: { label: string; children: React.ReactNode } & React.ButtonHTMLAttributes<HTMLButtonElement>) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      className="rounded p-1 text-gray-600 hover:bg-gray-100 hover:text-ink disabled:opacity-30"
      {...props}
    >
      {children}
    </button>
  );
}

function VariantDialog({
  product,
  variant,
  onClose,
}: {
  product: Product;
  variant: Variant | 'new' | null;
  onClose: () => void;
}) {
  const notify = useToast();
  const add = useAddVariant(product.id);
  const update = useUpdateVariant(product.id);
  const v = variant === 'new' ? null : variant;
  const [f, setF] = useState({
    name: v?.name ?? '',
    sku: v?.sku ?? '',
    price: dollars(v?.price_cents ?? product.price_cents),
    sale: dollars(v?.sale_price_cents),
    is_default: v?.is_default ?? false,
    options: Object.fromEntries(product.options.map((o) => [o.name, v?.options[o.name] ?? ''])),
  });
  const [problem, setProblem] = useState<string | null>(null);
  const pending = add.isPending || update.isPending;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const price = parseMoney(f.price);
    const sale = f.sale.trim() ? parseMoney(f.sale) : null;
    if (price === undefined || sale === undefined) return setProblem('Prices must be numbers, e.g. 3.49');
    const body = {
      name: f.name.trim(),
      sku: f.sku.trim(),
      price_cents: price,
      sale_price_cents: sale,
      is_default: f.is_default || undefined,
    };
    const done = {
      onSuccess: () => {
        notify(v ? 'Variant saved' : 'Variant added', 'success');
        onClose();
      },
      onError: (e: unknown) => setProblem(problemText(e)),
    };
    if (v) update.mutate({ variantId: v.id, ...body }, done);
    else
      add.mutate(
        { ...body, options: Object.fromEntries(Object.entries(f.options).filter(([, x]) => x)) },
        done,
      );
  };
  return (
    <Dialog open={variant !== null} onClose={onClose} title={v ? `Edit ${v.name}` : 'Add variant'}>
      <form onSubmit={submit} className="grid gap-3 p-5">
        {problem && (
          <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700">
            {problem}
          </p>
        )}
        <div className="grid gap-3 sm:grid-cols-2">
          <Input
            label="Name"
            required
            value={f.name}
            onChange={(e) => setF({ ...f, name: e.target.value })}
            placeholder="1 L"
          />
          <Input label="SKU" required value={f.sku} onChange={(e) => setF({ ...f, sku: e.target.value })} />
          <Input
            label="Price (USD)"
            inputMode="decimal"
            value={f.price}
            onChange={(e) => setF({ ...f, price: e.target.value })}
          />
          <Input
            label="Sale price (USD)"
            inputMode="decimal"
            value={f.sale}
            onChange={(e) => setF({ ...f, sale: e.target.value })}
          />
          {!v &&
            product.options.map((o) => (
              <Select
                key={o.name}
                label={o.name}
                value={f.options[o.name]}
                onChange={(e) => setF({ ...f, options: { ...f.options, [o.name]: e.target.value } })}
              >
                <option value="">Choose…</option>
                {o.values.map((x) => (
                  <option key={x}>{x}</option>
                ))}
              </Select>
            ))}
        </div>
        <Toggle
          label="Default variant (shown first)"
          checked={f.is_default}
          onChange={(x) => setF({ ...f, is_default: x })}
        />
        <div className="flex justify-end gap-2 pt-2">
          <Button variant="outline" size="sm" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" size="sm" loading={pending}>
            {v ? 'Save variant' : 'Add variant'}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

function Variants({ product }: { product: Product }) {
  const notify = useToast();
  const [editing, setEditing] = useState<Variant | 'new' | null>(null);
  const update = useUpdateVariant(product.id);
  return (
    <Card
      title={`Variants (${product.variants.length})`}
      flush
      actions={
        <Button size="sm" variant="outline" onClick={() => setEditing('new')}>
          Add variant
        </Button>
      }
    >
      <DataTable
        label="Variants"
        columns={5}
        maxHeight="max-h-96"
        head={
          <tr>
            <th className={th}>Variant</th>
            <th className={th}>SKU</th>
            <th className={`${th} text-right`}>Price</th>
            <th className={th}>Status</th>
            <th className={`${th} text-right`}>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        }
      >
        {[...product.variants]
          .sort((a, b) => a.position - b.position)
          .map((v) => (
            <tr key={v.id}>
              <td className={td}>
                <span className="font-medium">{v.name}</span>{' '}
                {v.is_default && <Badge tone="blue">Default</Badge>}
                {Object.keys(v.options).length > 0 && (
                  <div className="text-xs text-muted">
                    {Object.entries(v.options)
                      .map(([k, x]) => `${k}: ${x}`)
                      .join(' · ')}
                  </div>
                )}
              </td>
              <td className={`${td} font-mono text-xs`}>{v.sku}</td>
              <td className={`${td} text-right whitespace-nowrap tabular-nums`}>
                {formatMoney(v.sale_price_cents ?? v.price_cents, product.currency)}
                {v.sale_price_cents != null && (
                  <div className="text-xs text-muted line-through">
                    {formatMoney(v.price_cents, product.currency)}
                  </div>
                )}
              </td>
              <td className={td}>
                <Badge tone={v.status === 'active' ? 'green' : 'gray'}>{v.status}</Badge>
              </td>
              <td className={`${td} text-right whitespace-nowrap`}>
                <Button size="sm" variant="ghost" onClick={() => setEditing(v)}>
                  Edit
                </Button>
                {!v.is_default && (
                  <Button
                    size="sm"
                    variant="ghost"
                    disabled={update.isPending}
                    onClick={() =>
                      update.mutate(
                        { variantId: v.id, status: v.status === 'active' ? 'archived' : 'active' },
                        {
                          onSuccess: () =>
                            notify(
                              v.status === 'active' ? 'Variant archived' : 'Variant restored',
                              'success',
                            ),
                          onError: (e) => notify(problemText(e), 'error'),
                        },
                      )
                    }
                  >
                    {v.status === 'active' ? 'Archive' : 'Restore'}
                  </Button>
                )}
              </td>
            </tr>
          ))}
      </DataTable>
      {editing && <VariantDialog product={product} variant={editing} onClose={() => setEditing(null)} />}
    </Card>
  );
}

function PriceHistory({ product }: { product: Product }) {
  const { data, isPending, error, refetch } = usePriceHistory(product.id);
  const names = new Map(product.variants.map((v) => [v.id, v.name]));
  const money = (c: number | null) => (c == null ? '—' : formatMoney(c, product.currency));
  return (
    <Card title="Price history" flush>
      <DataTable
        label="Price history"
        columns={4}
        loading={isPending}
        error={error}
        onRetry={() => void refetch()}
        isEmpty={data?.length === 0}
        empty={<TableEmpty title="No price changes yet" />}
        maxHeight="max-h-80"
        head={
          <tr>
            <th className={th}>When</th>
            <th className={th}>Variant</th>
            <th className={`${th} text-right`}>Price</th>
            <th className={`${th} text-right`}>Sale price</th>
          </tr>
        }
      >
        {data?.map((h) => (
          <tr key={h.id}>
            <td className={`${td} whitespace-nowrap text-muted`}>
              {formatDateTime(h.created_at)}
              <div className="text-xs">{h.source}</div>
            </td>
            <td className={td}>{names.get(h.variant_id) ?? h.sku ?? '—'}</td>
            <td className={`${td} text-right whitespace-nowrap tabular-nums`}>
              <span className="text-muted">{money(h.old_price_cents)}</span> → {money(h.new_price_cents)}
            </td>
            <td className={`${td} text-right whitespace-nowrap tabular-nums`}>
              <span className="text-muted">{money(h.old_sale_price_cents)}</span> →{' '}
              {money(h.new_sale_price_cents)}
            </td>
          </tr>
        ))}
      </DataTable>
    </Card>
  );
}

export default function ProductEdit() {
  const { id } = useParams();
  const { data, isPending, error, refetch } = useProduct(id);
  usePageTitle(id ? (data?.name ?? 'Product') : 'Add product');
  if (!id) return <ProductForm />;
  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;
  if (isPending) return <PageLoader />;
  // Keyed by id: opening another product starts a fresh form.
  return <ProductForm key={data.id} product={data} />;
}
