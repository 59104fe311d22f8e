import * as fs from 'node:fs';
import { FileError } from '../errors';

/**
 * Reads a source file as text. UTF-8 is the norm; a UTF-16 byte-order mark is honoured; invalid
 * UTF-8 is decoded with replacement characters (positions stay consistent with what editors show).
 */
export function readSource(filePath: string): string {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(filePath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'EACCES' ? 'permission denied' : code === 'ENOENT' ? 'the file disappeared during the run' : code === 'EISDIR' ? 'it is a folder' : String(code ?? error);
    throw new FileError(filePath, `cannot be read: ${why}`);
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const text = new TextDecoder('utf-8').decode(bytes);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
