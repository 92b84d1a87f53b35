// Object-id helpers for the directory and provisioning: case-insensitive keys and the GUID shape.

/** The map key of an object id, appId or name: lower case, as Graph compares them. */
export const key = (id: string): string => id.toLowerCase()

export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
