/** One benchmark result: printed as one JSON line and collected in bench/results.json. */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  target: number;
  better: 'lower' | 'higher';
  /** Anything else worth keeping beside the number (runs, spread, memory...). */
  extra?: Record<string, unknown>;
}

/** A benchmark file (`bench/*.bench.ts`) default-exports one of these. */
export type Benchmark = () => Promise<BenchResult[]>;

export function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const idx = Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1));
  return s[idx]!;
}
