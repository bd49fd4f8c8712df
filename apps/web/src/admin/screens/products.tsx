import { Link, useNavigate } from 'react-router';
import { usePageTitle } from '../../app/components/page-title';
import { ButtonLink } from '../../components/button';
import { ProductImage } from '../../components/product-image';
import { formatMoney } from '../../lib/money';
import { flattenCategories, useCategories, useProductList } from '../api/catalog';
import { UploadIcon } from '../components/icons';
import { ProductStatusBadge } from '../components/status';
import {
  Badge,
  Card,
  DataTable,
  FilterBar,
  PageHeader,
  Pager,
  SearchBox,
  Select,
  TableEmpty,
  td,
  th,
  useUrlFilters,
} from '../components/ui';
import type { ProductStatus } from '../types';

export default function Products() {
  usePageTitle('Products');
  const navigate = useNavigate();
  const { values, page, set } = useUrlFilters(['q', 'category', 'status'] as const);
  const categories = useCategories();
  const flat = flattenCategories(categories.data);
  const names = new Map(flat.map((c) => [c.id, c.name]));
  const { data, isPending, isFetching, error, refetch } = useProductList({
    q: values.q || undefined,
    category: values.category || undefined,
    status: (values.status || undefined) as ProductStatus | undefined,
    page,
  });
  return (
    <>
      <PageHeader
        title="Products"
        description="Every product in the catalog, drafts and archived ones too, most recently changed first."
        actions={
          <>
            <ButtonLink to="/admin/products/import" variant="outline" size="sm">
              <UploadIcon size={16} /> Import
            </ButtonLink>
            <ButtonLink to="/admin/products/new" size="sm">
              Add product
            </ButtonLink>
          </>
        }
      />
      <Card flush>
        <FilterBar>
          <SearchBox
            label="Search products"
            placeholder="Name, brand or SKU"
            value={values.q}
            onChange={(q) => set({ q })}
            className="w-full sm:w-72"
          />
          <Select
            label="Category"
            hideLabel
            value={values.category}
            onChange={(e) => set({ category: e.target.value })}
            className="w-full sm:w-56"
          >
            <option value="">All categories</option>
            {flat.map((c) => (
              <option key={c.id} value={c.id}>
                {'\u00a0\u00a0'.repeat(c.depth)}
                {c.name}
              </option>
            ))}
          </Select>
          <Select
            label="Status"
            hideLabel
            value={values.status}
            onChange={(e) => set({ status: e.target.value })}
            className="w-full sm:w-40"
          >
            <option value="">Any status</option>
            <option value="active">Active</option>
            <option value="draft">Draft</option>
            <option value="archived">Archived</option>
          </Select>
        </FilterBar>
        <DataTable
          label="Products"
          columns={7}
          loading={isPending}
          error={error}
          onRetry={() => void refetch()}
          isEmpty={data?.items.length === 0}
          empty={
            <TableEmpty title="No products match">
              Try another search or category, or{' '}
              <Link className="font-medium text-brand-700 underline" to="/admin/products/new">
                add a product
              </Link>
              .
            </TableEmpty>
          }
          head={
            <tr>
              <th className={th}>Product</th>
              <th className={`${th} hidden md:table-cell`}>Category</th>
              <th className={`${th} text-right`}>Price</th>
              <th className={th}>Status</th>
              <th className={`${th} hidden sm:table-cell`}>Stock</th>
              <th className={`${th} hidden lg:table-cell`}>Rating</th>
              <th className={`${th} hidden lg:table-cell`}>Flags</th>
            </tr>
          }
        >
          {data?.items.map((p) => (
            <tr
              key={p.id}
              className={`cursor-pointer hover:bg-gray-50 ${isFetching ? 'opacity-70' : ''}`}
              onClick={() => navigate(`/admin/products/${p.id}`)}
            >
              <td className={td}>
                <div className="flex items-center gap-3">
                  <ProductImage
                    src={p.image?.thumb}
                    alt=""
                    className="h-10 w-10 shrink-0 rounded-md border border-line bg-white"
                  />
                  <div className="min-w-0">
                    <Link
                      to={`/admin/products/${p.id}`}
                      className="line-clamp-1 font-medium text-ink hover:underline"
                      onClick={(e) => e.stopPropagation()}
                    >
                      {p.name}
                    </Link>
                    <div className="text-xs text-muted">
                      {[p.sku, p.brand, p.unit].filter(Boolean).join(' · ')}
                    </div>
                  </div>
                </div>
              </td>
              <td className={`${td} hidden text-muted md:table-cell`}>{names.get(p.category_id) ?? '—'}</td>
              <td className={`${td} text-right whitespace-nowrap tabular-nums`}>
                {formatMoney(p.effective_price_cents, p.currency)}
                {p.sale_price_cents != null && (
                  <div className="text-xs text-muted line-through">
                    {formatMoney(p.price_cents, p.currency)}
                  </div>
                )}
              </td>
              <td className={td}>
                <ProductStatusBadge status={p.status} />
              </td>
              <td className={`${td} hidden sm:table-cell`}>
                {p.in_stock ? <Badge tone="green">In stock</Badge> : <Badge tone="red">Out of stock</Badge>}
              </td>
              <td className={`${td} hidden whitespace-nowrap text-muted lg:table-cell`}>
                {p.rating_count ? `★ ${p.rating_average.toFixed(1)} (${p.rating_count})` : '—'}
              </td>
              <td className={`${td} hidden lg:table-cell`}>
                <div className="flex gap-1">
                  {p.is_featured && <Badge tone="violet">Featured</Badge>}
                  {p.has_variants && <Badge>Variants</Badge>}
                </div>
              </td>
            </tr>
          ))}
        </DataTable>
        {data && (
          <Pager
            page={page}
            totalPages={data.total_pages}
            total={data.total}
            onPage={(p) => set({ page: p })}
            noun="product"
          />
        )}
      </Card>
    </>
  );
}
