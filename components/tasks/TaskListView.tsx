import { TASK_STATUS_LABELS, type Task, type TaskGroup, type TaskStatus } from "@/lib/domain/proposal/tasks";

const TAG: Record<TaskStatus, string | null> = {
  completed: null,
  "cannot-start": null,
  "not-started": "tag tag--dark-blue",
  "in-progress": "tag tag--light-blue",
  problem: "tag tag--red",
};

/** A task's status as the GOV.UK task list shows it: "Completed" and "Cannot start yet" as plain text. */
export function TaskStatusText({ status, id }: { status: TaskStatus; id?: string }) {
  const tag = TAG[status];
  if (tag) {
    return (
      <strong className={tag} id={id}>
        {TASK_STATUS_LABELS[status]}
      </strong>
    );
  }
  return (
    <span id={id} className={status === "completed" ? "tasks__status--plain" : "tasks__status--muted"}>
      {TASK_STATUS_LABELS[status]}
    </span>
  );
}

/**
 * The GOV.UK task list component: one list per step, each task a row whose whole area is the link
 * (a row that cannot start yet is not a link). The link is described by its hint and status.
 */
export function TaskListView({ groups, hrefOf }: { groups: TaskGroup[]; hrefOf: (task: Task) => string }) {
  return (
    <>
      {groups.map((group, g) => (
        <section key={group.key} aria-labelledby={`step-${group.key}`}>
          <h2 id={`step-${group.key}`} className="h3">
            {g + 1}. {group.title}
          </h2>
          <ul className="tasks">
            {group.tasks.map((task) => {
              const id = `task-${task.key.replace(/[^a-zA-Z0-9-]/g, "-")}`;
              const linked = task.status !== "cannot-start";
              const described = [task.hint ? `${id}-hint` : null, `${id}-status`].filter(Boolean).join(" ");
              return (
                <li key={task.key} className={`tasks__item${linked ? " tasks__item--link" : ""}`}>
                  <div>
                    {linked ? (
                      <a className="tasks__link" href={hrefOf(task)} aria-describedby={described}>
                        {task.title}
                      </a>
                    ) : (
                      <span>{task.title}</span>
                    )}
                    {task.hint ? (
                      <p className="tasks__hint" id={`${id}-hint`}>
                        {task.hint}
                      </p>
                    ) : null}
                  </div>
                  <div className="tasks__status">
                    <TaskStatusText status={task.status} id={`${id}-status`} />
                  </div>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </>
  );
}
