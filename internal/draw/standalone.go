package draw

// standaloneStyle styles a standalone radar (RadarOptions.Standalone),
// which no page's stylesheet reaches: the default classes, light, and
// dark where the reader's system prefers it. Colours configured in
// waymark.yaml are style attributes on the elements and win over these.
const standaloneStyle = `<style>
svg{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;--bg:#fff;--fg:#1d232b;--muted:#56606c;--line:#d9dee4;
--ring-0:#e8f3ec;--ring-1:#e6eef8;--ring-2:#f8f0e0;--ring-3:#fbe9e7;--ring-4:#eef0f3;--ring-5:#f3eef8;--ring-6:#eef8f7;--ring-7:#f8eef3;
--q-0:#1a7f37;--q-1:#0b5cad;--q-2:#8a5a00;--q-3:#8e3b9a;--q-4:#0e7c86;--q-5:#a3432b;--q-6:#5157c0;--q-7:#66741c}
@media (prefers-color-scheme:dark){svg{--bg:#111418;--fg:#e6e9ed;--muted:#a3acb7;--line:#2e353e;
--ring-0:#16261c;--ring-1:#152232;--ring-2:#2a2313;--ring-3:#2e1b1a;--ring-4:#1d2127;--ring-5:#231d2b;--ring-6:#17292a;--ring-7:#2b1c24;
--q-0:#57c27a;--q-1:#6cb1ff;--q-2:#e0b050;--q-3:#d68ae0;--q-4:#4fc7cf;--q-5:#f08a6c;--q-6:#9ea2ff;--q-7:#b7c85a}}
.ring{stroke:var(--line);stroke-width:1}
.ring-0{fill:var(--ring-0)}.ring-1{fill:var(--ring-1)}.ring-2{fill:var(--ring-2)}.ring-3{fill:var(--ring-3)}
.ring-4{fill:var(--ring-4)}.ring-5{fill:var(--ring-5)}.ring-6{fill:var(--ring-6)}.ring-7{fill:var(--ring-7)}
.axis{stroke:var(--line);stroke-width:2}
.ring-label{fill:var(--muted);font-weight:600;paint-order:stroke;stroke:var(--bg);stroke-width:4px;stroke-linejoin:round}
.s-0{--c:var(--q-0)}.s-1{--c:var(--q-1)}.s-2{--c:var(--q-2)}.s-3{--c:var(--q-3)}.s-4{--c:var(--q-4)}.s-5{--c:var(--q-5)}.s-6{--c:var(--q-6)}.s-7{--c:var(--q-7)}
.sector text{fill:var(--c);font-weight:700}
.blip .target{fill:transparent}.blip .body{fill:var(--c)}.blip .marker{fill:none;stroke:var(--c);stroke-width:1.8}
.blip text{fill:var(--bg);font-weight:700}
.blip:hover .body{stroke:var(--fg);stroke-width:2.5}
</style>`
