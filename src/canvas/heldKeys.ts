/** Keys held down that change what a drag does (space pans). Set by the shortcuts. */
export const heldKeys = { space: false };
