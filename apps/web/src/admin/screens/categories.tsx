import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { usePageTitle } from '../../app/components/page-title';
import { Button } from '../../components/button';
import { Dialog } from '../../components/dialog';
import { useToast } from '../../components/toast';
import { flattenCategories, useCategories, useDeleteCategory, useSaveCategory } from '../api/catalog';
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
import type { Category } from '../types';

function CategoryDialog({
  category,
  all,
  onClose,
}: {
  category: Category | 'new';
  all: Category[];
  onClose: () => void;
}) {
  const notify = useToast();
  const save = useSaveCategory();
  const c = category === 'new' ? null : category;
  const [f, setF] = useState({
    name: c?.name ?? '',
    slug: c?.slug ?? '',
    parent_id: c?.parent_id ?? '',
    description: c?.description ?? '',
    sort_order: String(c?.sort_order ?? 0),
    is_active: c?.is_active ?? true,
    seo_title: c?.seo_title ?? '',
    seo_description: c?.seo_description ?? '',
  });
  // A category cannot move under itself or its own descendants.
  const banned = new Set<string>();
  if (c) {
    const walk = (n: Category) => {
      banned.add(n.id);
      n.children.forEach(walk);
    };
    walk(c);
  }
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(
      {
        id: c?.id,
        name: f.name.trim(),
        ...(f.slug.trim() ? { slug: f.slug.trim() } : {}),
        parent_id: f.parent_id || null,
        description: f.description.trim() || null,
        sort_order: Number(f.sort_order) || 0,
        is_active: f.is_active,
        seo_title: f.seo_title.trim() || null,
        seo_description: f.seo_description.trim() || null,
      },
      {
        onSuccess: () => {
          notify(c ? 'Category saved' : 'Category created', 'success');
          onClose();
        },
      },
    );
  };
  const fe = (k: string) => fieldProblem(save.error, k);
  return (
    <Dialog open onClose={onClose} title={c ? `Edit ${c.name}` : 'New category'}>
      <form onSubmit={submit} className="grid gap-3 p-5">
        {save.error && !fe('name') && !fe('slug') ? (
          <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700">
            {problemText(save.error)}
          </p>
        ) : null}
        <div className="grid gap-3 sm:grid-cols-2">
          <Input
            label="Name"
            required
            value={f.name}
            onChange={(e) => setF({ ...f, name: e.target.value })}
            error={fe('name')}
          />
          <Input
            label="Slug"
            value={f.slug}
            onChange={(e) => setF({ ...f, slug: e.target.value })}
            error={fe('slug')}
            hint="Made from the name when empty."
          />
          <Select
            label="Parent"
            value={f.parent_id}
            onChange={(e) => setF({ ...f, parent_id: e.target.value })}
          >
            <option value="">None (top level)</option>
            {all
              .filter((x) => !banned.has(x.id))
              .map((x) => (
                <option key={x.id} value={x.id}>
                  {'\u00a0\u00a0'.repeat(x.depth)}
                  {x.name}
                </option>
              ))}
          </Select>
          <Input
            label="Sort order"
            type="number"
            value={f.sort_order}
            onChange={(e) => setF({ ...f, sort_order: e.target.value })}
          />
        </div>
        <Textarea
          label="Description"
          rows={2}
          value={f.description}
          onChange={(e) => setF({ ...f, description: e.target.value })}
        />
        <Input
          label="SEO title"
          maxLength={160}
          value={f.seo_title}
          onChange={(e) => setF({ ...f, seo_title: e.target.value })}
        />
        <Textarea
          label="SEO description"
          rows={2}
          maxLength={320}
          value={f.seo_description}
          onChange={(e) => setF({ ...f, seo_description: e.target.value })}
        />
        <Toggle
          label="Active (shown in the store)"
          checked={f.is_active}
          onChange={(v) => setF({ ...f, is_active: v })}
        />
        <div className="flex justify-end gap-2 pt-1">
          <Button variant="outline" size="sm" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" size="sm" loading={save.isPending}>
            {c ? 'Save' : 'Create'}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

export default function Categories() {
  usePageTitle('Categories');
  const notify = useToast();
  const { data, isPending, error, refetch } = useCategories();
  const remove = useDeleteCategory();
  const [editing, setEditing] = useState<Category | 'new' | null>(null);
  const flat = flattenCategories(data);
  return (
    <>
      <PageHeader
        title="Categories"
        description="The category tree shoppers browse. Inactive categories are hidden from the store."
        actions={
          <Button size="sm" onClick={() => setEditing('new')}>
            New category
          </Button>
        }
      />
      <Card flush>
        <DataTable
          label="Categories"
          columns={5}
          loading={isPending}
          error={error}
          onRetry={() => void refetch()}
          isEmpty={flat.length === 0}
          empty={<TableEmpty title="No categories yet">Create one to start organising products.</TableEmpty>}
          head={
            <tr>
              <th className={th}>Name</th>
              <th className={`${th} hidden sm:table-cell`}>Slug</th>
              <th className={`${th} text-right`}>Products</th>
              <th className={th}>Status</th>
              <th className={`${th} text-right`}>
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          }
        >
          {flat.map((c) => (
            <tr key={c.id} className="hover:bg-gray-50">
              <td className={td}>
                <span style={{ paddingLeft: `${c.depth * 1.25}rem` }} className="inline-block font-medium">
                  {c.depth > 0 && <span className="mr-1 text-gray-300">└</span>}
                  {c.name}
                </span>
              </td>
              <td className={`${td} hidden font-mono text-xs text-muted sm:table-cell`}>{c.slug}</td>
              <td className={`${td} text-right tabular-nums`}>
                <Link to={`/admin/products?category=${c.id}`} className="text-brand-700 hover:underline">
                  {c.product_count}
                </Link>
              </td>
              <td className={td}>
                {c.is_active ? <Badge tone="green">Active</Badge> : <Badge>Hidden</Badge>}
              </td>
              <td className={`${td} text-right whitespace-nowrap`}>
                <Button size="sm" variant="ghost" onClick={() => setEditing(c)}>
                  Edit
                </Button>
                <Button
                  size="sm"
                  variant="ghost"
                  disabled={remove.isPending}
                  onClick={() =>
                    window.confirm(`Delete “${c.name}”? Only empty categories can be deleted.`) &&
                    remove.mutate(c.id, {
                      onSuccess: () => notify('Category deleted', 'success'),
                      onError: (e) => notify(problemText(e), 'error'),
                    })
                  }
                >
                  Delete
                </Button>
              </td>
            </tr>
          ))}
        </DataTable>
      </Card>
      {editing && <CategoryDialog category={editing} all={flat} onClose={() => setEditing(null)} />}
    </>
  );
}
