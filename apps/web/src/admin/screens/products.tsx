import { Link, useNavigate } from 'react-router';
import { usePageTitle } from '../../app/components/page-title';
import { ButtonLink } from '../../components/button';
import { ProductImage } from '../../components/product-image';
import { formatMoney } from '../../lib/money';
import { flattenCategories, useCategories, useProductList } from '../api/catalog';
import { UploadIcon } from '../components/icons';
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

const SORTS = [
  { value: '', label: 'Newest' },
  { value: 'popularity', label: 'Popularity' },
  { value: 'price_asc', label: 'Price: low to high' },
  { value: 'price_desc', label: 'Price: high to low' },
  { value: 'rating', label: 'Rating' },
];

export default function Products() {
  usePageTitle('Products');
  const navigate = useNavigate();
  const { values, page, set } = useUrlFilters(['q', 'category', 'stock', 'sort'] as const);
  const categories = useCategories();
  const flat = flattenCategories(categories.data);
  const names = new Map(flat.map((c) => [c.id, c.name]));
  const { data, isPending, isFetching, error, refetch } = useProductList({
    q: values.q || undefined,
    category: values.category || undefined,
    in_stock: values.stock === 'in' ? true : undefined,
    sort: values.sort || undefined,
    page,
  });
  return (
    <>
      <PageHeader
        title="Products"
        description="Active products in the catalog. Drafts and archived products open from where they were made."
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
            placeholder="Search name, brand, tag…"
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
            label="Stock"
            hideLabel
            value={values.stock}
            onChange={(e) => set({ stock: e.target.value })}
            className="w-[calc(50%-0.25rem)] sm:w-36"
          >
            <option value="">Any stock</option>
            <option value="in">In stock</option>
          </Select>
          <Select
            label="Sort"
            hideLabel
            value={values.sort}
            onChange={(e) => set({ sort: e.target.value })}
            className="w-[calc(50%-0.25rem)] sm:w-44"
          >
            {SORTS.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </Select>
        </FilterBar>
        <DataTable
          label="Products"
          columns={6}
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
                    <div className="text-xs text-muted">{[p.brand, p.unit].filter(Boolean).join(' · ')}</div>
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
