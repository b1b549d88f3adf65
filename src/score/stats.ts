// Small descriptive statistics, shared by the batch summary and group reports.

/** The p-quantile by linear interpolation between order statistics (Excel's QUARTILE.INC, R's type 7). */
export function quantile(sorted: readonly number[], p: number): number | null {
  if (!sorted.length) return null;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

export const mean = (xs: readonly number[]): number | null => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

/** The middle value, or the mean of the two middle ones. */
export function median(values: readonly number[]): number | null {
  return quantile([...values].sort((a, b) => a - b), 0.5);
}

export interface Quartiles { n: number; min: number; q1: number; median: number; q3: number; max: number }

export function quartiles(values: readonly (number | null)[]): Quartiles | null {
  const sorted = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
  if (!sorted.length) return null;
  return { n: sorted.length, min: sorted[0]!, q1: quantile(sorted, 0.25)!, median: quantile(sorted, 0.5)!, q3: quantile(sorted, 0.75)!, max: sorted[sorted.length - 1]! };
}

/**
 * Which quarter of the batch a score falls in: 1 (lowest) to 4 (highest); a score on a
 * boundary goes to the quarter below it. null when every score is the same.
 */
export function quarterOf(score: number, q: Quartiles): 1 | 2 | 3 | 4 | null {
  if (q.min === q.max) return null;
  if (score <= q.q1) return 1;
  if (score <= q.median) return 2;
  if (score <= q.q3) return 3;
  return 4;
}
