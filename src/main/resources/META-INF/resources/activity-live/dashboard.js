// The dashboard: activity-live's stream on one page, built on the browser client next to it. Same origin as the
// server, nothing fetched from anywhere else. Every list is bounded, so a page left open for days stays fast.
import { connect } from "./activity-live.js";

const TYPES = ["memory_operation", "reasoning_update", "load_change", "session_event", "system_event"];
const MAX_FEED_ROWS = 200;
const MAX_LOG_ROWS = 50;
const CHART_SECONDS = 60;
// The rate shown is the mean of the last whole seconds: one second alone reads 0 a second after a burst.
const RATE_SECONDS = 10;
const SESSION_QUIET_MS = 60_000;
const FINISHED_SHOWN_MS = 10_000;
const FINAL_STAGES = /^(complete|completed|done|finished|failed|error|cancelled|canceled|aborted)$/i;
// The server's context root: this page lives at <context>/activity-live/.
const BASE = location.pathname.replace(/\/activity-live\/[^/]*$/, "");
const API = `${BASE}/api/v1/activity`;
const XHR = { "X-Requested-With": "activity-live" }; // asks the server for no Basic challenge (no browser dialog)

const $ = (id) => document.getElementById(id);
let live = null;
let paused = false;
let missedWhilePaused = 0;
let received = 0;
let memoryTotal = 0;
const perSecond = new Map(); // second → memory operations in it
const sessions = new Map();  // sessionId → { element, updated, finished }
let following = null;        // the sessionId the page follows, or null for every session
let keepAliveTimer = null;

function text(element, value) {
  element.textContent = value;
}

function cell(row, value) {
  const td = document.createElement("td");
  td.textContent = value ?? "";
  row.append(td);
}

// ---- connection -------------------------------------------------------------------------------------------------

// An admin's page also follows who is watching: the server pushes it as it changes.
function start(admin = false) {
  clearPicture();
  $("dashboard").hidden = false;
  $("login").hidden = true;
  $("clients").hidden = !admin;
  following = null;
  $("following").hidden = true;
  // Opened mid-run, the page shows the state at once.
  live = connect({ types: checkedTypes(), snapshot: true, presence: admin });
  live.on("presence", ({ data }) => showWatchers(data));
  live.on("state", showState);
  live.on("reload", ({ reason }) => {
    clearPicture(); // what was shown may have a gap: start the picture over
    text($("notice"), `reloaded: ${reason}`);
  });
  live.on("*", (event, { fromState }) => {
    if (!TYPES.includes(event.type) || fromState) return; // heartbeats; the state on join came before, not now
    received++;
    text($("received-count"), received);
  });
  live.on("load_change", showLoad);
  live.on("reasoning_update", showReasoning);
  live.on("memory_operation", countMemoryOperation);
  live.on("session_event", (event) => log(`session ${event.data.event}: ${event.data.sessionId}`, event));
  live.on("system_event", (event) => log(`system ${event.data.event}${event.data.status ? ` (${event.data.status})` : ""}`
      + `${event.data.message ? `: ${event.data.message}` : ""}`, event));
  for (const type of TYPES) live.on(type, addToFeed);
}

function showState({ state, transport, resumed, reloaded, reason, code }) {
  const label = {
    connecting: "connecting…", open: "connected", reconnecting: "reconnecting…", closed: "disconnected",
  }[state];
  $("state").dataset.state = state;
  text($("state"), label);
  text($("transport"), transport === "sse" ? "event stream" : "WebSocket");
  if (state === "open" && resumed !== undefined) text($("notice"), `resumed ${resumed} events`);
  if (state === "open" && reloaded) text($("notice"), `reloaded${reason ? `: ${reason}` : ""}`);
  if (state === "closed" && code === 1008) {
    text($("notice"), reason);
    showLogin();
  }
}

function checkedTypes() {
  return [...document.querySelectorAll("#type-filters input:checked")].map((box) => box.value);
}

function buildFilters() {
  for (const type of TYPES) {
    const label = document.createElement("label");
    const box = document.createElement("input");
    box.type = "checkbox";
    box.name = "type";
    box.value = type;
    box.checked = true;
    box.addEventListener("change", () => {
      const checked = checkedTypes();
      if (checked.length === 0) { // no type at all means every type in the protocol: keep one
        box.checked = true;
        return;
      }
      if (box.checked) live?.subscribe([type]); else live?.unsubscribe([type]);
    });
    label.append(box, type.replace("_", " "));
    $("type-filters").append(label);
  }
}

// ---- what the events show ---------------------------------------------------------------------------------------

function showLoad(event) {
  const { loadLevel, activeProcesses, memoryOpsPerSecond, reasoningSessions, visualIntensity } = event.data;
  const percent = Math.round(Math.max(0, Math.min(1, loadLevel)) * 100);
  $("load-fill").style.width = `${percent}%`;
  $("load-gauge").setAttribute("aria-valuenow", String(percent));
  text($("load-level"), `${percent}%`);
  text($("load-intensity"), visualIntensity);
  text($("load-processes"), activeProcesses);
  text($("load-ops"), Number(memoryOpsPerSecond).toFixed(1));
  text($("load-sessions"), reasoningSessions);
  document.body.dataset.intensity = visualIntensity; // the seed's "suggested visual feedback intensity"
}

function showReasoning(event) {
  const { sessionId, stage, progress, activeStreams } = event.data;
  let session = sessions.get(sessionId);
  if (!session) {
    const element = document.createElement("li");
    element.dataset.sessionId = sessionId;
    element.innerHTML = '<strong class="name"></strong> <span class="stage"></span>'
        + '<progress max="100"></progress><span class="streams"></span>'
        + '<button class="follow" type="button">Follow</button>';
    element.querySelector(".name").textContent = sessionId;
    element.querySelector(".follow").addEventListener("click", () => follow(sessionId));
    element.querySelector(".follow").hidden = following !== null;
    $("sessions").append(element);
    session = { element };
    sessions.set(sessionId, session);
  }
  const value = progress > 1 ? progress : progress * 100; // 0..1 or a percentage
  session.element.querySelector(".stage").textContent = stage;
  session.element.querySelector("progress").value = Math.max(0, Math.min(100, value));
  session.element.querySelector(".streams").textContent = (activeStreams ?? []).join(", ");
  session.updated = Date.now();
  session.finished = FINAL_STAGES.test(stage);
  session.element.classList.toggle("finished", session.finished);
  $("sessions-empty").hidden = true;
}

// Following one session: the server sends only that session's reasoning updates and session events (the other
// types, which carry no sessionId, come as before); the other sessions leave the panel.
function follow(sessionId) {
  following = sessionId;
  live.filter(sessionId === null ? {} : { sessionId: [sessionId] });
  $("following").hidden = sessionId === null;
  text($("following-id"), sessionId ?? "");
  for (const [id, session] of sessions) {
    if (sessionId !== null && id !== sessionId) {
      session.element.remove();
      sessions.delete(id);
    } else {
      session.element.querySelector(".follow").hidden = sessionId !== null;
    }
  }
}

function expireSessions() {
  const now = Date.now();
  for (const [id, session] of sessions) {
    if (now - session.updated > (session.finished ? FINISHED_SHOWN_MS : SESSION_QUIET_MS)) {
      session.element.remove();
      sessions.delete(id);
    }
  }
  $("sessions-empty").hidden = sessions.size > 0;
}

function countMemoryOperation() {
  const second = Math.floor(Date.now() / 1000);
  perSecond.set(second, (perSecond.get(second) ?? 0) + 1);
  memoryTotal++;
  text($("memory-total"), memoryTotal);
}

function drawChart() {
  const now = Math.floor(Date.now() / 1000);
  for (const second of perSecond.keys()) if (second <= now - CHART_SECONDS) perSecond.delete(second);
  const counts = Array.from({ length: CHART_SECONDS }, (_, i) => perSecond.get(now - CHART_SECONDS + 1 + i) ?? 0);
  const recent = counts.slice(CHART_SECONDS - 1 - RATE_SECONDS, CHART_SECONDS - 1); // whole seconds only
  const rate = recent.reduce((sum, count) => sum + count, 0) / RATE_SECONDS;
  text($("memory-rate"), rate < 10 ? rate.toFixed(1) : Math.round(rate));
  const canvas = $("rate-chart");
  const context = canvas.getContext("2d");
  const style = getComputedStyle(document.body);
  const max = Math.max(1, ...counts);
  const width = canvas.width / CHART_SECONDS;
  context.clearRect(0, 0, canvas.width, canvas.height);
  context.fillStyle = style.getPropertyValue("--accent").trim() || "#2f6fdf";
  counts.forEach((count, i) => {
    const height = (count / max) * (canvas.height - 4);
    context.fillRect(i * width + 1, canvas.height - height, width - 2, height);
  });
}

function addToFeed(event) {
  if (paused) {
    missedWhilePaused++;
    text($("feed-missed"), missedWhilePaused);
    return;
  }
  const row = document.createElement("tr");
  row.dataset.type = event.type;
  cell(row, new Date(event.timestamp).toLocaleTimeString());
  cell(row, event.type);
  cell(row, describe(event));
  cell(row, event.data.userId ?? "");
  const feed = $("feed");
  feed.prepend(row);
  while (feed.rows.length > MAX_FEED_ROWS) feed.lastElementChild.remove();
}

function describe({ type, data }) {
  switch (type) {
    case "memory_operation":
      return `${data.operation}${data.memoryId ? ` ${data.memoryId}` : ""}${data.success ? "" : " (failed)"}`
          + `${data.duration !== undefined ? ` · ${data.duration} ms` : ""}`;
    case "reasoning_update":
      return `${data.sessionId}: ${data.stage} ${Math.round(data.progress > 1 ? data.progress : data.progress * 100)}%`;
    case "load_change":
      return `load ${Math.round(data.loadLevel * 100)}% (${data.visualIntensity})`;
    default:
      return `${data.event}${data.sessionId ? ` ${data.sessionId}` : ""}${data.message ? `: ${data.message}` : ""}`;
  }
}

function log(line, event) {
  const item = document.createElement("li");
  item.textContent = `${new Date(event.timestamp).toLocaleTimeString()} ${line}`;
  const list = $("events-log");
  list.prepend(item);
  while (list.children.length > MAX_LOG_ROWS) list.lastElementChild.remove();
}

function clearPicture() {
  sessions.forEach((session) => session.element.remove());
  sessions.clear();
  perSecond.clear();
  $("feed").replaceChildren();
  $("events-log").replaceChildren();
  $("sessions-empty").hidden = false;
}

// ---- login and the client list ----------------------------------------------------------------------------------

async function session(method, headers = {}) {
  return fetch(`${API}/session`, { method, headers: { ...XHR, ...headers }, credentials: "same-origin" });
}

async function begin() {
  const answer = await session("GET");
  const who = answer.ok ? await answer.json() : { authentication: "required" };
  if (who.user) {
    loggedIn(who);
  } else if (who.authentication === "required") {
    showLogin();
  } else {
    start();
  }
}

function loggedIn(who) {
  $("who").hidden = false;
  text($("user"), who.user);
  start(who.roles.includes("activity-admin"));
  // A login ends after idleTimeoutSeconds without a request, and the stream itself is no request: keep it alive.
  if (who.idleTimeoutSeconds) {
    keepAliveTimer = setInterval(keepAlive, Math.max(1, who.idleTimeoutSeconds / 3) * 1000);
  }
}

async function keepAlive() {
  const answer = await session("GET");
  if (answer.ok && !(await answer.json()).user) showLogin(); // it ended after all (the server restarted, say)
}

function showLogin() {
  live?.close();
  live = null;
  clearInterval(keepAliveTimer);
  $("dashboard").hidden = true;
  $("clients").hidden = true;
  $("who").hidden = true;
  $("login").hidden = false;
  $("login-user").focus();
}

async function logIn(submit) {
  submit.preventDefault();
  const user = $("login-user").value;
  const credentials = btoa(String.fromCodePoint(...new TextEncoder().encode(`${user}:${$("login-password").value}`)));
  const answer = await session("POST", { Authorization: `Basic ${credentials}` });
  $("login-password").value = "";
  if (!answer.ok) {
    text($("login-error"), answer.status === 401 ? "Wrong user or password." : `Login failed (${answer.status}).`);
    return;
  }
  text($("login-error"), "");
  text($("notice"), "");
  loggedIn(await answer.json());
}

async function logOut() {
  live?.close();
  await session("DELETE");
  text($("notice"), "logged out");
  showLogin();
}

// Per user, not per page: a user with three tabs open is one row with 3.
function showWatchers({ clients, users, anonymous, moreUsers }) {
  text($("client-count"), clients);
  const rows = users.map(({ user, clients: count }) => [user, count]);
  if (anonymous) rows.push(["(no login)", anonymous]);
  if (moreUsers) rows.push([`(${moreUsers} more users)`, ""]);
  $("client-list").replaceChildren(...rows.map(([user, count]) => {
    const row = document.createElement("tr");
    cell(row, user);
    cell(row, count);
    return row;
  }));
}

// ---- wiring -----------------------------------------------------------------------------------------------------

buildFilters();
$("pause").addEventListener("click", () => {
  paused = !paused;
  $("pause").setAttribute("aria-pressed", String(paused));
  text($("pause"), paused ? "Resume feed" : "Pause feed");
  $("feed-paused").hidden = !paused;
  missedWhilePaused = 0;
  text($("feed-missed"), 0);
});
$("login").addEventListener("submit", logIn);
$("logout").addEventListener("click", logOut);
$("follow-all").addEventListener("click", () => follow(null));
setInterval(() => { drawChart(); expireSessions(); }, 1000);
begin();
