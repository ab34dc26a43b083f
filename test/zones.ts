/**
 * The time zones the calendar properties are checked in: every way a zone can be awkward.
 * DST in both hemispheres (New York, Berlin; Santiago, whose changes fall at midnight), a
 * half-hour DST change (Lord Howe), offsets of 30 and 45 minutes (Kolkata, Kathmandu), and
 * UTC as the control.
 */
export const AWKWARD_ZONES = [
  "UTC",
  "America/New_York",
  "Europe/Berlin",
  "Asia/Kolkata",
  "Asia/Kathmandu",
  "Australia/Lord_Howe",
  "America/Santiago",
] as const;
