import { Fragment, useMemo } from 'react';
import { Circle, Layer, Line } from 'react-konva';
import { useClickSegment } from '../editor/clickSegment/store';
import { useEditor } from '../editor/store';

/**
 * "Click to segment" on the photo: the proposal's outline (white over black, one screen pixel
 * at any zoom) and the clicks as small markers, green to add and red to cut out.
 */
export function ClickSegmentLayer({ scale }: { scale: number }) {
  const active = useEditor((s) => s.tool === 'segment');
  const points = useClickSegment((s) => s.points);
  const proposals = useClickSegment((s) => s.proposals);
  // While the last click's answer is coming, the one before stays on show.
  const shown = proposals[Math.min(points.length, proposals.length) - 1];
  const loops = useMemo(() => shown?.outline.map((loop) => Array.from(loop)) ?? [], [shown]);
  if (!active || !points.length) return null;
  return (
    <Layer listening={false}>
      {loops.map((loop, i) => (
        <Fragment key={i}>
          <Line points={loop} closed stroke="#000" strokeWidth={3} opacity={0.7} strokeScaleEnabled={false} />
          <Line points={loop} closed stroke="#fff" strokeWidth={1.5} strokeScaleEnabled={false} />
        </Fragment>
      ))}
      {points.map((p, i) => (
        <Circle key={i} x={p.x} y={p.y} radius={5 / scale} fill={p.positive ? '#22c55e' : '#ef4444'} stroke="#fff" strokeWidth={1.5} strokeScaleEnabled={false} />
      ))}
    </Layer>
  );
}
