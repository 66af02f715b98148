// Small progressive enhancements; every page works without them.
(function () {
  const csrf = document.querySelector('meta[name="csrf-token"]')?.content || "";

  // A compact menu on a phone: folded behind a button (without JavaScript it stays open).
  const menu = document.getElementById("menu");
  const menuButton = document.querySelector(".menu-btn");
  if (menu && menuButton) {
    const narrow = window.matchMedia("(max-width: 760px)");
    const set = open => { menuButton.setAttribute("aria-expanded", String(open)); menu.classList.toggle("closed", !open); };
    menuButton.hidden = false;
    set(!narrow.matches);
    menuButton.addEventListener("click", () => set(menuButton.getAttribute("aria-expanded") !== "true"));
    narrow.addEventListener("change", e => set(!e.matches));
  }

  // Ask before a form marked data-confirm does something that cannot be undone.
  document.querySelectorAll("form[data-confirm]").forEach(f => f.addEventListener("submit", ev => {
    if (!window.confirm(f.dataset.confirm)) ev.preventDefault();
  }));

  // Drag-and-drop upload onto the drop zone.
  const zone = document.getElementById("dropzone");
  const input = document.getElementById("file");
  if (zone && input) {
    const show = () => { document.getElementById("file-name").textContent = input.files[0] ? "Đã chọn: " + input.files[0].name : ""; };
    input.addEventListener("change", show);
    ["dragenter", "dragover"].forEach(e => zone.addEventListener(e, ev => { ev.preventDefault(); zone.classList.add("over"); }));
    ["dragleave", "drop"].forEach(e => zone.addEventListener(e, ev => { ev.preventDefault(); zone.classList.remove("over"); }));
    zone.addEventListener("drop", ev => { input.files = ev.dataTransfer.files; show(); });
    zone.addEventListener("keydown", ev => { if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); input.click(); } });
  }

  // Render with a live progress bar (polling the job), then reload to show the player.
  const form = document.getElementById("render-form");
  if (form) {
    form.addEventListener("submit", async ev => {
      ev.preventDefault();
      const status = document.getElementById("render-status");
      const bar = document.getElementById("render-progress");
      const body = { profile: form.profile.value, engine: form.engine.value || null };
      bar.hidden = false; status.textContent = "Đang bắt đầu…";
      const res = await fetch(`/api/v1/scripts/${form.dataset.script}/renders`, {
        method: "POST", headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf }, body: JSON.stringify(body) });
      const data = await res.json();
      if (!res.ok) { status.textContent = data.loi || "Không dựng được âm thanh."; status.className = "error"; return; }
      const poll = async () => {
        const r = await fetch(`/api/v1/render-jobs/${data.job}`);
        const job = await r.json();
        bar.max = job.total || 1; bar.value = job.done || 0;
        status.textContent = job.stage + (job.total > 1 ? ` (${job.done}/${job.total})` : "");
        if (job.status === "running" || job.status === "queued") { setTimeout(poll, 500); return; }
        if (job.status === "error") { status.textContent = job.error; status.className = "error"; return; }
        const notice = job.fallback_notice || job.notice;
        status.textContent = "Xong." + (notice ? " " + notice : "");
        // The result stays on the page (also after a reload): the address names the new render.
        location.replace(`/scripts/${form.dataset.script}?rendered=${job.render_id}#renders`);
      };
      poll();
    });
  }
})();
