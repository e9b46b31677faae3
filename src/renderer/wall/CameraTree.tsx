// The camera tree: area → point → camera, with a status dot and search without diacritics.
// Cameras are dragged onto tiles, or (keyboard) Enter puts the focused camera on the selected tile.
import { forwardRef, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Area, Camera, Point, RegisterTree } from '../../shared/contract';
import { matchesSearch } from '../../shared/text';
import { DRAG_CAMERA } from './drag';

interface Node {
  area: Area;
  children: Node[];
  points: { point: Point; cameras: Camera[] }[];
}

function buildTree(tree: RegisterTree, query: string): Node[] {
  const camerasByPoint = new Map<string, Camera[]>();
  const pointsById = new Map(tree.points.map((p) => [p.id, p]));
  const areasById = new Map(tree.areas.map((a) => [a.id, a]));
  for (const c of tree.cameras) {
    const point = pointsById.get(c.pointId);
    const area = point ? areasById.get(point.areaId) : undefined;
    if (query && !matchesSearch(`${c.name} ${point?.name ?? ''} ${area?.name ?? ''}`, query)) continue;
    const list = camerasByPoint.get(c.pointId) ?? [];
    list.push(c);
    camerasByPoint.set(c.pointId, list);
  }
  const nodes = new Map<string, Node>(tree.areas.map((a) => [a.id, { area: a, children: [], points: [] }]));
  for (const p of tree.points) {
    const cams = camerasByPoint.get(p.id);
    if (cams?.length) nodes.get(p.areaId)?.points.push({ point: p, cameras: cams });
  }
  const roots: Node[] = [];
  for (const n of nodes.values()) {
    const parent = n.area.parentId ? nodes.get(n.area.parentId) : undefined;
    if (parent) parent.children.push(n);
    else roots.push(n);
  }
  const prune = (list: Node[]): Node[] =>
    list
      .map((n) => ({ ...n, children: prune(n.children) }))
      .filter((n) => n.points.length > 0 || n.children.length > 0);
  return prune(roots);
}

export interface CameraTreeProps {
  tree: RegisterTree;
  onPick(cameraId: string): void;
  liveStates: Record<string, string>;
}

export const CameraTree = forwardRef<HTMLInputElement, CameraTreeProps>(function CameraTree({ tree, onPick, liveStates }, searchRef) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const nodes = useMemo(() => buildTree(tree, query), [tree, query]);

  const renderNode = (n: Node, depth: number) => (
    <li key={n.area.id} role="treeitem" aria-expanded="true" aria-label={n.area.name} aria-level={depth + 1} aria-selected="false">
      <div className="tree__area" style={{ paddingLeft: 8 + depth * 12 }}>
        {n.area.name}
      </div>
      <ul role="group">
        {n.children.map((c) => renderNode(c, depth + 1))}
        {n.points.map(({ point, cameras }) => (
          <li key={point.id} role="treeitem" aria-expanded="true" aria-label={point.name} aria-level={depth + 2} aria-selected="false">
            <div className="tree__point" style={{ paddingLeft: 8 + (depth + 1) * 12 }}>
              {point.name}
            </div>
            <ul role="group">
              {cameras.map((c) => {
                const dot = liveStates[c.id] ?? c.status;
                return (
                  <li
                    key={c.id}
                    role="treeitem"
                    aria-level={depth + 3}
                    aria-selected="false"
                    aria-label={c.name}
                    tabIndex={0}
                    className="tree__camera"
                    style={{ paddingLeft: 8 + (depth + 2) * 12 }}
                    draggable
                    data-camera-id={c.id}
                    onDragStart={(e) => {
                      e.dataTransfer.setData(DRAG_CAMERA, c.id);
                      e.dataTransfer.effectAllowed = 'copy';
                    }}
                    onDoubleClick={() => onPick(c.id)}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter') {
                        // Enter here means "put it on the selected tile", not the wall's "maximise".
                        e.preventDefault();
                        e.stopPropagation();
                        onPick(c.id);
                      }
                    }}
                  >
                    <span className={`tree__dot tree__dot--${dot}`} aria-hidden="true" />
                    {c.name}
                    {c.ptz ? <span className="tree__tag">PTZ</span> : null}
                  </li>
                );
              })}
            </ul>
          </li>
        ))}
      </ul>
    </li>
  );

  return (
    <aside className="wall__tree" aria-label={t('pages.wall.cameras')}>
      <input
        ref={searchRef}
        type="search"
        className="input tree__search"
        aria-label={t('pages.wall.search')}
        placeholder={t('pages.wall.search')}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') (e.target as HTMLInputElement).blur();
        }}
      />
      {nodes.length === 0 ? (
        <p className="muted tree__none">{t('pages.wall.noMatch')}</p>
      ) : (
        <ul className="tree" role="tree" aria-label={t('pages.wall.cameras')}>
          {nodes.map((n) => renderNode(n, 0))}
        </ul>
      )}
    </aside>
  );
});
