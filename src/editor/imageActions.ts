import { describeImageProblem } from '../image/errors';
import { MAX_SIDE } from '../image/formats';
import { loadImageFile, type LoadedImage } from './loadImage';
import { maskDoc } from './session';
import { showError, showNotice } from '../notices/notices';
import { useEditor } from './store';

/** Opens a picked, dropped or pasted file; a bad file leaves the current work as it was. */
export async function openImage(file: File, options: { downscale?: boolean } = {}) {
  useEditor.setState({ busy: 'Opening image' });
  try {
    const result = await loadImageFile(file, file.name, options);
    if (!result.ok) {
      const { problem } = result;
      showError(
        describeImageProblem(problem),
        problem.kind === 'too-large'
          ? { label: `Downscale to ${MAX_SIDE} px`, run: () => void openImage(file, { downscale: true }) }
          : undefined,
      );
      return;
    }
    setImage(result.image);
    showNotice(null);
  } finally {
    useEditor.setState({ busy: null });
  }
}

/**
 * Makes `image` the one being edited, with a blank mask (or the given one). The canvas
 * closes the previous image's bitmap once it no longer draws it.
 */
export function setImage(image: LoadedImage, mask?: Uint8Array) {
  maskDoc.reset(image.width, image.height, mask);
  useEditor.setState({ image, view: null });
}
