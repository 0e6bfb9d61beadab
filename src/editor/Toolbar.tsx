import { zoomToActualSize, zoomToFit } from './viewActions';
import { BrushIcon, EraserIcon, EyeIcon, FitIcon, LassoIcon, RectangleIcon, RedoIcon, UndoIcon } from '../ui/icons';
import { ToolButton } from '../ui/IconButton';
import { redo, undo } from './imageActions';
import { undoSegmentPoint } from './clickSegment/actions';
import { SegmentIcon } from './clickSegment/SegmentIcon';
import { useClickSegment } from './clickSegment/store';
import { setTool, useEditor, type Tool } from './store';

const tools: { tool: Tool; label: string; shortcut: string; Icon: () => React.JSX.Element }[] = [
  { tool: 'brush', label: 'Brush', shortcut: 'B', Icon: BrushIcon },
  { tool: 'eraser', label: 'Eraser', shortcut: 'E', Icon: EraserIcon },
  { tool: 'rectangle', label: 'Rectangle', shortcut: 'R', Icon: RectangleIcon },
  { tool: 'lasso', label: 'Lasso', shortcut: 'L', Icon: LassoIcon },
  { tool: 'segment', label: 'Click to segment', shortcut: 'S', Icon: SegmentIcon },
];

const holdOriginal = (showOriginal: boolean) => () => useEditor.setState({ showOriginal });

/** Tools, history and view: the vertical bar left of the canvas. */
export function Toolbar() {
  const current = useEditor((s) => s.tool);
  // The clicks of Click to segment are taken back one by one before the mask's history.
  const hasClicks = useClickSegment((s) => s.points.length > 0);
  const canUndo = useEditor((s) => s.canUndo) || hasClicks;
  const canRedo = useEditor((s) => s.canRedo);
  const hasImage = useEditor((s) => s.image !== null);
  const scale = useEditor((s) => s.view?.scale);

  return (
    <nav aria-label="Tools" className="flex w-14 shrink-0 flex-col items-center gap-1 border-r border-neutral-800 bg-panel py-2">
      {tools.map(({ tool, label, shortcut, Icon }) => (
        <ToolButton key={tool} label={label} shortcut={shortcut} pressed={current === tool} onClick={() => setTool(tool)}>
          <Icon />
        </ToolButton>
      ))}
      <hr className="my-1 w-8 border-neutral-700" />
      <ToolButton label="Undo" shortcut="Ctrl+Z" disabled={!canUndo} onClick={() => void (undoSegmentPoint() || undo())}>
        <UndoIcon />
      </ToolButton>
      <ToolButton label="Redo" shortcut="Ctrl+Shift+Z" disabled={!canRedo} onClick={() => void redo()}>
        <RedoIcon />
      </ToolButton>
      <hr className="my-1 w-8 border-neutral-700" />
      <ToolButton label="Zoom to fit" shortcut="Esc" disabled={!hasImage} onClick={zoomToFit}>
        <FitIcon />
      </ToolButton>
      <ToolButton label="Actual size" shortcut="Ctrl+1" disabled={!hasImage} onClick={zoomToActualSize} className="text-xs font-semibold">
        1:1
      </ToolButton>
      <output aria-label="Zoom level" className="text-[11px] tabular-nums text-neutral-400">
        {scale ? `${Math.round(scale * 100)}%` : ''}
      </output>
      <ToolButton
        label="Show original"
        shortcut="hold O"
        disabled={!hasImage}
        onPointerDown={holdOriginal(true)}
        onPointerUp={holdOriginal(false)}
        onPointerLeave={holdOriginal(false)}
      >
        <EyeIcon />
      </ToolButton>
    </nav>
  );
}
