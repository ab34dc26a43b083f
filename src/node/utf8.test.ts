import { describe, expect, test } from "vitest";
import { checkUtf8, type InvalidUtf8 } from "./utf8.ts";

/** Runs the check over `chunks` and returns what it found and the bytes it passed on. */
async function check(chunks: Uint8Array[]): Promise<{ found: InvalidUtf8; out: Buffer }> {
  const found: InvalidUtf8 = { count: 0, lines: [] };
  const parts: Buffer[] = [];
  for await (const chunk of checkUtf8(chunks, "test", found)) parts.push(Buffer.from(chunk));
  return { found, out: Buffer.concat(parts) };
}

describe("checkUtf8", () => {
  test("finds Latin-1 bytes with their lines, and passes the bytes on unchanged", async () => {
    // "id,channel\n1,Télé\n2,Radio\n3,Ça\n" in Latin-1: é = E9 (twice, line 2), Ç = C7 (line 4).
    const latin1 = Buffer.from("id,channel\n1,Télé\n2,Radio\n3,Ça\n", "latin1");
    const { found, out } = await check([latin1]);
    expect(found).toEqual({ count: 3, lines: [2, 4] });
    expect(out.equals(latin1)).toBe(true);
  });

  test("accepts valid UTF-8 split anywhere, even inside a character", async () => {
    const text = Buffer.from("a,é\n€,😀\n", "utf8"); // 2-, 3- and 4-byte characters
    for (let cut = 0; cut <= text.length; cut++) {
      const { found } = await check([text.subarray(0, cut), text.subarray(cut)]);
      expect(found).toEqual({ count: 0, lines: [] });
    }
  });

  test("counts as the decoder replaces: overlong, surrogate, truncated at the end", async () => {
    // C0 80: overlong (2 replacements), ED A0 80: a surrogate (3), F0 9F 98: cut short (1).
    const bytes = Uint8Array.from([
      0x41, 0xc0, 0x80, 0x0a, 0xed, 0xa0, 0x80, 0x0a, 0xf0, 0x9f, 0x98,
    ]);
    const decoded = new TextDecoder().decode(bytes);
    expect([...decoded].filter((c) => c === "\uFFFD")).toHaveLength(6);
    const { found } = await check([bytes.subarray(0, 5), bytes.subarray(5)]);
    expect(found).toEqual({ count: 6, lines: [1, 2, 3] });
  });
});
