import { createReadStream, createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';

/** Where generated and uploaded files live. Local disk now; the interface allows an object store later. */
export type Storage = {
  put: (key: string, data: Buffer | string) => Promise<{ key: string; size: number }>;
  read: (key: string) => Promise<Readable>;
  /** A file written piece by piece (large exports), so it never has to fit in memory. */
  writeStream: (key: string) => Promise<Writable>;
  exists: (key: string) => Promise<boolean>;
  remove: (key: string) => Promise<void>;
};

export function createLocalStorage(root: string): Storage {
  const resolve = (key: string) => {
    const full = path.resolve(root, key);
    // Keys come from our own code, but a key must never escape the root.
    if (!full.startsWith(path.resolve(root) + path.sep)) throw new Error(`invalid storage key ${key}`);
    return full;
  };
  return {
    put: async (key, data) => {
      const full = resolve(key);
      await fs.mkdir(path.dirname(full), { recursive: true });
      await fs.writeFile(full, data);
      return { key, size: Buffer.byteLength(data) };
    },
    read: async (key) => {
      const full = resolve(key);
      await fs.access(full);
      return createReadStream(full);
    },
    writeStream: async (key) => {
      const full = resolve(key);
      await fs.mkdir(path.dirname(full), { recursive: true });
      return createWriteStream(full);
    },
    exists: async (key) =>
      fs.access(resolve(key)).then(
        () => true,
        () => false,
      ),
    remove: async (key) => fs.rm(resolve(key), { force: true }),
  };
}
