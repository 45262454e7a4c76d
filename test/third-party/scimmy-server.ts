/**
 * A real third-party SCIM server for the suites: SCIMMY (npm `scimmy`) behind its express routers
 * (`scimmy-routers`), with in-memory User and Group handlers written the way SCIMMY's docs describe
 * (ingress stores, egress reads and filters, degress deletes). Sorting, pagination, attribute
 * projection, PATCH and Bulk are SCIMMY's own; only storage, uniqueness and group membership are ours.
 * @module
 */
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import SCIMMY from 'scimmy';
import SCIMMYRouters from 'scimmy-routers';

type Json = Record<string, unknown>;

export interface RunningScimmy {
  /** The SCIM base URL, e.g. `http://127.0.0.1:PORT/scim/v2`. */
  url: string;
  token: string;
  /** userNames and displayNames still stored (for cleanup assertions). */
  stored(): { users: string[]; groups: string[] };
  close(): Promise<void>;
}

/** What SCIMMY hands to the handlers: the parsed request (id, filter) of one resource instance. */
interface ResourceRequest {
  id?: string;
  filter?: { match(values: Json[]): Json[] };
}

function scimError(status: number, scimType: string | null, detail: string): Error {
  return new SCIMMY.Types.Error(status, scimType as never, detail);
}

/** A plain JSON copy of a SCIMMY schema instance (its own toJSON drops what is not in the schema). */
function plain(instance: unknown): Json {
  return JSON.parse(JSON.stringify(instance)) as Json;
}

function now(): string {
  return new Date().toISOString();
}

/** In-memory stores shared by the User and Group handlers of one server. */
class Store {
  readonly users = new Map<string, Json>();
  readonly groups = new Map<string, Json>();

  /** A user as egress returns it: stored attributes plus the read-only `groups` computed from Group members. */
  userOut(user: Json): Json {
    const groups = [...this.groups.values()]
      .filter((g) => members(g).some((m) => m.value === user.id))
      .map((g) => ({ value: g.id, display: g.displayName, type: 'direct' }));
    return groups.length > 0 ? { ...user, groups } : { ...user };
  }
}

function members(group: Json): Json[] {
  return Array.isArray(group.members) ? (group.members as Json[]) : [];
}

/** userName as RFC 7644 §5 compares it: PRECIS (RFC 7613) case mapping and NFC normalisation. */
function prepared(value: unknown): string {
  return typeof value === 'string' ? value.normalize('NFC').toLowerCase() : '';
}

/** Reads one resource or the filtered collection, as SCIMMY's egress contract asks. */
function egress(map: Map<string, Json>, resource: ResourceRequest, view: (r: Json) => Json): Json | Json[] {
  if (resource.id !== undefined) {
    const found = map.get(resource.id);
    if (!found) throw scimError(404, null, `Resource ${resource.id} not found`);
    return view(found);
  }
  const all = [...map.values()].map(view);
  return resource.filter ? resource.filter.match(all) : all;
}

/** Creates (no id) or replaces (id) a stored resource; `created` survives a replace. */
function ingress(map: Map<string, Json>, resource: ResourceRequest, data: Json): Json {
  delete data.id;
  delete data.meta;
  delete data.schemas;
  if (resource.id !== undefined) {
    const existing = map.get(resource.id);
    if (!existing) throw scimError(404, null, `Resource ${resource.id} not found`);
    const meta = existing.meta as Json;
    const { id: _id, meta: _meta, ...stored } = existing;
    // A write that changes nothing (e.g. a PATCH re-adding a value) keeps lastModified (RFC 7644 §3.5.2.1).
    const changed = JSON.stringify(stored) !== JSON.stringify(data);
    const lastModified = changed ? now() : meta.lastModified;
    const next = { ...data, id: resource.id, meta: { created: meta.created, lastModified } };
    map.set(resource.id, next);
    return next;
  }
  const id = randomUUID();
  const stamp = now();
  const next = { ...data, id, meta: { created: stamp, lastModified: stamp } };
  map.set(id, next);
  return next;
}

function declareResources(store: Store): void {
  SCIMMY.Resources.declare(SCIMMY.Resources.User, {
    egress: (resource: ResourceRequest) => egress(store.users, resource, (u) => store.userOut(u)),
    ingress: (resource: ResourceRequest, instance: unknown) => {
      const data = plain(instance);
      delete data.groups; // readOnly (RFC 7643 §4.1.2): membership is managed through Groups
      const taken = [...store.users.values()].some(
        (u) => u.id !== resource.id && prepared(u.userName) === prepared(data.userName),
      );
      if (taken) throw scimError(409, 'uniqueness', `userName ${String(data.userName)} is already taken`);
      return store.userOut(ingress(store.users, resource, data));
    },
    degress: (resource: ResourceRequest) => {
      const id = resource.id ?? '';
      if (!store.users.delete(id)) throw scimError(404, null, `Resource ${id} not found`);
      for (const group of store.groups.values()) group.members = members(group).filter((m) => m.value !== id);
    },
  });
  SCIMMY.Resources.User.extend(SCIMMY.Schemas.EnterpriseUser, false);
  SCIMMY.Resources.declare(SCIMMY.Resources.Group, {
    egress: (resource: ResourceRequest) => egress(store.groups, resource, (g) => ({ ...g })),
    ingress: (resource: ResourceRequest, instance: unknown) => {
      const data = plain(instance);
      for (const member of members(data)) {
        const value = String(member.value);
        if (!store.users.has(value) && !store.groups.has(value))
          throw scimError(400, 'invalidValue', `member ${value} does not exist`);
      }
      return ingress(store.groups, resource, data);
    },
    degress: (resource: ResourceRequest) => {
      const id = resource.id ?? '';
      if (!store.groups.delete(id)) throw scimError(404, null, `Resource ${id} not found`);
    },
  });
}

/** Starts SCIMMY on 127.0.0.1 (port 0 by default) under `/scim/v2`, bearer-token protected. */
export async function startScimmyServer(
  options: { token?: string; port?: number } = {},
): Promise<RunningScimmy> {
  const token = options.token ?? `scimmy-${randomUUID()}`;
  const store = new Store();
  // SCIMMY keeps declarations in module state: re-declaring re-binds the handlers to this server's store.
  declareResources(store);

  const app = express();
  app.use(
    '/scim/v2',
    new SCIMMYRouters({
      type: 'bearer',
      // Without baseUri SCIMMY writes relative meta.location values ("/scim/v2/Users/…"); a deployment
      // that knows its origin passes it, as SCIMMY's README describes.
      baseUri: (req) => `http://${req.header('host') ?? '127.0.0.1'}`,
      handler: (req) => {
        if (req.header('authorization') !== `Bearer ${token}`) throw new Error('Authorization failure');
        // No user is bound to the token: /Me answers 501 (RFC 7644 §3.11).
        return undefined as unknown as string;
      },
    }),
  );
  // Observed: after answering GET /Me with 501, scimmy-routers still hands an error to express, whose final
  // handler then destroys the socket although the answer said keep-alive; a request the client had already
  // put on that connection dies with it. Errors after the answer is sent are dropped here so the run measures
  // SCIMMY's SCIM behaviour, not that race (docs/third-party.md).
  app.use((error: unknown, _req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (res.headersSent) return;
    next(error);
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(options.port ?? 0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/scim/v2`,
    token,
    stored: () => ({
      users: [...store.users.values()].map((u) => String(u.userName)),
      groups: [...store.groups.values()].map((g) => String(g.displayName)),
    }),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
