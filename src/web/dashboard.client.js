// The spec-kitty dashboard page: plain DOM code, no framework, no network beyond its own server.
// Live: loads `api/missions`, then applies the changes the server pushes on `api/events`.
// Static export: `data.js` has set window.SPEC_KITTY_SNAPSHOT before this runs; nothing is fetched.
// Every text from the project goes in through textContent, never as HTML.
(() => {
  const snapshot = window.SPEC_KITTY_SNAPSHOT;

  const COLUMNS = [
    { id: "planned", title: "Planned", side: false },
    { id: "doing", title: "Doing", side: false },
    { id: "review", title: "Review", side: false },
    { id: "approved", title: "Approved", side: false },
    { id: "done", title: "Done", side: false },
    { id: "blocked", title: "Blocked", side: true },
    { id: "canceled", title: "Canceled", side: true },
  ];
  const state = {
    project: "",
    /** @type {Map<string, any>} */
    missions: new Map(),
    version: 0,
    /** Lanes as last drawn, to mark the cards that moved. */
    drawnLanes: new Map(),
    detailKey: "",
    detail: null,
  };

  const $ = (id) => document.getElementById(id);

  /** h("div", { class: "x", dataset: { a: "1" } }, "text", child) */
  function h(tag, props, ...children) {
    const el = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "class") el.className = value;
      else if (key === "dataset") Object.assign(el.dataset, value);
      else el.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      el.append(typeof child === "string" || typeof child === "number" ? String(child) : child);
    }
    return el;
  }

  function bar(percent) {
    const fill = h("span");
    fill.style.width = `${Math.max(0, Math.min(100, percent))}%`;
    return h(
      "div",
      {
        class: "bar",
        role: "progressbar",
        "aria-valuenow": percent,
        "aria-valuemin": 0,
        "aria-valuemax": 100,
      },
      fill,
    );
  }

  const shortId = (id) => (id ? id.slice(0, 8) : "");
  const pct = (n) => `${Number(n).toFixed(1)}%`;
  const missionName = (m) => m.friendly_name || m.mission_slug.replace(/^\d+-/, "");
  const missionHref = (key) => `#/${encodeURIComponent(key)}`;
  const wpHref = (key, wp) => `#/${encodeURIComponent(key)}/${encodeURIComponent(wp)}`;

  function route() {
    const parts = location.hash.replace(/^#\/?/, "").split("/").map(decodeURIComponent);
    return { key: parts[0] || "", wp: parts[1] || "" };
  }

  /** The mission to show when the URL names none: the most recently active one. */
  function defaultKey() {
    let best = null;
    for (const m of state.missions.values()) {
      if (!best || (m.last_activity_at || "") > (best.last_activity_at || "")) best = m;
    }
    return best ? best.key : "";
  }

  function sortedMissions() {
    return [...state.missions.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  function missionCard(m, selected) {
    const phase = m.error ? "unreadable" : m.phase || "";
    return h(
      "a",
      {
        class: "mission",
        href: missionHref(m.key),
        dataset: { mission: m.key },
        "aria-current": selected ? "true" : null,
      },
      h(
        "div",
        { class: "m-name", title: m.mission_slug },
        m.mission_number ? h("span", { class: "m-num" }, m.mission_number) : null,
        missionName(m),
      ),
      h(
        "div",
        { class: "m-meta" },
        h("span", { class: `phase ${phase}` }, phase),
        m.target_branch ? h("span", { title: "target branch" }, `→ ${m.target_branch}`) : null,
        m.mission_id ? h("span", { class: "mono", title: m.mission_id }, shortId(m.mission_id)) : null,
        m.source.kind === "worktree" ? h("span", { title: m.source.dir }, "worktree only") : null,
      ),
      m.error ? h("div", { class: "m-error" }, m.error.message) : bar(m.progress_percentage),
      m.error
        ? null
        : h(
            "div",
            { class: "m-foot" },
            h("span", null, `${m.done_wps}/${m.total_wps} done`),
            h("span", null, pct(m.progress_percentage)),
            m.ready_wps.length ? h("span", null, `${m.ready_wps.length} ready`) : null,
            m.warnings.length ? h("span", null, `${m.warnings.length} warnings`) : null,
          ),
    );
  }

  function renderMissions(selectedKey) {
    const list = sortedMissions();
    const root = $("missions");
    root.replaceChildren(
      ...(list.length
        ? list.map((m) => missionCard(m, m.key === selectedKey))
        : [h("p", { class: "empty" }, "No missions yet.")]),
    );
  }

  /** Who works on it (the WP file's agent or assignee), and who reviews it while it is in review. */
  function personOf(wp) {
    const owner = wp.agent || wp.assignee;
    const reviewer = wp.lane === "in_review" && wp.actor && wp.actor !== owner ? `review: ${wp.actor}` : "";
    return [owner, reviewer].filter(Boolean).join(" · ");
  }

  function wpCard(m, wp, moved) {
    const blocking = new Set(wp.blocked_by.map((d) => d.wp_id));
    const lanes = new Map(m.work_packages.map((w) => [w.id, w.lane]));
    const deps = wp.dependencies.map((id) => {
      const met = !blocking.has(id);
      const lane = lanes.get(id);
      return h(
        "span",
        { class: `dep ${met ? "met" : "blocking"}`, title: lane ? `${id}: ${lane}` : `${id}: no such WP` },
        `${met ? "✓" : "×"} ${id}`,
      );
    });
    const who = personOf(wp);
    const tags = [
      h("span", { class: "tag lane" }, wp.lane.replace("_", " ")),
      wp.ready ? h("span", { class: "tag ready" }, "ready") : null,
      wp.blocked_by.length && wp.lane === "planned" ? h("span", { class: "tag blocked" }, "waiting") : null,
      wp.is_stale ? h("span", { class: "tag stale", title: wp.stale ? wp.stale.reason : "" }, "stale") : null,
      wp.subtasks.total
        ? h("span", { class: "tag subtasks" }, `${wp.subtasks.done}/${wp.subtasks.total} subtasks`)
        : null,
      wp.review_cycles
        ? h(
            "span",
            { class: "tag cycles" },
            `${wp.review_cycles} review cycle${wp.review_cycles > 1 ? "s" : ""}`,
          )
        : null,
    ];
    return h(
      "li",
      { class: `card${moved ? " changed" : ""}`, dataset: { wp: wp.id, lane: wp.lane, column: wp.column } },
      h(
        "a",
        { href: wpHref(m.key, wp.id) },
        h("div", null, h("span", { class: "c-id" }, wp.id), h("span", { class: "c-title" }, wp.title)),
        who ? h("div", { class: "c-line c-who" }, who) : null,
        deps.length ? h("div", { class: "c-line c-deps" }, "needs ", deps) : null,
        h("div", { class: "tags" }, tags),
      ),
    );
  }

  function renderBoard(key) {
    const root = $("board");
    const m = state.missions.get(key);
    if (!m) {
      root.replaceChildren(state.missions.size ? h("p", { class: "empty" }, "Pick a mission.") : "");
      return;
    }
    const notes = [
      ...(m.error ? [h("div", { class: "bad" }, `${m.error.code}: ${m.error.message}`)] : []),
      ...m.warnings.map((w) => h("div", { class: "warn" }, w.message)),
    ];
    if (m.ready_wps.length) notes.unshift(h("div", null, `Ready to start: ${m.ready_wps.join(", ")}`));
    const byColumn = new Map(COLUMNS.map((c) => [c.id, []]));
    for (const wp of m.work_packages) byColumn.get(wp.column).push(wp);
    const columns = COLUMNS.filter((c) => !c.side || byColumn.get(c.id).length).map((c) =>
      h(
        "section",
        { class: "col", dataset: { column: c.id } },
        h("h3", null, h("span", null, c.title), h("span", { class: "count" }, byColumn.get(c.id).length)),
        h(
          "ol",
          null,
          byColumn.get(c.id).map((wp) => {
            const before = state.drawnLanes.get(`${m.key}/${wp.id}`);
            return wpCard(m, wp, before !== undefined && before !== wp.lane);
          }),
        ),
      ),
    );
    for (const wp of m.work_packages) state.drawnLanes.set(`${m.key}/${wp.id}`, wp.lane);
    root.replaceChildren(
      h(
        "div",
        { class: "b-head" },
        h("h2", null, m.mission_number ? `${m.mission_number} · ${missionName(m)}` : missionName(m)),
        h(
          "div",
          { class: "b-meta" },
          h("span", null, `phase: ${m.phase || "unreadable"}`),
          m.target_branch ? h("span", null, `target: ${m.target_branch}`) : null,
          m.mission_id ? h("span", { class: "mono" }, m.mission_id) : null,
          h("span", { class: "mono" }, m.source.dir),
        ),
      ),
      m.error
        ? null
        : h(
            "div",
            { class: "b-progress" },
            bar(m.progress_percentage),
            h(
              "div",
              { class: "b-meta" },
              `${m.done_wps}/${m.total_wps} done · ${pct(m.progress_percentage)} weighted`,
            ),
          ),
      notes.length ? h("div", { class: "notes" }, notes) : null,
      m.work_packages.length
        ? h("div", { class: "columns" }, columns)
        : h("p", { class: "empty" }, "No work packages yet."),
    );
  }

  function section(title, ...content) {
    return [h("h3", null, title), ...content.flat()];
  }

  function renderDetail(key, wpId) {
    const root = $("detail");
    const d = state.detail;
    if (!wpId || !d || d.mission_key !== key || d.card.id !== wpId) {
      root.hidden = true;
      root.replaceChildren();
      return;
    }
    const c = d.card;
    root.hidden = false;
    root.replaceChildren(
      h("a", { class: "close", href: missionHref(key) }, "close ✕"),
      h("h2", null, `${c.id} · ${c.title}`),
      h(
        "div",
        { class: "b-meta" },
        h("span", null, `lane: ${c.lane}`),
        c.execution_lane ? h("span", null, `execution lane: ${c.execution_lane}`) : null,
        personOf(c) ? h("span", null, `by ${personOf(c)}`) : null,
        d.path ? h("span", { class: "mono" }, d.path) : null,
      ),
      ...section(
        "Dependencies",
        c.dependencies.length
          ? h(
              "ul",
              null,
              c.dependencies.map((id) => {
                const blocker = c.blocked_by.find((b) => b.wp_id === id);
                return h(
                  "li",
                  null,
                  blocker ? `${id}: ${blocker.lane || "no such WP"} (blocks this WP)` : `${id}: done`,
                );
              }),
            )
          : h("p", { class: "empty" }, "None."),
      ),
      ...section(
        "Owned files",
        d.owned_files.length
          ? h(
              "ul",
              null,
              d.owned_files.map((f) => h("li", { class: "mono" }, f)),
            )
          : h("p", { class: "empty" }, "None declared."),
      ),
      ...section(
        "History",
        d.history.length
          ? h(
              "table",
              null,
              h(
                "tr",
                null,
                h("th", null, "when"),
                h("th", null, "move"),
                h("th", null, "by"),
                h("th", null, "why"),
              ),
              d.history.map((e) =>
                h(
                  "tr",
                  null,
                  h("td", { class: "mono" }, e.at),
                  h("td", null, `${e.from_lane} → ${e.to_lane}${e.force ? " (forced)" : ""}`),
                  h("td", null, e.actor),
                  h("td", null, e.reason || e.review_ref || ""),
                ),
              ),
            )
          : h("p", { class: "empty" }, "No status events yet."),
      ),
      ...section(
        "Review feedback",
        d.review_cycles.length
          ? d.review_cycles.map((r) =>
              h(
                "div",
                { class: "cycle" },
                h("div", { class: "c-line mono" }, `cycle ${r.number} · ${r.path}`),
                h("pre", null, r.text),
              ),
            )
          : h("p", { class: "empty" }, "No review cycles."),
      ),
      ...section(
        "Activity log",
        d.activity.length
          ? h(
              "ul",
              null,
              d.activity.map((line) => h("li", null, line)),
            )
          : h("p", { class: "empty" }, "Empty."),
      ),
      ...section("Frontmatter", h("pre", null, d.frontmatter)),
      ...section("Prompt", h("pre", null, d.body)),
    );
  }

  /** The mission on show: the one the URL names, else the most recently active one. */
  function selectedKey() {
    const { key } = route();
    return state.missions.has(key) ? key : defaultKey();
  }

  function stamp() {
    document.body.dataset.version = String(state.version);
    document.body.dataset.ready = "true";
  }

  function render() {
    const key = selectedKey();
    // Pin the default in the URL, so the board stays put when another mission becomes more active.
    if (key && route().key !== key) history.replaceState(null, "", missionHref(key));
    $("project").textContent = state.project;
    renderMissions(key);
    renderBoard(key);
    renderDetail(key, route().wp);
    document.title = state.project ? `${state.project} · spec-kitty` : "spec-kitty dashboard";
    stamp();
  }

  /** Redraws one mission's overview card in place (added, changed or gone). */
  function redrawMissionCard(key, selected) {
    const root = $("missions");
    const old = [...root.children].find((el) => el.dataset.mission === key);
    const m = state.missions.get(key);
    if (!m) {
      if (old) old.remove();
      return;
    }
    const fresh = missionCard(m, key === selected);
    if (old) {
      old.replaceWith(fresh);
      return;
    }
    const next = [...root.children].find((el) => el.dataset.mission && el.dataset.mission > key);
    if (!root.querySelector(".mission")) root.replaceChildren();
    root.insertBefore(fresh, next || null);
  }

  /** A streamed change: only the changed mission's card is redrawn, and its board when it is on show. */
  function onChange(change) {
    const before = selectedKey();
    if (!apply(change)) return;
    const key = change.mission ? change.mission.key : change.removed;
    if (selectedKey() !== before) {
      show();
      return;
    }
    redrawMissionCard(key, before);
    if (key === before) {
      renderBoard(key);
      if (route().wp) show();
    }
    stamp();
  }

  async function loadDetail() {
    const { key, wp } = route();
    if (!wp || !state.missions.has(key)) {
      state.detail = null;
      return;
    }
    if (snapshot) {
      state.detail = snapshot.details[key]?.[wp] || null;
      return;
    }
    const response = await fetch(`api/missions/${encodeURIComponent(key)}/wps/${encodeURIComponent(wp)}`);
    state.detail = response.ok ? await response.json() : null;
  }

  async function show() {
    await loadDetail();
    render();
  }

  function setLive(text, on) {
    const el = $("live");
    el.textContent = text;
    el.className = `live ${on ? "on" : "off"}`;
  }

  function replaceAll(data) {
    state.project = data.project;
    state.version = data.version;
    state.missions = new Map(data.missions.map((m) => [m.key, m]));
  }

  function apply(change) {
    if (change.version <= state.version) return false;
    state.version = change.version;
    if (change.mission) state.missions.set(change.mission.key, change.mission);
    if (change.removed) state.missions.delete(change.removed);
    return true;
  }

  /**
   * Loads the whole state and follows the stream, started together. The stream's first event says
   * which version the server was at when it began streaming; a load older than that missed changes
   * and is repeated. Changes that arrive during a load are applied after it, by version.
   */
  function live() {
    let loading = false;
    let streamedFrom = 0;
    let pending = [];
    const load = async () => {
      loading = true;
      try {
        const response = await fetch("api/missions");
        if (!response.ok) throw new Error(`api/missions: HTTP ${response.status}`);
        replaceAll(await response.json());
        for (const change of pending) apply(change);
        pending = [];
      } finally {
        loading = false;
      }
      if (state.version < streamedFrom) return load();
      await show();
    };
    const events = new EventSource("api/events");
    events.addEventListener("open", () => setLive("live", true));
    events.addEventListener("error", () => setLive("reconnecting…", false));
    events.addEventListener("hello", (event) => {
      streamedFrom = JSON.parse(event.data).version;
      if (!loading && state.version < streamedFrom) load().catch(failed);
    });
    events.addEventListener("change", (event) => {
      const change = JSON.parse(event.data);
      if (loading) pending.push(change);
      else onChange(change);
    });
    const failed = (error) => setLive(String(error.message || error), false);
    load().catch(failed);
  }

  window.addEventListener("hashchange", () => {
    show();
  });

  if (snapshot) {
    replaceAll(snapshot);
    setLive("static snapshot", false);
    show();
  } else {
    live();
  }
})();
