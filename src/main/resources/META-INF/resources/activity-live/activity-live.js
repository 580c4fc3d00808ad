// activity-live's browser client: an ES module, no dependencies, no build step.
//
//   import { connect } from "/activity-live/activity-live.js";   // under your application's context root
//   const live = connect({ types: ["memory_operation", "load_change"] });
//   live.on("memory_operation", (event, { fromState }) => ...); // per event type, or "*" for every event;
//                                                      // fromState: one of the state on join, not a live one
//   live.on("reload", ({ reason }) => ...);             // events were missed and cannot be replayed: reload state
//   live.on("snapshot", ({ events, omitted }) => ...);  // with { snapshot: true }: the current state has come
//   live.on("state", ({ state, transport, resumed }) => ...);
//
// It reconnects by itself (exponential backoff with jitter), resumes from the last event it saw on every reconnect,
// drops nothing and repeats nothing; with { snapshot: true } it starts (and, after a gap it cannot fill, starts
// over) with the server's current state: the latest load, every reasoning session in progress, the recent session
// and system events, each handed to the callbacks as the event it was first sent as. It notices a dead connection
// from missing heartbeats, and falls back to the Server-Sent Events stream when a WebSocket cannot be opened.
// Against a server without event ids (the original handler) it does everything but resume: each reconnect then asks
// the page to reload.

const STREAM_PATH = "/api/v1/activity/stream";
const LIVE_PATH = "/api/v1/activity/live";

/** Connection states, in the order a connection normally goes through them. */
export const States = Object.freeze({
  CONNECTING: "connecting", OPEN: "open", RECONNECTING: "reconnecting", CLOSED: "closed",
});

const DEFAULTS = {
  // Where the server is: by default the application this module is served by (it lives at <context>/activity-live/).
  base: new URL("..", import.meta.url).href.replace(/\/$/, ""),
  types: [],                 // event types to receive; empty: every type
  filter: {},                // narrows by the data, e.g. { sessionId: ["s-1"] }: events carrying the field must match
  snapshot: false,           // true: begin with the events that make the current state (of those types)
  presence: false,           // true: "presence" messages, who is watching (the server tells only an admin)
  transport: "auto",         // "auto": WebSocket, the event stream where a WebSocket cannot be opened; "websocket"; "sse"
  heartbeatTimeoutMs: 75000, // no message for this long (2.5 heartbeats of the server's default) means a dead link
  initialDelayMs: 500,       // the first reconnect's delay; doubled each failed attempt...
  maxDelayMs: 30000,         // ...up to this, each with jitter of up to half of it
  webSocketAttempts: 2,      // WebSocket openings that fail, none having worked yet, before "auto" takes the event stream
  WebSocket: globalThis.WebSocket,
  EventSource: globalThis.EventSource,
};

/** Opens a connection at once; see the module's comment. */
export function connect(options = {}) {
  return new LiveConnection({ ...DEFAULTS, ...options });
}

class LiveConnection {
  constructor(options) {
    this.options = options;
    this.types = new Set(options.types);
    this.dataFilter = { ...options.filter };
    this.listeners = new Map();
    this.epoch = null;     // where this client stands in the stream: the epoch...
    this.lastId = 0;       // ...and the id of the last event it handled
    this.idsSeen = false;  // whether the server numbers its events (the original does not)
    this.inState = false;  // between the join and the snapshot marker: events of the state, at or before lastId
    this.connectedOnce = false;
    this.failedOpenings = 0;
    this.webSocketOpened = false; // once one opened, a failing one means the server is away, not WebSockets blocked
    this.attempt = 0;
    this.transport = options.transport === "sse" ? "sse" : "websocket";
    this.state = null;
    this.link = null;
    this.stopped = false;
    this.open();
  }

  /** Calls {@code callback} for every event of {@code type} ("*": every event, "reload", "state", "close"). */
  on(type, callback) {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type).add(callback);
    return () => this.listeners.get(type).delete(callback);
  }

  /** Adds types to receive; the server sends only those (none given before: every type). */
  subscribe(types) {
    const added = types.filter((type) => !this.types.has(type));
    added.forEach((type) => this.types.add(type));
    if (added.length) this.changed({ action: "subscribe", types: added });
  }

  /** Narrows by the events' data from now on, in place of the filter it had; {} filters nothing. */
  filter(filter) {
    this.dataFilter = { ...filter };
    this.changed({ action: "subscribe", types: [], filter: this.dataFilter });
  }

  /** Stops receiving types. Unsubscribing from every type means every type again, as in the protocol. */
  unsubscribe(types) {
    const removed = types.filter((type) => this.types.has(type));
    removed.forEach((type) => this.types.delete(type));
    if (removed.length) this.changed({ action: "unsubscribe", types: removed });
  }

  /** Where this client stands: the stream's epoch and the last event id handled (null and 0 before any). */
  get position() {
    return { epoch: this.epoch, lastId: this.lastId };
  }

  /** Ends the connection for good. */
  close() {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.drop();
    this.setState(States.CLOSED, { reason: "closed by the page" });
  }

  // A WebSocket changes its subscription in place (one still opening, once open); an event stream reconnects with
  // the new types and resumes. Between connections nothing is to do: the next URL carries the types.
  changed(command) {
    if (this.link?.kind === "websocket" && this.link.socket.readyState === 1) {
      this.link.socket.send(JSON.stringify(command));
    } else if (this.link?.kind === "websocket") {
      this.link.pending.push(command);
    } else if (this.link?.kind === "sse") {
      this.drop();
      this.open();
    }
  }

  open() {
    this.setState(this.connectedOnce ? States.RECONNECTING : States.CONNECTING, {});
    if (this.transport === "sse") this.openEventStream(); else this.openWebSocket();
  }

  query() {
    const query = new URLSearchParams();
    if (this.types.size) query.set("types", [...this.types].join(","));
    for (const [field, values] of Object.entries(this.dataFilter)) {
      query.set(field, [values].flat().join(","));
    }
    // A resume that works makes the state unneeded (the server sends none); one that cannot is followed by it.
    if (this.options.snapshot) query.set("snapshot", "true");
    if (this.options.presence) query.set("presence", "true");
    return query;
  }

  resumable() {
    return this.epoch !== null && this.idsSeen;
  }

  openWebSocket() {
    const query = this.query();
    if (this.resumable()) {
      query.set("since", String(this.lastId));
      query.set("epoch", this.epoch);
    }
    const url = new URL(this.options.base + LIVE_PATH, location.href);
    url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
    url.search = query.toString();
    const socket = new this.options.WebSocket(url.toString());
    const link = { kind: "websocket", socket, opened: false, pending: [] };
    this.link = link;
    socket.onopen = () => {
      link.pending.forEach((command) => socket.send(JSON.stringify(command)));
      link.opened = this.webSocketOpened = true;
      this.failedOpenings = 0;
      this.alive();
    };
    socket.onmessage = ({ data }) => this.received(link, data);
    socket.onclose = ({ code, reason }) => {
      if (this.link !== link) return;
      if (!link.opened) this.failedOpenings++;
      this.lost(link, code, reason);
    };
  }

  openEventStream() {
    const query = this.query();
    if (this.resumable()) query.set("lastEventId", `${this.epoch}:${this.lastId}`);
    const url = new URL(this.options.base + STREAM_PATH, location.href);
    url.search = query.toString();
    // Another origin's stream gets this page's cookies only when asked for them.
    const source = new this.options.EventSource(url.toString(), { withCredentials: url.origin !== location.origin });
    const link = { kind: "sse", source, opened: false };
    this.link = link;
    source.onopen = () => { link.opened = true; this.alive(); };
    source.onmessage = ({ data }) => this.received(link, data);
    source.addEventListener("close", ({ data }) => {
      const { code, reason } = JSON.parse(data);
      this.lost(link, code, reason);
    });
    // The browser would reconnect by itself, without our backoff and from its own idea of the last id: we do it.
    source.onerror = () => { if (this.link === link) this.lost(link, 1006, ""); };
  }

  received(link, data) {
    if (this.link !== link) return;
    this.alive();
    let message;
    try { message = JSON.parse(data); } catch { return; }
    if (message.type === "connection_established") {
      this.established(link, message);
    } else if (message.type === "recovery") {
      this.recovered(message.data);
    } else if (message.type === "snapshot") {
      this.inState = false;
      this.emit("snapshot", { events: message.data.events, omitted: message.data.omitted });
    } else {
      if (typeof message.id === "number") {
        if (message.id > this.lastId) {
          this.inState = false; // a live event (a server that sends no marker ends the state here too)
          this.lastId = message.id;
        } else if (!this.inState) {
          return; // already handled: a resume by message can overlap
        }
      }
      const how = { fromState: this.inState && typeof message.id === "number" };
      this.emit(message.type, message, how);
      this.emit("*", message, how);
    }
  }

  established(link, message) {
    const resuming = this.resumable();
    this.idsSeen = typeof message.epoch === "string";
    this.attempt = 0;
    const reconnect = this.connectedOnce;
    this.connectedOnce = true;
    if (this.idsSeen && !resuming) {
      this.epoch = message.epoch;
      this.lastId = message.lastId;
      this.inState = this.options.snapshot;
    }
    if (reconnect && !this.idsSeen) {
      this.emit("reload", { reason: "the server keeps no history: events while disconnected are lost" });
    }
    link.clientId = message.clientId;
    // A resuming client is open once its recovery answer came; until then it is still reconnecting.
    if (!resuming) this.setState(States.OPEN, { clientId: message.clientId, reloaded: reconnect && !this.idsSeen });
  }

  recovered(data) {
    this.epoch = data.epoch;
    this.lastId = data.lastId;
    if (data.recovered) {
      this.setState(States.OPEN, { clientId: this.link?.clientId, resumed: data.replayed });
    } else {
      this.inState = this.options.snapshot; // the state follows: the page starts over from it
      this.emit("reload", { reason: data.reason });
      this.setState(States.OPEN, { clientId: this.link?.clientId, reloaded: true, reason: data.reason });
    }
  }

  // No message (a heartbeat at the least) for too long: the link is dead even if the browser has not noticed.
  alive() {
    clearTimeout(this.deadTimer);
    const link = this.link;
    this.deadTimer = setTimeout(() => this.lost(link, 4000, "no heartbeat"), this.options.heartbeatTimeoutMs);
  }

  lost(link, code, reason) {
    if (this.link !== link || this.stopped) return;
    this.drop();
    this.emit("close", { code, reason });
    // The login ended or was refused: reconnecting cannot help until the page logs in again.
    if (code === 1008 && /login|authentication/i.test(reason)) {
      this.stopped = true;
      this.setState(States.CLOSED, { code, reason });
      return;
    }
    if (this.options.transport === "auto" && this.transport === "websocket" && !this.webSocketOpened
        && this.failedOpenings >= this.options.webSocketAttempts && this.options.EventSource) {
      this.transport = "sse";
    }
    const delay = Math.min(this.options.maxDelayMs, this.options.initialDelayMs * 2 ** this.attempt);
    this.attempt = Math.min(this.attempt + 1, 16);
    this.setState(States.RECONNECTING, { code, reason, delayMs: Math.round(delay) });
    this.retryTimer = setTimeout(() => this.open(), delay / 2 + Math.random() * delay / 2);
  }

  drop() {
    clearTimeout(this.deadTimer);
    const link = this.link;
    this.link = null;
    if (link?.kind === "websocket") {
      link.socket.onclose = link.socket.onmessage = link.socket.onopen = null;
      try { link.socket.close(); } catch { /* already closed */ }
    } else if (link?.kind === "sse") {
      link.source.close();
    }
  }

  setState(state, detail) {
    this.state = state;
    this.emit("state", { state, transport: this.transport, ...detail });
  }

  emit(type, value, how) {
    for (const callback of this.listeners.get(type) ?? []) {
      try { callback(value, how); } catch (error) { console.error(error); }
    }
  }
}
