import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { BarChart, IntervalPlot } from "@/components/charts";

describe("server-rendered charts", () => {
  it("renders an interval plot as a figure with a caption, an SVG title and description, a key and a data table", () => {
    const html = renderToStaticMarkup(
      <IntervalPlot
        id="er"
        title="Expected ranks"
        summary="Three proposals; the funding line is at rank 2."
        valueLabel="Expected rank"
        labelHeading="Proposal"
        rows={[
          { label: "Alpha", point: 1.2, inner: [1, 2], outer: [1, 3], tone: "good", note: "Fund" },
          { label: "Beta", point: 2.1, inner: [1, 3], outer: [1, 3], tone: "neutral", note: "Too close to call" },
          { label: "Gamma", point: 2.7, inner: [2, 3], outer: [2, 3], tone: "bad", note: "Do not fund" },
        ]}
        reference={{ value: 2, label: "Funding line" }}
        tones={{ good: "Fund", neutral: "Too close to call", bad: "Do not fund" }}
        noteLabel="Zone"
      />,
    );
    expect(html).toMatch(/^<figure[^>]*aria-labelledby="er-caption"/);
    expect(html).toContain('<svg viewBox="0 0 720');
    expect(html).toContain('role="img" aria-labelledby="er-title er-desc"');
    expect(html).toContain('<title id="er-title">Expected ranks</title>');
    expect(html).toContain("Three proposals; the funding line is at rank 2.");
    expect(html).toContain("Dashed line: Funding line");
    expect(html).toContain("<summary>Show the data as a table</summary>");
    expect(html).toContain("<th scope=\"col\" class=\"");
    expect(html).toContain("Too close to call");
    // Three rows of circles and no client script.
    expect(html.match(/<circle/g)).toHaveLength(3);
    expect(html).not.toContain("<script");
  });

  it("renders grouped bars with per-group minimum and maximum markers and lists the bounds in the table", () => {
    const html = renderToStaticMarkup(
      <BarChart
        id="balance"
        title="Share of budget by R&D category"
        summary="Two portfolios compared against each category's bounds."
        valueLabel="Share of budget (%)"
        series={[
          { key: "raw", label: "Raw ranking" },
          { key: "optimised", label: "Optimised" },
        ]}
        groups={[
          { label: "Production technology R&D", values: { raw: 40, optimised: 30 }, min: 10, max: 35 },
          { label: "Cross-cutting", values: { raw: 5, optimised: 12 }, min: 10 },
        ]}
      />,
    );
    expect(html.match(/<rect/g)).toHaveLength(4);
    expect(html).toContain("Dashed tick: minimum");
    expect(html).toContain("Solid tick: maximum");
    expect(html).toContain(">Minimum</th>");
    expect(html).toContain(">35</td>");
    expect(html.match(/stroke-dasharray="4 3"/g)).toHaveLength(2);
  });
});
