import { createExpression } from '@maplibre/maplibre-gl-style-spec';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CLUSTER_COUNTS, clusterCounts } from './camera-layers';
import { MAP_STATUSES, type MapStatus } from './status';

/** What MapLibre's worker gives supercluster for the cluster properties, evaluated by MapLibre's own
 * expression engine: each camera through the map expression, then folded by the reduce one. */
function cluster(statuses: MapStatus[]): Record<string, unknown> {
  const props: Record<string, unknown> = { point_count: statuses.length };
  for (const [key, spec] of Object.entries(CLUSTER_COUNTS)) {
    const [op, mapSpec] = spec as unknown as [string, unknown];
    const mapped = createExpression(mapSpec, `sources.cams-clustered.clusterProperties.${key}[1]`);
    const reduced = createExpression([op, ['accumulated'], ['get', key]], `sources.cams-clustered.clusterProperties.${key}[0]`);
    if (mapped.result !== 'success' || reduced.result !== 'success') throw new Error(JSON.stringify([mapped.value, reduced.value]));
    let acc: unknown = null;
    for (const s of statuses) {
      const one = mapped.value.evaluate({ zoom: 0 }, { properties: { s: MAP_STATUSES.indexOf(s) } } as never);
      acc = acc === null ? one : reduced.value.evaluate({ zoom: 0, accumulated: acc } as never, { properties: { [key]: one } } as never);
    }
    props[key] = acc ?? 0;
  }
  return props;
}

describe('cluster counts by status', () => {
  it('gives back each state’s count for any mix of cameras', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...MAP_STATUSES), { maxLength: 300 }), (statuses) => {
        const want = Object.fromEntries(MAP_STATUSES.map((s) => [s, statuses.filter((x) => x === s).length]));
        expect(clusterCounts(cluster(statuses))).toEqual(want);
      }),
      { seed: 15, numRuns: 200 },
    );
  });

  it('holds for a whole city in one cluster (100,000 cameras, most of them offline)', () => {
    const statuses: MapStatus[] = [...Array(60_000).fill('offline'), ...Array(25_000).fill('awaiting_repair'), ...Array(9_000).fill('decommissioned'), ...Array(6_000).fill('working')];
    expect(clusterCounts(cluster(statuses))).toEqual({ working: 6_000, offline: 60_000, awaiting_repair: 25_000, unknown: 0, decommissioned: 9_000 });
  });
});
