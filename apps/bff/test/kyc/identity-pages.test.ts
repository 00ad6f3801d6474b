import { describe, expect, it } from 'vitest';
import { Identity } from '@kyc-review/contracts';
import type { IdentityRows } from '../../src/cloud/cloud-responses';
import type { ListQuery } from '../../src/cloud/page-query';
import { walkIdentityPages } from '../../src/services/identity-pages';
import { identityRecord } from '../cloud/fixtures';

// The paging rules of docs/cloud-contract.md §6.2 against scripted Clouds that misbehave in ways the
// emulator's switches do not cover.

const identity = (n: number) => Identity.parse(identityRecord(`idt_${String(n).padStart(4, '0')}`));
const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => identity(from + i));

function scripted(answer: (query: ListQuery<unknown>) => IdentityRows) {
  const queries: ListQuery<unknown>[] = [];
  return {
    queries,
    client: {
      listIdentityRows: (query: ListQuery<unknown> = {}) => {
        queries.push(query);
        return Promise.resolve(answer(query));
      },
    },
  };
}

describe('walkIdentityPages', () => {
  it('stops at an empty page before the total, incomplete', async () => {
    const { client, queries } = scripted(({ page = 1 }) => ({
      data: page === 1 ? range(0, 100) : [],
      total: 250,
      unreadable: [],
    }));
    const pass = await walkIdentityPages(client, () => undefined);
    expect(pass).toMatchObject({ complete: false, stoppedBy: 'empty_page', seen: 100, total: 250 });
    expect(queries).toHaveLength(2);
  });

  it('stops when a page adds no new identity, even if it is not an exact repeat', async () => {
    const { client } = scripted(({ page = 1 }) => ({
      data: page === 1 ? range(0, 100) : [...range(0, 100)].reverse(),
      total: 300,
      unreadable: [],
    }));
    const rows: number[] = [];
    const pass = await walkIdentityPages(client, (page) => void rows.push(page.length));
    expect(pass).toMatchObject({ complete: false, stoppedBy: 'repeated_page', seen: 100 });
    expect(rows).toEqual([100]);
  });

  it('caps the page count at ceil(total / returned) + 1 when pages trickle in', async () => {
    let next = 0;
    const { client, queries } = scripted(({ page = 1 }) => {
      const data = page === 1 ? range(0, 100) : range(1000 + next++, 1);
      return { data, total: 250, unreadable: [] };
    });
    const pass = await walkIdentityPages(client, () => undefined);
    expect(pass).toMatchObject({ complete: false, stoppedBy: 'page_cap', pages: 4 });
    expect(queries).toHaveLength(4);
  });

  it('counts unreadable rows as seen, so a pass with a broken record is complete', async () => {
    const { client } = scripted(({ page = 1 }) =>
      page === 1
        ? { data: range(0, 2), total: 4, unreadable: [{ identityId: 'idt_broken' }] }
        : { data: range(2, 0), total: 4, unreadable: [{ identityId: null }] },
    );
    const pass = await walkIdentityPages(client, () => undefined);
    expect(pass).toMatchObject({ complete: true, stoppedBy: 'end', seen: 3 });
    expect(pass.unreadable).toEqual([{ identityId: 'idt_broken' }, { identityId: null }]);
  });

  it('hands each page over in order and finishes on the total', async () => {
    const { client, queries } = scripted(({ page = 1, pageSize = 100 }) => ({
      data: range((page - 1) * pageSize, Math.min(pageSize, 230 - (page - 1) * pageSize)),
      total: 230,
      unreadable: [],
    }));
    const sizes: number[] = [];
    const pass = await walkIdentityPages(client, (page) => void sizes.push(page.length));
    expect(pass).toMatchObject({ complete: true, pages: 3, seen: 230 });
    expect(sizes).toEqual([100, 100, 30]);
    expect(queries.map((q) => q.page)).toEqual([1, 2, 3]);
  });
});

describe('pipelining', () => {
  it('asks for the next page while the current one is processed, and never past the last', async () => {
    const { client, queries } = scripted(({ page = 1 }) => ({
      data: range((page - 1) * 100, 100),
      total: 300,
      unreadable: [],
    }));
    const askedWhileProcessing: number[] = [];
    const pass = await walkIdentityPages(client, async () => {
      askedWhileProcessing.push(queries.length);
      await Promise.resolve();
    });
    expect(pass).toMatchObject({ complete: true, seen: 300, pages: 3 });
    // While page 1 is processed page 2 was requested; while page 3 is, nothing more.
    expect(askedWhileProcessing).toEqual([2, 3, 3]);
    expect(queries.map((q) => q.page)).toEqual([1, 2, 3]);
  });

  it('leaves no failure unhandled when processing a page throws while the next is in flight', async () => {
    let calls = 0;
    const failing = {
      listIdentityRows: (query: ListQuery<unknown> = {}) => {
        calls += 1;
        return query.page === 1
          ? Promise.resolve({ data: range(0, 100), total: 200, unreadable: [] })
          : Promise.reject(new Error('Cloud failed'));
      },
    };
    await expect(
      walkIdentityPages(failing, () => {
        throw new Error('processing failed');
      }),
    ).rejects.toThrow('processing failed');
    expect(calls).toBe(2);
  });
});
