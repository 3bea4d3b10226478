// What deleteImage will remove and what it leaves, worked out from the listing the
// same way the service decides: only the known image content files go.
import { IMAGE_CONTENT_FILES, RECORD_FILE, type ImageFile, type ImageSummary } from '../../shared/images';

export interface DeletePreview {
  removed: ImageFile[];
  kept: string[];
}

export function deletePreview(image: Pick<ImageSummary, 'files' | 'record'>): DeletePreview {
  const removed = image.files.filter((f) => IMAGE_CONTENT_FILES.includes(f.name));
  // The listing leaves the record out of `files`; it is image content all the same.
  if (image.record) removed.push({ name: RECORD_FILE, bytes: 0 });
  const kept = image.files.filter((f) => !IMAGE_CONTENT_FILES.includes(f.name)).map((f) => f.name);
  return { removed, kept };
}
