/**
 * The one shape every validation problem takes. Kept in a file of its own, with nothing to
 * import, so that the schemas, their fast paths and `validate` can all name it without
 * importing one another in a circle.
 */

/** One problem with one field of a rejected record. */
export interface FieldIssue {
  /** Where in the record: `["createdAt"]`, `["messages", 3, "at"]`. Empty for the whole record. */
  path: (string | number)[];
  /**
   * Zod's issue code (`invalid_type`, `too_big`, `custom`...), for filtering;
   * `unreadable_record` when reading the record threw (a getter or a Proxy).
   */
  code: string;
  /** What is wrong, readable. */
  message: string;
}
