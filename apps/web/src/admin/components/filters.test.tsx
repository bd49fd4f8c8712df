import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { renderApp } from '../../test/app';
import { DateRange, FilterSelect } from './filters';

describe('FilterSelect', () => {
  it('offers "all" first and reports the chosen value ("" for all)', async () => {
    const onChange = vi.fn();
    renderApp(
      <FilterSelect
        label="Status"
        all="Any status"
        options={[{ value: 'active', label: 'Active' }]}
        value="active"
        onChange={onChange}
      />,
    );
    const select = screen.getByRole('combobox', { name: 'Status' });
    expect(select).toHaveValue('active');
    await userEvent.selectOptions(select, 'Any status');
    expect(onChange).toHaveBeenCalledWith('');
  });
});

describe('DateRange', () => {
  it('bounds each end by the other and reports one end at a time', async () => {
    const onChange = vi.fn();
    renderApp(<DateRange from="2026-03-01" to="2026-03-31" onChange={onChange} />);
    const from = screen.getByLabelText('From');
    const to = screen.getByLabelText('To');
    expect(from).toHaveAttribute('max', '2026-03-31');
    expect(to).toHaveAttribute('min', '2026-03-01');
    await userEvent.clear(to);
    expect(onChange).toHaveBeenLastCalledWith({ to: '' });
  });
});
