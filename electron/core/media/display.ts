/**
 * Evidence as the UI may show it: typed by its bytes, and offered for display only when that
 * type is on the image allow-list. A crafted manifest type (say `image/svg+xml`, or
 * `image/png` on an HTML file) can therefore never choose what the screen renders.
 */
import { displayableImageType, sniffMediaType, type DisplayableImageType } from './sniff';
import { exhibitPicture } from './exhibit-picture';

export interface EvidenceForDisplay {
  readonly mediaType: string;
  readonly declaredMediaType: string;
  readonly displayAs: DisplayableImageType | null;
  readonly base64: string;
}

/**
 * A PNG or JPEG that does not decode whole (cut off in transfer) is not offered for display
 * either: a browser would show it half-drawn, which is not the evidence.
 */
function displayAs(data: Buffer): DisplayableImageType | null {
  const type = displayableImageType(data);
  if (type === 'image/png' || type === 'image/jpeg')
    return exhibitPicture(type, data).kind === 'image' ? type : null;
  return type ?? null;
}

export function evidenceForDisplay(declared: string, data: Buffer): EvidenceForDisplay {
  return {
    mediaType: sniffMediaType(data),
    declaredMediaType: declared,
    displayAs: displayAs(data),
    base64: data.toString('base64'),
  };
}
