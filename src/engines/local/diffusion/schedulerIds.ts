import type { SchedulerId } from '../../contract';

/** Every scheduler id of the engine contract exists here. */
export const implementedSchedulers: readonly SchedulerId[] = ['euler-a', 'euler', 'dpmpp-2m', 'dpmpp-2m-karras', 'ddim', 'lms', 'pndm', 'lcm'];
