import Link from "next/link";
import { formatCount } from "./format";

/**
 * The address of one page of a paged list: `path`, the query it keeps (undefined values left out),
 * `page` when it is not the first, and an optional fragment ("#ranked").
 */
export function pageHref(path: string, query: Record<string, string | undefined>, page: number, fragment = ""): string {
  const search = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => typeof e[1] === "string"));
  if (page > 1) search.set("page", String(page));
  const text = search.toString();
  return `${path}${text ? `?${text}` : ""}${fragment}`;
}

/**
 * Page links for a long table (server-rendered, no JavaScript): previous, "page N of M", next.
 * `href(page)` keeps the rest of the query (filters) as it is.
 */
export function Pagination({ page, pages, href, label }: { page: number; pages: number; href: (page: number) => string; label: string }) {
  if (pages <= 1) return null;
  return (
    <nav aria-label={label} className="pagination">
      <ul>
        {page > 1 ? (
          <li>
            <Link href={href(page - 1)} rel="prev">
              Previous<span className="visually-hidden"> page</span>
            </Link>
          </li>
        ) : null}
        <li aria-current="page">
          Page {formatCount(page)} of {formatCount(pages)}
        </li>
        {page < pages ? (
          <li>
            <Link href={href(page + 1)} rel="next">
              Next<span className="visually-hidden"> page</span>
            </Link>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
