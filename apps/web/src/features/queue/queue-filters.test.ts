import { describe, expect, it } from 'vitest';
import { applyQueueChanges, queueExportHref, readQueueFilters, toQueueQuery, writeQueueFilters } from './queue-filters';

describe('queue filters in the URL', () => {
  it('round-trips every filter and leaves defaults out of the URL', () => {
    const params = new URLSearchParams(
      'status=never_reviewed&q=ada&risk_level=high&country=Canada&identity_type=individual&sort=created_at_asc&page=3',
    );
    const filters = readQueueFilters(params);
    expect(filters).toEqual({
      status: 'never_reviewed',
      q: 'ada',
      risk_level: 'high',
      country: 'Canada',
      identity_type: 'individual',
      sort: 'created_at_asc',
      page: 3,
    });
    expect(writeQueueFilters(filters).toString()).toBe(params.toString());
    expect(writeQueueFilters(readQueueFilters(new URLSearchParams())).toString()).toBe('');
  });

  it('drops a bad value without losing the others', () => {
    const filters = readQueueFilters(new URLSearchParams('status=bogus&risk_level=high&page=-2&sort=nope&q=%20%20'));
    expect(filters).toEqual({ risk_level: 'high', sort: 'risk_desc', page: 1 });
  });

  it('asks the BFF for one page of the given size', () => {
    expect(toQueueQuery({ sort: 'risk_desc', page: 2, status: 'escalated' })).toEqual({
      sort: 'risk_desc',
      page: '2',
      pageSize: '20',
      status: 'escalated',
    });
  });
});

describe('applyQueueChanges', () => {
  it('clears a filter given as undefined and goes back to page 1', () => {
    const before = readQueueFilters(new URLSearchParams('risk_level=high&q=ada&page=4'));
    expect(applyQueueChanges(before, { risk_level: undefined })).toEqual({ q: 'ada', sort: 'risk_desc', page: 1 });
    expect(applyQueueChanges(before, { page: 5 })).toMatchObject({ risk_level: 'high', page: 5 });
  });

  it('links the CSV export of the current filters, without paging or order', () => {
    expect(queueExportHref({ sort: 'created_at_asc', page: 4 })).toBe('/api/exports/queue.csv');
    expect(queueExportHref({ sort: 'risk_desc', page: 2, status: 'new', risk_level: 'low', q: 'ada & co' })).toBe(
      '/api/exports/queue.csv?status=new&risk_level=low&q=ada+%26+co',
    );
  });

  it('keeps a cursor only with the page it came with', () => {
    const deep = applyQueueChanges(readQueueFilters(new URLSearchParams('status=new')), { page: 2, cursor: 'abc' });
    expect(deep).toEqual({ status: 'new', sort: 'risk_desc', page: 2, cursor: 'abc' });
    expect(writeQueueFilters(deep).toString()).toBe('status=new&page=2&cursor=abc');
    expect(toQueueQuery(deep)).toMatchObject({ page: '2', cursor: 'abc' });
    expect(applyQueueChanges(deep, { risk_level: 'high' })).toEqual({
      status: 'new',
      risk_level: 'high',
      sort: 'risk_desc',
      page: 1,
    });
    expect(applyQueueChanges(deep, { page: 3 })).not.toHaveProperty('cursor');
  });
});
