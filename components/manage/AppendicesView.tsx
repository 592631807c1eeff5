import { formatSize, typeList } from "@/lib/domain/appendices";
import { addAppendixSlotForm, removeAppendixSlotForm } from "@/lib/server/actions/appendix-slot-actions";
import type { CallSlots } from "@/lib/server/manage/appendix-slots";
import { AddSlotForm } from "./AddSlotForm";
import { CallHeader } from "./CallHeader";
import { ScrollTable } from "./ScrollTable";

/** What the last form post said, from the address it redirected to. */
export interface AppendicesNotice {
  added?: string;
  removed?: string;
  problem?: string;
}

/** The files a call asks bidders to upload, with the forms to add or remove a slot while it is open. */
export function AppendicesView({ page, notice }: { page: CallSlots; notice: AppendicesNotice }) {
  const { added, removed, problem } = notice;
  return (
    <>
      <CallHeader call={page.call} current="appendices" title="Appendices" />
      {added ? (
        <div className="notification notification--success" role="status">
          <p>The appendix has been added.</p>
        </div>
      ) : null}
      {removed ? (
        <div className="notification notification--success" role="status">
          <p>{removed} has been removed.</p>
        </div>
      ) : null}
      {problem ? (
        <div className="notification notification--warning" role="alert">
          <p>
            {problem === "locked"
              ? "Bidders have uploaded files to that appendix, so it cannot be removed."
              : "That appendix could not be removed. Try again in a moment."}
          </p>
        </div>
      ) : null}
      <p>
        Bidders upload these files with their proposal. Files are checked by their content, and stored in the database with the
        proposal.
      </p>
      <ScrollTable caption="Appendices bidders are asked for">
        <thead>
          <tr>
            <th scope="col">Appendix</th>
            <th scope="col">Required</th>
            <th scope="col">File types</th>
            <th scope="col">Largest file</th>
            <th scope="col">Most files</th>
            <th scope="col">Files uploaded</th>
            {page.editable ? (
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {page.slots.map((s) => (
            <tr key={s.id}>
              <th scope="row">
                {s.name}
                {s.hint ? <div className="muted">{s.hint}</div> : null}
              </th>
              <td>{s.required ? (s.perPartner ? "Yes, one from each partner" : "Yes") : "Optional"}</td>
              <td>{typeList(s.allowedTypes)}</td>
              <td>{formatSize(s.maxBytes)}</td>
              <td>{s.maxFiles}</td>
              <td>{s.files}</td>
              {page.editable ? (
                <td>
                  {s.files === 0 ? (
                    <form action={removeAppendixSlotForm}>
                      <input type="hidden" name="callId" value={page.call.id} />
                      <input type="hidden" name="slotId" value={s.id} />
                      <button type="submit" className="link-button">
                        Remove<span className="visually-hidden"> {s.name}</span>
                      </button>
                    </form>
                  ) : null}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </ScrollTable>
      {page.editable ? (
        <>
          <h2>Add an appendix</h2>
          <AddSlotForm callId={page.call.id} action={addAppendixSlotForm} />
        </>
      ) : (
        <p>The call has closed, so its appendices can no longer change.</p>
      )}
    </>
  );
}
