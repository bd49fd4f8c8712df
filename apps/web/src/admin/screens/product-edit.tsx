import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { usePageTitle } from '../../app/components/page-title';
import { Button } from '../../components/button';
import { StarIcon, TrashIcon } from '../../components/icons';
import { ErrorState, PageLoader } from '../../components/states';
import { useToast } from '../../components/toast';
import { formatDateTime } from '../../lib/format';
import { formatMoney, parseMoney } from '../../lib/money';
import {
  categoryOptions,
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
  type NewProductBody,
  type ProductBody,
} from '../api/catalog';
import { useOutcomeToast } from '../components/actions';
import { FormDialog, useDialogSave, useFormState } from '../components/forms';
import { ArrowDownIcon, ArrowUpIcon, ExternalIcon, UploadIcon } from '../components/icons';
import { ActionsHeader, QueryTable } from '../components/lists';
import {
  Badge,
  Card,
  DataTable,
  Input,
  Options,
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

/** The form as a request body, or what is wrong with it. */
function toBody(f: Form): NewProductBody | string {
  const price = parseMoney(f.price);
  if (price === undefined) return 'Enter a price, e.g. 3.49';
  const sale = f.sale_price.trim() ? parseMoney(f.sale_price) : null;
  if (sale === undefined) return 'The sale price is not a number';
  return {
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
}

/** On edit only what changed is sent (so price history stays honest). */
function changes(body: NewProductBody, before: Product): ProductBody {
  const old = toBody(toForm(before));
  if (typeof old === 'string') return body;
  return Object.fromEntries(
    Object.entries(body).filter(
      ([k, v]) => JSON.stringify(v) !== JSON.stringify(old[k as keyof NewProductBody]),
    ),
  ) as ProductBody;
}

function ProductForm({ product }: { product?: Product }) {
  const navigate = useNavigate();
  const notify = useToast();
  const [form, field, set, reset] = useFormState(toForm(product));
  const [problem, setProblem] = useState<string | null>(null);
  const categories = useCategories();
  const create = useCreateProduct();
  const update = useUpdateProduct(product?.id ?? '');
  const archive = useArchiveProduct(product?.id ?? '');
  const save = product ? update : create;
  const err = save.error;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = toBody(form);
    if (typeof body === 'string') return setProblem(body);
    setProblem(null);
    const options = {
      onSuccess: (p: Product) => {
        reset(toForm(p));
        notify(product ? 'Product saved' : 'Product created', 'success');
        if (!product) navigate(`/admin/products/${p.id}`, { replace: true });
      },
      onError: (e: Error) => setProblem(problemText(e)),
    };
    if (!product) return create.mutate(body, options);
    const patch = changes(body, product);
    if (Object.keys(patch).length === 0) return notify('Nothing to save', 'info');
    update.mutate(patch, options);
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
              <Input label="Name" required {...field('name')} error={fe('name')} />
              <Input
                label="Short description"
                {...field('short_description')}
                error={fe('short_description')}
                hint="One line under the name on the product page."
              />
              <Textarea label="Description" rows={5} {...field('description')} error={fe('description')} />
            </div>
          </Card>
          <Card title="Pricing">
            <div className="grid gap-3 sm:grid-cols-2">
              <Input
                label="Price (USD)"
                inputMode="decimal"
                required
                {...field('price')}
                error={fe('price_cents')}
                placeholder="0.00"
              />
              <Input
                label="Sale price (USD)"
                inputMode="decimal"
                {...field('sale_price')}
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
                {...field('slug')}
                error={fe('slug')}
                hint={product ? `/p/${form.slug || product.slug}` : 'Made from the name when left empty.'}
              />
              <Input
                label="Page title"
                maxLength={160}
                {...field('seo_title')}
                error={fe('seo_title')}
                hint={`${form.seo_title.length}/160 — the product name when empty.`}
              />
              <Textarea
                label="Meta description"
                rows={2}
                maxLength={320}
                {...field('seo_description')}
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
                {...field('status')}
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
              <Select label="Category" required {...field('category_id')} error={fe('category_id')}>
                <option value="">Choose a category…</option>
                <Options options={categoryOptions(flattenCategories(categories.data))} />
              </Select>
              <Input label="SKU" required {...field('sku')} error={fe('sku')} />
              <Input label="Brand" {...field('brand')} error={fe('brand')} />
              <Input label="Unit" {...field('unit')} error={fe('unit')} placeholder="500 g, 1 L, 6 pack…" />
              <Input label="Tags" {...field('tags')} error={fe('tags')} hint="Separated by commas." />
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
  variant: Variant | 'new';
  onClose: () => void;
}) {
  const { problem, setProblem, saved } = useDialogSave(onClose);
  const add = useAddVariant(product.id);
  const update = useUpdateVariant(product.id);
  const v = variant === 'new' ? null : variant;
  const [f, field, set] = useFormState({
    name: v?.name ?? '',
    sku: v?.sku ?? '',
    price: dollars(v?.price_cents ?? product.price_cents),
    sale: dollars(v?.sale_price_cents),
    is_default: v?.is_default ?? false,
    options: Object.fromEntries(product.options.map((o) => [o.name, v?.options[o.name] ?? ''])),
  });
  const pending = add.isPending || update.isPending;
  const submit = () => {
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
    const done = saved(v ? 'Variant saved' : 'Variant added');
    if (v) update.mutate({ variantId: v.id, ...body }, done);
    else
      add.mutate(
        { ...body, options: Object.fromEntries(Object.entries(f.options).filter(([, x]) => x)) },
        done,
      );
  };
  return (
    <FormDialog
      title={v ? `Edit ${v.name}` : 'Add variant'}
      onClose={onClose}
      onSubmit={submit}
      problem={problem}
      pending={pending}
      submitLabel={v ? 'Save variant' : 'Add variant'}
    >
      <div className="grid gap-3 sm:grid-cols-2">
        <Input label="Name" required {...field('name')} placeholder="1 L" />
        <Input label="SKU" required {...field('sku')} />
        <Input label="Price (USD)" inputMode="decimal" {...field('price')} />
        <Input label="Sale price (USD)" inputMode="decimal" {...field('sale')} />
        {!v &&
          product.options.map((o) => (
            <Select
              key={o.name}
              label={o.name}
              value={f.options[o.name]}
              onChange={(e) => set('options', { ...f.options, [o.name]: e.target.value })}
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
        onChange={(x) => set('is_default', x)}
      />
    </FormDialog>
  );
}

function Variants({ product }: { product: Product }) {
  const outcome = useOutcomeToast();
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
            <ActionsHeader />
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
                        outcome(v.status === 'active' ? 'Variant archived' : 'Variant restored'),
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
  const history = usePriceHistory(product.id);
  const names = new Map(product.variants.map((v) => [v.id, v.name]));
  const money = (c: number | null) => (c == null ? '—' : formatMoney(c, product.currency));
  return (
    <Card title="Price history" flush>
      <QueryTable
        label="Price history"
        columns={4}
        query={history}
        rows={history.data}
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
        row={(h) => (
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
        )}
      />
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
