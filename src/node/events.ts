/**
 * Event logs folded into tickets. A process-mining export (the Italian help-desk log, a
 * ServiceNow audit table) has one row per event, keyed by a case id: read row by row, 4,580
 * cases would be 21,348 "tickets". Here the rows of a case become one ticket: its id is the
 * case, `createdAt` its first event, each event whose activity is a status a status change,
 * each one that is a message a message; the schema then derives first response, resolution,
 * reopens and the current status from them, as for any ticket given its history. With an
 * `assignee` column, the case's assignment history is the changes of that column over its
 * events. The other fields come from the case's first event, through the mapping.
 *
 * A case's events may be anywhere in the file, so cases are held until the end: memory grows
 * with the events (not with the columns left out).
 */
import { show } from "../reduce/arguments.ts";
import {
  AUTHOR_ROLES,
  type AuthorRole,
  TICKET_STATUSES,
  type TicketStatus,
} from "../schemas/ticket.ts";
import type { ColumnMapping, ColumnSpec, ConversionOptions, Mapper } from "./mapping.ts";
import { compileMapping } from "./mapping.ts";
import type { RawRow } from "./rows.ts";

/** How an event log's columns make tickets. */
export interface EventLog {
  /** The column of the case (ticket) id. */
  case: string;
  /** The column of the event's time. */
  at: string;
  /** The time's format (see `timestampFormat`), when it is not ISO 8601. */
  format?: string;
  /** The column naming what happened (an activity, a status). */
  activity: string;
  /**
   * Activity → the status the ticket enters. Without it, an activity named like a status
   * (`"solved"`, `"Closed"`, any case) is that status.
   */
  statuses?: Readonly<Record<string, TicketStatus>>;
  /** Activity → the author of a public message it stands for (`"Take in charge ticket": "agent"`). */
  messages?: Readonly<Record<string, AuthorRole>>;
  /**
   * With `messages`: who opened each case, as a message at its first event; `"customer"` by
   * default (a helpdesk case is a customer's request), `null` for none. Without it the first
   * agent message would be taken for an outbound ticket's opening, not for a reply.
   */
  openedBy?: AuthorRole | null;
  /**
   * The column of the agent who holds the case at each event (a process-mining log's
   * `Resource`). Each change of it over the case's events, by time, is an assignment, so
   * `handoffs` can count the agents; an empty cell says nothing of the assignee. Without it,
   * the assignment history stays unknown (`null`), never "no handoff".
   */
  assignee?: string;
}

function checkLog(log: EventLog, fn: string): void {
  if (log === null || typeof log !== "object") {
    throw new TypeError(
      `${fn}: events must be an object { case, at, activity, ... }, got ${show(log)}`,
    );
  }
  for (const key of ["case", "at", "activity"] as const) {
    if (typeof log[key] !== "string" || log[key] === "") {
      throw new TypeError(`${fn}: events.${key} must be a column name, got ${show(log[key])}`);
    }
  }
  if (log.assignee !== undefined && (typeof log.assignee !== "string" || log.assignee === "")) {
    throw new TypeError(`${fn}: events.assignee must be a column name, got ${show(log.assignee)}`);
  }
  for (const [activity, status] of Object.entries(log.statuses ?? {})) {
    if (!(TICKET_STATUSES as readonly string[]).includes(status)) {
      throw new RangeError(
        `${fn}: events.statuses[${JSON.stringify(activity)}] must be one of ${TICKET_STATUSES.join(", ")}, got ${show(status)}`,
      );
    }
  }
  if (
    log.openedBy !== undefined &&
    log.openedBy !== null &&
    !(AUTHOR_ROLES as readonly string[]).includes(log.openedBy)
  ) {
    throw new RangeError(
      `${fn}: events.openedBy must be one of ${AUTHOR_ROLES.join(", ")} or null, got ${show(log.openedBy)}`,
    );
  }
  for (const [activity, role] of Object.entries(log.messages ?? {})) {
    if (!(AUTHOR_ROLES as readonly string[]).includes(role)) {
      throw new RangeError(
        `${fn}: events.messages[${JSON.stringify(activity)}] must be one of ${AUTHOR_ROLES.join(", ")}, got ${show(role)}`,
      );
    }
  }
}

/** The mapping of a case's first event: id and createdAt from the log, the rest as given. */
function caseMapping(log: EventLog, mapping: ColumnMapping | undefined): ColumnMapping {
  const at: ColumnSpec =
    log.format === undefined ? { column: log.at } : { column: log.at, format: log.format };
  return { ...(mapping ?? {}), id: log.case, createdAt: at } as ColumnMapping;
}

/** A case being folded: its first event's fields, and its history. */
interface Case {
  line: number;
  record: Record<string, unknown>;
  problem: string | null;
  statusChanges: { at: number; status: TicketStatus }[];
  messages: {
    at: number;
    authorRole: AuthorRole;
    public: boolean;
    automated: boolean;
    authorId: null;
  }[];
  /** The assignee cell of each event that had one. */
  assignees: { at: number; assigneeId: string }[];
}

/**
 * The event rows of `rows` folded into one row per case, whose `values` are a ticket's fields
 * (mapped already). A case's line is its first event's; an event whose time or activity
 * cannot be read makes its case a failed row, with that event's line.
 */
export function eventFolder(
  log: EventLog,
  mapping: ColumnMapping | undefined,
  conversion: ConversionOptions,
  fn: string,
): {
  mapper: Mapper;
  /** The columns the fold reads; `null` when a mapping function may read any. */
  columns: readonly string[] | null;
  fold(rows: AsyncIterable<RawRow[]>): AsyncGenerator<RawRow[]>;
} {
  checkLog(log, fn);
  const mapper = compileMapping("tickets", caseMapping(log, mapping), conversion, fn);
  // The event's time, read as createdAt is.
  const timeOf = compileMapping(
    "tickets",
    { id: log.case, createdAt: caseMapping(log, undefined).createdAt as ColumnSpec },
    conversion,
    fn,
  );
  const statusOf = (activity: string): TicketStatus | undefined => {
    if (log.statuses !== undefined) return log.statuses[activity];
    const name = activity.trim().toLowerCase();
    return TICKET_STATUSES.find((status) => status.toLowerCase() === name);
  };
  async function* fold(rows: AsyncIterable<RawRow[]>): AsyncGenerator<RawRow[]> {
    const cases = new Map<string, Case>();
    const failed: RawRow[] = [];
    for await (const batch of rows) {
      for (const row of batch) {
        if ("error" in row) {
          failed.push(row);
          continue;
        }
        const id = String(row.values[log.case] ?? "").trim();
        if (id === "") {
          failed.push({
            line: row.line,
            index: -1,
            error: `has no case id (column ${JSON.stringify(log.case)})`,
          });
          continue;
        }
        let folded = cases.get(id);
        if (folded === undefined) {
          const record: Record<string, unknown> = {};
          const problems = mapper.map(row.values, record);
          folded = {
            line: row.line,
            record,
            problem: problems[0] ? `${problems[0].field}: ${problems[0].message}` : null,
            statusChanges: [],
            messages: [],
            assignees: [],
          };
          cases.set(id, folded);
        }
        const time: Record<string, unknown> = {};
        const timeProblem = timeOf.map(row.values, time)[0];
        if (timeProblem !== undefined) {
          folded.problem ??= `line ${row.line}: ${log.at} ${timeProblem.message}`;
          continue;
        }
        const at = time.createdAt as number;
        if (at < (folded.record.createdAt as number)) folded.record.createdAt = at;
        const activity = String(row.values[log.activity] ?? "");
        const status = statusOf(activity);
        if (status !== undefined) folded.statusChanges.push({ at, status });
        if (log.assignee !== undefined) {
          const assigneeId = String(row.values[log.assignee] ?? "").trim();
          if (assigneeId !== "") folded.assignees.push({ at, assigneeId });
        }
        const role = log.messages?.[activity];
        if (role !== undefined) {
          folded.messages.push({
            at,
            authorRole: role,
            public: true,
            automated: false,
            authorId: null,
          });
        }
      }
    }
    const out: RawRow[] = [...failed];
    for (const folded of cases.values()) {
      if (folded.problem !== null) {
        out.push({ line: folded.line, index: 0, error: folded.problem });
        continue;
      }
      const values: Record<string, unknown> = { ...folded.record };
      const toDate = <T extends { at: number }>(events: T[]): (Omit<T, "at"> & { at: Date })[] =>
        events.map((event) => ({ ...event, at: new Date(event.at) }));
      values.createdAt = new Date(folded.record.createdAt as number);
      values.statusChanges = toDate(folded.statusChanges);
      if (log.assignee !== undefined) values.assignments = assignmentsOf(folded.assignees);
      // Without message activities the log says nothing of replies: unknown, not none.
      if (log.messages !== undefined) {
        const opener = log.openedBy === undefined ? "customer" : log.openedBy;
        const messages = toDate(folded.messages);
        if (opener !== null) {
          messages.unshift({
            at: values.createdAt as Date,
            authorRole: opener,
            public: true,
            automated: false,
            authorId: null,
          });
        }
        values.messages = messages;
      }
      out.push({ line: folded.line, index: 0, values });
    }
    out.sort((a, b) => a.line - b.line);
    out.forEach((row, i) => {
      row.index = i;
    });
    for (let i = 0; i < out.length; i += 1024) yield out.slice(i, i + 1024);
  }
  const folded = [log.activity, ...(log.assignee === undefined ? [] : [log.assignee])];
  const columns = mapper.wholeRow ? null : [...new Set([...mapper.columns, ...folded])];
  return { mapper, columns, fold };
}

/** The assignee changes among a case's events: sorted by time, repeats of the holder dropped. */
function assignmentsOf(seen: Case["assignees"]): { at: Date; assigneeId: string }[] {
  const changes: { at: Date; assigneeId: string }[] = [];
  // A stable sort: events at the same instant keep the file's order.
  for (const event of [...seen].sort((a, b) => a.at - b.at)) {
    if (changes[changes.length - 1]?.assigneeId === event.assigneeId) continue;
    changes.push({ at: new Date(event.at), assigneeId: event.assigneeId });
  }
  return changes;
}
