import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ScrollTable } from "@/components/manage/ScrollTable";

const body = (
  <tbody>
    <tr>
      <td>1</td>
    </tr>
  </tbody>
);

/** Each region's name (the id it is labelled by), tab index and its table's caption id and text. */
function regions(html: string) {
  const pattern = /<div class="[^"]*" role="region" aria-labelledby="([^"]+)" tabindex="(-?\d+)"><table(?: class="([^"]*)")?><caption id="([^"]+)"(?: class="([^"]*)")?>([^<]*)<\/caption>/g;
  return [...html.matchAll(pattern)].map(([, labelledBy, tabIndex, tableClass, captionId, captionClass, caption]) => ({
    labelledBy,
    tabIndex,
    tableClass,
    captionId,
    captionClass,
    caption,
  }));
}

describe("ScrollTable", () => {
  it("names each scrolling region by its own table's caption and puts it in the tab order", () => {
    const html = renderToStaticMarkup(
      <>
        <ScrollTable caption="Ranked proposals">{body}</ScrollTable>
        <ScrollTable caption="Proposals awaiting assessments" hiddenCaption>
          {body}
        </ScrollTable>
      </>,
    );
    const found = regions(html);
    expect(found.map((r) => r.caption)).toEqual(["Ranked proposals", "Proposals awaiting assessments"]);
    for (const r of found) {
      expect(r.labelledBy).toBe(r.captionId);
      expect(r.tabIndex).toBe("0");
    }
    // Two tables on one page never share a caption id.
    expect(found[0]!.captionId).not.toBe(found[1]!.captionId);
    expect(found[0]!.captionClass).toBeUndefined();
    expect(found[1]!.captionClass).toBe("visually-hidden");
    expect(html).toContain("<td>1</td>");
  });

  it("gives the table the dense style and any classes of its own", () => {
    const [plain] = regions(renderToStaticMarkup(<ScrollTable caption="Calls">{body}</ScrollTable>));
    const [dense] = regions(renderToStaticMarkup(<ScrollTable caption="Scores" dense className="side">{body}</ScrollTable>));
    expect(plain!.tableClass).toBeUndefined();
    expect(dense!.tableClass!.split(" ")).toHaveLength(2);
    expect(dense!.tableClass).toMatch(/dense/);
    expect(dense!.tableClass).toMatch(/ side$/);
  });
});
