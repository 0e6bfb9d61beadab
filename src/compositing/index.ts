/** Compositing: cropping for the engine and putting its result back. Pure functions on typed arrays. */
export { createImage, type ImageSize, type RgbaImage } from '../image/rgba';
export { planCrop, planWholeImage, cropImage, cropMask, type CropPlan } from './cropToMask';
export { engineSize, type EngineSizeRules } from './engineSize';
export { resizeImage } from './resize';
export { pasteBack, pasteBackInPlace, type PasteOptions } from './pasteBack';
export { colourMatch, measureColourShift, applyColourTransform, type ColourMatchOptions } from './colourMatch';
export { colourTables, type ColourTransform } from './colourTransform';
export { maskRing, type Ring } from './ring';
export { compositeResult, type CompositeOptions } from './composite';
