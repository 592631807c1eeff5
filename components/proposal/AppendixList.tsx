import Link from "next/link";
import { formatSize } from "@/lib/domain/appendices";
import { paths } from "@/lib/paths";
import type { AppendixFileMeta, SlotFiles } from "@/lib/server/appendices";

/** One uploaded file: its name as a download link, then its type and size. */
export function AppendixFileLink({ file }: { file: AppendixFileMeta }) {
  return (
    <>
      <a href={paths.appendixFile(file.id)} download>
        {file.filename}
      </a>{" "}
      <span className="muted">
        ({file.typeLabel}, {formatSize(file.sizeBytes)})
      </span>
    </>
  );
}

/** The appendices: each slot's files (downloadable by their owner), or "Not provided" when skipped. */
export function AppendicesAnswersList({ slots, changeHref }: { slots: SlotFiles[]; changeHref?: (slotKey: string) => string }) {
  return (
    <dl className={`summary-list${changeHref ? " summary-list--actions" : ""}`}>
      {slots.map(({ slot, files }) => (
        <div key={slot.key}>
          <dt>{slot.name}</dt>
          <dd>
            {files.length === 0 ? (
              <span className="muted">{slot.required ? "No file uploaded" : "Not provided"}</span>
            ) : (
              <ul className="plain-list">
                {files.map((f) => (
                  <li key={f.id}>
                    <AppendixFileLink file={f} />
                  </li>
                ))}
              </ul>
            )}
          </dd>
          {changeHref ? (
            <dd className="summary-list__actions">
              <Link href={changeHref(slot.key)}>
                Change<span className="visually-hidden"> {slot.name.charAt(0).toLowerCase() + slot.name.slice(1)}</span>
              </Link>
            </dd>
          ) : null}
        </div>
      ))}
    </dl>
  );
}

/** The proposal's appendices for assessors and managers: each file's name, type and size. */
export function AppendixList({ slots, headingLevel = 3 }: { slots: SlotFiles[]; headingLevel?: 2 | 3 }) {
  if (slots.length === 0) return null;
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <section aria-labelledby="appendices-title">
      <Heading id="appendices-title">Appendices</Heading>
      <AppendicesAnswersList slots={slots} />
    </section>
  );
}
