import { labelClass, sliderClass, controlClass } from '../ui/fieldStyles';
import { BRUSH_MAX, BRUSH_MIN, setBrushSize, useEditor } from './store';

/** Brush size (image px, as the round cursor shows it) and hardness. */
export function BrushSettings() {
  const size = useEditor((s) => s.brushSize);
  const hardness = useEditor((s) => s.brushHardness);
  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-col gap-1">
        <label htmlFor="brush-size" className={labelClass}>
          Brush size <span className="text-neutral-500">px · [ and ]</span>
        </label>
        <div className="flex items-center gap-3">
          <input
            type="range"
            aria-label="Brush size slider"
            min={BRUSH_MIN}
            max={400}
            value={Math.min(size, 400)}
            onChange={(e) => setBrushSize(Number(e.target.value))}
            className={sliderClass}
          />
          <input
            id="brush-size"
            type="number"
            aria-label="Brush size"
            min={BRUSH_MIN}
            max={BRUSH_MAX}
            value={size}
            onChange={(e) => setBrushSize(e.target.valueAsNumber)}
            className={`${controlClass()} w-20 text-right tabular-nums`}
          />
        </div>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="brush-hardness" className={labelClass}>
          Hardness <span className="text-neutral-500">{Math.round(hardness * 100)}%</span>
        </label>
        <input
          id="brush-hardness"
          type="range"
          min={0}
          max={100}
          value={Math.round(hardness * 100)}
          onChange={(e) => useEditor.setState({ brushHardness: Number(e.target.value) / 100 })}
          className={sliderClass}
        />
      </div>
    </div>
  );
}
