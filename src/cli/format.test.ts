import { describe, expect, it } from "vitest";
import { runCli, scratchFolder } from "../../test/cli.ts";
import { csvCell, flatten, humanCell, toCsv, toMarkdown, toTable } from "./format.ts";

describe("csvCell", () => {
  it("prefixes cells a spreadsheet would run as formulas with a quote", () => {
    expect(csvCell("=1+1")).toBe("'=1+1");
    expect(csvCell("+41 79 000")).toBe("'+41 79 000");
    expect(csvCell("-2+3")).toBe("'-2+3");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\t=cmd")).toBe("'\t=cmd");
    expect(csvCell("\r=cmd")).toBe('"\'\r=cmd"');
  });

  it("quotes commas, quotes and line breaks, also after escaping", () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
  });

  it("leaves plain text and numbers alone (a negative number is not a formula)", () => {
    expect(csvCell("email")).toBe("email");
    expect(csvCell(-12.5)).toBe("-12.5");
    expect(csvCell(0)).toBe("0");
    expect(csvCell(null)).toBe("");
  });
});

describe("flat outputs", () => {
  const rows = [
    {
      period: {
        start: "2024-01-01T00:00:00.000Z",
        end: "2024-02-01T00:00:00.000Z",
        label: "2024-01",
      },
      channel: "@chat|x",
      frt: { value: 5400, n: 3 },
      reopen: { value: 50, numerator: 1, denominator: 2 },
    },
  ];
  const flat = flatten(
    rows,
    ["channel"],
    [
      { column: "frt", unit: "seconds" },
      { column: "reopen", unit: "percent" },
    ],
  );

  it("flattens values and counts", () => {
    expect(flat.columns).toEqual(["period", "channel", "frt", "frt_n", "reopen", "reopen_n"]);
    expect(flat.rows).toEqual([["2024-01", "@chat|x", 5400, 3, 50, 2]]);
  });

  it("writes CSV with raw values and escaped keys", () => {
    expect(toCsv(flat)).toBe(
      "period,channel,frt,frt_n,reopen,reopen_n\r\n2024-01,'@chat|x,5400,3,50,2\r\n",
    );
  });

  it("shows durations in hours in the table and Markdown", () => {
    expect(humanCell(5400, "seconds")).toBe("1.50");
    expect(humanCell(null, "percent")).toBe("–");
    expect(toTable(flat).split("\n")[0]).toBe(
      "period   channel  frt (h)  frt_n  reopen (%)  reopen_n",
    );
    expect(toMarkdown(flat)).toBe(
      "| period | channel | frt (h) | frt_n | reopen (%) | reopen_n |\n| --- | --- | ---: | ---: | ---: | ---: |\n| 2024-01 | @chat\\|x | 1.50 | 3 | 50 | 2 |\n",
    );
  });

  it("shows control characters in the data as escapes, never raw, in the table and Markdown", () => {
    // An ESC sequence that would clear the screen, a newline that would break the row.
    const hostile = flatten(
      [{ channel: "a\u001b[2Jb\nc\u0007", frt: { value: 60, n: 1 } }],
      ["channel"],
      [{ column: "frt", unit: "seconds" }],
    );
    for (const text of [toTable(hostile), toMarkdown(hostile)]) {
      // biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
      expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
    }
    expect(toTable(hostile)).toContain("a\\x1b[2Jb\\nc\\x07");
    // Markdown escapes the backslashes themselves, so it renders as the table shows it.
    // (and the bracket: a value is never a link).
    expect(toMarkdown(hostile)).toContain("a\\\\x1b\\[2Jb\\\\nc\\\\x07");
  });

  it("escapes HTML in Markdown cells, so a renderer that does not sanitise runs nothing", () => {
    const hostile = flatten(
      [{ channel: "<script>alert(1)</script>&", frt: { value: 60, n: 1 } }],
      ["channel"],
      [{ column: "frt", unit: "seconds" }],
    );
    const markdown = toMarkdown(hostile);
    expect(markdown).not.toContain("<script>");
    expect(markdown).toContain("&lt;script&gt;alert(1)&lt;/script&gt;&amp;");
  });

  it("escapes brackets in Markdown cells, so a value is never a link or an image", () => {
    const hostile = flatten(
      [{ channel: "[x](javascript:alert(1)) ![](https://tracker.example/p.gif)" }],
      ["channel"],
      [],
    );
    expect(toMarkdown(hostile).split("\n")[2]).toBe(
      "| \\[x\\](javascript:alert(1)) !\\[\\](https://tracker.example/p.gif) |",
    );
  });
});

describe("report --format markdown", () => {
  it("writes a hostile channel escaped: no tag, no link reaches the Markdown", async () => {
    const file = scratchFolder("markdown").write(
      "tickets.csv",
      [
        "id,createdAt,channel",
        'T1,2024-01-03T09:00:00Z,"<script>alert(1)</script>"',
        "T2,2024-01-04T09:00:00Z,[x](javascript:alert(1))",
      ].join("\n"),
    );
    const argv = ["report", file, "--by", "channel", "--metrics", "volume", "--format", "markdown"];
    const { code, stdout } = await runCli([...argv, "-q"]);
    expect(code).toBe(0);
    expect(stdout).toBe(
      [
        "| channel | volume |",
        "| --- | ---: |",
        "| &lt;script&gt;alert(1)&lt;/script&gt; | 1 |",
        "| \\[x\\](javascript:alert(1)) | 1 |",
        "",
      ].join("\n"),
    );
  });
});
