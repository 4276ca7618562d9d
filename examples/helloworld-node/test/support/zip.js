'use strict';
// Just enough of a zip reader to check the packaged plugin the way a host sees it: entry names,
// the Unix modes stored in the central directory, and contents (stored or deflated).
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;
const UNIX_HOST = 3;

function findEndOfCentralDirectory(zip) {
  for (let offset = zip.length - 22; offset >= Math.max(0, zip.length - 22 - 0xffff); offset--) {
    if (zip.readUInt32LE(offset) === END_OF_CENTRAL_DIRECTORY) return offset;
  }
  throw new Error('not a zip file: no end of central directory record');
}

/** @returns {{name: string, mode: number|null, isDirectory: boolean, isSymlink: boolean, read: () => Buffer}[]} */
function readZip(file) {
  const zip = fs.readFileSync(file);
  const end = findEndOfCentralDirectory(zip);
  const count = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  const entries = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(offset) !== CENTRAL_DIRECTORY_ENTRY) throw new Error(`bad central directory entry ${i}`);
    const madeBy = zip.readUInt16LE(offset + 4) >> 8;
    const method = zip.readUInt16LE(offset + 10);
    const compressedSize = zip.readUInt32LE(offset + 20);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    const externalAttributes = zip.readUInt32LE(offset + 38);
    const localHeader = zip.readUInt32LE(offset + 42);
    const name = zip.toString('utf8', offset + 46, offset + 46 + nameLength);
    const mode = madeBy === UNIX_HOST ? externalAttributes >>> 16 : null;
    entries.push({
      name,
      mode,
      isDirectory: name.endsWith('/'),
      isSymlink: mode !== null && (mode & 0o170000) === 0o120000,
      read() {
        if (zip.readUInt32LE(localHeader) !== LOCAL_FILE_HEADER) throw new Error(`bad local header for ${name}`);
        const dataStart = localHeader + 30 + zip.readUInt16LE(localHeader + 26) + zip.readUInt16LE(localHeader + 28);
        const data = zip.subarray(dataStart, dataStart + compressedSize);
        if (method === 0) return Buffer.from(data);
        if (method === 8) return zlib.inflateRawSync(data);
        throw new Error(`${name}: unsupported compression method ${method}`);
      },
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Extracts into directory, keeping the stored permission bits (a careful host does the same). */
function extractZip(file, directory) {
  for (const entry of readZip(file)) {
    const target = path.resolve(directory, entry.name);
    if (!target.startsWith(path.resolve(directory) + path.sep)) throw new Error(`entry escapes the directory: ${entry.name}`);
    if (entry.isDirectory) {
      fs.mkdirSync(target, { recursive: true });
      continue;
    }
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, entry.read());
    if (entry.mode !== null) fs.chmodSync(target, entry.mode & 0o777);
  }
}

module.exports = { readZip, extractZip };
