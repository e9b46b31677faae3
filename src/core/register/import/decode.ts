// Text files as centres receive them: UTF-8 with or without a BOM, UTF-16 (Excel's "Unicode text"),
// and Windows-1258 (Vietnamese Windows, whose tones are combining marks). Everything comes out as
// NFC, so a decomposed "Huệ" and a precomposed one are the same name.
import iconv from 'iconv-lite';
import { AppError } from '../../../shared/errors';

export type Encoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1258';

function looksUtf16(bytes: Buffer): 'utf-16le' | 'utf-16be' | null {
  // Text in UTF-16 without a BOM: most ASCII characters have a zero byte beside them.
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.3 && evenZero < pairs * 0.05) return 'utf-16le';
  if (evenZero > pairs * 0.3 && oddZero < pairs * 0.05) return 'utf-16be';
  return null;
}

export function decodeText(bytes: Buffer): { text: string; encoding: Encoding } {
  let text: string;
  let encoding: Encoding;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    encoding = 'utf-8-bom';
    text = bytes.subarray(3).toString('utf8');
  } else if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    encoding = 'utf-16le';
    text = iconv.decode(bytes.subarray(2), 'utf-16le');
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    encoding = 'utf-16be';
    text = iconv.decode(bytes.subarray(2), 'utf-16be');
  } else {
    const utf16 = looksUtf16(bytes);
    if (utf16) {
      encoding = utf16;
      text = iconv.decode(bytes, utf16);
    } else {
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        encoding = 'utf-8';
      } catch {
        // Not UTF-8: the Vietnamese Windows code page is what such files are in practice.
        encoding = 'windows-1258';
        text = iconv.decode(bytes, 'windows-1258');
      }
    }
  }
  // A NUL in text is a binary file named .csv (or a wrong guess): say so rather than import noise.
  if (text.includes('\u0000')) throw new AppError('import_encoding', {});
  return { text: text.normalize('NFC'), encoding };
}
