// Small inline icons (stroke-based, 20px) so the toolbar needs no icon font.
const icon = (d: string) =>
  function Icon() {
    return (
      <svg width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
        <path d={d} />
      </svg>
    );
  };

export const BrushIcon = icon('M4 20c3 0 5-2 5-4.5S11 12 13 12l7-8-8 7c0 2-1.5 4-4 4S4 17 4 20z');
export const EraserIcon = icon('M7 21h10M5.5 15.5l8-8 5 5-6 6H8z M13.5 7.5l3-3 5 5-3 3');
export const RectangleIcon = icon('M4 6h16v12H4z');
export const LassoIcon = icon('M12 4c5 0 8 2.5 8 5.5S16.5 15 12 15s-8-2.5-8-5.5S7 4 12 4zM7 14c-1 2 0 4 2 5l1 2');
export const UndoIcon = icon('M9 14 4 9l5-5M4 9h10a6 6 0 0 1 0 12h-3');
export const RedoIcon = icon('m15 14 5-5-5-5M20 9H10a6 6 0 0 0 0 12h3');
export const FitIcon = icon('M4 9V4h5M20 9V4h-5M4 15v5h5M20 15v5h-5');
export const EyeIcon = icon('M2 12s3.5-7 10-7 10 7 10 7-3.5 7-10 7S2 12 2 12zM12 9a3 3 0 1 0 0 6 3 3 0 0 0 0-6z');
