import { z } from 'zod';

const Count = z.object({ n: z.number().int() });

/** The `n` of `SELECT CAST(COUNT(*) AS INTEGER) AS n …` (a number on both engines). */
export const countOf = (row: unknown): number => Count.parse(row).n;
