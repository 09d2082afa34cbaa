import { createHash } from 'node:crypto';
import { basename } from 'node:path';

/**
 * A messageId for a row that brings none: a hash of the file's name (not its folder, so moving the
 * file changes nothing) and the row's content. Importing the same file again yields the same ids, and
 * the server stores each id once, so a re-run (after a crash, or by mistake) adds no duplicates.
 * Consequence: two rows identical in every column are one event, the way Mixpanel's `$insert_id` works.
 */
export function deriveMessageId(fileName: string, content: string): string {
  const hash = createHash('sha256').update(basename(fileName)).update('\u0000').update(content).digest('hex');
  return `import-${hash.slice(0, 32)}`;
}
