// The GUID pattern, once: Entra object and application ids, Databricks account ids, tenant and client ids.
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Whether the value (trimmed) is a GUID. */
export const isGuid = (value: string | undefined): boolean => value !== undefined && GUID.test(value.trim())
