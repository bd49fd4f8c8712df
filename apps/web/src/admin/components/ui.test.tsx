import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../lib/api';
import { renderApp } from '../../test/app';
import { DataTable, SearchBox, TableEmpty, useUrlFilters } from './ui';

const head = (
  <tr>
    <th>Order</th>
    <th>Total</th>
  </tr>
);

describe('DataTable', () => {
  it('shows placeholder rows while loading, then the rows', () => {
    const { rerender } = renderApp(
      <DataTable head={head} columns={2} label="Orders" loading>
        <tr>
          <td>CW-1001</td>
          <td>$9.45</td>
        </tr>
      </DataTable>,
    );
    const table = screen.getByRole('table', { name: 'Orders' });
    const body = within(table).getAllByRole('rowgroup')[1]!;
    expect(body).toHaveAttribute('aria-busy', 'true');
    expect(within(body).getAllByRole('row')).toHaveLength(6);
    expect(screen.queryByText('CW-1001')).not.toBeInTheDocument();
    rerender(
      <DataTable head={head} columns={2} label="Orders">
        <tr>
          <td>CW-1001</td>
          <td>$9.45</td>
        </tr>
      </DataTable>,
    );
    expect(screen.getByText('CW-1001')).toBeInTheDocument();
  });

  it('puts an error with a retry, or the empty message, in place of the rows', async () => {
    const onRetry = vi.fn();
    renderApp(
      <DataTable
        head={head}
        columns={2}
        label="Orders"
        error={new ApiError(503, 'UNAVAILABLE', 'The database is restarting')}
        onRetry={onRetry}
      >
        {null}
      </DataTable>,
    );
    expect(screen.getByRole('alert')).toHaveTextContent('The database is restarting');
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(onRetry).toHaveBeenCalledOnce();
  });

  it('says what an empty list means', () => {
    renderApp(
      <DataTable
        head={head}
        columns={2}
        label="Orders"
        isEmpty
        empty={<TableEmpty title="No orders yet">Orders appear here as shoppers check out.</TableEmpty>}
      >
        {null}
      </DataTable>,
    );
    expect(screen.getByText('No orders yet')).toBeInTheDocument();
    expect(screen.getByRole('cell')).toHaveAttribute('colspan', '2');
  });
});

describe('SearchBox', () => {
  it('reports the trimmed text once typing pauses, and at once on Enter', async () => {
    const onChange = vi.fn();
    renderApp(<SearchBox value="" onChange={onChange} label="Search orders" />);
    const box = screen.getByRole('searchbox', { name: 'Search orders' });
    await userEvent.type(box, ' ada ');
    expect(onChange).not.toHaveBeenCalled();
    await waitFor(() => expect(onChange).toHaveBeenCalledWith('ada'));
    expect(onChange).toHaveBeenCalledOnce();

    await userEvent.type(box, 'm{Enter}');
    expect(onChange).toHaveBeenLastCalledWith('ada m');
  });
});

function OrdersFilters() {
  const { values, page, set } = useUrlFilters(['status', 'q'] as const);
  return (
    <div>
      <p data-testid="state">{JSON.stringify({ ...values, page })}</p>
      <button type="button" onClick={() => set({ status: 'paid' })}>
        Paid
      </button>
      <button type="button" onClick={() => set({ page: page + 1 })}>
        Next
      </button>
      <button type="button" onClick={() => set({ q: '' })}>
        Clear search
      </button>
    </div>
  );
}

describe('useUrlFilters', () => {
  it('keeps list filters in the URL; a filter change goes back to page 1', async () => {
    const { router } = renderApp(<OrdersFilters />, { path: '/admin/orders?q=ada&page=3' });
    const state = () => JSON.parse(screen.getByTestId('state').textContent!);
    expect(state()).toEqual({ status: '', q: 'ada', page: 3 });

    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(router.state.location.search).toBe('?q=ada&page=4');
    await userEvent.click(screen.getByRole('button', { name: 'Paid' }));
    expect(router.state.location.search).toBe('?q=ada&status=paid');
    await userEvent.click(screen.getByRole('button', { name: 'Clear search' }));
    expect(state()).toEqual({ status: 'paid', q: '', page: 1 });
  });
});
