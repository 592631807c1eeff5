import Link from "next/link";
import { AppendixCompleted, AppendixUpload } from "@/components/proposal/AppendixForms";
import { AppendixFileLink } from "@/components/proposal/AppendixList";
import { TaskStatusText } from "@/components/tasks/TaskListView";
import { formatSize, typeList } from "@/lib/domain/appendices";
import { paths } from "@/lib/paths";
import type { AppendixFormState } from "@/lib/server/actions/appendix-actions";
import type { AppendixSlotPage } from "@/lib/server/appendices";

type FormAction = (previous: AppendixFormState, formData: FormData) => Promise<AppendixFormState>;

export interface AppendixSlotActions {
  upload: FormAction;
  remove: (formData: FormData) => Promise<void>;
  mark: FormAction;
}

/** One appendix slot: its files (replace or remove until submission), an upload, and "completed?". */
export function AppendixSlotView({
  page,
  actions,
  returnTo,
  removed,
}: {
  page: AppendixSlotPage;
  actions: AppendixSlotActions;
  returnTo: "final" | null;
  /** The name of a file just removed, for the confirmation. */
  removed?: string;
}) {
  const { slot, files } = page;
  const rules = [
    `Upload ${slot.allowedTypes.length === 1 ? "a" : "each file as a"} ${typeList(slot.allowedTypes)}, smaller than ${formatSize(slot.maxBytes)}.`,
    slot.maxFiles > 1 ? `You can upload up to ${slot.maxFiles} files.` : null,
    slot.perPartner ? `Upload one from each international partner (you have ${page.partners}).` : null,
    slot.required ? null : "This appendix is optional.",
  ].filter(Boolean);
  const full = slot.maxFiles > 1 && files.length >= slot.maxFiles;
  return (
    <div className="layout-two-thirds">
      <div>
        <Link href={paths.editProposal(page.proposalId)} className="back-link">
          Back to your proposal
        </Link>
        {removed ? (
          <div className="notification notification--success" role="status">
            <p>{removed} has been removed.</p>
          </div>
        ) : null}
        <span className="caption">Appendices · {page.callTitle}</span>
        <h1>{slot.name}</h1>
        <p>
          This section is: <TaskStatusText status={page.status} />
        </p>
        {slot.hint ? <p>{slot.hint}</p> : null}
        <div className="hint" id="slot-rules">
          {rules.map((r) => (
            <p key={r}>{r}</p>
          ))}
        </div>
        <h2 className="h3">{files.length === 0 ? "No files uploaded yet" : files.length === 1 ? "1 file uploaded" : `${files.length} files uploaded`}</h2>
        {files.length > 0 ? (
          <ul className="file-list">
            {files.map((f) => (
              <li key={f.id}>
                <span>
                  <AppendixFileLink file={f} />
                </span>
                <form action={actions.remove}>
                  <input type="hidden" name="proposalId" value={page.proposalId} />
                  <input type="hidden" name="fileId" value={f.id} />
                  <button type="submit" className="link-button">
                    Remove<span className="visually-hidden"> {f.filename}</span>
                  </button>
                </form>
              </li>
            ))}
          </ul>
        ) : null}
        {full ? (
          <p className="inset">You have uploaded the most files this appendix allows. Remove one to upload another.</p>
        ) : (
          <AppendixUpload
            proposalId={page.proposalId}
            slot={slot}
            replacing={slot.maxFiles === 1 && files[0] ? files[0].filename : null}
            action={actions.upload}
            describedBy="slot-rules"
          />
        )}
        <AppendixCompleted
          proposalId={page.proposalId}
          slotKey={slot.key}
          defaultValue={page.completed}
          returnTo={returnTo}
          action={actions.mark}
        />
      </div>
    </div>
  );
}
