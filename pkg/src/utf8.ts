// UTF-8 for the WebAssembly glue where the host has no `TextEncoder`/`TextDecoder` (Jest's jsdom
// environment, some embedded runtimes). The build injects these in place of the globals, which
// they are whenever the host has them.

interface Encoded {
  read: number;
  written: number;
}

class Utf8Encoder {
  readonly encoding = "utf-8";

  encode(text = ""): Uint8Array {
    const out = new Uint8Array(text.length * 3);
    return out.subarray(0, this.encodeInto(text, out).written);
  }

  encodeInto(text: string, into: Uint8Array): Encoded {
    let written = 0;
    let read = 0;
    for (const char of text) {
      let code = char.codePointAt(0) ?? 0;
      if (code >= 0xd800 && code <= 0xdfff) code = 0xfffd; // a lone surrogate
      const size = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
      if (written + size > into.length) break;
      if (size === 1) {
        into[written++] = code;
      } else {
        const lead = [0, 0, 0xc0, 0xe0, 0xf0][size] ?? 0;
        into[written++] = lead | (code >> (6 * (size - 1)));
        for (let shift = 6 * (size - 2); shift >= 0; shift -= 6) into[written++] = 0x80 | ((code >> shift) & 0x3f);
      }
      read += char.length;
    }
    return { read, written };
  }
}

class Utf8Decoder {
  readonly encoding = "utf-8";

  decode(input?: ArrayBufferView | ArrayBuffer): string {
    if (input === undefined) return "";
    const bytes = input instanceof ArrayBuffer ? new Uint8Array(input) : new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    let out = "";
    for (let i = 0; i < bytes.length; ) {
      const lead = bytes[i] ?? 0;
      const size = lead < 0x80 ? 1 : lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 0;
      let code = size === 1 ? lead : size === 0 ? 0xfffd : lead & (0xff >> (size + 1));
      let next = i + 1;
      for (; next < i + size; next++) {
        const byte = bytes[next];
        if (byte === undefined || (byte & 0xc0) !== 0x80) break;
        code = (code << 6) | (byte & 0x3f);
      }
      if (size > 1 && next !== i + size) code = 0xfffd;
      out += String.fromCodePoint(code);
      i = Math.max(next, i + 1);
    }
    return out;
  }
}

const host = globalThis as { TextEncoder?: typeof Utf8Encoder; TextDecoder?: typeof Utf8Decoder };

/** The host's `TextEncoder`, or a UTF-8 encoder. */
export const TextEncoder: typeof Utf8Encoder = host.TextEncoder ?? Utf8Encoder;
/** The host's `TextDecoder`, or a UTF-8 decoder. */
export const TextDecoder: typeof Utf8Decoder = host.TextDecoder ?? Utf8Decoder;
