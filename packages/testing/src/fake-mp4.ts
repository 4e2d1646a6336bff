/** Options for {@link fakeMp4}. */
export interface FakeMp4Options {
  durationSeconds: number;
  /** Even, as H.264 4:2:0 needs. Default 64. */
  width?: number;
  /** Even. Default 36. */
  height?: number;
  /** Default 8. */
  fps?: number;
  /** Where the index (`moov`) goes: before the frames ("fast start", the default) or after. */
  moov?: "first" | "last";
}

/**
 * A real H.264 (Constrained Baseline) MP4, as video APIs send, made without an encoder: each
 * frame is an IDR picture of flat DC-predicted macroblocks (one byte each) and one raw I_PCM
 * block that moves along the middle row, so frames differ and any size stays small. Its
 * duration is `round(durationSeconds * fps)` frames.
 */
export function fakeMp4(options: FakeMp4Options): Buffer {
  const width = options.width ?? 64;
  const height = options.height ?? 36;
  const fps = options.fps ?? 8;
  if (width % 2 || height % 2 || width < 2 || height < 2) {
    throw new Error(`fakeMp4 needs an even width and height, not ${width}x${height}.`);
  }
  const frameCount = Math.max(1, Math.round(options.durationSeconds * fps));
  const stream = new H264Stream(width, height);
  const frames = Array.from({ length: frameCount }, (_, index) =>
    lengthPrefixed(stream.frame(index)),
  );
  return mux({
    width,
    height,
    fps,
    frames,
    avcC: stream.avcC(),
    moovFirst: options.moov !== "last",
  });
}

/** Bits written most significant first, with Exp-Golomb codes. */
class BitWriter {
  private readonly bytes: number[] = [];
  private current = 0;
  private used = 0;

  bits(value: number, count: number): this {
    for (let shift = count - 1; shift >= 0; shift--) {
      this.current = (this.current << 1) | ((value >>> shift) & 1);
      if (++this.used === 8) this.flushByte();
    }
    return this;
  }

  ue(value: number): this {
    const coded = value + 1;
    const length = Math.floor(Math.log2(coded)) + 1;
    return this.bits(0, length - 1).bits(coded, length);
  }

  se(value: number): this {
    return this.ue(value > 0 ? 2 * value - 1 : -2 * value);
  }

  get aligned(): boolean {
    return this.used === 0;
  }

  /** rbsp_trailing_bits: a stop bit, then zeros to the byte boundary. */
  trailing(): Uint8Array {
    this.bits(1, 1);
    while (!this.aligned) this.bits(0, 1);
    return Uint8Array.from(this.bytes);
  }

  private flushByte(): void {
    this.bytes.push(this.current);
    this.current = 0;
    this.used = 0;
  }
}

/** A NAL unit: header byte plus the payload with start-code emulation prevention. */
function nalUnit(header: number, rbsp: Uint8Array): Uint8Array {
  const out = [header];
  let zeros = 0;
  for (const byte of rbsp) {
    if (zeros >= 2 && byte <= 3) {
      out.push(3);
      zeros = 0;
    }
    out.push(byte);
    zeros = byte === 0 ? zeros + 1 : 0;
  }
  return Uint8Array.from(out);
}

const lengthPrefixed = (nal: Uint8Array): Uint8Array => {
  const out = new Uint8Array(4 + nal.length);
  new DataView(out.buffer).setUint32(0, nal.length);
  out.set(nal, 4);
  return out;
};

const profileIdc = 66; // Baseline
const constraintFlags = 0xc0; // constraint_set0 + set1: Constrained Baseline
/** Smallest level whose MaxFS (macroblocks per frame) holds the picture. */
const levelFor = (macroblocks: number): number =>
  (
    [
      [99, 10],
      [396, 20],
      [792, 21],
      [1620, 30],
      [3600, 31],
      [5120, 32],
      [8192, 40],
      [8704, 42],
      [22080, 50],
    ] as const
  ).find(([maxFs]) => macroblocks <= maxFs)?.[1] ?? 51;

class H264Stream {
  private readonly mbWidth: number;
  private readonly mbHeight: number;
  private readonly sps: Uint8Array;
  private readonly pps: Uint8Array;

  constructor(
    private readonly width: number,
    private readonly height: number,
  ) {
    this.mbWidth = Math.ceil(width / 16);
    this.mbHeight = Math.ceil(height / 16);
    this.sps = nalUnit(0x67, this.spsRbsp());
    this.pps = nalUnit(0x68, ppsRbsp());
  }

  avcC(): Uint8Array {
    const out = [1, profileIdc, constraintFlags, this.level, 0xff, 0xe1];
    out.push(this.sps.length >> 8, this.sps.length & 0xff, ...this.sps);
    out.push(1, this.pps.length >> 8, this.pps.length & 0xff, ...this.pps);
    return Uint8Array.from(out);
  }

  get level(): number {
    return levelFor(this.mbWidth * this.mbHeight);
  }

  /** One IDR slice: the moving block sits in the middle row, one column further each frame. */
  frame(index: number): Uint8Array {
    const w = new BitWriter();
    w.ue(0) // first_mb_in_slice
      .ue(7) // slice_type: I, and every slice of the picture is I
      .ue(0) // pic_parameter_set_id
      .bits(0, 4) // frame_num (log2_max_frame_num = 4; always 0 for IDR)
      .ue(index % 2) // idr_pic_id: consecutive IDRs must differ
      .bits(0, 1) // no_output_of_prior_pics_flag
      .bits(0, 1) // long_term_reference_flag
      .se(0) // slice_qp_delta
      .ue(1); // disable_deblocking_filter_idc
    const blockX = index % this.mbWidth;
    const blockY = Math.floor((this.mbHeight - 1) / 2);
    const isBlock = (x: number, y: number) => x === blockX && y === blockY;
    for (let y = 0; y < this.mbHeight; y++) {
      for (let x = 0; x < this.mbWidth; x++) {
        if (isBlock(x, y)) {
          writePcmMacroblock(w, index);
          continue;
        }
        // I_16x16, DC prediction, no coded coefficients: mb_type 3, chroma DC, qp delta 0,
        // then an empty Intra16x16DC block whose coeff_token table depends on the neighbours
        // (an I_PCM neighbour counts as 16 coefficients).
        const left = x > 0 ? (isBlock(x - 1, y) ? 16 : 0) : undefined;
        const above = y > 0 ? (isBlock(x, y - 1) ? 16 : 0) : undefined;
        const nC =
          left !== undefined && above !== undefined
            ? (left + above + 1) >> 1
            : (left ?? above ?? 0);
        w.ue(3).ue(0).se(0);
        if (nC < 2) w.bits(0b1, 1);
        else if (nC < 4) w.bits(0b11, 2);
        else if (nC < 8) w.bits(0b1111, 4);
        else w.bits(0b000011, 6);
      }
    }
    return nalUnit(0x65, w.trailing());
  }

  private spsRbsp(): Uint8Array {
    const w = new BitWriter();
    w.bits(profileIdc, 8).bits(constraintFlags, 8).bits(this.level, 8);
    w.ue(0) // seq_parameter_set_id
      .ue(0) // log2_max_frame_num_minus4
      .ue(2) // pic_order_cnt_type 2: output order is decode order
      .ue(1) // max_num_ref_frames
      .bits(0, 1) // gaps_in_frame_num_value_allowed_flag
      .ue(this.mbWidth - 1)
      .ue(this.mbHeight - 1)
      .bits(1, 1) // frame_mbs_only_flag
      .bits(1, 1); // direct_8x8_inference_flag
    const cropRight = (this.mbWidth * 16 - this.width) / 2;
    const cropBottom = (this.mbHeight * 16 - this.height) / 2;
    if (cropRight || cropBottom) w.bits(1, 1).ue(0).ue(cropRight).ue(0).ue(cropBottom);
    else w.bits(0, 1);
    w.bits(0, 1); // vui_parameters_present_flag
    return w.trailing();
  }
}

function ppsRbsp(): Uint8Array {
  return new BitWriter()
    .ue(0) // pic_parameter_set_id
    .ue(0) // seq_parameter_set_id
    .bits(0, 1) // entropy_coding_mode_flag: CAVLC
    .bits(0, 1) // bottom_field_pic_order_in_frame_present_flag
    .ue(0) // num_slice_groups_minus1
    .ue(0) // num_ref_idx_l0_default_active_minus1
    .ue(0) // num_ref_idx_l1_default_active_minus1
    .bits(0, 1) // weighted_pred_flag
    .bits(0, 2) // weighted_bipred_idc
    .se(0) // pic_init_qp_minus26
    .se(0) // pic_init_qs_minus26
    .se(0) // chroma_qp_index_offset
    .bits(1, 1) // deblocking_filter_control_present_flag
    .bits(0, 1) // constrained_intra_pred_flag
    .bits(0, 1) // redundant_pic_cnt_present_flag
    .trailing();
}

/** I_PCM (mb_type 25): raw samples, a bright luma gradient and a hue that shifts per frame. */
function writePcmMacroblock(w: BitWriter, frameIndex: number): void {
  w.ue(25);
  while (!w.aligned) w.bits(0, 1);
  for (let row = 0; row < 16; row++) {
    for (let column = 0; column < 16; column++) w.bits(160 + 4 * row + column, 8);
  }
  const cb = 16 + ((frameIndex * 29) % 224);
  const cr = 240 - ((frameIndex * 17) % 224);
  for (let sample = 0; sample < 64; sample++) w.bits(cb, 8);
  for (let sample = 0; sample < 64; sample++) w.bits(cr, 8);
}

interface MuxInput {
  width: number;
  height: number;
  fps: number;
  frames: Uint8Array[];
  avcC: Uint8Array;
  moovFirst: boolean;
}

const movieTimescale = 1000;
const sampleDelta = 1000;

/** A progressive MP4: ftyp, moov and one mdat holding every frame as a single chunk. */
function mux(input: MuxInput): Buffer {
  const ftyp = box("ftyp", ascii("isom"), u32(0x200), ascii("isomiso2avc1mp41"));
  const mdat = box("mdat", ...input.frames);
  const moovFor = (chunkOffset: number) => moov(input, chunkOffset);
  if (!input.moovFirst) return Buffer.concat([ftyp, mdat, moovFor(ftyp.length + 8)]);
  const moovSize = moovFor(0).length;
  return Buffer.concat([ftyp, moovFor(ftyp.length + moovSize + 8), mdat]);
}

function moov(input: MuxInput, chunkOffset: number): Buffer {
  const mediaTimescale = Math.round(input.fps * sampleDelta);
  const count = input.frames.length;
  const mediaDuration = count * sampleDelta;
  const movieDuration = Math.round((mediaDuration / mediaTimescale) * movieTimescale);
  const matrix = [0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000].map(u32);
  const mvhd = fullBox(
    "mvhd",
    0,
    ...[u32(0), u32(0), u32(movieTimescale), u32(movieDuration)],
    ...[u32(0x10000), u16(0x100), zeros(10), ...matrix, zeros(24), u32(2)],
  );
  const tkhd = fullBox(
    "tkhd",
    3, // enabled, in movie
    ...[u32(0), u32(0), u32(1), zeros(4), u32(movieDuration), zeros(8)],
    ...[u16(0), u16(0), u16(0), zeros(2), ...matrix],
    ...[u32(input.width * 0x10000), u32(input.height * 0x10000)],
  );
  const language = u16(0x55c4); // "und"
  const mdhd = fullBox(
    "mdhd",
    0,
    u32(0),
    u32(0),
    u32(mediaTimescale),
    u32(mediaDuration),
    language,
    u16(0),
  );
  const hdlr = fullBox("hdlr", 0, u32(0), ascii("vide"), zeros(12), ascii("VideoHandler\0"));
  const avc1 = box(
    "avc1",
    ...[zeros(6), u16(1), zeros(16), u16(input.width), u16(input.height)],
    ...[u32(0x480000), u32(0x480000), u32(0), u16(1), zeros(32), u16(0x18), u16(0xffff)],
    box("avcC", input.avcC),
  );
  const stbl = box(
    "stbl",
    fullBox("stsd", 0, u32(1), avc1),
    fullBox("stts", 0, u32(1), u32(count), u32(sampleDelta)),
    fullBox("stsc", 0, u32(1), u32(1), u32(count), u32(1)),
    fullBox("stsz", 0, u32(0), u32(count), ...input.frames.map((frame) => u32(frame.length))),
    fullBox("stco", 0, u32(1), u32(chunkOffset)),
  );
  const dinf = box("dinf", fullBox("dref", 0, u32(1), fullBox("url ", 1)));
  const minf = box("minf", fullBox("vmhd", 1, u16(0), zeros(6)), dinf, stbl);
  const mdia = box("mdia", mdhd, hdlr, minf);
  return box("moov", mvhd, box("trak", tkhd, mdia));
}

const u32 = (value: number): Buffer => {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(value);
  return out;
};
const u16 = (value: number): Buffer => {
  const out = Buffer.alloc(2);
  out.writeUInt16BE(value);
  return out;
};
const zeros = (length: number): Buffer => Buffer.alloc(length);
const ascii = (text: string): Buffer => Buffer.from(text, "latin1");

function box(type: string, ...parts: Uint8Array[]): Buffer {
  const body = Buffer.concat(parts);
  return Buffer.concat([u32(8 + body.length), ascii(type), body]);
}

function fullBox(type: string, flags: number, ...parts: Uint8Array[]): Buffer {
  return box(type, u32(flags & 0xffffff), ...parts);
}
