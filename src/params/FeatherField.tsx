import { SliderField } from './SliderField';
import { useNumericParam } from './useNumericParam';

/** Mask feather (blur in px), bound to the params store; shown in the mask tools panel. */
export function FeatherField() {
  const feather = useNumericParam('feather');
  return <SliderField {...feather} />;
}
