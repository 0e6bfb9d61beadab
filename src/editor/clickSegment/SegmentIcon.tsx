/** A pointer clicking inside a dashed outline. */
export function SegmentIcon() {
  return (
    <svg width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      <path d="M12 3a9 8 0 1 0 8 11" strokeDasharray="3 3" />
      <path d="m13 11 8 3-3.5 1.5L16 19z" />
    </svg>
  );
}
