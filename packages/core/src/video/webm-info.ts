/**
 * Reads a WebM's header (EBML: Segment → Info and Tracks) without a demuxer: duration,
 * the first video track's size and codec. The clusters that follow are not walked, so a WebM
 * cut inside its frames is not detected here.
 */

export interface WebmInfo {
  durationSeconds?: number;
  width?: number;
  height?: number;
  codec?: string;
}

const ids = {
  ebml: 0x1a45dfa3,
  segment: 0x18538067,
  info: 0x1549a966,
  timecodeScale: 0x2ad7b1,
  duration: 0x4489,
  tracks: 0x1654ae6b,
  trackEntry: 0xae,
  trackType: 0x83,
  codecId: 0x86,
  video: 0xe0,
  pixelWidth: 0xb0,
  pixelHeight: 0xba,
  cluster: 0x1f43b675,
};

interface Element {
  id: number;
  start: number;
  end: number;
}

/** A variable-length integer: its length is the position of the first set bit. */
function readVint(bytes: Uint8Array, at: number, keepMarker: boolean) {
  const first = bytes[at];
  if (first === undefined || first === 0) return undefined;
  const length = Math.clz32(first) - 23;
  if (at + length > bytes.length) return undefined;
  let value = keepMarker ? first : first & (0xff >> length);
  let allOnes = value === 0xff >> length;
  for (let index = 1; index < length; index++) {
    const byte = bytes[at + index] ?? 0;
    value = value * 256 + byte;
    allOnes &&= byte === 0xff;
  }
  return { value, length, unknown: !keepMarker && allOnes };
}

/** The elements between start and end; an element running past the bytes ends the list. */
function* children(bytes: Uint8Array, start: number, end: number): Generator<Element> {
  let at = start;
  while (at < end) {
    const id = readVint(bytes, at, true);
    const size = id && readVint(bytes, at + id.length, false);
    if (!id || !size) return;
    const dataStart = at + id.length + size.length;
    const dataEnd = size.unknown ? end : dataStart + size.value;
    if (dataEnd > bytes.length) return;
    yield { id: id.value, start: dataStart, end: dataEnd };
    at = dataEnd;
  }
}

const readUint = (bytes: Uint8Array, element: Element): number =>
  bytes.subarray(element.start, element.end).reduce((value, byte) => value * 256 + byte, 0);

function readFloat(bytes: Uint8Array, element: Element): number | undefined {
  const view = new DataView(
    bytes.buffer,
    bytes.byteOffset + element.start,
    element.end - element.start,
  );
  if (view.byteLength === 4) return view.getFloat32(0);
  if (view.byteLength === 8) return view.getFloat64(0);
  return undefined;
}

/** What the header says, or undefined when there is no EBML header and segment to read. */
export function readWebmInfo(bytes: Uint8Array): WebmInfo | undefined {
  const top = [...children(bytes, 0, bytes.length)];
  const segment = top.find((element) => element.id === ids.segment);
  if (top[0]?.id !== ids.ebml || !segment) return undefined;
  const found: WebmInfo = {};
  let sawHeader = false;
  for (const element of children(bytes, segment.start, segment.end)) {
    if (element.id === ids.cluster) break;
    if (element.id === ids.info) {
      sawHeader = true;
      let scale = 1_000_000; // nanoseconds per tick, the Matroska default
      let ticks: number | undefined;
      for (const field of children(bytes, element.start, element.end)) {
        if (field.id === ids.timecodeScale) scale = readUint(bytes, field);
        if (field.id === ids.duration) ticks = readFloat(bytes, field);
      }
      if (ticks && ticks > 0) found.durationSeconds = (ticks * scale) / 1e9;
    }
    if (element.id === ids.tracks) {
      sawHeader = true;
      Object.assign(found, firstVideoTrack(bytes, element));
    }
  }
  return sawHeader ? found : undefined;
}

function firstVideoTrack(bytes: Uint8Array, tracks: Element): WebmInfo {
  for (const entry of children(bytes, tracks.start, tracks.end)) {
    if (entry.id !== ids.trackEntry) continue;
    const track: WebmInfo = {};
    let isVideo = false;
    for (const field of children(bytes, entry.start, entry.end)) {
      if (field.id === ids.trackType) isVideo = readUint(bytes, field) === 1;
      if (field.id === ids.codecId) {
        track.codec = new TextDecoder().decode(bytes.subarray(field.start, field.end));
      }
      if (field.id !== ids.video) continue;
      for (const size of children(bytes, field.start, field.end)) {
        if (size.id === ids.pixelWidth) track.width = readUint(bytes, size);
        if (size.id === ids.pixelHeight) track.height = readUint(bytes, size);
      }
    }
    if (isVideo) return track;
  }
  return {};
}
