import { useState } from 'react';
import { Link } from 'react-router';
import { usePageTitle } from '../../app/components/page-title';
import { Button } from '../../components/button';
import { useToast } from '../../components/toast';
import { useImportProducts } from '../api/catalog';
import { UploadIcon } from '../components/icons';
import {
  Badge,
  Card,
  DataTable,
  PageHeader,
  Segmented,
  StatCard,
  TableEmpty,
  problemText,
  td,
  th,
} from '../components/ui';
import type { ImportReport } from '../types';

const COLUMNS =
  'sku,name,category,price_cents,sale_price_cents,status,brand,unit,short_description,description,is_featured,tags';

function Report({ report }: { report: ImportReport }) {
  const [show, setShow] = useState<'all' | 'failed'>(report.failed ? 'failed' : 'all');
  const rows = show === 'failed' ? report.rows.filter((r) => r.status === 'failed') : report.rows;
  return (
    <>
      <div className="mb-4 grid grid-cols-3 gap-3">
        <StatCard label="Created" value={report.created} />
        <StatCard label="Updated" value={report.updated} />
        <StatCard label="Failed" value={report.failed} tone={report.failed ? 'bad' : undefined} />
      </div>
      <Card title="Per-row report" flush>
        <Segmented
          label="Rows to show"
          value={show}
          onChange={setShow}
          options={[
            { value: 'all', label: `All rows (${report.rows.length})` },
            { value: 'failed', label: `Failed (${report.failed})` },
          ]}
        />
        <DataTable
          label="Import report"
          columns={4}
          isEmpty={rows.length === 0}
          empty={<TableEmpty title="No failed rows" />}
          head={
            <tr>
              <th className={th}>Row</th>
              <th className={th}>SKU</th>
              <th className={th}>Result</th>
              <th className={th}>Problems</th>
            </tr>
          }
        >
          {rows.map((r) => (
            <tr key={r.row}>
              <td className={`${td} tabular-nums`}>{r.row}</td>
              <td className={`${td} font-mono text-xs`}>
                {r.product_id ? (
                  <Link to={`/admin/products/${r.product_id}`} className="text-brand-700 hover:underline">
                    {r.sku}
                  </Link>
                ) : (
                  (r.sku ?? '—')
                )}
              </td>
              <td className={td}>
                <Badge tone={r.status === 'failed' ? 'red' : r.status === 'created' ? 'green' : 'blue'}>
                  {r.status}
                </Badge>
              </td>
              <td className={`${td} text-red-700`}>
                {r.errors.map((e) => `${e.field}: ${e.message}`).join('; ') || (
                  <span className="text-muted">—</span>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      </Card>
    </>
  );
}

export default function ProductImport() {
  usePageTitle('Import products');
  const notify = useToast();
  const [file, setFile] = useState<File | null>(null);
  const run = useImportProducts();
  return (
    <>
      <PageHeader
        back={{ to: '/admin/products', label: 'Products' }}
        title="Import products"
        description="Create or update products by SKU from a CSV or JSON file. Valid rows are applied even when others fail."
      />
      <Card className="mb-4">
        <form
          className="flex flex-col gap-4 md:flex-row md:items-end"
          onSubmit={(e) => {
            e.preventDefault();
            if (!file) return;
            run.mutate(file, {
              onSuccess: (r) =>
                notify(
                  `${r.created} created, ${r.updated} updated, ${r.failed} failed`,
                  r.failed ? 'info' : 'success',
                ),
              onError: (e) =>
                notify(
                  e instanceof SyntaxError ? 'That JSON file could not be read' : problemText(e),
                  'error',
                ),
            });
          }}
        >
          <div className="flex-1">
            <label htmlFor="import-file" className="mb-1 block text-xs font-semibold text-gray-700">
              File (.csv or .json, at most 5 MB)
            </label>
            <input
              id="import-file"
              type="file"
              accept=".csv,.json,text/csv,application/json"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
              className="block w-full rounded-lg border border-line bg-white text-sm file:mr-3 file:h-9 file:border-0 file:bg-gray-100 file:px-3 file:font-semibold"
            />
            <p className="mt-2 text-xs text-muted">
              CSV header: <code className="rounded bg-gray-100 px-1 break-all">{COLUMNS}</code> (tags
              separated by “|”; category by slug or id). JSON:{' '}
              <code className="rounded bg-gray-100 px-1">{'{ "rows": [ … ] }'}</code> with the same fields.
              Unknown SKUs are created (name, category and price_cents required); known SKUs are updated.
            </p>
          </div>
          <Button type="submit" disabled={!file} loading={run.isPending}>
            <UploadIcon size={16} /> Import
          </Button>
        </form>
      </Card>
      {run.data && <Report report={run.data} />}
    </>
  );
}
