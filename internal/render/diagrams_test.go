package render

import (
	"bytes"
	"io/fs"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/waymark-dev/waymark/internal/browsertest"
	"github.com/waymark-dev/waymark/internal/sitetest"
	"github.com/waymark-dev/waymark/themes"
)

const mermaidFile = "assets/vendor/mermaid/mermaid.min.js"

// TestDiagramScriptOnlyWhereNeeded: the page with a mermaid block carries
// the diagram as escaped text and loads the renderer and its starter; a
// page without one loads neither. The renderer and its licence are
// published exactly as the theme embeds them (never minified again).
func TestDiagramScriptOnlyWhereNeeded(t *testing.T) {
	_, out := buildFS(t, sitetest.Txtar(t, "testdata/sites/diagrams.txtar"))
	with, without := string(out["decisions/0001-queue-flow/index.html"]), string(out["decisions/0002-no-diagram/index.html"])
	for _, want := range []string{
		`<pre class="mermaid">graph LR`,
		`shop[&quot;Shop &lt;web&gt;&quot;] --&gt; queue`,
		`src="../../assets/vendor/mermaid/mermaid.min.js"`,
		`src="../../assets/diagrams.js"`,
	} {
		if !strings.Contains(with, want) {
			t.Errorf("the page with a diagram lacks %s", want)
		}
	}
	if strings.Index(with, "mermaid.min.js") > strings.Index(with, "diagrams.js") {
		t.Error("diagrams.js is loaded before mermaid")
	}
	for name, page := range map[string]string{"record without diagram": without, "decision index": string(out["decisions/index.html"]), "home": string(out["index.html"])} {
		if page == "" {
			t.Fatalf("%s not built", name)
		}
		if strings.Contains(page, "mermaid") || strings.Contains(page, "diagrams.js") {
			t.Errorf("%s loads the diagram script", name)
		}
	}
	for _, name := range []string{"static/vendor/mermaid/mermaid.min.js", "static/vendor/mermaid/LICENSE"} {
		embedded, err := fs.ReadFile(themes.Default(), name)
		if err != nil {
			t.Fatalf("the theme does not embed %s: %v", name, err)
		}
		published := out["assets/"+strings.TrimPrefix(name, "static/")]
		if !bytes.Equal(published, embedded) {
			t.Errorf("%s is published changed (%d bytes, embedded %d)", name, len(published), len(embedded))
		}
	}
	if !bytes.Contains(out["assets/vendor/mermaid/LICENSE"], []byte("MIT License")) {
		t.Error("the mermaid licence is not the MIT licence it should be")
	}
}

// TestNoDiagramNoRenderer: a site whose markdown names no diagram does not
// publish the diagram renderer's files at all.
func TestNoDiagramNoRenderer(t *testing.T) {
	_, out := buildFS(t, sitetest.Txtar(t, "testdata/sites/names.txtar"))
	if len(out) == 0 {
		t.Fatal("nothing built")
	}
	for name := range out {
		if strings.HasPrefix(name, "assets/vendor/mermaid/") {
			t.Errorf("%s is published for a site without diagrams", name)
		}
	}
}

// TestBrowserDiagram: in Chromium, the mermaid block becomes an SVG
// drawing with the diagram's labels, with no console error.
func TestBrowserDiagram(t *testing.T) {
	_, files := buildFS(t, sitetest.Txtar(t, "testdata/sites/diagrams.txtar"))
	base := browsertest.Serve(t, files, "/guide/")
	b := browsertest.New(t)
	ctx := b.Ctx
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"decisions/0001-queue-flow/"), chromedp.WaitVisible(chromedp.CSS("h1"))); err != nil {
		t.Fatal(err)
	}
	if got := waitEval(ctx, `!!document.querySelector("pre.mermaid svg") && document.querySelector("pre.mermaid svg").textContent.includes("Orders queue")`, "true"); got != "true" {
		t.Fatalf("the diagram was not drawn as SVG: %s; %v", got, b.Errors())
	}
	labels, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("pre.mermaid svg").textContent`))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Shop", "Orders queue", "Billing", "Shipping"} {
		if !strings.Contains(labels, want) {
			t.Errorf("the drawing lacks %q: %q", want, labels)
		}
	}
	// The label's "<web>" was text, never an element.
	if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`!document.querySelector("web")`)); err != nil || !ok {
		t.Errorf("markup in a diagram's source became an element (%v)", err)
	}
	if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.body.innerText.includes("The text after the diagram.")`)); err != nil || !ok {
		t.Errorf("the text after the diagram is gone (%v)", err)
	}
	// The reader's dark scheme gets mermaid's dark theme (its nodes are
	// not the light theme's pale lavender).
	const lightFill = "#ECECFF"
	if !strings.Contains(labels, lightFill) {
		t.Fatalf("the light drawing lacks its node colour %s", lightFill)
	}
	if err := browsertest.ColorScheme(ctx, "dark"); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"decisions/0001-queue-flow/"), chromedp.WaitVisible(chromedp.CSS("h1"))); err != nil {
		t.Fatal(err)
	}
	if got := waitEval(ctx, `!!document.querySelector("pre.mermaid svg")`, "true"); got != "true" {
		t.Fatal("the diagram was not drawn in the dark scheme")
	}
	dark, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("pre.mermaid svg").textContent`))
	if err != nil || strings.Contains(dark, lightFill) {
		t.Errorf("the dark scheme's drawing has the light theme's colours (%v)", err)
	}
	b.NoErrors(t)
}

// TestBrowserDiagramWithoutScript: with JavaScript off, the diagram's
// source shows as text, as written.
func TestBrowserDiagramWithoutScript(t *testing.T) {
	_, files := buildFS(t, sitetest.Txtar(t, "testdata/sites/diagrams.txtar"))
	base := browsertest.Serve(t, files, "/guide/")
	b := browsertest.New(t)
	ctx := b.Ctx
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"decisions/0001-queue-flow/"), chromedp.WaitVisible(chromedp.CSS("pre.mermaid"))); err != nil {
		t.Fatal(err)
	}
	text, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("pre.mermaid")))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text, `shop["Shop <web>"] --> queue[(Orders queue)]`) {
		t.Errorf("without JavaScript the diagram reads %q, want its source", text)
	}
}
