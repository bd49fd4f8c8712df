import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Link } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../lib/api';
import { renderApp } from '../../test/app';
import { LinkRow, PagedTable, QueueItem, QueueList } from './lists';
import { TableEmpty } from './ui';

type Order = { id: string; number: string };
const page = (items: Order[], total = items.length) => ({ items, total, total_pages: Math.ceil(total / 25) });
const query = (data?: ReturnType<typeof page>, error: unknown = null) => ({
  data,
  isPending: !data && !error,
  error,
  refetch: vi.fn(),
});

describe('PagedTable', () => {
  it('shows a row per record of the page and the pager under them', async () => {
    const onPage = vi.fn();
    renderApp(
      <PagedTable
        label="Orders"
        columns={1}
        query={query(page([{ id: '1', number: 'CW-1001' }], 30))}
        page={1}
        onPage={onPage}
        noun="order"
        head={
          <tr>
            <th>Order</th>
          </tr>
        }
        row={(o) => (
          <tr key={o.id}>
            <td>{o.number}</td>
          </tr>
        )}
      />,
    );
    expect(within(screen.getByRole('table', { name: 'Orders' })).getByText('CW-1001')).toBeInTheDocument();
    const pager = screen.getByRole('navigation', { name: 'Pagination' });
    expect(pager).toHaveTextContent('30 orders');
    await userEvent.click(within(pager).getByRole('button', { name: 'Next page' }));
    expect(onPage).toHaveBeenCalledWith(2);
  });

  it('puts the error with a retry in place of the rows, and no pager', async () => {
    const failed = query(undefined, new ApiError(503, 'UNAVAILABLE', 'The database is restarting'));
    renderApp(
      <PagedTable
        label="Orders"
        columns={1}
        query={failed}
        page={1}
        onPage={vi.fn()}
        noun="order"
        empty={<TableEmpty title="No orders" />}
        head={null}
        row={() => null}
      />,
    );
    expect(screen.getByRole('alert')).toHaveTextContent('The database is restarting');
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(failed.refetch).toHaveBeenCalledOnce();
    expect(screen.queryByRole('navigation', { name: 'Pagination' })).not.toBeInTheDocument();
  });
});

describe('LinkRow', () => {
  it('opens its page from anywhere on the row; its own link navigates once', async () => {
    const { router } = renderApp(
      <table>
        <tbody>
          <LinkRow to="/admin/orders/1">
            <td>
              <Link to="/admin/orders/1">CW-1001</Link>
            </td>
            <td>Delivered</td>
          </LinkRow>
        </tbody>
      </table>,
      { path: '/admin/orders' },
    );
    await userEvent.click(screen.getByText('Delivered'));
    expect(router.state.location.pathname).toBe('/admin/orders/1');

    await router.navigate('/admin/orders');
    await userEvent.click(screen.getByRole('link', { name: 'CW-1001' }));
    expect(router.state.location.pathname).toBe('/admin/orders/1');
    // One step back leaves the order: the click was not followed twice.
    await router.navigate(-1);
    expect(router.state.location.pathname).toBe('/admin/orders');
  });
});

describe('QueueList', () => {
  const item = (o: Order) => (
    <QueueItem key={o.id} label={`Refund request for order ${o.number}`} decision={<button>Approve</button>}>
      {o.number}
    </QueueItem>
  );

  it('lists the records with their decisions, and pages while there is anything', () => {
    renderApp(
      <QueueList
        query={query(page([{ id: '1', number: 'CW-1001' }]))}
        page={1}
        onPage={vi.fn()}
        noun="refund"
        empty={<TableEmpty title="No refund requests waiting" />}
        item={item}
      />,
    );
    const request = screen.getByRole('listitem', { name: 'Refund request for order CW-1001' });
    expect(within(request).getByRole('button', { name: 'Approve' })).toBeInTheDocument();
    expect(screen.getByRole('navigation', { name: 'Pagination' })).toHaveTextContent('1 refund');
  });

  it('says what an empty queue means, without a pager', () => {
    renderApp(
      <QueueList
        query={query(page([]))}
        page={1}
        onPage={vi.fn()}
        noun="refund"
        empty={<TableEmpty title="No refund requests waiting" />}
        item={item}
      />,
    );
    expect(screen.getByText('No refund requests waiting')).toBeInTheDocument();
    expect(screen.queryByRole('list')).not.toBeInTheDocument();
    expect(screen.queryByRole('navigation', { name: 'Pagination' })).not.toBeInTheDocument();
  });
});
