// Public shapes of directory objects and their inputs and patches, shared by the directory, tests and provisioning.
import type { GroupFixture, ServicePrincipalFixture } from '../fixture.js'

/** An appRole of a service principal (Graph's appRole resource). */
export interface GraphAppRole {
  id: string
  displayName: string
  description?: string | null
  value: string | null
  isEnabled: boolean
  allowedMemberTypes: string[]
  origin?: string
}

export interface GraphUser {
  id: string
  userPrincipalName: string
  displayName: string
  mail: string | null
  accountEnabled: boolean
  userType: 'Member' | 'Guest'
}

export interface GraphServicePrincipal {
  id: string
  appId: string
  displayName: string
  accountEnabled: boolean
  servicePrincipalType: 'Application'
  appRoles: GraphAppRole[]
  tags: string[]
  /** Set for service principals instantiated from a gallery template. */
  applicationTemplateId: string | null
}

/** A service principal to add: a fixture entry, optionally with the app roles and tags of an enterprise app. */
export interface GraphServicePrincipalInput extends ServicePrincipalFixture {
  appRoles?: GraphAppRole[]
  tags?: string[]
  applicationTemplateId?: string | null
}

export interface GraphGroup {
  id: string
  displayName: string
  mailNickname: string
  securityEnabled: boolean
  mailEnabled: boolean
  description: string | null
  /** Object ids of the direct members, in the order they were added. */
  members: string[]
}

export interface GraphGroupInput extends GroupFixture {
  mailNickname?: string
  securityEnabled?: boolean
  mailEnabled?: boolean
  description?: string | null
}

export type GraphUserPatch = Partial<Omit<GraphUser, 'id'>>
export type GraphServicePrincipalPatch = Partial<
  Omit<GraphServicePrincipal, 'id' | 'servicePrincipalType' | 'applicationTemplateId'>
>
